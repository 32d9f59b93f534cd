/**
 * The API's metrics in Prometheus's text format (prom-client), served at `/metrics` to the
 * addresses `METRICS_ALLOW` names. Each replica counts its own requests; Prometheus scrapes each
 * replica and sums them. Labels take only bounded values: a client choosing operation names
 * must not be able to grow the registry without end.
 */
import http from 'node:http';
import type { RequestHandler } from 'express';
import proxyaddr from 'proxy-addr';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { recordOf, type RequestRecord } from './request-record';

/** Distinct values a label keeps before the rest are counted as `other`. */
export const DISTINCT_LABEL_VALUES = 100;

/**
 * Label values as given while they are well formed and fewer than `max` distinct ones were seen,
 * `other` after that.
 * @example const names = new BoundedLabel(/^\w+$/, 2); names.of('a'); names.of('b'); names.of('c') // 'other'
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();
  constructor(
    private readonly form: RegExp,
    private readonly max = DISTINCT_LABEL_VALUES,
  ) {}

  of(value: string): string {
    if (!this.form.test(value)) return 'other';
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(value);
    return value;
  }
}

/**
 * The part of the API a path belongs to: the label of request counts.
 * @example routeOf('/downloads/notices/N1.csv') // 'downloads'
 */
export function routeOf(path: string): string {
  if (path === '/graphql') return 'graphql';
  if (path === '/schema.graphql') return 'schema';
  const first = path.split('/')[1] ?? '';
  return ['health', 'downloads', 'log', 'ide', 'metrics'].includes(first) ? first : 'other';
}

/** What the metrics read when scraped: search's state and the disclosure log's. */
export interface MetricSources {
  /** Search's state, and how many changes wait to reach it (null: search is off or has no worker). */
  search?: () => Promise<{ status: string; pending: number | null }>;
  /** The log's size, the size of its latest signed checkpoint and when it was signed. */
  log?: () => Promise<{ size: number; signedSize: number; signedAt: Date | null }>;
}

/** How a site build ended, as `npm start`'s builder reports it. */
export type BuildOutcome = 'full' | 'partial' | 'reused' | 'failed';

const SEARCH_STATES = ['ok', 'degraded', 'off'] as const;

/**
 * A site builder's state in `registry`: `npm start`'s (in the API's metrics) or the
 * site-builder service's (`build-site --metrics PORT`).
 * @example const builds = new BuildMetrics(registry); builds.started(); builds.ended('partial', 4.2);
 */
export class BuildMetrics {
  private readonly builds: Counter<'outcome'>;
  private readonly building: Gauge;
  private readonly seconds: Gauge;
  private readonly builtAt: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.builds = new Counter({
      name: 'catalogue_site_builds_total',
      help: 'Site builds run by this process, by outcome (full, partial, reused, failed).',
      labelNames: ['outcome'] as const,
      registers,
    });
    this.building = new Gauge({
      name: 'catalogue_site_build_running',
      help: '1 while this process builds the site.',
      registers,
    });
    this.seconds = new Gauge({
      name: 'catalogue_site_build_last_duration_seconds',
      help: 'How long the last site build took.',
      registers,
    });
    this.builtAt = new Gauge({
      name: 'catalogue_site_build_last_success_timestamp_seconds',
      help: 'When the last site build that succeeded ended (Unix time).',
      registers,
    });
  }

  /** A build started. */
  started(): void {
    this.building.set(1);
  }

  /** A build ended, after `seconds`. */
  ended(outcome: BuildOutcome, seconds: number): void {
    this.building.set(0);
    this.builds.inc({ outcome });
    this.seconds.set(seconds);
    if (outcome !== 'failed') this.builtAt.set(Date.now() / 1000);
  }

  /**
   * Runs a build, noting that it runs, how it ended and how long it took.
   * @example const result = await builds.measure(() => buildSite(opts));
   */
  async measure<T extends { kind: BuildOutcome }>(run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    this.started();
    try {
      const result = await run();
      this.ended(result.kind, (performance.now() - started) / 1000);
      return result;
    } catch (e) {
      this.ended('failed', (performance.now() - started) / 1000);
      throw e;
    }
  }
}

/**
 * A bare HTTP server answering `GET /metrics` from `registry` (and 404 to anything else), for a
 * process with no other server: the site-builder service.
 * @example await serveMetrics(registry, '0.0.0.0', 9464);
 */
