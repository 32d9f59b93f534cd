import proxyaddr from 'proxy-addr';
import path from 'node:path';
import { SLICE_RECORDS } from './site/site-builder';

/** Limits per minute; 0 turns a limit off. */
export interface RateLimits {
  /** Read points per client address per minute. Default 6000 (`RATE_LIMIT_READ_POINTS`). */
  readPointsPerIp: number;
  /** Writes per API key per minute. Default 60 (`RATE_LIMIT_WRITES_PER_KEY`). */
  writesPerKey: number;
  /** Writes per client address per minute. Default 120 (`RATE_LIMIT_WRITES_PER_IP`). */
  writesPerIp: number;
  /** Notice downloads (CSV, JSON) per client address per minute. Default 120 (`RATE_LIMIT_DOWNLOADS`). */
  downloadsPerIp: number;
  /**
   * Client addresses whose reads are not limited: the site builder, which reads the whole
   * catalogue at every full build (`RATE_LIMIT_EXEMPT`, comma-separated addresses, CIDR ranges or
   * `loopback`, `linklocal`, `uniquelocal`, as Express's `trust proxy` takes them; `none` for
   * nobody). Default `loopback`: `npm start`'s builder. Writes are limited whoever sends them.
   * @example ['loopback', '172.16.0.0/12']
   */
  exempt: string[];
}

/** pino's levels, and `silent`. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function logLevel(env: NodeJS.ProcessEnv): LogLevel {
  const raw = env.LOG_LEVEL?.trim() || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw))
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return raw as LogLevel;
}

/** Which database the API talks to. */
export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgresql'; url: string };

/** Everything the API reads from its environment, read once at start. */
export interface ApiConfig {
  /** HTTP port. Default 4000 (`PORT`). */
  port: number;
  /** Interface to bind. Default `127.0.0.1` (`HOST`); docker-compose sets `0.0.0.0`. */
  host: string;
  /** Where the embedded SQLite file and other local state live. Default `<repo>/.data` (`DATA_DIR`). */
  dataDir: string;
  /** SQLite under `dataDir` unless `DATABASE_URL` is a `postgres://` URL. */
  database: DatabaseConfig;
  /** Demo generator scale on first start. Default 1 (`DEMO_SCALE`); 0 loads reference data only. */
  demoScale: number;
  /** Demo generator seed. Default 20220211 (`DEMO_SEED`). */
  demoSeed: number;
  /**
   * Development mode (`NODE_ENV=development` only; default false, also when NODE_ENV is unset)
   * shows stack traces in the API's errors and the database's own error on /health.
   */
  development: boolean;
  /** Fixed "today" for reproducible builds and tests (`CATALOGUE_TODAY`, `YYYY-MM-DD`); default: the date in China. */
  fixedToday: string | null;
  /** Maximum query cost per operation. Default 5000 (`QUERY_COST_LIMIT`). */
  queryCostLimit: number;
  /** Maximum nesting depth of an operation. Default 12 (`QUERY_DEPTH_LIMIT`). */
  queryDepthLimit: number;
  /** Maximum aliases in an operation (fragments included). Default 30 (`QUERY_ALIAS_LIMIT`). */
  queryAliasLimit: number;
  /** Maximum lexical tokens in a document, checked while parsing. Default 1000, as GraphQL Armor's (`QUERY_TOKEN_LIMIT`). */
  queryTokenLimit: number;
  /**
   * Run operations compiled by graphql-jit (default true; `GRAPHQL_COMPILED=0` runs them on
   * graphql-js, for comparison: the answers are the same).
   */
  compiledExecution: boolean;
  /** Per-minute limits of reads and writes (see graphql/rate-limit.ts). */
  rateLimits: RateLimits;
  /** Proxies to trust for the client's address: `false` (default), a hop count or `loopback` (`TRUST_PROXY`). */
  trustProxy: false | number | string;
  /**
   * Origins whose browser apps may read the API (CORS, never with credentials; see
   * http/cross-origin.ts): `'*'` (default), a list (`CORS_ORIGINS=https://a.example,https://b.example`)
   * or null for none (`CORS_ORIGINS=none`).
   */
  corsOrigins: '*' | string[] | null;
  /** Log every SQL statement (`SQL_DEBUG=1`). */
  sqlDebug: boolean;
  /**
   * The least severe JSON log lines written to stdout (`LOG_LEVEL`): `trace`, `debug`, `info`
   * (default), `warn`, `error`, `fatal` or `silent`. The site builder's reads are `debug`.
   */
  logLevel: LogLevel;
  /**
   * Who may read `/metrics` (Prometheus): addresses, CIDR ranges or loopback / linklocal /
   * uniquelocal, as `TRUST_PROXY` reports the client (`METRICS_ALLOW`; default
   * `loopback,uniquelocal`, a scraper on the same host or private network; `none` turns it off).
   * @example ['loopback', '10.0.0.0/8']
   */
  metricsAllow: string[];
  /** Meilisearch: embedded by default, external when `MEILI_URL` is set, off with `SEARCH=off`. */
  search: SearchConfig;
  /** The static site `npm start` builds and serves. */
  site: SiteConfig;
  /** Cacheable answers to anonymous GETs (see graphql/response-cache.ts). */
  cache: CacheConfig;
  /** The disclosure log (see log/ and README, "The disclosure log"). */
  log: LogConfig;
}

