/**
 * Abuse resistance (issue 6): read points per address, writes per key and per address, HTTP
 * 429 with Retry-After, the nesting-depth limit, the body-size limit, and keys never echoed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../src/publishers/api-keys';
import { ApiKey, Publisher } from '../src/publishers/publisher.entity';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
let key = '';
beforeAll(async () => {
  api = await startTestApi({ scale: 0, env: { RATE_LIMIT_READ_POINTS: '8', RATE_LIMIT_WRITES_PER_KEY: '2', RATE_LIMIT_WRITES_PER_IP: '3', QUERY_DEPTH_LIMIT: '6', RATE_LIMIT_DOWNLOADS: '2' } });
  const em = api.orm.em.fork();
  const publisher = (await em.insert(Publisher, { name: '限流测试局', region: '530102', isAdmin: false, createdAt: new Date(), disabledAt: null })) as number;
  const k = await newApiKey();
  await em.insert(ApiKey, { publisher, keyId: k.keyId, secretHash: k.secretHash, label: null, createdAt: new Date(), revokedAt: null, replaces: null });
  key = k.key;
});
afterAll(async () => {
  await api?.close();
});

const post = (body: object, auth?: string) => {
  const r = api.http.post('/graphql').set('content-type', 'application/json');
  if (auth) r.set('authorization', `Bearer ${auth}`);
  return r.send(body);
};
const WITHDRAW = 'mutation { withdrawNotice(number: "无此公示", on: "2026-11-20", reason: "限流测试撤回") { problems { rule } } }';

describe('limits', () => {
  it('refuses a nesting deeper than the limit before running it', async () => {
    const deep = await post({ query: '{ regions(level: PREFECTURE) { children { parent { children { parent { children { parent { code } } } } } } } }' });
    expect(deep.status).toBe(400);
    expect(deep.body.errors[0].message).toMatch(/exceeds maximum operation depth of 6/);
  });

  it('counts writes per key: the third write in a minute gets 429 with Retry-After', async () => {
    for (let i = 0; i < 2; i++) expect((await post({ query: WITHDRAW }, key)).body.data.withdrawNotice.problems[0].rule).toBe('notice.exists');
    const third = await post({ query: WITHDRAW }, key);
    expect(third.status).toBe(429);
    expect(third.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(third.body.errors[0].message).toMatch(/writes a minute with this key/);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    // The key is never echoed back.
    expect(JSON.stringify(third.body)).not.toContain(key.slice(16));
  });

  it('counts read points per address, expensive reads more', async () => {
    // The reads above took some points already; a 100-item page costs ~100 → 1 point, keep going until refused.
    let status = 200;
    let n = 0;
    for (; n < 20 && status === 200; n++) status = (await post({ query: '{ regions(level: PREFECTURE) { code } }' })).status;
    expect(status).toBe(429);
    expect(n).toBeLessThanOrEqual(8);
  });

  it('counts notice downloads per address', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await api.http.get('/downloads/notices/U3Vic2lkeU5vdGljZTox.csv')).status);
    expect(statuses).toEqual([404, 404, 429]);
  });

  it('refuses a request body over 100 kB', async () => {
    const big = await post({ query: `{ regions(level: PREFECTURE) { code } }${' '.repeat(120_000)}` });
    expect(big.status).toBe(413);
  });
});
