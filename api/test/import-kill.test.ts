/**
 * `kill -9` of the importer halfway through a 60,000-row notices file (issue 13, item 7): the
 * real command, spawned on a real database and killed with SIGKILL once it reports that half of
 * the notices are written inside its transaction. Nothing of it may remain — no notice, line,
 * revision, audit entry, search outbox row or disclosure log entry (issue 17: the log is appended
 * in the event's transaction) — and `notices:verify` must pass on the next start,
 * while the notices imported before stay as they were and the database takes the next import.
 */
import 'reflect-metadata';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrm } from '../src/db/orm';
import { prepareDatabase } from '../src/db/seed';
import { NOTICE_FILE_HEADER, sampleNoticeRows } from '../src/bench/sample-notice-rows';
import { noticesKind } from '../src/imports/import-notices';
import { runImport } from '../src/imports/run-import';
import { SERVER_WRITER } from '../src/publishers/writer';
import { createTestDatabase, type TestDatabase } from './helpers';

const DIST = path.resolve(__dirname, '..', 'dist', 'cli');
const TABLES = [
  'subsidy_notice',
  'subsidy_notice_line',
  'subsidy_notice_revision',
  'audit_entry',
  'search_outbox',
  'log_entry',
  'log_hash',
];
const NOTICES = 1000;
const PER_NOTICE = 60;

let db: TestDatabase;
let orm: MikroORM;
let dir: string;
let env: NodeJS.ProcessEnv;

const em = () => orm.em.fork() as SqlEntityManager;
const counts = async () =>
  Object.fromEntries(
    await Promise.all(
      TABLES.map(async (t) => [t, Number((await em().getConnection().execute(`select count(*) as n from ${t}`))[0].n)]),
    ),
  );
const csvFile = (name: string, rows: string[][]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `\uFEFF${[NOTICE_FILE_HEADER, ...rows].map((r) => r.join(',')).join('\n')}\n`);
  return file;
};

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm(db.config);
  await prepareDatabase(orm, { scale: 0, seed: 20220211, today: '2026-11-21' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-import-kill-'));
  env = {
    ...process.env,
    DATABASE_URL: db.config.kind === 'postgresql' ? db.config.url : `sqlite:${db.config.file}`,
    CATALOGUE_TODAY: '2026-11-21',
  };
});
afterAll(async () => {
  await orm?.close(true);
  await db?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Spawns `npm run import -- notices <file>` and SIGKILLs it once it reports half the notices written. */
function importKilledHalfway(
  file: string,
): Promise<{ signal: NodeJS.Signals | null; written: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(DIST, 'import.js'), 'notices', file], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let written = 0;
    const watch = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      for (const m of output.matchAll(/\[import\] (\d+)\/(\d+) records written \(not yet committed\)/g))
        written = Math.max(written, Number(m[1]));
      if (written >= NOTICES / 2 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, written, output }));
  });
}

describe('kill -9 of the importer halfway through a 60,000-row notices file', () => {
  it('leaves no partial notice or line, and notices:verify passes on the next start', async () => {
    // Notices imported before: they must stay exactly as they are.
    const earlier = await runImport(
      em(),
      { ...SERVER_WRITER, name: 'test:import-kill' },
      noticesKind,
      csvFile('earlier.csv', sampleNoticeRows(2, 5, 900_000)),
      { today: '2026-11-21' },
    );
    expect(earlier).toMatchObject({ applied: true, create: 2 });
    const before = await counts();

    const big = csvFile('big.csv', sampleNoticeRows(NOTICES, PER_NOTICE));
    const run = await importKilledHalfway(big);
    expect(run.signal, run.output).toBe('SIGKILL');
    expect(run.written).toBeGreaterThanOrEqual(NOTICES / 2);
    expect(run.written).toBeLessThan(NOTICES);
    expect(run.output).not.toMatch(/written in one transaction/);

    // The next start: a fresh process opens the database and re-hashes every notice's chain.
    const verify = spawnSync(process.execPath, [path.join(DIST, 'verify-notices.js')], { env, encoding: 'utf8' });
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/\[verify\] 2 notices, 2 revisions, 10 lines re-hashed/);
    expect(await counts()).toEqual(before);

    // Nothing is left locked: the next import of the first notices of the file goes through.
    const after = await runImport(
      em(),
      { ...SERVER_WRITER, name: 'test:import-kill' },
      noticesKind,
      csvFile('after.csv', sampleNoticeRows(1, PER_NOTICE)),
      { today: '2026-11-21' },
    );
    expect(after).toMatchObject({ applied: true, create: 1 });
    // Both or neither: every revision has its log entry, and the log holds no entry of the killed import.
    const final = await counts();
    expect(final.log_entry).toBe(before.log_entry + 1);
    expect(final.log_entry - final.subsidy_notice_revision).toBe(before.log_entry - before.subsidy_notice_revision);
  }, 120_000);
});
