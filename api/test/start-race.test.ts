/**
 * API replicas (issue 18 §1). Started at the same moment on one empty database: one runs the
 * migrations and loads the reference data while the other waits, then finds it ready; both
 * serve (before the prepare lock, the second died on a duplicate key in `region`). Serving
 * together on one PostgreSQL, Redis and Meilisearch: they answer as one.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, REPO_ROOT } from '../src/config';
import { openOrm } from '../src/db/orm';
import { generateSigner, signerKey } from '../src/log/signed-note';
import { completeCreditCode } from '../src/common/credit-code';
import { createTestDatabase, startTestSearch, type TestDatabase } from './helpers';

const START = path.join(REPO_ROOT, 'api', 'dist', 'cli', 'start.js');

let db: TestDatabase;
let work: string;
beforeAll(async () => {
  db = await createTestDatabase();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-start-race-'));
});
afterAll(async () => {
  await db?.drop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Starts `npm start`'s API (no search, no site) and resolves with what it printed once it serves. */
function startReplica(name: string, env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(process.execPath, [START], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (/GraphQL API and IDE at http/.test(out)) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', () => {
      clearTimeout(timer);
      if (/GraphQL API and IDE at http/.test(out)) resolve(out);
      else reject(new Error(`replica ${name} did not start:\n${out.slice(-3000)}`));
    });
  });
}

describe('two API processes started together on an empty database', () => {
  it('prepare it once: one migrates and loads, the other waits and reuses it; both serve', async () => {
    const url = db.config.kind === 'postgresql' ? db.config.url : `sqlite:${db.config.file}`;
    const origin = loadConfig({}).log.origin;
    const env = (n: number): NodeJS.ProcessEnv => ({
      ...process.env,
      DATABASE_URL: url,
      DATA_DIR: path.join(work, `replica-${n}`),
      // Replicas share one log key, as docker-compose gives them LOG_SIGNING_KEY.
      LOG_SIGNING_KEY: signerKey(generateSigner(origin)),
      DEMO_SCALE: '0',
      SEARCH: 'off',
      SITE: 'off',
      PORT: '0',
      HOST: '127.0.0.1',
      CATALOGUE_TODAY: '2026-11-21',
      NODE_ENV: 'production',
    });
    const shared = env(0);
    const outs = await Promise.all([
      startReplica('a', { ...shared, DATA_DIR: path.join(work, 'a') }),
      startReplica('b', { ...shared, DATA_DIR: path.join(work, 'b') }),
    ]);
    expect(outs.filter((o) => /loading reference data/.test(o))).toHaveLength(1);
    expect(outs.filter((o) => /database already loaded .*: reusing it/.test(o))).toHaveLength(1);

    const orm = await openOrm(db.config);
    try {
      const one = async (sql: string) => (await orm.em.getConnection().execute(sql))[0] as Record<string, unknown>;
      const migrations = await one('select count(*) as n, count(distinct name) as d from schema_migration');
      expect(Number(migrations.n)).toBeGreaterThan(0);
      expect(Number(migrations.n)).toBe(Number(migrations.d));
      const regions = await one('select count(*) as n, count(distinct code) as d from region');
      expect(Number(regions.n)).toBe(146);
      expect(Number(regions.d)).toBe(146);
      const loaded = await one("select count(*) as n from dataset_meta where key = 'loaded.at'");
      expect(Number(loaded.n)).toBe(1);
    } finally {
      await orm.close(true);
    }
  }, 180_000);
});

/** A replica left running: where it answers, what it printed, how to stop it. */
interface Replica {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `npm start`'s API and resolves once it serves, left running. */
function serveReplica(name: string, env: NodeJS.ProcessEnv): Promise<Replica> {
  const child = spawn(process.execPath, [START], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise<Replica>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`replica ${name} did not start:\n${out.slice(-3000)}`));
    }, 150_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /GraphQL API and IDE at (http:\/\/[\d.]+:\d+)\/graphql/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({ url: m[1], output: () => out, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`replica ${name} ended:\n${out.slice(-3000)}`)));
  });
}

const pg = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');
const CREATE = `mutation($input: InstitutionInput!) { createInstitution(input: $input) { institution { id } problems { rule } } }`;

