import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { CertificateType, SkillLevel } from '../common/enums';
import { Node, toGlobalId } from '../graphql/node';
import type { Row } from '../db/rows';
import type { DirectoryEdition, DirectoryEntry } from './directory.entity';

@ObjectType('DirectoryEdition', {
  implements: Node,
  description: "One year's subsidised occupation directory (年度培训补贴工种目录, 云人社通〔2022〕50号 (四)).",
})
export class DirectoryEditionObject extends Node {
  @Field(() => Int, { description: 'The year the directory applies to: the natural key.' })
  year!: number;

  @Field({ description: 'Issuing document number as printed.' })
  documentNumber!: string;

  @Field({ description: 'Title as printed.' })
  title!: string;

  @Field(() => GraphQLLocalDate, { description: 'Publication date.' })
  publishedOn!: string;

  @Field({ description: 'True for generated demonstration data, not an official directory.' })
  isDemo!: boolean;

  @Field({ description: 'Where this edition comes from.' })
  source!: string;

  static from(e: Row<DirectoryEdition>): DirectoryEditionObject {
    return Object.assign(new DirectoryEditionObject(), {
      id: toGlobalId('DirectoryEdition', e.year),
      year: e.year,
      documentNumber: e.documentNumber,
      title: e.title,
      publishedOn: e.publishedOn,
      isDemo: e.isDemo,
      source: e.source,
    });
  }
}

@ObjectType('DirectoryEntry', {
  implements: Node,
  description:
    'An occupation × certificate type × level admitted to a directory edition, with its minimum hours and subsidy.',
})
export class DirectoryEntryObject extends Node {
  @Field(() => Int, { description: 'Year of the edition.' })
  year!: number;

  @Field(() => CertificateType, { description: 'Certificate the training leads to.' })
  certificateType!: CertificateType;

  @Field(() => SkillLevel, { description: 'Skill level.' })
  level!: SkillLevel;

  @Field(() => Int, { description: 'Minimum class hours (课时).' })
  minHours!: number;

  @Field(() => Int, { description: 'Subsidy standard per eligible trainee, whole 元.' })
  subsidyPerTrainee!: number;

  @Field({ description: "In the province's key occupation guidance (重点培训职业(工种)指引)." })
  isKeyOccupation!: boolean;

  @Field(() => GraphQLLocalDate, {
    description: 'First day in force; after 1 January for a mid-year addition (动态增补, 50号 (十七)).',
  })
  effectiveFrom!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day in force, inclusive; null while in force.' })
  effectiveTo!: string | null;

  @Field({ description: 'True for generated demonstration data.' })
  isDemo!: boolean;

  /** Hidden: the row, for relation resolvers. */
  row!: Row<DirectoryEntry>;

  static from(e: Row<DirectoryEntry>): DirectoryEntryObject {
    return Object.assign(new DirectoryEntryObject(), {
      id: toGlobalId('DirectoryEntry', e.id),
      year: e.edition,
      certificateType: e.certificateType,
      level: e.level,
      minHours: e.minHours,
      subsidyPerTrainee: e.subsidyPerTrainee,
      isKeyOccupation: e.isKeyOccupation,
      effectiveFrom: e.effectiveFrom,
      effectiveTo: e.effectiveTo ?? null,
      isDemo: e.isDemo,
      row: e,
    });
  }
}
