import { Entity, Index, PrimaryKey, Property, type EntityManager } from '@mikro-orm/core';
import type { IndexName } from '@skills-yunnan/search';
import { noteChanges, type ChangedType } from '../db/record-changes';

/**
 * A record whose search document must be refreshed: written in the same transaction as the
 * change itself, so no change is lost when Meilisearch is away; drained by SearchOutboxWorker.
 */
@Entity({ tableName: 'search_outbox' })
@Index({ properties: ['indexName', 'documentKey'] })
export class SearchOutbox {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** `courses`, `occupations`, `institutions`, `agencies` or `notices`. */
  @Property({ type: 'string', length: 32 })
  indexName!: string;

  /** The document's primary key in that index (as text). */
  @Property({ type: 'string', length: 64 })
  documentKey!: string;

  @Property({ type: 'datetime' })
  queuedAt: Date = new Date();

  /** Failed attempts so far. */
  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'string', length: 512, nullable: true })
  lastError?: string | null;
}

/** The record type whose pages a search document's record has. */
const RECORD_TYPE: Record<IndexName, ChangedType> = {
  courses: 'Course',
  occupations: 'Occupation',
  institutions: 'Institution',
  agencies: 'EvaluationAgency',
  notices: 'SubsidyNotice',
};

/**
 * Queues search documents for refresh inside `em`'s transaction, so they commit or roll back
 * with the write: every write that changes a searched record (native inserts and updates pass
 * the outbox subscriber by) calls this, once per index. The records are noted in the feed of
 * changed records too (`recordChanges`), which the site builder reads.
 * @example await queueSearch(tx, 'courses', courseId);
 * @example await queueSearch(tx, 'courses', courses.map((c) => c.id)); // none queued for []
 */
export async function queueSearch(
  em: EntityManager,
  index: IndexName,
  key: string | number | readonly (string | number)[],
): Promise<void> {
  const keys = typeof key === 'object' ? key : [key];
  if (keys.length === 0) return;
  await em.insertMany(
    SearchOutbox,
    keys.map((k) => ({ indexName: index, documentKey: String(k), queuedAt: new Date(), attempts: 0 })),
  );
  await noteChanges(em, RECORD_TYPE[index], keys);
}