/** The disclosure log's name and signing key. */
export interface LogConfig {
  /**
   * The log's origin, the first line of its checkpoints and its key's name: a URL prefix of the
   * log without its scheme (`LOG_ORIGIN`; default the site's address + `/log`, e.g.
   * `localhost:4321/log`). Witnesses know the log by it: keep it once published.
   */
  origin: string;
  /**
   * The signing key as text (`LOG_SIGNING_KEY`, `PRIVATE+KEY+…`); when unset, the key in
   * `keyFile`, made on first start. Never logged.
   */
  signingKey: string | null;
  /** Where a key made on first start is kept (`<DATA_DIR>/log-signing.key`, readable by its owner only). */
  keyFile: string;
  /** Seconds between checks for new entries to sign (`LOG_SIGN_SECONDS`, default 1: at most one checkpoint a second). */
  signSeconds: number;
}

/** How anonymous GET answers are cached: by clients, proxies and CDNs (headers), and by the API itself. */
export interface CacheConfig {
  /** `max-age` of a cacheable answer, in seconds, and how long the API keeps it. Default 30 (`CACHE_MAX_AGE`); 0 turns caching off (every answer `no-store`). */
  maxAgeSeconds: number;
  /** `stale-while-revalidate`, in seconds: how long a proxy may serve an expired answer while it fetches the next. Default 60 (`CACHE_STALE_WHILE_REVALIDATE`); 0 leaves it out. */
  staleWhileRevalidateSeconds: number;
  /** Redis shared by every replica (`REDIS_URL`, e.g. `redis://127.0.0.1:6379`); null keeps answers in this process. */
  redisUrl: string | null;
  /** Prefix of every key the response cache writes. Default `catalogue:` (`CACHE_KEY_PREFIX`). */
  keyPrefix: string;
  /** Bytes of answers (as JSON) the in-process cache holds. Default 32 MiB (`CACHE_MEMORY_MB`, in MiB). */
  memoryBytes: number;
}

/** The static site as `npm start` runs it. */
export interface SiteConfig {
  /** Off with `SITE=off` (the API and search still run). */
  enabled: boolean;
  /** Port (`SITE_PORT`, default 4321). */
  port: number;
  /**
   * The address readers reach the pages at, written into canonical links, the sitemap and the
   * feed (`SITE_URL`; default `http://localhost:<SITE_PORT>`, what `npm start` serves). Unset
   * for `SITE_PORT=0` (a free port, known only once the pages are served): the build's own
   * default then applies (site/src/config.ts).
   * @example 'https://skills.example.cn'
   */
  publicUrl?: string;
  /** Where the built pages go (`SITE_OUT_DIR`, default `<DATA_DIR>/site`): derived from the data, like the database. */
  outDir: string;
  /** How often to look for new data (a publish, an import) and rebuild the pages, in seconds (`SITE_REBUILD_SECONDS`, default 5; 0 = only at start). */
  rebuildSeconds: number;
  /**
   * A full build of more classes and notices than this is made in slices of about as many, side
   * by side (`SITE_SLICE_RECORDS`, default 20,000: scale 1 is built whole, scale 5 in 7 slices).
   */
  sliceRecords: number;
  /** Slices of a full build built at once (`SITE_BUILD_WORKERS`, default 2). */
  sliceWorkers: number;
}

