import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  SearchService,
  startEmbeddedMeilisearch,
  toSynonyms,
  type EmbeddedMeilisearch,
  type IndexName,
} from '@skills-yunnan/search';
import type { ApiConfig } from '../config';
import { readDatasetMeta } from '../db/dataset-meta';
import { ReferenceData } from '../db/reference';
import { RegionTree } from '../regions/region.tree';
import { documentSources, loadColloquialTerms } from './search-sources';
import { SearchOutboxWorker, type OutboxWorkerOptions } from './search-outbox.worker';

const SWITCHED_OFF = 'search is switched off (SEARCH=off)';

/**
 * Search as the API runs it: the embedded Meilisearch (or an external one), its indexes kept
 * in step with the database. Starting never fails the API: when Meilisearch cannot be had,
 * search is reported as down and every other query keeps working.
 */
export class SearchRuntime {
  /** Applies queued changes (started by `watch`). */
  worker: SearchOutboxWorker | null = null;
  /** Times the embedded server was started again after it ended unexpectedly. */
  restarts = 0;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | null = null;

  private constructor(
    /** The server's client; replaced when the embedded server comes back on another port. */
    public service: SearchService | null,
    private embedded: EmbeddedMeilisearch | null,
    /** Why search is off, when it is. */
    readonly problem: string | null,
    private readonly restart: RestartPolicy | null = null,
  ) {
    if (embedded) this.supervise(embedded);
  }

  /** Starts or connects to Meilisearch per `config.search`. */
  static async start(config: ApiConfig, log: (line: string) => void = () => undefined): Promise<SearchRuntime> {
    const synonyms = toSynonyms(loadColloquialTerms());
    if (config.search.mode === 'off') return new SearchRuntime(null, null, SWITCHED_OFF);
    if (config.search.mode === 'external') {
      return new SearchRuntime(
        new SearchService({ url: config.search.url!, apiKey: config.search.masterKey! }, synonyms),
        null,
        null,
      );
    }
    try {
      const options = {
        dataDir: path.join(config.dataDir, 'meilisearch'),
        port: config.search.port,
        binary: config.search.binary,
      };
      const meili = await startEmbeddedMeilisearch(options);
      log(`Meilisearch ${meili.url} (embedded, pid ${meili.pid})`);
      return new SearchRuntime(new SearchService({ url: meili.url, apiKey: meili.masterKey }, synonyms), meili, null, {
        options,
        synonyms,
        log,
        failures: 0,
      });
    } catch (e) {
      const problem = (e as Error).message;
      log(`search is down: ${problem}`);
      return new SearchRuntime(null, null, problem);
    }
  }

  /** A runtime over an existing server (tests). */
  static over(service: SearchService): SearchRuntime {
    return new SearchRuntime(service, null, null);
  }

  /**
   * Brings the indexes in step with the database: settings that differ are applied, and when
   * the dataset or the index definitions changed since the last build, everything is reindexed
   * (atomically swapped in). Returns what was done.
   */
  async sync(
    orm: MikroORM,
    log: (line: string) => void = () => undefined,
    opts: { force?: boolean; onProgress?: (index: IndexName, done: number) => void } = {},
  ): Promise<'up-to-date' | 'reindexed' | 'down'> {
    const force = opts.force ?? false;
    const service = this.service;
    if (!service || !(await service.isHealthy())) return 'down';
    const meta = await readDatasetMeta(orm.em.fork());
    const version = `${meta['loaded.at'] ?? 'empty'}|${service.settingsVersion()}`;
    const changed = await service.applySettings();
    if (changed.length) log(`search settings applied to: ${changed.join(', ')}`);
    if (!force && (await service.indexedVersion()) === version) return 'up-to-date';
    const em = orm.em.fork() as SqlEntityManager;
    const sources = documentSources({
      em,
      regions: await RegionTree.load(em),
      reference: await ReferenceData.load(em),
      terms: loadColloquialTerms(),
    });
    const started = Date.now();
    const counts = await service.reindex(
      sources,
      version,
      opts.onProgress ?? ((index, done) => log(`  indexing ${index}: ${done}`)),
    );
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const seconds = (Date.now() - started) / 1000;
    log(`search reindexed: ${total} documents in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} documents/s)`);
    return 'reindexed';
  }

  /** Starts applying the changes application writes queue (see SearchOutboxSubscriber). */
  watch(orm: MikroORM, opts?: OutboxWorkerOptions): SearchOutboxWorker {
    this.worker = new SearchOutboxWorker(orm, this, opts);
    this.worker.start();
    return this.worker;
  }

  /** `ok`, `degraded` (configured but not answering) or `off`. */
  async status(): Promise<'ok' | 'degraded' | 'off'> {
    if (!this.service) return this.problem === SWITCHED_OFF ? 'off' : 'degraded';
    return (await this.service.isHealthy()) ? 'ok' : 'degraded';
  }

  /** Stops the embedded server, if this process started one. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    await this.worker?.stop();
    await this.embedded?.stop();
  }

  /**
   * Starts the embedded server again whenever it ends unexpectedly (crashed, killed, out of
   * memory), after a pause that doubles with each failed try (1 s … 60 s) and is forgotten once
   * a server has run for a minute. Meanwhile search answers SEARCH_UNAVAILABLE, /health says
   * `degraded`, and writes wait in the outbox, which is drained as soon as the server is back.
   */
  private supervise(meili: EmbeddedMeilisearch): void {
    const policy = this.restart;
    if (!policy) return;
    const startedAt = Date.now();
    meili.onUnexpectedExit((code, signal) => {
      if (this.stopped) return;
      // A server that dies soon after starting counts as a failed try too: the pause grows.
      policy.failures = Date.now() - startedAt > RESTART_RESET_MS ? 0 : policy.failures + (this.restarts > 0 ? 1 : 0);
      const tryStart = async () => {
        this.restartTimer = null;
        if (this.stopped) return;
        try {
          // The same port if it is still free, so the site's search endpoint stays right.
          const port = Number(new URL(meili.url).port);
          const next = await startEmbeddedMeilisearch({ ...policy.options, port });
          if (this.stopped) return void (await next.stop());
          this.embedded = next;
          this.restarts += 1;
          if (next.url !== this.service?.connection.url)
            this.service = new SearchService({ url: next.url, apiKey: next.masterKey }, policy.synonyms);
          policy.log(`Meilisearch is back at ${next.url} (pid ${next.pid})`);
          this.supervise(next);
          void this.worker?.drain();
        } catch (e) {
          policy.failures += 1;
          policy.log(`Meilisearch did not start again: ${(e as Error).message}`);
          this.restartTimer = setTimeout(() => void tryStart(), backoff(policy.failures)).unref();
        }
      };
      policy.log(
        `Meilisearch ended unexpectedly (${signal ?? `exit code ${code}`}): starting it again in ${backoff(policy.failures) / 1000} s`,
      );
      this.restartTimer = setTimeout(() => void tryStart(), backoff(policy.failures)).unref();
    });
  }
}

/** How the embedded server is started again (see `SearchRuntime.supervise`). */
interface RestartPolicy {
  options: Parameters<typeof startEmbeddedMeilisearch>[0];
  synonyms: ReturnType<typeof toSynonyms>;
  log: (line: string) => void;
  /** Failed tries since the server last ran for a while. */
  failures: number;
}

/** A server that ran this long (ms) counts as started well: the back-off starts over. */
const RESTART_RESET_MS = 60_000;

/** The pause before try `failures + 1`: 1 s, 2 s, 4 s … at most 60 s. */
const backoff = (failures: number) => Math.min(1_000 * 2 ** failures, 60_000);
