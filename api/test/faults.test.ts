/**
 * Faults survived (issue 13, item 7): a busy database, lost PostgreSQL connections, Meilisearch
 * killed under load, the API killed or stopped with children running. Real parts throughout:
 * the database of the run, the embedded Meilisearch binary, `node dist/cli/start.js` processes.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeCreditCode } from '../src/common/credit-code';
import { startTestApi, type TestApi } from './helpers';

const DIST = path.resolve(__dirname, '..', 'dist', 'cli');
const onSqlite = !process.env.DATABASE_URL?.startsWith('postgres');

/** Runs the publishers command against a test API's database; returns its output. */
function publishers(api: TestApi, ...args: string[]): string {
  const db = api.config.database;
  const env = { ...process.env, DATABASE_URL: db.kind === 'postgresql' ? db.url : `sqlite:${db.file}` };
  const run = spawnSync(process.execPath, [path.join(DIST, 'publishers.js'), ...args], { env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`publishers ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

/** A publisher's key on a fresh scale-0 API. */
async function apiWithKey(): Promise<{ api: TestApi; key: string }> {
  const api = await startTestApi({ scale: 0 });
  const id = /^publisher (\d+):/m.exec(publishers(api, 'create', '--name', '昆明市五华区人力资源和社会保障局', '--region', '530102'))![1];
  const key = /^(sy_[a-z0-9]{12}_[\w-]{43})$/m.exec(publishers(api, 'key-create', '--publisher', id))![1];
  return { api, key };
}

const CREATE = 'mutation($input: InstitutionInput!) { createInstitution(input: $input) { institution { id } problems { rule } } }';
const institution = (n: number) => ({
  input: { name: `昆明市五华区忙库测试培训学校${n}`, type: 'PRIVATE_TRAINING_INSTITUTION', creditCode: completeCreditCode(`52530102MJ000000${n}`), region: '530102', scope: [] },
});

describe.runIf(onSqlite)('a write that meets a busy SQLite database', () => {
  let api: TestApi;
  let key: string;
  beforeAll(async () => {
    ({ api, key } = await apiWithKey());
  }, 60_000);
  afterAll(async () => api?.close());

  const as = (query: string, variables: Record<string, unknown> = {}) =>
    api.http.post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${key}`).send({ query, variables });

  it('waits a bounded time without blocking the event loop, then answers 503 DATABASE_BUSY with Retry-After; reads go on meanwhile', async () => {
    const file = (api.config.database as { file: string }).file;
    // Another process's long import, as SQLite sees it: a second connection holding the write lock.
    const importer = new Database(file);
    importer.exec('BEGIN IMMEDIATE');
    const delay = monitorEventLoopDelay({ resolution: 10 });
    try {
      delay.enable();
      const started = Date.now();
      const write = as(CREATE, institution(1)).then((res) => ({ res, ms: Date.now() - started }));
      // A read by a publisher while the write waits: its key's last-use write must not hold it up.
      const readStarted = Date.now();
      const read = await as('{ regions(level: PREFECTURE) { code } }');
      const readMs = Date.now() - readStarted;
      const { res, ms } = await write;
      delay.disable();
      const maxDelayMs = delay.max / 1e6;
      console.log(`[faults] busy write answered after ${ms} ms; a read meanwhile took ${readMs} ms; event-loop delay max ${maxDelayMs.toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms`);

      expect(read.status).toBe(200);
      expect(read.body.data.regions).toHaveLength(16);
      expect(readMs).toBeLessThan(1_000);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.body.errors[0].extensions.code).toBe('DATABASE_BUSY');
      expect(res.body.errors[0].message).toMatch(/busy.*try again/);
      expect(JSON.stringify(res.body)).not.toMatch(/insert|SQLITE|sqlite/i);
      expect(ms).toBeGreaterThanOrEqual(2_500);
      expect(ms).toBeLessThan(5_000);
      expect(maxDelayMs).toBeLessThan(200);
    } finally {
      delay.disable();
      importer.exec('ROLLBACK');
      importer.close();
    }
    // Nothing half-written, and the same write succeeds once the lock is gone.
    const again = await as(CREATE, institution(1));
    expect(again.status).toBe(200);
    expect(again.body.data.createInstitution.problems).toEqual([]);
  }, 30_000);

  it('succeeds when the lock is released within the wait', async () => {
    const importer = new Database((api.config.database as { file: string }).file);
    importer.exec('BEGIN IMMEDIATE');
    setTimeout(() => importer.exec('COMMIT'), 700);
    try {
      const res = await as(CREATE, institution(2));
      expect(res.status).toBe(200);
      expect(res.body.data.createInstitution.problems).toEqual([]);
    } finally {
      importer.close();
    }
  }, 30_000);
});
