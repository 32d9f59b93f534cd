/**
 * What operators watch (issue 18 §2): one JSON log line per request with its id, operation,
 * cost, duration, status and client address, and never a key, a name or an ID number sent to
 * it; `/metrics` in Prometheus's format for the addresses allowed to scrape it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiMetrics } from '../src/observability/metrics';
import { capturedLogger, startTestApi, type TestApi } from './helpers';
import { line, notice, PEOPLE, PUBLISH, withPublishing } from './publishing-helpers';

const published = capturedLogger();
const publishedMetrics = new ApiMetrics();
const { env, keys, as } = withPublishing({
  search: false,
  // The test speaks from loopback: log it at info and count it, as any client.
  env: { RATE_LIMIT_EXEMPT: 'none' },
  observers: { logger: published.logger, metrics: publishedMetrics },
});
const requestLines = () => published.parsed().filter((l) => l.requestId && l.res);

describe('the request log', () => {
  it('writes one JSON line per request: id (echoed), operation, type, cost, duration, status, client address', async () => {
    const res = await env.api.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({ query: 'query Ping { __typename }', operationName: 'Ping' });
    expect(res.status).toBe(200);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const mine = requestLines().filter((l) => l.requestId === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      level: 'info',
      service: 'catalogue-api',
      req: { method: 'POST', path: '/graphql' },
      res: { status: 200 },
      operation: 'Ping',
      operationType: 'query',
      cost: 0,
      clientIp: expect.stringMatching(/127\.0\.0\.1$/),
    });
    expect(typeof mine[0].duration).toBe('number');
    expect(mine[0].time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('keeps a well-formed X-Request-Id from nginx or the client, and replaces one that is not', async () => {
    const given = 'a3f1c2d4e5b6a7980123456789abcdef';
    const kept = await env.api.http.get('/health').set('x-request-id', given);
    expect(kept.headers['x-request-id']).toBe(given);
    expect(requestLines().some((l) => l.requestId === given && l.req.path === '/health')).toBe(true);
    const replaced = await env.api.http.get('/health').set('x-request-id', 'not an id!');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('notes the error codes of a refused request, a client’s mistake logged at info', async () => {
    const broken = await env.api.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({ query: '{ __typename' });
    const mine = requestLines().find((l) => l.requestId === broken.headers['x-request-id']);
    expect(mine).toMatchObject({ level: 'info', errors: ['GRAPHQL_PARSE_FAILED'], res: { status: 200 } });

    const bad = await env.api.http.post('/graphql').set('content-type', 'application/json').send('{"query": ');
    expect(bad.status).toBe(400);
    expect(requestLines().find((l) => l.requestId === bad.headers['x-request-id'])?.res.status).toBe(400);
  });

  it('never writes a key, a query, its variables, or the names and ID numbers of a published notice', async () => {
    const before = published.lines.length;
    const r = await as(keys.wuhua, PUBLISH, notice('五华人社公示〔2026〕91号', '530102'));
    expect(r.status).toBe(200);
    expect(r.body.data.publishNotice.problems).toEqual([]);
    // A mistake naming a person: the answer may quote the value, the log must not.
    const wrong = await as(
      keys.wuhua,
      PUBLISH,
      notice('五华人社公示〔2026〕92号', '530102', [line(0, { idNumber: '53010219900101123X' })]),
    );
    expect(wrong.status).toBe(200);
    await env.api.http
      .get('/graphql')
      .query({
        query: 'query Find($t: String) { occupations(first: 1, filter: { group: $t }) { totalCount } }',
        variables: JSON.stringify({ t: '13987654321 李建国' }),
      })
      .set('accept', 'application/json')
      .set('apollo-require-preflight', '1');
    const written = published.lines.slice(before).join('\n');
    expect(written).toContain('"operationType":"mutation"');
    for (const secret of [
      keys.wuhua,
      keys.wuhua.split('_')[2],
      'Bearer',
      'authorization',
      '13987654321',
      '53010219900101123X',
    ])
      expect(written).not.toContain(secret);
    for (const p of PEOPLE) {
      expect(written).not.toContain(p.name);
      expect(written).not.toContain(p.idNumber);
    }
    expect(written).not.toContain('publishNotice(');
  });
});

describe('/metrics', () => {
  let limited: TestApi;
  const limitedMetrics = new ApiMetrics();
  beforeAll(async () => {
    limited = await startTestApi({
      scale: 0,
      env: { RATE_LIMIT_READ_POINTS: '3', RATE_LIMIT_EXEMPT: 'none', TRUST_PROXY: 'loopback' },
      observers: { logger: capturedLogger().logger, metrics: limitedMetrics },
    });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('serves Prometheus text: requests by route and status, operations timed by name, errors by code, the log', async () => {
    const res = await env.api.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(text).toMatch(/^catalogue_http_requests_total\{route="graphql",method="POST",status="200"\} \d+$/m);
    expect(text).toMatch(/^catalogue_http_requests_total\{route="health",method="GET",status="200"\} [2-9]\d*$/m);
    expect(text).toMatch(/^catalogue_graphql_operation_duration_seconds_count\{operation="Ping",type="query"\} 1$/m);
    expect(text).toMatch(
      /^catalogue_graphql_operation_duration_seconds_count\{operation="anonymous",type="mutation"\} 2$/m,
    );
    expect(text).toMatch(/^catalogue_graphql_errors_total\{code="GRAPHQL_PARSE_FAILED"\} 1$/m);
    // The published notice is an entry of the disclosure log.
    expect(text).toMatch(/^catalogue_log_entries [1-9]\d*$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).not.toContain('publishNotice');
  });

  it('counts rate-limit refusals by limit and how the response cache answered', async () => {
    const get = () =>
      limited.http
        .get('/graphql')
        .query({ query: 'query Cached { __typename }' })
        .set('accept', 'application/json')
        .set('apollo-require-preflight', '1');
    const first = await get();
    expect(first.status).toBe(200);
    expect((await get()).status).toBe(200);
    expect((await get().set('if-none-match', first.headers.etag)).status).toBe(304);
    let refused = await get();
    for (let i = 0; i < 5 && refused.status !== 429; i++) refused = await get();
    expect(refused.status).toBe(429);
    const text = (await limited.http.get('/metrics')).text;
    expect(text).toMatch(/^catalogue_response_cache_total\{result="miss"\} [1-9]/m);
    expect(text).toMatch(/^catalogue_response_cache_total\{result="hit"\} 1$/m);
    expect(text).toMatch(/^catalogue_response_cache_total\{result="not_modified"\} 1$/m);
    expect(text).toMatch(/^catalogue_rate_limit_refusals_total\{limit="reads"\} [1-9]/m);
    expect(text).toMatch(/^catalogue_graphql_errors_total\{code="RATE_LIMITED"\} [1-9]/m);
    expect(text).toMatch(/^catalogue_http_requests_total\{route="graphql",method="GET",status="429"\} [1-9]/m);
  });

  it('is a plain 404 for an address METRICS_ALLOW does not name (here a client behind the trusted proxy)', async () => {
    const outside = await limited.http.get('/metrics').set('x-forwarded-for', '203.0.113.9');
    expect(outside.status).toBe(404);
    expect(outside.text).not.toContain('catalogue_');
    const inside = await limited.http.get('/metrics').set('x-forwarded-for', '10.1.2.3');
    expect(inside.status).toBe(200);
  });
});
