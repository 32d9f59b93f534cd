/**
 * API replicas started at the same moment on one empty database (issue 18 §1): one runs the
 * migrations and loads the reference data while the other waits, then finds it ready; both
 * serve. Before the prepare lock, the second died on a duplicate key in `region`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, REPO_ROOT } from '../src/config';
import { openOrm } from '../src/db/orm';
import { generateSigner, signerKey } from '../src/log/signed-note';
import { createTestDatabase, type TestDatabase } from './helpers';

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
