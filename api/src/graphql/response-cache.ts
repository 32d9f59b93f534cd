/**
 * Cacheable answers: an anonymous query sent as GET (a persisted query's hash included) is the
 * same answer for everyone until the data changes, so it is answered with
 * `Cache-Control: public, max-age, stale-while-revalidate` and a strong `ETag` made from the data
 * version and the request, revalidated with a 304 before anything is parsed, and kept in a
 * response cache (Apollo's) whose key holds the data version, so a write is seen by the very
 * next read. POSTs, mutations, requests with a key (`Authorization`), errors and search answers
 * (Meilisearch catches up with a write a moment later) are `no-store` and never kept.
 */
import crypto from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import ApolloServerPluginResponseCache from '@apollo/server-plugin-response-cache';
import {
  InMemoryLRUCache,
  PrefixingKeyValueCache,
  type KeyValueCache,
  type KeyValueCacheSetOptions,
} from '@apollo/utils.keyvaluecache';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { createKeyv } from '@keyv/redis';
import type { RequestHandler } from 'express';
import { canonicalize } from 'json-canonicalize';
import type { CacheConfig } from '../config';
import type { Context, HttpCacheState } from '../context';
import type { RequestLimits } from './rate-limit';

/** Said on everything that is not a cacheable answer. */
export const NO_STORE = 'no-store';

/**
 * The `Cache-Control` of a cacheable answer.
 * @example cacheControlHeader({ maxAgeSeconds: 30, staleWhileRevalidateSeconds: 60 }) // 'public, max-age=30, stale-while-revalidate=60'
 */
export function cacheControlHeader(
  config: Pick<CacheConfig, 'maxAgeSeconds' | 'staleWhileRevalidateSeconds'>,
  maxAge = config.maxAgeSeconds,
): string {
  return `public, max-age=${maxAge}${config.staleWhileRevalidateSeconds ? `, stale-while-revalidate=${config.staleWhileRevalidateSeconds}` : ''}`;
}

/** A JSON text in canonical form (RFC 8785), so `{"a":1,"b":2}` and `{ "b": 2, "a": 1 }` tag alike; other text as it is. */
function canonicalJson(text: string | undefined): string {
  if (!text) return '';
  try {
    return canonicalize(JSON.parse(text));
  } catch {
    return text;
  }
}

/**
 * The strong entity tag of a GET's answer: SHA-256 of the data version and the request (the
 * query or the persisted query's hash, the operation name, the variables and extensions in
 * canonical JSON, and `Accept`, which picks the answer's media type).
 * @example entityTag('2026-11-21T08:00:00.000Z|audit:3|today:2026-11-21', { query: '{ regions { code } }' }, '*\/*') // '"pXb…"'
 */
export function entityTag(version: string, params: Record<string, unknown>, accept: string | undefined): string {
  const text = (name: string) => (typeof params[name] === 'string' ? (params[name] as string) : '');
  const request = [
    text('query'),
    text('operationName'),
    canonicalJson(text('variables')),
    canonicalJson(text('extensions')),
    accept ?? '',
  ];
  return `"${crypto
    .createHash('sha256')
    .update(JSON.stringify([version, ...request]))
    .digest('base64url')}"`;
}

/** Whether an `If-None-Match` header names `etag` (weak comparison, as RFC 9110 has it for GET). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * Express middleware in front of Apollo on `/graphql`: says `no-store` unless an answer turns
 * out cacheable; for an anonymous GET with an operation, finds the data version (one SQL
 * statement), tags the request and answers a matching `If-None-Match` with 304 before anything
 * is parsed or run. A 304 takes one read point (the least an operation takes); an address out
 * of points goes on to Apollo, which answers 429.
 * @example app.all('/graphql', conditionalGets(config.cache, () => dataVersion(orm.em.fork(), todayIn(config)), limits), …)
 */
