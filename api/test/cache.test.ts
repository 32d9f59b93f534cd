/**
 * Cacheable answers (issue 15, part 2): an anonymous GET is public with a strong ETag and a 304
 * on revalidation; POSTs, mutations, requests with a key, errors and rate-limited answers are
 * `no-store` and never kept; the response cache (a real Redis at 127.0.0.1:6379, under a key
 * prefix of this run's own, removed afterwards) holds the data version in its key, so a write
 * through the API is in the very next identical GET, and two API instances sharing Redis agree.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { createClient } from '@keyv/redis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrm } from '../src/db/orm';
import { createApi } from '../src/server';
import { startTestApi, type TestApi } from './helpers';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `catalogue-test-${process.pid}-${crypto.randomBytes(4).toString('hex')}:`;
const CACHE_ENV = { REDIS_URL, CACHE_KEY_PREFIX: PREFIX, CACHE_MAX_AGE: '30', CACHE_STALE_WHILE_REVALIDATE: '60' };
const PUBLIC = 'public, max-age=30, stale-while-revalidate=60';
const CLI = path.resolve(__dirname, '..', 'dist', 'cli', 'publishers.js');

let api: TestApi;
/** A second API over the same database and Redis, as a second replica would be. */
let replica: { http: ReturnType<typeof request>; orm: MikroORM; stop(): Promise<void> };
const redis = createClient({ url: REDIS_URL });
let key = '';

const REGIONS = '{ regions(level: PREFECTURE) { code name } }';
const NOTICE = 'query($n: String!) { subsidyNotice(number: $n) { number status lineCount withdrawnReason } }';
/** The real (not demo) notices of 五华区: none until the test publishes one. */
const WUHUA =
  'query($r: String!) { subsidyNotices(first: 5, filter: { region: $r, isDemo: false }) { totalCount nodes { number lineCount withdrawnReason } } }';
const NUMBER = '（缓存测试）五华人社培公〔2026〕第1号';

/** An anonymous (or keyed) GET of an operation, with the header Apollo's CSRF prevention asks of a GET. */
function get(
  http: ReturnType<typeof request>,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const params: Record<string, string> = { query };
  if (variables) params.variables = JSON.stringify(variables);
  return http
    .get('/graphql')
    .query(params)
    .set({ 'apollo-require-preflight': 'true', ...headers });
}

function post(http: ReturnType<typeof request>, query: string, variables: Record<string, unknown> = {}, auth?: string) {
  const req = http.post('/graphql').set('content-type', 'application/json');
  if (auth) req.set('authorization', `Bearer ${auth}`);
  return req.send({ query, variables });
}

/** The response cache writes after answering: give Redis a moment before asking for the kept answer. */
const written = () => new Promise((r) => setTimeout(r, 50));
// Kept answers only: the rate limits count under the same prefix (limit-store.ts).
const storedKeys = async () => (await redis.keys(`${PREFIX}answer:*`)).sort();

/** GB 11643 check digit for 17 digits. */
function withCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const PUBLISH =
  'mutation($input: PublishNoticeInput!) { publishNotice(input: $input) { notice { number } problems { field rule message } } }';
const publishInput = () => ({
  input: {
    number: NUMBER,
    title: '关于缓存测试培训班培训补贴人员名单的公示',
    bureau: '530102',
    publishedOn: '2026-11-16',
    lines: [
      ['李建国', '53010219900101123'],
      ['王芳', '53010219920315002'],
    ].map(([name, id], i) => ({
      seq: i + 1,
      name,
      idNumber: withCheckDigit(id),
      occupationCode: '4-10-01-05',
      level: 'LEVEL_5',
      certificateNumber: `S20265300000100${i}`,
      attendanceRate: 0.9,
      amount: 1200,
    })),
  },
});

