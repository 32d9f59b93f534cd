/**
 * Issue 13: a seeded fuzzer against a real API over real HTTP (a small demo database):
 * requests generated from the schema and hand-made hostile ones (see bench/fuzz-requests.ts).
 * No answer may be a 5xx, carry an uncoded error, or show a stack, a file path or SQL; and
 * the server may log no internal error meanwhile.
 */
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/core';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fuzzRequests, problemsOf, sendFuzz, type FuzzRequest } from '../src/bench/fuzz-requests';
import { loadConfig } from '../src/config';
import { openOrm } from '../src/db/orm';
import { prepareDatabase } from '../src/db/seed';
import { getSchema } from '../src/schema';
import { newApiKey } from '../src/publishers/api-keys';
import { ApiKey, Publisher } from '../src/publishers/publisher.entity';
import { createApi } from '../src/server';
import { createTestDatabase, type TestDatabase } from './helpers';

const REQUESTS = 2000;
const SEED = 13;
/** Requests in flight at once: enough to interleave them, as a real fuzzer does. */
const PARALLEL = 4;

let db: TestDatabase;
let orm: MikroORM;
let stop: () => Promise<void>;
let base = '';
let key = '';
let schema: GraphQLSchema;
const internal: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm(db.config);
  await prepareDatabase(orm, { scale: 0.05, seed: 20220211, today: '2026-11-21' });
  // No rate limits: they would answer most of the run with 429s before the server's own checks.
  const config = {
    ...loadConfig({
      CATALOGUE_TODAY: '2026-11-21',
      RATE_LIMIT_READ_POINTS: '0',
      RATE_LIMIT_WRITES_PER_KEY: '0',
      RATE_LIMIT_WRITES_PER_IP: '0',
      RATE_LIMIT_DOWNLOADS: '0',
    }),
    database: db.config,
  };
  const em = orm.em.fork();
  const publisher = (await em.insert(Publisher, {
    name: '模糊测试局',
    region: '530100',
    isAdmin: false,
    createdAt: new Date(),
    disabledAt: null,
  })) as number;
  const k = newApiKey();
  await em.insert(ApiKey, {
    publisher,
    keyId: k.keyId,
    secretHash: k.secretHash,
    label: null,
    createdAt: new Date(),
    revokedAt: null,
    replaces: null,
  });
  key = k.key;
  const { httpServer, apollo } = await createApi(orm, config);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  stop = async () => {
    await apollo.stop();
    if (httpServer.listening) await new Promise((resolve) => httpServer.close(resolve));
  };
  schema = await getSchema();
  // What the server logs as an internal failure is a bug even when the answer hid it.
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    internal.push(
      args
        .map((a) => (a instanceof Error ? a.message : String(a)))
        .join(' ')
        .slice(0, 300),
    );
  });
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await stop?.();
  await orm?.close(true);
  await db?.drop();
});

describe('fuzzing', () => {
  it(`answers ${REQUESTS} hostile requests without a 5xx, an uncoded error or a leak`, async () => {
    const requests = [...fuzzRequests(schema, SEED, REQUESTS, key)];
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    const run = async (r: FuzzRequest) => {
      const answer = await sendFuzz(base, r);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      for (const p of problemsOf(r, answer))
        problems.push(`${r.kind} ${r.method} ${(r.body ?? r.path).slice(0, 200)} → ${p}`);
    };
    for (let i = 0; i < requests.length; i += PARALLEL) await Promise.all(requests.slice(i, i + PARALLEL).map(run));
    expect(problems.slice(0, 20)).toEqual([]);
    expect(internal.slice(0, 10)).toEqual([]);
    // The run reached the resolvers and the checks before them, not just one kind of refusal.
    expect(statuses.get(200)).toBeGreaterThan(REQUESTS / 10);
    for (const status of [400, 401, 404, 413, 415]) expect(statuses.get(status), `HTTP ${status}`).toBeGreaterThan(0);
  }, 90_000);

  it('catches what it looks for (the check itself can fail)', () => {
    const r: FuzzRequest = { kind: 'x', method: 'POST', path: '/graphql', headers: {}, body: '{}' };
    const json = 'application/json';
    expect(
      problemsOf(r, {
        status: 500,
        contentType: json,
        body: '{"errors":[{"message":"x","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}',
      }),
    ).toHaveLength(2);
    expect(problemsOf(r, { status: 400, contentType: json, body: '{"errors":[{"message":"x"}]}' })).toEqual([
      expect.stringMatching(/without a code/),
    ]);
    expect(
      problemsOf(r, {
        status: 400,
        contentType: 'text/html',
        body: 'Error<br> &nbsp;at next (/work/api/node_modules/express/lib/router.js:1:2)',
      }).length,
    ).toBeGreaterThanOrEqual(2);
    expect(
      problemsOf(r, {
        status: 200,
        contentType: json,
        body: '{"errors":[{"message":"select `c0`.* from `course` as `c0` where `c0`.`id` = 1 - SQLITE_ERROR","extensions":{"code":"BAD_USER_INPUT"}}]}',
      }),
    ).toEqual([expect.stringMatching(/^SQL/)]);
    expect(problemsOf(r, { status: 200, contentType: json, body: '{"data":{"regions":[]}}' })).toEqual([]);
  });
});
