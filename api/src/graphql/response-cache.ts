/**
 * Cacheable answers: an anonymous query sent as GET (a persisted query's hash included) is the
 * same answer for everyone until the data changes, so it is answered with
 * `Cache-Control: public, max-age, stale-while-revalidate` and a strong `ETag` made from the data
 * version and the request, revalidated with a 304 before anything is parsed, and kept whole
 * under that tag (answer-store.ts), which holds the data version, so a write is seen by the very
 * next read. POSTs, mutations, requests with a key (`Authorization`), errors and search answers
 * (Meilisearch catches up with a write a moment later) are `no-store` and never kept.
 */
import crypto from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import { canonicalize } from 'json-canonicalize';
import type { CacheConfig } from '../config';
import { recordOf } from '../observability/request-record';
import type { Context, HttpCacheState } from '../context';
import type { AnswerStore, KeptAnswer } from './answer-store';
import { pointsFor, type RequestLimits } from './rate-limit';

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
 * Whether a GET passed Apollo's CSRF prevention by a header (`apollo-require-preflight` or
 * `x-apollo-operation-name`, Apollo's defaults). Only such a GET is answered from the store in
 * front of Apollo; the rare GET that passes by its `Content-Type` goes through Apollo, which checks it.
 */
function preflighted(req: Request): boolean {
  return Boolean(req.headers['apollo-require-preflight'] || req.headers['x-apollo-operation-name']);
}

/** Answers a request with a kept answer: the same bytes and headers as when it was made, and its age. */
function sendKept(res: Response, config: CacheConfig, etag: string, kept: KeptAnswer): void {
  res
    .status(200)
    .setHeader('Content-Type', kept.type)
    .setHeader('ETag', etag)
    .setHeader('Cache-Control', cacheControlHeader(config, kept.maxAge))
    .setHeader('Vary', 'Accept')
    .setHeader('Age', String(Math.max(0, Math.floor((Date.now() - kept.keptAt) / 1000))))
    .end(kept.body);
}

/**
 * Keeps the answer Apollo is about to send when httpCacheHeaders found it cacheable
 * (`state.keep`): Express's integration sends Apollo's body with `res.send`, so the bytes are
 * taken there, exactly as the client gets them.
 */
function keepWhenSent(res: Response, state: HttpCacheState, answers: AnswerStore): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    const keep = state.keep;
    if (keep && res.statusCode === 200 && typeof body === 'string') {
      const type = String(res.getHeader('content-type') ?? 'application/json; charset=utf-8');
      void answers.keep(state.etag, { type, body, cost: keep.cost, maxAge: keep.maxAge, keptAt: Date.now() });
    }
    return send(body);
  };
}

/**
 * Express middleware in front of Apollo on `/graphql`: says `no-store` unless an answer turns
 * out cacheable; for an anonymous GET with an operation, finds the data version (one SQL
 * statement) and tags the request, then
 * - answers a matching `If-None-Match` with 304, for one read point (the least an operation takes);
 * - answers a request whose answer is kept (answer-store.ts) with it, for the read points of
 *   its operation, before anything is parsed or run;
 * - otherwise lets Apollo answer, and keeps that answer if it is cacheable.
 * An address out of points goes on to Apollo, which answers 429.
 * @example app.all('/graphql', conditionalGets(config.cache, () => dataVersion(orm.em.fork(), todayIn(config)), limits, answers), …)
 */
export function conditionalGets(
  config: CacheConfig,
  version: () => Promise<string>,
  limits: RequestLimits,
  answers: AnswerStore,
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
    const ip = req.ip ?? 'unknown';
    const record = recordOf(res);
    // Answered here, the operation is never resolved: its name is the client's.
    if (typeof params.operationName === 'string') record.operation = params.operationName;
    record.cache = 'miss';
    if (matches(req.headers['if-none-match'], state.etag)) {
      if (!(await limits.chargeBeforeRunning(ip, 1, res.locals.rateLimit))) return next();
      record.cache = 'not_modified';
      res
        .status(304)
        .setHeader('ETag', state.etag)
        .setHeader('Cache-Control', cacheControlHeader(config))
        .setHeader('Vary', 'Accept')
        .end();
      return;
    }
    const kept = preflighted(req) ? await answers.find(state.etag) : undefined;
    if (kept && (await limits.chargeBeforeRunning(ip, pointsFor(kept.cost), res.locals.rateLimit))) {
      record.cache = 'hit';
      return sendKept(res, config, state.etag, kept);
    }
    keepWhenSent(res, state, answers);
    next();
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
          state.keep = { cost: rc.contextValue.requestCost ?? 0, maxAge: policy.maxAge };
          http.headers.set('cache-control', cacheControlHeader(config, policy.maxAge));
          http.headers.set('etag', state.etag);
          http.headers.set('vary', 'Accept');
        },
      };
    },
  };
}

/**
 * The plugins that make answers cacheable, in their order: the cache policy, then the headers
 * (which mark a cacheable answer to be kept by conditionalGets).
 * @example plugins: [...cachePlugins(config.cache, answers)]
 */
export function cachePlugins(config: CacheConfig, answers: AnswerStore): ApolloServerPlugin<Context>[] {
  if (!config.maxAgeSeconds) return [httpCacheHeaders(config)];
  return [
    // Every object field `maxAge` seconds unless a resolver says otherwise (doNotCache). Apollo's
    // own header is off: httpCacheHeaders writes it, with stale-while-revalidate and the ETag.
    onlyWhenCacheable(cachePolicy(config)),
    httpCacheHeaders(config),
    {
      async serverWillStart() {
        return { serverWillStop: () => answers.close() };
      },
    },
  ];
}