beforeAll(async () => {
  await redis.connect();
  api = await startTestApi({ scale: 1, env: CACHE_ENV });
  const db = api.config.database;
  const dbEnv = { ...process.env, DATABASE_URL: db.kind === 'postgresql' ? db.url : `sqlite:${db.file}` };
  const cli = (...args: string[]) => {
    const run = spawnSync(process.execPath, [CLI, ...args], { env: dbEnv, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`publishers ${args.join(' ')} failed: ${run.stderr}`);
    return run.stdout;
  };
  const publisher = /^publisher (\d+):/m.exec(
    cli('create', '--name', '昆明市五华区人力资源和社会保障局（缓存测试）', '--region', '530102'),
  )![1];
  key = /^(sy_[a-z0-9]{12}_[\w-]{43})$/m.exec(cli('key-create', '--publisher', publisher))![1];
  const orm = await openOrm(db);
  const second = await createApi(orm, api.config);
  replica = {
    http: request(second.httpServer),
    orm,
    async stop() {
      await second.apollo.stop();
      await orm.close(true);
    },
  };
}, 300_000);

afterAll(async () => {
  await replica?.stop();
  await api?.close();
  const left = await redis.keys(`${PREFIX}*`);
  if (left.length) await redis.del(left);
  await redis.quit();
});

describe('an anonymous GET', () => {
  it('is public for a while, with a strong ETag, and kept in Redis under the prefix', async () => {
    const first = await get(api.http, REGIONS);
    expect(first.status).toBe(200);
    expect(first.body.data.regions).toHaveLength(16);
    expect(first.body.extensions.cost).toEqual({ requested: expect.any(Number), limit: 5000 });
    expect(first.headers['cache-control']).toBe(PUBLIC);
    expect(first.headers.etag).toMatch(/^"[\w-]{43}"$/);
    expect(first.headers.vary).toBe('Accept');
    expect(first.headers.age).toBeUndefined();
    await expect.poll(storedKeys).toHaveLength(1);
    expect((await storedKeys())[0]).toBe(`${PREFIX}answer:${first.headers.etag.replace(/"/g, '')}`);
    // The same request again: the same answer byte for byte, from the cache (an Age header), same
    // tag and headers, sent before Apollo runs: the data version is the only SQL.
    await written();
    api.statements.length = 0;
    const second = await get(api.http, REGIONS);
    expect(api.statements).toHaveLength(1);
    expect(second.headers.age).toMatch(/^\d+$/);
    expect(second.text).toBe(first.text);
    // Each answer has its own date and request id.
    const { age, date, 'x-request-id': id, ...rest } = second.headers;
    const { date: _, 'x-request-id': firstId, ...firstRest } = first.headers;
    expect(rest).toEqual(firstRest);
  });

  it('keeps one answer per media type: Accept is part of the tag', async () => {
    const accept = 'application/graphql-response+json';
    const json = await get(api.http, REGIONS, undefined, { accept: 'application/json' });
    const gql = await get(api.http, REGIONS, undefined, { accept });
    await written();
    const again = await get(api.http, REGIONS, undefined, { accept });
    expect(again.headers.age).toBeDefined();
    expect(again.headers['content-type']).toBe(gql.headers['content-type']);
    expect(again.headers['content-type']).toMatch(/^application\/graphql-response\+json/);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(again.headers.etag).not.toBe(json.headers.etag);
  });

  it('tags by the request: other variables or another query are another ETag; variables in another order the same', async () => {
    const a = await get(api.http, WUHUA, { r: '530102' });
    const b = await get(api.http, WUHUA, { r: '530103' });
    expect(a.headers.etag).toMatch(/^"/);
    expect(a.headers.etag).not.toBe(b.headers.etag);
    const TWO = 'query($r: String!, $k: Int) { subsidyNotices(first: $k, filter: { region: $r }) { totalCount } }';
    const c = await get(api.http, TWO, { r: '530102', k: 1 });
    await written();
    const d = await get(api.http, TWO, { k: 1, r: '530102' });
    expect(c.headers.etag).toMatch(/^"/);
    expect(c.headers.etag).toBe(d.headers.etag);
    expect(d.headers.age).toBeDefined();
    expect(c.headers.etag).not.toBe(a.headers.etag);
  });

  it('revalidates with If-None-Match: 304 with no body, before anything runs; another tag gets the answer', async () => {
    const first = await get(api.http, REGIONS);
    api.statements.length = 0;
    const again = await get(api.http, REGIONS, undefined, { 'if-none-match': first.headers.etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['cache-control']).toBe(PUBLIC);
    // Only the data version was read: no parse, no resolver, no other SQL.
    expect(api.statements).toHaveLength(1);
    expect((await get(api.http, REGIONS, undefined, { 'if-none-match': `W/${first.headers.etag}` })).status).toBe(304);
    const other = await get(api.http, REGIONS, undefined, { 'if-none-match': '"not-this-one"' });
    expect(other.status).toBe(200);
    expect(other.body.data.regions).toHaveLength(16);
  });

  it('a persisted query (APQ) sent as GET by its hash alone is public too, after the document was sent once', async () => {
    const query = '{ regions(level: PREFECTURE) { code } }';
    const extensions = JSON.stringify({
      persistedQuery: { version: 1, sha256Hash: crypto.createHash('sha256').update(query).digest('hex') },
    });
    const byHash = () => api.http.get('/graphql').query({ extensions }).set('apollo-require-preflight', 'true');
    const unknown = await byHash();
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(unknown.headers['cache-control']).toBe('no-store');
    const registered = await api.http
      .get('/graphql')
      .query({ query, extensions })
      .set('apollo-require-preflight', 'true');
    expect(registered.status).toBe(200);
    const first = await byHash();
    expect(first.status).toBe(200);
    expect(first.body.data.regions).toHaveLength(16);
    expect(first.headers['cache-control']).toBe(PUBLIC);
    expect(first.headers.etag).toMatch(/^"[\w-]{43}"$/);
    await written();
    const again = await byHash().set('if-none-match', first.headers.etag);
    expect(again.status).toBe(304);
  });
});

describe('never cached', () => {
  it('a POST, a mutation, a GET mutation and a request with a key: no-store, no ETag, nothing stored or served from the cache', async () => {
    await get(api.http, REGIONS);
    const before = await storedKeys();
    const posted = await post(api.http, REGIONS);
    expect(posted.status).toBe(200);
    expect(posted.headers['cache-control']).toBe('no-store');
    expect(posted.headers.etag).toBeUndefined();
    expect(posted.headers.age).toBeUndefined();
    const mutation = await post(
      api.http,
      'mutation { withdrawNotice(number: "不存在的公示", on: "2026-11-22", reason: "测试") { problems { rule } } }',
      {},
      key,
    );
    expect(mutation.body.data.withdrawNotice.problems.length).toBeGreaterThan(0);
    expect(mutation.headers['cache-control']).toBe('no-store');
    const getMutation = await get(
      api.http,
      'mutation { withdrawNotice(number: "不存在的公示", on: "2026-11-22", reason: "测试") { problems { rule } } }',
    );
    expect(getMutation.status).toBe(405);
    expect(getMutation.headers['cache-control']).toBe('no-store');
    // The same GET as a cached one, with a key: made afresh, not kept, not public.
    const keyed = await get(api.http, REGIONS, undefined, { authorization: `Bearer ${key}` });
    expect(keyed.status).toBe(200);
    expect(keyed.body.data.regions).toHaveLength(16);
    expect(keyed.headers['cache-control']).toBe('no-store');
    expect(keyed.headers.etag).toBeUndefined();
    expect(keyed.headers.age).toBeUndefined();
    const keyedNew = await get(api.http, '{ regions(level: PREFECTURE) { code } }', undefined, {
      authorization: `Bearer ${key}`,
    });
    expect(keyedNew.headers['cache-control']).toBe('no-store');
    await new Promise((r) => setTimeout(r, 100));
    expect(await storedKeys()).toEqual(before);
  });

  it('errors: a refused operation, a validation failure and a CSRF refusal are no-store and not kept', async () => {
    await get(api.http, REGIONS);
    await written();
    const before = await storedKeys();
    const invalid = await get(api.http, '{ regions { nope } }');
    // A document error is a 200 with errors for a client reading application/json (graphql/http-status.ts).
    expect(invalid.status).toBe(200);
    expect(invalid.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(invalid.headers['cache-control']).toBe('no-store');
    expect(invalid.headers.etag).toBeUndefined();
    const tooBig = await get(api.http, '{ courses(first: 500) { nodes { id } } }');
    expect(tooBig.status).toBe(400);
    expect(tooBig.headers['cache-control']).toBe('no-store');
    // Kept, yet refused without the header CSRF prevention asks for: a kept answer is no way round it.
    await get(api.http, REGIONS);
    await written();
    const noPreflight = await api.http.get('/graphql').query({ query: REGIONS });
    expect(noPreflight.status).toBe(400);
    expect(noPreflight.headers['cache-control']).toBe('no-store');
    await new Promise((r) => setTimeout(r, 100));
    expect(await storedKeys()).toEqual(before);
  });

  it('rate limits count cached answers and 304s too; the 429 is no-store', async () => {
    const limited = await startTestApi({
      scale: 0,
      env: { ...CACHE_ENV, RATE_LIMIT_READ_POINTS: '3', RATE_LIMIT_EXEMPT: 'none' },
    });
    try {
      const first = await get(limited.http, REGIONS);
      expect(first.status).toBe(200);
      await written();
      expect((await get(limited.http, REGIONS)).headers.age).toBeDefined();
      expect((await get(limited.http, REGIONS, undefined, { 'if-none-match': first.headers.etag })).status).toBe(304);
      const refused = await get(limited.http, REGIONS, undefined, { 'if-none-match': first.headers.etag });
      expect(refused.status).toBe(429);
      expect(refused.headers['cache-control']).toBe('no-store');
      expect(refused.headers.etag).toBeUndefined();
    } finally {
      await limited.close();
    }
  });
});

describe('writes', () => {
  it('a publish through the API is in the very next identical GET: new ETag, new body, the old tag no longer a 304', async () => {
    const before = await get(api.http, WUHUA, { r: '530102' });
    expect(before.body.data.subsidyNotices.totalCount).toBe(0);
    await written();
    expect((await get(api.http, WUHUA, { r: '530102' })).headers.age).toBeDefined();
    const published = await post(api.http, PUBLISH, publishInput(), key);
    expect(published.body.errors).toBeUndefined();
    expect(published.body.data.publishNotice.problems).toEqual([]);
    const after = await get(api.http, WUHUA, { r: '530102' }, { 'if-none-match': before.headers.etag });
    expect(after.status).toBe(200);
    expect(after.headers.age).toBeUndefined();
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.data.subsidyNotices.nodes).toEqual([{ number: NUMBER, lineCount: 2, withdrawnReason: null }]);
    expect(after.headers['cache-control']).toBe(PUBLIC);
  });

  it('two API instances sharing Redis agree: one keeps, the other serves; one writes, the other reads it next', async () => {
    const onA = await get(api.http, NOTICE, { n: NUMBER });
    await written();
    const onB = await get(replica.http, NOTICE, { n: NUMBER });
    expect(onB.headers.age).toBeDefined();
    expect(onB.text).toBe(onA.text);
    expect(onB.headers.etag).toBe(onA.headers.etag);
    expect(onA.body.data.subsidyNotice.withdrawnReason).toBeNull();
    const withdrawn = await post(
      replica.http,
      'mutation($n: String!) { withdrawNotice(number: $n, on: "2026-11-26", reason: "缓存测试撤回") { notice { withdrawnReason } problems { rule } } }',
      { n: NUMBER },
      key,
    );
    expect(withdrawn.body.data.withdrawNotice.problems).toEqual([]);
    const next = await get(api.http, NOTICE, { n: NUMBER });
    expect(next.headers.age).toBeUndefined();
    expect(next.body.data.subsidyNotice.withdrawnReason).toBe('缓存测试撤回');
    expect(next.headers.etag).not.toBe(onA.headers.etag);
    // …and B serves A's fresh answer from Redis.
    await written();
    const fromB = await get(replica.http, NOTICE, { n: NUMBER });
    expect(fromB.headers.age).toBeDefined();
    expect(fromB.text).toBe(next.text);
  });
});

describe('without Redis', () => {
  it('keeps answers in the process, and CACHE_MAX_AGE=0 turns caching off', async () => {
    const local = await startTestApi({ scale: 0, env: { CACHE_MAX_AGE: '30' } });
    const off = await startTestApi({ scale: 0, env: { CACHE_MAX_AGE: '0' } });
    try {
      const first = await get(local.http, REGIONS);
      expect(first.headers['cache-control']).toBe(PUBLIC);
      await written();
      const second = await get(local.http, REGIONS);
      expect(second.headers.age).toBeDefined();
      expect(second.text).toBe(first.text);
      const a = await get(off.http, REGIONS);
      expect(a.status).toBe(200);
      expect(a.headers['cache-control']).toBe('no-store');
      expect(a.headers.etag).toBeUndefined();
      expect((await get(off.http, REGIONS)).headers.age).toBeUndefined();
    } finally {
      await local.close();
      await off.close();
    }
  });
});