/** Where search runs. */
export interface SearchConfig {
  mode: 'embedded' | 'external' | 'off';
  /** External server (`MEILI_URL`). */
  url: string | null;
  /** Its master key (`MEILI_MASTER_KEY`); the embedded server keeps its own under `dataDir`. */
  masterKey: string | null;
  /** Port the embedded server tries first (`MEILI_PORT`, default 7700; a free one when busy). */
  port: number;
  /** Explicit Meilisearch binary (`MEILI_BINARY`). */
  binary: string | null;
  /** Meilisearch URL as browsers reach it, when it differs (`MEILI_PUBLIC_URL`, e.g. behind a proxy). */
  publicUrl: string | null;
}

/** The repository root (api/dist/config.js or api/src/config.ts → two levels up). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/**
 * `raw` as a whole number of at least 1, or an error naming `what` (a variable or a flag).
 * @example atLeastOne('--slice', '1500') // 1500
 */
export function atLeastOne(what: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a whole number of at least 1, got "${raw}"`);
  return n;
}

function wholeAtLeastOne(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  return raw === undefined || raw === '' ? fallback : atLeastOne(name, raw);
}

/** A list of addresses and ranges as `proxy-addr` takes them; a bad entry fails the start, named. */
/** `CORS_ORIGINS`: `*`, `none`, or origins (scheme, host and port only, as browsers send them). */
function originList(env: NodeJS.ProcessEnv): '*' | string[] | null {
  const raw = env.CORS_ORIGINS?.trim();
  if (!raw || raw === '*') return '*';
  if (raw === 'none') return null;
  const list = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of list)
    if (!/^https?:\/\/[^/\s]+$/.test(origin))
      throw new Error(
        `CORS_ORIGINS must be *, none or origins such as https://jobs.example.cn (no path), got "${origin}"`,
      );
  return list;
}

function addressList(env: NodeJS.ProcessEnv, name: string, fallback: string[]): string[] {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'none') return [];
  const list = raw
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  try {
    proxyaddr.compile(list);
  } catch (e) {
    throw new Error(
      `${name} must list addresses, CIDR ranges or loopback/linklocal/uniquelocal, got "${raw}": ${(e as Error).message}`,
    );
  }
  return list;
}

/**
 * Reads the configuration from an environment (default `process.env`). The only place the API
 * reads its environment.
 * @example const config = loadConfig({ DATABASE_URL: 'postgres://127.0.0.1:5432/catalogue' });
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const dataDir = path.resolve(env.DATA_DIR || path.join(REPO_ROOT, '.data'));
  const url = env.DATABASE_URL?.trim();
  let database: DatabaseConfig;
  if (!url) database = { kind: 'sqlite', file: path.join(dataDir, 'catalogue.sqlite') };
  else if (/^postgres(ql)?:\/\//.test(url)) database = { kind: 'postgresql', url };
  else if (url.startsWith('sqlite:')) database = { kind: 'sqlite', file: path.resolve(url.slice('sqlite:'.length)) };
  else throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or sqlite:, got "${url}"`);
  const fixedToday = env.CATALOGUE_TODAY?.trim() || null;
  if (fixedToday && !/^\d{4}-\d{2}-\d{2}$/.test(fixedToday))
    throw new Error(`CATALOGUE_TODAY must be YYYY-MM-DD, got "${fixedToday}"`);
  // The demo spans 2021 to today with the 2022→2023 directory change in it (see db/demo/timeline.ts).
  if (fixedToday && fixedToday < '2023-01-01' && int(env, 'DEMO_SCALE', 1) > 0)
    throw new Error(
      `CATALOGUE_TODAY must be 2023-01-01 or later when demo data is loaded (DEMO_SCALE > 0), got "${fixedToday}"`,
    );
  return {
    port: int(env, 'PORT', 4000),
    host: env.HOST || '127.0.0.1',
    dataDir,
    database,
    demoScale: int(env, 'DEMO_SCALE', 1),
    demoSeed: int(env, 'DEMO_SEED', 20220211),
    development: env.NODE_ENV === 'development',
    fixedToday,
    queryCostLimit: int(env, 'QUERY_COST_LIMIT', 5000),
    queryDepthLimit: int(env, 'QUERY_DEPTH_LIMIT', 12),
    queryAliasLimit: int(env, 'QUERY_ALIAS_LIMIT', 30),
    queryTokenLimit: int(env, 'QUERY_TOKEN_LIMIT', 1000),
    compiledExecution: env.GRAPHQL_COMPILED !== '0',
    rateLimits: {
      readPointsPerIp: int(env, 'RATE_LIMIT_READ_POINTS', 6000),
      writesPerKey: int(env, 'RATE_LIMIT_WRITES_PER_KEY', 60),
      writesPerIp: int(env, 'RATE_LIMIT_WRITES_PER_IP', 120),
      downloadsPerIp: int(env, 'RATE_LIMIT_DOWNLOADS', 120),
      exempt: addressList(env, 'RATE_LIMIT_EXEMPT', ['loopback']),
    },
    trustProxy: !env.TRUST_PROXY ? false : /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY,
    corsOrigins: originList(env),
    sqlDebug: env.SQL_DEBUG === '1',
    logLevel: logLevel(env),
    metricsAllow: addressList(env, 'METRICS_ALLOW', ['loopback', 'uniquelocal']),
    search: searchConfig(env),
    site: siteConfig(env, dataDir),
    cache: cacheConfig(env),
    log: logConfig(env, dataDir),
  };
}

/** The disclosure log's settings (see {@link LogConfig}). */
function logConfig(env: NodeJS.ProcessEnv, dataDir: string): LogConfig {
  const siteUrl = env.SITE_URL || `http://localhost:${int(env, 'SITE_PORT', 4321)}`;
  const origin = env.LOG_ORIGIN?.trim() || `${siteUrl.replace(/^https?:\/\//, '').replace(/\/+$/, '')}/log`;
  if (/[\s+]/.test(origin)) throw new Error(`LOG_ORIGIN must hold no spaces or "+", got "${origin}"`);
  return {
    origin,
    signingKey: env.LOG_SIGNING_KEY?.trim() || null,
    keyFile: path.join(dataDir, 'log-signing.key'),
    signSeconds: wholeAtLeastOne(env, 'LOG_SIGN_SECONDS', 1),
  };
}

