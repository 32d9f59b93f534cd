import type { DisclosureLog } from './log/disclosure-log';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import type { ApiConfig } from './config';
import type { RegionTree } from './regions/region.tree';
import type { Loaders } from './db/loaders';
import type { ReferenceData } from './db/reference';
import type { SearchRuntime } from './search/search-runtime';
import type { Viewer } from './publishers/authenticate';
import type { AllowanceSlot } from './graphql/rate-limit';
import type { RequestRecord } from './observability/request-record';

/** What a cacheable GET carries from the HTTP layer into the operation (graphql/response-cache.ts): computed once, before Apollo. */
export interface HttpCacheState {
  /** The data version the answer is made from (see db/dataset-meta.ts). */
  version: string;
  /** The strong entity tag of this request's answer at that version, quoted. */
  etag: string;
  /** The answer's cache policy once it runs (Apollo's), which `doNotCache` restricts. */
  policy?: { restrict(hint: { maxAge?: number }): void };
  /** Set when the answer turned out cacheable: it is kept (graphql/answer-store.ts) with its cost and `max-age`. */
  keep?: { cost: number; maxAge: number };
}

/** What every resolver gets for one request. */
export interface Context {
  /** The request's own EntityManager fork: identity map and dataloaders live for one request. */
  em: EntityManager;
  /** Today's date in China, or the configured fixed date: the `today` passed to rules. */
  today: string;
  config: ApiConfig;
  /** Reference data that never changes while the process runs. */
  regions: RegionTree;
  /** The classification, programmes and platforms, held in memory. */
  reference: ReferenceData;
  loaders: Loaders;
  /** The client's address (behind a proxy, as `TRUST_PROXY` allows), for rate limits. */
  clientIp: string;
  /** The operation's query cost, once the cost plugin has computed it. */
  requestCost?: number;
  /** The publisher whose API key made the request; null for anonymous reads. */
  viewer: Viewer | null;
  /** Search, when configured (null in tests that do not use it). */
  search: SearchRuntime | null;
  /** The disclosure log: its checkpoints and proofs. */
  log: DisclosureLog;
  /** What the client's address has left of its read points, noted by each charge (rate-limit.ts); absent when exempt. */
  rateLimit?: AllowanceSlot;
  /** What the request did, for its log line and the metrics (observability/request-record.ts); its id is the request's. */
  record?: RequestRecord;
  /** For an anonymous GET: the data version and the answer's ETag (graphql/response-cache.ts); absent otherwise. */
  httpCache?: HttpCacheState;
}