export function conditionalGets(
  config: CacheConfig,
  version: () => Promise<string>,
  limits: RequestLimits,
): RequestHandler {
  return async (req, res, next) => {
    res.setHeader('Cache-Control', NO_STORE);
    const params = req.query as Record<string, unknown>;
    if (
      !config.maxAgeSeconds ||
      req.method !== 'GET' ||
      req.headers.authorization !== undefined ||
      !(params.query || params.extensions)
    )
      return next();
    let state: HttpCacheState;
    try {
      const v = await version();
      state = { version: v, etag: entityTag(v, params, req.headers.accept) };
    } catch {
      // A busy or lost database: Apollo meets the same fault and answers it (503, Retry-After), uncached.
      return next();
    }
    res.locals.httpCache = state;
    if (!matches(req.headers['if-none-match'], state.etag) || !(await limits.chargeRevalidation(req.ip ?? 'unknown')))
      return next();
    res
      .status(304)
      .setHeader('ETag', state.etag)
      .setHeader('Cache-Control', cacheControlHeader(config))
      .setHeader('Vary', 'Accept')
      .end();
  };
}

/** The HTTP state of a request that may be cached: an anonymous GET that conditionalGets tagged. */
function cacheable(rc: GraphQLRequestContext<Context>): HttpCacheState | null {
  const http = rc.request.http;
  if (http?.method !== 'GET' || http.headers.get('authorization') !== undefined || rc.contextValue.viewer) return null;
  return rc.contextValue.httpCache ?? null;
}

/**
 * A resolver whose answer does not follow the data version (search: Meilisearch takes a moment
 * to catch up with a write) says so here, and the whole answer is neither kept nor public.
 * @example doNotCache(ctx); return service.search(…);
 */
export function doNotCache(ctx: Pick<Context, 'httpCache'>): void {
  ctx.httpCache?.policy?.restrict({ maxAge: 0 });
}

/**
 * The cache policy of a cacheable answer: public for `maxAgeSeconds`, unless a resolver said
 * {@link doNotCache}. Apollo's cache-control plugin would compute the same from per-field
 * hints, but it needs every field resolver wrapped (about 5 % of a request, and no compiled
 * execution); the catalogue has one hint for everything and one exception.
 */
function cachePolicy(config: CacheConfig): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart(rc) {
          rc.overallCachePolicy.replace({ maxAge: config.maxAgeSeconds, scope: 'PUBLIC' });
          if (rc.contextValue.httpCache) rc.contextValue.httpCache.policy = rc.overallCachePolicy;
        },
      };
    },
  };
}

/**
 * An Apollo plugin run only for requests that can be cached: for the others (POSTs above all)
 * its per-request work would be spent for nothing (the response cache hashes every query's variables).
 */
function onlyWhenCacheable(plugin: ApolloServerPlugin<Context>): ApolloServerPlugin<Context> {
  return {
    serverWillStart: async (service) => plugin.serverWillStart?.(service),
    requestDidStart: async (rc) => (cacheable(rc) ? plugin.requestDidStart?.(rc) : undefined),
  };
}

/** Writes `Cache-Control`, `ETag` and `Vary` on every GraphQL answer: public for a cacheable one, `no-store` otherwise. */
function httpCacheHeaders(config: CacheConfig): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          const state = cacheable(rc);
          const policy = rc.overallCachePolicy.policyIfCacheable();
          const { body, http } = rc.response;
          const ok =
            state &&
            policy &&
            policy.scope === 'PUBLIC' &&
            rc.operation?.operation === 'query' &&
            body.kind === 'single' &&
            !body.singleResult.errors &&
            (http.status ?? 200) === 200;
          if (!ok) {
            http.headers.set('cache-control', NO_STORE);
            return;
          }
          http.headers.set('cache-control', cacheControlHeader(config, policy.maxAge));
          http.headers.set('etag', state.etag);
          http.headers.set('vary', 'Accept');
        },
      };
    },
  };
}

/** The response store, and how to close it. */
export interface ResponseStore {
  cache: KeyValueCache<string>;
  close(): Promise<void>;
}

