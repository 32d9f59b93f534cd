import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { INDEX_NAMES, type IndexName, type SearchService } from '@skills-yunnan/search';
import { ADVISORY_LOCKS, ifFree } from '../db/advisory-locks';
import { onPostgres } from '../db/postgres';
import { ReferenceData } from '../db/reference';
import { findRows } from '../db/rows';
import { RegionTree } from '../regions/region.tree';
import { SearchOutbox } from './search-outbox.entity';
import { documentsFor, loadColloquialTerms } from './search-sources';

/** Options of {@link SearchOutboxWorker}. */
export interface OutboxWorkerOptions {
  /** Pause between polls, ms (default 1,000). */
  intervalMs?: number;
  /** Rows taken per drain round (default 500). */
  batchSize?: number;
}

/**
 * Applies queued search changes to Meilisearch: documents are rebuilt from the database at the
 * time of sending (so the latest state wins and repeats are harmless), upserted or removed, and
 * the queue rows deleted only after Meilisearch confirmed. When Meilisearch is away the rows
 * stay, their attempts counted, and are retried on the next poll. On PostgreSQL, one replica at a
 * time drains (an advisory lock taken if free, else the round is skipped).
 */
/** What the worker needs of the search runtime: its current client (null while search is down). */
export interface SearchClientHolder {
  readonly service: SearchService | null;
}

export class SearchOutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  /** The colloquial-term file is part of the release, not of the data: read once. */
  private readonly terms = loadColloquialTerms();

  constructor(
    private readonly orm: MikroORM,
    private readonly search: SearchClientHolder,
    private readonly opts: OutboxWorkerOptions = {},
  ) {}

  /** Polls in the background until `stop()`. */
  start(): void {
    const tick = async () => {
      await this.drain().catch(() => 0);
      this.timer = setTimeout(tick, this.opts.intervalMs ?? 1_000);
      this.timer.unref();
    };
    this.timer = setTimeout(tick, 0);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** How many changes wait to reach search. */
  async pending(): Promise<number> {
    return this.orm.em.fork().count(SearchOutbox, {});
  }

  /** Sends everything queued now; returns how many queue rows were applied (0 when search is away). */
  drain(): Promise<number> {
    this.running ??= this.drainOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drainOnce(): Promise<number> {
    const service = this.search.service;
    if (!service) return 0;
    if (!onPostgres(this.orm)) return this.drainRows(service);
    const em = this.orm.em.fork() as SqlEntityManager;
    // Most polls find nothing: one read then, rather than taking and releasing the lock.
    if ((await findRows(em, SearchOutbox, {}, { id: 'asc' }, 1)).length === 0) return 0;
    // API replicas share one outbox: one drains at a time (the others skip the round), so each
    // row is sent once and a record's later change never reaches search before an earlier one.
    return (await ifFree(em, ADVISORY_LOCKS.searchOutbox, () => this.drainRows(service))) ?? 0;
  }

  private async drainRows(service: SearchService): Promise<number> {
    let applied = 0;
    for (;;) {
      const em = this.orm.em.fork() as SqlEntityManager;
      const rows = await findRows(em, SearchOutbox, {}, { id: 'asc' }, this.opts.batchSize ?? 500);
      if (rows.length === 0) return applied;
      try {
        const ctx = {
          em,
          regions: await RegionTree.load(em),
          reference: await ReferenceData.load(em),
          terms: this.terms,
        };
        for (const index of INDEX_NAMES) {
          const keys = [...new Set(rows.filter((r) => r.indexName === index).map((r) => r.documentKey))];
          if (keys.length === 0) continue;
          const { documents, missing } = await documentsFor(ctx, index as IndexName, keys);
          await service.upsert(index, documents);
          await service.remove(index, missing);
        }
        await em.nativeDelete(SearchOutbox, { id: { $in: rows.map((r) => r.id) } });
        applied += rows.length;
      } catch (e) {
        const message = (e as Error).message.slice(0, 500);
        await em.nativeUpdate(SearchOutbox, { id: { $in: rows.map((r) => r.id) } }, { lastError: message });
        await em
          .getConnection()
          .execute(
            `update search_outbox set attempts = attempts + 1 where id in (${rows.map((r) => Number(r.id)).join(',')})`,
          );
        return applied;
      }
    }
  }
}
