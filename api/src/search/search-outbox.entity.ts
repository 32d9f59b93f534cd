import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

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
