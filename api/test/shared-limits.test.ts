/**
 * Rate limits shared by API replicas through Redis (issue 18 §1): with `REDIS_URL`, two API
 * instances allow together what one would, not twice as much; with Redis unreachable, each
 * still limits on its own and no request fails. Keys under a prefix of this run's own, removed
 * afterwards.
 */
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `catalogue-test-limits-${process.pid}-${Date.now()}:`;
const LIMITS = { RATE_LIMIT_READ_POINTS: '4', RATE_LIMIT_DOWNLOADS: '3', RATE_LIMIT_EXEMPT: 'none' };

const redis = createClient({ url: REDIS_URL });
let a: TestApi;
let b: TestApi;
beforeAll(async () => {
  await redis.connect();
  const env = { ...LIMITS, REDIS_URL, CACHE_KEY_PREFIX: PREFIX };
  [a, b] = await Promise.all([startTestApi({ scale: 0, env }), startTestApi({ scale: 0, env })]);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  const left = await redis.keys(`${PREFIX}*`);
  if (left.length) await redis.del(left);
  await redis.close();
});

const read = (api: TestApi) =>
  api.http.post('/graphql').set('content-type', 'application/json').send({ query: '{ __typename }' });

describe('two API instances with one Redis', () => {
  it('share one allowance per address: the fifth read of four allowed is refused, whichever answers it', async () => {
    const answers = [await read(a), await read(b), await read(a), await read(b)];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((r) => r.headers['ratelimit-remaining'])).toEqual(['3', '2', '1', '0']);
    expect((await read(a)).status).toBe(429);
    expect((await read(b)).status).toBe(429);
    expect(await redis.keys(`${PREFIX}ratelimit:reads:*`)).toHaveLength(1);
  });

  it('share the downloads allowance too', async () => {
    const get = (api: TestApi) => api.http.get('/downloads/notices/U3Vic2lkeU5vdGljZTox.csv');
    const statuses = [(await get(a)).status, (await get(b)).status, (await get(a)).status, (await get(b)).status];
    expect(statuses).toEqual([404, 404, 404, 429]);
  });
});

describe('an API whose Redis cannot be reached', () => {
  it('answers every request and limits the address on its own', async () => {
    const alone = await startTestApi({
      scale: 0,
      env: { ...LIMITS, REDIS_URL: 'redis://127.0.0.1:1', CACHE_KEY_PREFIX: PREFIX, CACHE_MAX_AGE: '0' },
    });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await read(alone)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
    } finally {
      await alone.close();
    }
  });
});