/** The response cache's settings (see {@link CacheConfig}). */
function cacheConfig(env: NodeJS.ProcessEnv): CacheConfig {
  const redisUrl = env.REDIS_URL?.trim() || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got "${redisUrl}"`);
  return {
    maxAgeSeconds: int(env, 'CACHE_MAX_AGE', 30),
    staleWhileRevalidateSeconds: int(env, 'CACHE_STALE_WHILE_REVALIDATE', 60),
    redisUrl,
    keyPrefix: env.CACHE_KEY_PREFIX ?? 'catalogue:',
    memoryBytes: int(env, 'CACHE_MEMORY_MB', 32) * 2 ** 20,
  };
}

/** The static site's settings (see {@link SiteConfig}). */
function siteConfig(env: NodeJS.ProcessEnv, dataDir: string): SiteConfig {
  const port = int(env, 'SITE_PORT', 4321);
  return {
    enabled: env.SITE !== 'off',
    port,
    publicUrl: env.SITE_URL || (port > 0 ? `http://localhost:${port}` : undefined),
    outDir: path.resolve(env.SITE_OUT_DIR || path.join(dataDir, 'site')),
    rebuildSeconds: int(env, 'SITE_REBUILD_SECONDS', 5),
    sliceRecords: wholeAtLeastOne(env, 'SITE_SLICE_RECORDS', SLICE_RECORDS),
    sliceWorkers: wholeAtLeastOne(env, 'SITE_BUILD_WORKERS', 2),
  };
}

function searchConfig(env: NodeJS.ProcessEnv): SearchConfig {
  const url = env.MEILI_URL?.trim() || null;
  const masterKey = env.MEILI_MASTER_KEY?.trim() || null;
  if (url && !masterKey) throw new Error('MEILI_MASTER_KEY must be set together with MEILI_URL');
  if (url && !/^https?:\/\//.test(url)) throw new Error(`MEILI_URL must be an http(s) URL, got "${url}"`);
  const mode = env.SEARCH === 'off' ? 'off' : url ? 'external' : 'embedded';
  return {
    mode,
    url,
    masterKey,
    port: int(env, 'MEILI_PORT', 7700),
    binary: env.MEILI_BINARY?.trim() || null,
    publicUrl: env.MEILI_PUBLIC_URL?.trim() || null,
  };
}

/** Today's date in China (UTC+8, no daylight saving), or the configured fixed date. */
export function todayIn(config: Pick<ApiConfig, 'fixedToday'>, now: Date = new Date()): string {
  if (config.fixedToday) return config.fixedToday;
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
