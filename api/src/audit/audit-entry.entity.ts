import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One write, as the audit trail keeps it: who (publisher and key), when, what (action and
 * record) and the SHA-256 of the record's canonical JSON before and after. Rows are only ever
 * added: nothing updates or deletes them.
 */
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['entityType', 'entityKey'] })
export class AuditEntry {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'datetime' })
  @Index()
  at!: Date;

  /** The publisher's id, or null for a command run on the server (the seed, a CLI import). */
  @Property({ type: 'integer', nullable: true })
  @Index()
  publisherId?: number | null;

  /** Who, as people read it: the bureau's name, or `cli:<command>`. */
  @Property({ type: 'string', length: 160 })
  actor!: string;

  /** The public id of the key used (never the key). */
  @Property({ type: 'string', length: 32, nullable: true })
  keyId?: string | null;

  /** What was done, e.g. `notice.publish`, `notice.withdraw`, `objection.decide`. */
  @Property({ type: 'string', length: 64 })
  action!: string;

  /** The kind of record, e.g. `SubsidyNotice`. */
  @Property({ type: 'string', length: 64 })
  entityType!: string;

  /** The record's natural key, e.g. the notice number. */
  @Property({ type: 'string', length: 128 })
  entityKey!: string;

  /** The region the write was for (the scope it was checked against). */
  @Property({ type: 'string', length: 6, nullable: true })
  region?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  beforeSha256?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  afterSha256?: string | null;

  /** One line on what changed, without personal data. */
  @Property({ type: 'string', length: 512 })
  summary!: string;
}
