/**
 * What third-party clients expect of a public GraphQL API (issue 18 §3): their allowance on every
 * answer (RateLimit headers, Shopify-style `extensions.cost.throttleStatus`), CORS for anonymous
 * reads from browser apps (never with credentials or keys), and the schema as a file.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';
import { SCHEMA_FILE } from '../src/schema';

let limited: TestApi;
let open: TestApi;
beforeAll(async () => {
  // These tests speak from loopback, which the site builder's exemption would let through.
  limited = await startTestApi({ scale: 0, env: { RATE_LIMIT_READ_POINTS: '8', RATE_LIMIT_EXEMPT: 'none' } });
  open = await startTestApi({ scale: 0, env: { CORS_ORIGINS: 'https://jobs.example.cn' } });
});
afterAll(async () => {
  await limited?.close();
  await open?.close();
});

const post = (api: TestApi, query: string) =>
  api.http.post('/graphql').set('content-type', 'application/json').send({ query });

describe('an address learns its allowance from every answer', () => {
  it('in RateLimit headers and, on a POST, in extensions.cost.throttleStatus; a GET body names no client', async () => {
    const first = await post(limited, '{ __typename }');
    expect(first.status).toBe(200);
    expect(first.headers['ratelimit-limit']).toBe('8');
    expect(first.headers['ratelimit-remaining']).toBe('7');
    expect(Number(first.headers['ratelimit-reset'])).toBeGreaterThan(0);
    expect(Number(first.headers['ratelimit-reset'])).toBeLessThanOrEqual(60);
    expect(first.headers['ratelimit-policy']).toBe('8;w=60');
    expect(first.body.extensions.cost).toEqual({
      requested: 0,
      limit: 5000,
      throttleStatus: {
        maximumAvailable: 8,
        currentlyAvailable: 7,
        restoreRate: 8 / 60,
        resetSeconds: Number(first.headers['ratelimit-reset']),
      },
    });

    const get = await limited.http
      .get('/graphql')
      .query({ query: '{ __typename }' })
      .set('accept', 'application/json')
      .set('apollo-require-preflight', '1');
    expect(get.status).toBe(200);
    expect(get.headers['ratelimit-remaining']).toBe('6');
    expect(get.body.extensions.cost).toEqual({ requested: 0, limit: 5000 });

    // A request that fails before running counts, and says so.
    const broken = await post(limited, '{ __typename');
    expect(broken.status).toBe(200);
    expect(broken.headers['ratelimit-remaining']).toBe('5');
  });

  it('down to 0 on the 429 that refuses it, with Retry-After', async () => {
    let res = await post(limited, '{ __typename }');
    for (let i = 0; i < 10 && res.status !== 429; i++) res = await post(limited, '{ __typename }');
    expect(res.status).toBe(429);
    expect(res.headers['ratelimit-remaining']).toBe('0');
    expect(res.headers['ratelimit-limit']).toBe('8');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('except an address that is not limited (the site builder on loopback): no headers', async () => {
    const res = await post(open, '{ __typename }');
    expect(res.status).toBe(200);
    expect(res.headers['ratelimit-limit']).toBeUndefined();
    expect(res.body.extensions.cost.throttleStatus).toBeUndefined();
  });
});

describe('browser apps on other origins', () => {
  it('may read from any origin by default, never with credentials, and cannot send a key', async () => {
    const preflight = await limited.http
      .options('/graphql')
      .set('origin', 'https://apps.example.org')
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'content-type');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBe('GET,HEAD,POST');
    expect(preflight.headers['access-control-allow-headers'].toLowerCase()).toContain('content-type');
    expect(preflight.headers['access-control-allow-headers'].toLowerCase()).not.toContain('authorization');
    expect(preflight.headers['access-control-max-age']).toBe('86400');

    const read = await limited.http.get('/schema.graphql').set('origin', 'https://apps.example.org');
    expect(read.headers['access-control-allow-origin']).toBe('*');
    expect(read.headers['access-control-expose-headers']).toContain('RateLimit-Remaining');
  });

  it('from the configured origins only, when CORS_ORIGINS names them', async () => {
    const ok = await post(open, '{ __typename }').set('origin', 'https://jobs.example.cn');
    expect(ok.headers['access-control-allow-origin']).toBe('https://jobs.example.cn');
    expect(ok.headers.vary).toMatch(/Origin/);
    const other = await post(open, '{ __typename }').set('origin', 'https://elsewhere.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('/schema.graphql', () => {
  it('is the checked-in public contract, as text, cacheable and revalidated with its ETag', async () => {
    const res = await open.http.get('/schema.graphql');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).toBe(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    const again = await open.http.get('/schema.graphql').set('if-none-match', res.headers.etag);
    expect(again.status).toBe(304);
  });
});