export async function serveMetrics(registry: Registry, host: string, port: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: the metrics are at /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('the metrics could not be read\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

/**
 * `read` shared by the gauges that collect at once in one scrape (prom-client collects them
 * together), and null when it fails: a database that does not answer makes those gauges NaN
 * (unknown) rather than failing the scrape.
 */
function oncePerScrape<T>(read: () => Promise<T>): () => Promise<T | null> {
  let last: Promise<T | null> | null = null;
  return () => {
    last ??= read()
      .catch(() => null)
      .finally(() => setImmediate(() => (last = null)));
    return last;
  };
}

/**
 * One API process's metrics. Names start with `catalogue_`; Node's own (CPU, memory, event
 * loop, GC) come from prom-client's defaults.
 * @example const metrics = new ApiMetrics(); app.use(metrics.counting()); app.get('/metrics', metrics.endpoint(['loopback']));
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly operations = new BoundedLabel(/^[_A-Za-z][_0-9A-Za-z]{0,63}$/);
  private readonly codes = new BoundedLabel(/^[A-Z][A-Z0-9_]{0,63}$/);
  private readonly requests = new Counter({
    name: 'catalogue_http_requests_total',
    help: 'HTTP requests answered, by part of the API (graphql, downloads, log, …), method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  private readonly operationSeconds = new Histogram({
    name: 'catalogue_graphql_operation_duration_seconds',
    help: 'Time from receiving a GraphQL request to its answer, by operation name (anonymous, or other past 100 names) and type.',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'catalogue_graphql_errors_total',
    help: 'Errors in GraphQL answers, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly refusals = new Counter({
    name: 'catalogue_rate_limit_refusals_total',
    help: 'Requests refused with 429, by the limit they passed (reads, writes-by-key, writes-by-ip, downloads, cosignatures).',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });
  private readonly cache = new Counter({
    name: 'catalogue_response_cache_total',
    help: 'Anonymous GraphQL GETs by how the response cache answered: hit (a kept answer), not_modified (304) or miss (run).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  /** The site builder's state, when this process runs it (`npm start`). */
  readonly builds = new BuildMetrics(this.registry);

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /**
   * Middleware that counts each request when its answer is sent: by route and status, and for
   * GraphQL its duration by operation, its error codes and the cache's part (from its record).
   */
  counting(): RequestHandler {
    return (req, res, next) => {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const route = routeOf(req.path);
        this.requests.inc({ route, method: req.method, status: String(res.statusCode) });
        if (route === 'graphql') this.graphql(recordOf(res), seconds);
      });
      next();
    };
  }

  private graphql(r: RequestRecord, seconds: number): void {
    if (r.cache) this.cache.inc({ result: r.cache });
    for (const code of r.errorCodes) this.errors.inc({ code: this.codes.of(code) });
    // A request refused before its operation was known (a bad body, a used-up allowance) has no operation to time.
    if (!r.operationType && !r.cache) return;
    const operation = r.operation ? this.operations.of(r.operation) : 'anonymous';
    this.operationSeconds.observe({ operation, type: r.operationType ?? 'query' }, seconds);
  }

  /** Counts a 429 by the limit it passed. */
  refused(limit: string): void {
    this.refusals.inc({ limit });
  }

  /**
   * Gauges read when scraped: search's state and backlog, the disclosure log's size and signing.
   * @example metrics.watch({ search: async () => ({ status: await runtime.status(), pending: 0 }) });
   */
  watch(sources: MetricSources): void {
    if (sources.search) this.watchSearch(sources.search);
    if (sources.log) this.watchLog(sources.log);
  }

  private watchSearch(read: NonNullable<MetricSources['search']>): void {
    const registers = [this.registry];
    const state = oncePerScrape(read);
    new Gauge({
      name: 'catalogue_search_status',
      help: '1 for search’s current state (ok, degraded or off), 0 for the others.',
      labelNames: ['status'] as const,
      registers,
      async collect() {
        const status = (await state())?.status;
        if (status) for (const s of SEARCH_STATES) this.set({ status: s }, s === status ? 1 : 0);
      },
    });
    new Gauge({
      name: 'catalogue_search_outbox_pending',
      help: 'Changes written to the database and not yet sent to search.',
      registers,
      async collect() {
        const read = await state();
        this.set(read ? (read.pending ?? 0) : Number.NaN);
      },
    });
  }

  private watchLog(read: NonNullable<MetricSources['log']>): void {
    const registers = [this.registry];
    const state = oncePerScrape(read);
    new Gauge({
      name: 'catalogue_log_entries',
      help: 'Entries in the disclosure log.',
      registers,
      async collect() {
        this.set((await state())?.size ?? Number.NaN);
      },
    });
    new Gauge({
      name: 'catalogue_log_signed_entries',
      help: 'Entries covered by the latest signed checkpoint (behind catalogue_log_entries until it is signed).',
      registers,
      async collect() {
        this.set((await state())?.signedSize ?? Number.NaN);
      },
    });
    new Gauge({
      name: 'catalogue_log_last_signed_timestamp_seconds',
      help: 'When the latest checkpoint was signed (Unix time).',
      registers,
      async collect() {
        const read = await state();
        // 0 before the first checkpoint.
        this.set(read ? (read.signedAt?.getTime() ?? 0) / 1000 : Number.NaN);
      },
    });
  }

  /**
   * `/metrics` for the addresses `allow` names (`METRICS_ALLOW`), as the app's `trust proxy`
   * reports them; everyone else gets the ordinary 404, which tells nothing.
   * @example app.get('/metrics', metrics.endpoint(['loopback', 'uniquelocal']));
   */
  endpoint(allow: string[]): RequestHandler {
    const allowed = proxyaddr.compile(allow);
    return async (req, res, next) => {
      if (!allow.length || !allowed(req.ip ?? '', 0)) return next();
      try {
        const text = await this.registry.metrics();
        res.setHeader('Cache-Control', 'no-store');
        res.type(this.registry.contentType).send(text);
      } catch (e) {
        next(e);
      }
    };
  }
}