describe.runIf(pg)('two API processes serving one PostgreSQL, Redis and Meilisearch', () => {
  it('answer as one: a write through one is read through the other, one allowance between them, each change sent to search once', async () => {
    const served = await createTestDatabase();
    const search = await startTestSearch();
    const replicas: Replica[] = [];
    const prefix = `catalogue-test-replicas-${process.pid}:`;
    try {
      const url = served.config.kind === 'postgresql' ? served.config.url : '';
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: url,
        DATA_DIR: path.join(work, 'serving'),
        LOG_SIGNING_KEY: signerKey(generateSigner(loadConfig({}).log.origin)),
        REDIS_URL: 'redis://127.0.0.1:6379',
        CACHE_KEY_PREFIX: prefix,
        MEILI_URL: search.meili.url,
        MEILI_MASTER_KEY: search.meili.masterKey,
        RATE_LIMIT_EXEMPT: 'none',
        DEMO_SCALE: '0',
        SITE: 'off',
        PORT: '0',
        HOST: '127.0.0.1',
        CATALOGUE_TODAY: '2026-11-21',
        NODE_ENV: 'production',
      };
      replicas.push(...(await Promise.all([serveReplica('a', env), serveReplica('b', env)])));
      const [a, b] = replicas;
      const post = async (to: Replica, query: string, variables: object = {}, key?: string) => {
        const res = await fetch(`${to.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        return { res, body: (await res.json()) as any };
      };

      // One allowance: each answer, from either replica, has one point fewer left.
      const left: number[] = [];
      for (const to of [a, b, a, b])
        left.push(Number((await post(to, '{ __typename }')).res.headers.get('ratelimit-remaining')));
      expect(left.map((n) => left[0] - n)).toEqual([0, 1, 2, 3]);

      // A bureau's key, made with the CLI, writes through one; the other reads it at once.
      const cli = (...args: string[]) =>
        spawnSync(process.execPath, [path.join(REPO_ROOT, 'api', 'dist', 'cli', 'publishers.js'), ...args], {
          env: { ...process.env, DATABASE_URL: url },
          encoding: 'utf8',
        }).stdout;
      const publisher = /^publisher (\d+):/m.exec(
        cli('create', '--name', '昆明市五华区人力资源和社会保障局', '--region', '530102'),
      )![1];
      const key = /sy_[a-z0-9]{12}_[\w-]{43}/.exec(cli('key-create', '--publisher', publisher))![0];
      const tasks = async () => {
        const res = await fetch(
          `${search.meili.url}/tasks?indexUids=institutions&types=documentAdditionOrUpdate&limit=100`,
          {
            headers: { authorization: `Bearer ${search.meili.masterKey}` },
          },
        );
        return ((await res.json()) as { results: unknown[] }).results.length;
      };
      const before = await tasks();
      const input = {
        name: '昆明市五华区复本测试职业技能培训学校',
        type: 'PRIVATE_TRAINING_INSTITUTION',
        creditCode: completeCreditCode('52530102MJ0000009'),
        region: '530102',
        scope: ['4-10-01-05'],
      };
      const created = await post(a, CREATE, { input }, key);
      expect(created.body.data.createInstitution.problems).toEqual([]);
      const id = created.body.data.createInstitution.institution.id;
      const read = await post(b, 'query($id: ID!) { node(id: $id) { ... on Institution { name region { code } } } }', {
        id,
      });
      expect(read.body.data.node).toEqual({ name: input.name, region: { code: '530102' } });

      // Both replicas poll the one outbox: the change reaches search, sent once.
      const found = async () =>
        (
          await post(b, 'query($q: String!) { search(query: $q, index: INSTITUTIONS) { hits { id } } }', {
            q: '复本测试',
          })
        ).body.data?.search?.hits?.length ?? 0;
      for (let i = 0; i < 60 && (await found()) === 0; i++) await new Promise((r) => setTimeout(r, 500));
      expect(await found()).toBe(1);
      await new Promise((r) => setTimeout(r, 2_500));
      expect((await tasks()) - before).toBe(1);
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
      await search.stop();
      await served.drop();
    }
  }, 300_000);
});
