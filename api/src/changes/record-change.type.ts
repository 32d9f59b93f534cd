import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** The kinds of record the feed of changes names: each a GraphQL type with `node(id:)`. */
export enum ChangedRecordType {
  COURSE = 'Course',
  INSTITUTION = 'Institution',
  EVALUATION_AGENCY = 'EvaluationAgency',
  OCCUPATION = 'Occupation',
  DIRECTORY_EDITION = 'DirectoryEdition',
  DIRECTORY_ENTRY = 'DirectoryEntry',
  SUBSIDY_NOTICE = 'SubsidyNotice',
  ANNUAL_TARGET = 'AnnualTarget',
  LOG_CHECKPOINT = 'LogCheckpoint',
}

registerEnumType(ChangedRecordType, {
  name: 'ChangedRecordType',
  description: 'The GraphQL type of a changed record (`node(id:)` loads it).',
  valuesConfig: {
    COURSE: { description: 'A class (`Course`): approved, changed or cancelled.' },
    INSTITUTION: { description: 'A training institution, its licence or its standing (blacklistings).' },
    EVALUATION_AGENCY: { description: 'A skill evaluation agency, its recorded scope or its fees.' },
    OCCUPATION: { description: 'An occupation whose directory entries changed.' },
    DIRECTORY_EDITION: { description: "A year's edition of the directory, published." },
    DIRECTORY_ENTRY: { description: 'An entry of the subsidised occupation directory.' },
    SUBSIDY_NOTICE: {
      description: 'A subsidy notice: published, corrected, withdrawn, or an objection recorded or decided.',
    },
    ANNUAL_TARGET: { description: 'A figure of the annual target tables.' },
    LOG_CHECKPOINT: { description: 'A checkpoint of the disclosure log cosigned by a witness (its size is the key).' },
  },
});

@ObjectType('RecordChange', {
  description:
    'A record whose public data changed: the site builder rebuilds its pages from this feed, a mirror re-reads the record (`node(id:)`; null there once it is gone).',
})
export class RecordChangeObject {
  @Field(() => ChangedRecordType, { description: 'What kind of record changed.' })
  recordType!: ChangedRecordType;

  @Field(() => ID, { description: "The record's global ID, as its own `id` field gives it." })
  recordId!: string;

  @Field(() => GraphQLDateTime, { description: 'When the change was written.' })
  at!: Date;
}