/**
 * A shared cache that may fail: a failure is a miss, and for `pauseMs` after it every read is a
 * miss and every write skipped at once, so a Redis that is down costs no request its connect timeout.
 */
class MissWhileDown implements KeyValueCache<string> {
  private downUntil = 0;

  constructor(
    private readonly inner: KeyValueCache<string>,
    private readonly pauseMs: number,
  ) {}

  private async guard<T>(op: () => Promise<T>, fallback: T): Promise<T> {
    if (Date.now() < this.downUntil) return fallback;
    try {
      return await op();
    } catch (e) {
      if (this.downUntil === 0 || Date.now() - this.downUntil > this.pauseMs)
        console.error(
          `[response cache] Redis: ${(e as Error).message}; answering without the cache for ${this.pauseMs / 1000} s`,
        );
      this.downUntil = Date.now() + this.pauseMs;
      return fallback;
    }
  }

  get(key: string) {
    return this.guard(() => this.inner.get(key), undefined);
  }

  set(key: string, value: string, options?: KeyValueCacheSetOptions) {
    return this.guard(() => this.inner.set(key, value, options), undefined);
  }

  delete(key: string) {
    return this.guard(() => this.inner.delete(key), false);
  }
}

/**
 * Where answers are kept: in this process (an LRU of `memoryBytes`), or in Redis when `redisUrl`
 * is set, shared by every replica. Keys start with `keyPrefix` (then Apollo's `fqc:` and a
 * SHA-256); a Redis that fails is a miss, never a failed request.
 * @example const store = openResponseStore({ redisUrl: 'redis://127.0.0.1:6379', keyPrefix: 'catalogue:', … });
 */
export function openResponseStore(config: CacheConfig): ResponseStore {
  if (!config.redisUrl) {
    const memory = new InMemoryLRUCache<string>({ maxSize: config.memoryBytes, sizeCalculation: (v) => v.length || 1 });
    return { cache: new PrefixingKeyValueCache(memory, config.keyPrefix), async close() {} };
  }
  // No namespace of Keyv's own: the prefix is the only one. Errors are thrown (to MissWhileDown), not swallowed after a timeout.
  const keyv = createKeyv(config.redisUrl, {
    namespace: undefined,
    throwOnConnectError: true,
    throwOnErrors: true,
    connectionTimeout: 1000,
  });
  keyv.on('error', () => {}); // told by MissWhileDown, once per outage
  const cache = new MissWhileDown(
    new PrefixingKeyValueCache(new KeyvAdapter<string>(keyv as never), config.keyPrefix),
    5000,
  );
  return { cache, close: () => keyv.disconnect().catch(() => undefined) };
}

/**
 * The plugins that make answers cacheable, in their order: the cache policy, the response cache
 * (keyed by the data version, read and written only for cacheable requests), the headers.
 * @example plugins: [...cachePlugins(config.cache, openResponseStore(config.cache))]
 */
export function cachePlugins(config: CacheConfig, store: ResponseStore): ApolloServerPlugin<Context>[] {
  if (!config.maxAgeSeconds) return [httpCacheHeaders(config)];
  return [
    // Every object field `maxAge` seconds unless a resolver says otherwise (doNotCache). Apollo's
    // own header is off: httpCacheHeaders writes it, with stale-while-revalidate and the ETag.
    onlyWhenCacheable(cachePolicy(config)),
    onlyWhenCacheable(
      ApolloServerPluginResponseCache<Context>({
        cache: store.cache,
        extraCacheKeyData: async (rc) => rc.contextValue.httpCache?.version,
        // Canonical JSON, as the ETag: the same variables in another order are the same answer.
        generateCacheKey: (_rc, keyData) => crypto.createHash('sha256').update(canonicalize(keyData)).digest('hex'),
      }),
    ),
    httpCacheHeaders(config),
    {
      async serverWillStart() {
        return { serverWillStop: () => store.close() };
      },
    },
  ];
}
