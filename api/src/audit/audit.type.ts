import { Field, InputType, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { AuditEntry } from './audit-entry.entity';
import type { Row } from '../db/rows';

@ObjectType('AuditEntry', {
  description:
    'One write: who, when, what, and the SHA-256 of the record before and after. Entries are only ever added.',
})
export class AuditEntryObject {
  @Field(() => GraphQLDateTime, { description: 'When the write was committed.' })
  at!: Date;

  @Field({ description: "Who: the bureau's name, or `cli:<command>` for a command run on the server." })
  actor!: string;

  @Field(() => String, { nullable: true, description: 'Public id of the API key used (never the key).' })
  keyId!: string | null;

  @Field({
    description:
      'What was done, e.g. `notice.publish`, `notice.withdraw`, `notice.correct`, `objection.record`, `objection.decide`.',
  })
  action!: string;

  @Field({ description: 'Kind of record, e.g. `SubsidyNotice`.' })
  entityType!: string;

  @Field({ description: "The record's natural key, e.g. the notice number." })
  entityKey!: string;

  @Field(() => String, { nullable: true, description: 'Region code the write was checked against.' })
  region!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "SHA-256 of the record's canonical JSON before the write (null for a creation).",
  })
  beforeSha256!: string | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 after the write.' })
  afterSha256!: string | null;

  @Field({ description: 'What changed, in one line, without personal data.' })
  summary!: string;

  static from(a: Row<AuditEntry>): AuditEntryObject {
    return Object.assign(new AuditEntryObject(), {
      at: new Date(a.at),
      actor: a.actor,
      keyId: a.keyId ?? null,
      action: a.action,
      entityType: a.entityType,
      entityKey: a.entityKey,
      region: a.region ?? null,
      beforeSha256: a.beforeSha256 ?? null,
      afterSha256: a.afterSha256 ?? null,
      summary: a.summary,
    });
  }
}

@InputType({ description: 'Narrows the audit trail; all given conditions must hold.' })
export class AuditFilter {
  @Field(() => String, { nullable: true, description: 'Kind of record, e.g. `SubsidyNotice`.' })
  entityType?: string | null;

  @Field(() => String, { nullable: true, description: 'Natural key of one record, e.g. a notice number.' })
  entityKey?: string | null;

  @Field(() => String, { nullable: true, description: 'An action, e.g. `notice.withdraw`.' })
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'Writes for this region code.' })
  region?: string | null;
}
