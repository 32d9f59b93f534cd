import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A record whose public pages changed, written in the same transaction as the change (by the
 * writes that queue search documents, and by the outbox subscriber for the others), so a
 * reader of the feed (`recordChanges`: the site builder, a mirror) misses none. Append-only.
 */
@Entity({ tableName: 'record_change' })
@Index({ properties: ['txid', 'id'] })
export class RecordChange {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /**
   * PostgreSQL: the writing transaction's id (`pg_current_xact_id()`), which orders the feed
   * safely: ids are handed out before commit, so a row with a lower id may commit after one
   * with a higher id, while a transaction id below the oldest running one is final. SQLite
   * (one writer at a time, ids in commit order): 0.
   */
  @Property({ type: 'bigint' })
  txid!: string;

  @Property({ type: 'datetime' })
  at!: Date;

  /** The record's GraphQL type, e.g. `Course`, `SubsidyNotice`. */
  @Property({ type: 'string', length: 32 })
  recordType!: string;

  /** The key inside its global ID: a row id or an occupation code. */
  @Property({ type: 'string', length: 64 })
  recordKey!: string;
}
