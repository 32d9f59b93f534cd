import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { MikroORM } from '@mikro-orm/core';
import Database from 'better-sqlite3';
import { startEmbeddedMeilisearch } from '@skills-yunnan/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config';
import { openOrm } from '../src/db/orm';
import { prepareDatabase } from '../src/db/seed';
import { createTestDatabase, startTestSearch, type TestDatabase, type TestSearch } from './helpers';

// scripts/backup.sh and scripts/restore.sh as an operator runs them: on the machine's PostgreSQL
// and a real Meilisearch under npm run test:pg (and .ci/run), on the embedded SQLite file while
// another connection writes to it under npm test.
const pg = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');
const run = promisify(execFile);
const BACKUP = path.join(REPO_ROOT, 'scripts', 'backup.sh');
const RESTORE = path.join(REPO_ROOT, 'scripts', 'restore.sh');
const CLI = path.join(REPO_ROOT, 'api', 'dist', 'cli', 'publishers.js');

const TABLES = [
  'region',
  'occupation',
  'institution',
  'annual_target',
  'course',
  'subsidy_notice',
  'subsidy_notice_line',
  'publisher',
  'api_key',
  'audit_entry',
  'schema_migration',
];

describe.runIf(pg)('backup and restore (PostgreSQL and Meilisearch)', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let orm: MikroORM;
  let search: TestSearch;
  let work: string;
  const url = (db: TestDatabase) => (db.config as { url: string }).url;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-backup-'));
    source = await createTestDatabase();
    target = await createTestDatabase();
    orm = await openOrm(source.config);
    await prepareDatabase(orm, { scale: 1, seed: 7, today: '2026-11-22' });
    // A publisher's record, as the CLI writes it (with its audit entry).
    await run(process.execPath, [CLI, 'create', '--name', '昆明市人力资源和社会保障局', '--region', '530100'], {
      env: { ...process.env, DATABASE_URL: url(source) },
    });
    search = await startTestSearch();
    await search.runtime.sync(orm);
  }, 240_000);
  afterAll(async () => {
    await orm?.close(true);
    await search?.stop();
    await source?.drop();
    await target?.drop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  const counts = async (dbUrl: string) => {
    const o = await openOrm({ kind: 'postgresql', url: dbUrl });
    try {
      const out: Record<string, number> = {};
      for (const t of TABLES)
        out[t] = Number(
          ((await o.em.getConnection().execute(`select count(*) as n from ${t}`)) as { n: string }[])[0].n,
        );
      return out;
    } finally {
      await o.close(true);
    }
  };
  const documents = async (meiliUrl: string, key: string) => {
    const res = await fetch(`${meiliUrl}/stats`, { headers: { Authorization: `Bearer ${key}` } });
    const stats = (await res.json()) as { indexes: Record<string, { numberOfDocuments: number }> };
    return Object.fromEntries(Object.entries(stats.indexes).map(([k, v]) => [k, v.numberOfDocuments]));
  };

  it('backs up both, restores both into new places, and every row and document comes back', async () => {
    const out = path.join(work, 'backups');
    const env = {
      ...process.env,
      DATABASE_URL: url(source),
      MEILI_URL: search.meili.url,
      MEILI_MASTER_KEY: search.meili.masterKey,
      MEILI_DUMP_DIR: path.join(search.dataDir, 'dumps'),
    };
    const backup = await run(BACKUP, [out], { env });
    expect(backup.stdout).toMatch(/backup: done/);
    const [dir] = fs.readdirSync(out).map((d) => path.join(out, d));
    expect(fs.readdirSync(dir).sort()).toEqual(['MANIFEST.txt', 'SHA256SUMS', 'catalogue.pgdump', 'meilisearch.dump']);
    expect(fs.readFileSync(path.join(dir, 'MANIFEST.txt'), 'utf8')).toMatch(/last migration: \d{14}-[a-z-]+\n/);

    const restoredMeili = path.join(work, 'restored-meili');
    fs.mkdirSync(restoredMeili);
    fs.writeFileSync(path.join(restoredMeili, 'master-key'), `${search.meili.masterKey}\n`);
    const restore = await run(RESTORE, [dir], {
      env: {
        ...process.env,
        DATABASE_URL: url(target),
        MEILI_DB_PATH: path.join(restoredMeili, 'data.ms'),
        MEILI_MASTER_KEY: search.meili.masterKey,
      },
    });
    expect(restore.stdout).toMatch(/restore: done/);

    const before = await counts(url(source));
    expect(before.publisher).toBe(1);
    expect(before.subsidy_notice).toBeGreaterThan(1000);
    expect(await counts(url(target))).toEqual(before);

    const meili = await startEmbeddedMeilisearch({ dataDir: restoredMeili, port: 0 });
    try {
      const original = await documents(search.meili.url, search.meili.masterKey);
      expect(Object.keys(original).length).toBeGreaterThanOrEqual(4);
      expect(await documents(meili.url, meili.masterKey)).toEqual(original);
    } finally {
      await meili.stop();
    }

    // A restored database is one the API starts on as it is: nothing to migrate, nothing reloaded.
    const o = await openOrm(target.config);
    try {
      const again = await prepareDatabase(o, { scale: 1, seed: 7, today: '2026-11-22' });
      expect(again.loaded).toBe(false);
    } finally {
      await o.close(true);
    }
  }, 240_000);

  it('refuses a backup whose files changed, and a database that is not empty without --replace', async () => {
    const out = path.join(work, 'backups-2');
    await run(BACKUP, [out], { env: { ...process.env, DATABASE_URL: url(source), MEILI_URL: '' } });
    const [dir] = fs.readdirSync(out).map((d) => path.join(out, d));
    expect(fs.existsSync(path.join(dir, 'meilisearch.dump'))).toBe(false);
    // The target already holds the first test's restore.
    await expect(run(RESTORE, [dir], { env: { ...process.env, DATABASE_URL: url(target) } })).rejects.toMatchObject({
      stderr: expect.stringMatching(/already has \d+ tables.*--replace/),
    });
    const replaced = await run(RESTORE, [dir, '--replace'], { env: { ...process.env, DATABASE_URL: url(target) } });
    expect(replaced.stdout).toMatch(/restore: done/);
    expect(await counts(url(target))).toEqual(await counts(url(source)));

    const dump = path.join(dir, 'catalogue.pgdump');
    const bytes = fs.readFileSync(dump);
    bytes[bytes.length - 10] ^= 0xff;
    fs.writeFileSync(dump, bytes);
    await expect(
      run(RESTORE, [dir, '--replace'], { env: { ...process.env, DATABASE_URL: url(target) } }),
    ).rejects.toMatchObject({ stderr: expect.stringMatching(/do not match SHA256SUMS/) });
  }, 240_000);

  it('leaves nothing behind when the database cannot be dumped', async () => {
    const out = path.join(work, 'backups-3');
    const bad = new URL(url(source));
    bad.pathname = '/catalogue_no_such_database';
    await expect(
      run(BACKUP, [out], { env: { ...process.env, DATABASE_URL: bad.toString(), MEILI_URL: '' } }),
    ).rejects.toMatchObject({ stderr: expect.stringMatching(/failed, nothing kept/) });
    expect(fs.existsSync(out) ? fs.readdirSync(out) : []).toEqual([]);
  });
});

describe.runIf(!pg)('backup and restore of the embedded SQLite database while it is written', () => {
  let work: string;
  let live: string;
  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-sqlite-backup-'));
    live = path.join(work, 'live', 'catalogue.sqlite');
    fs.mkdirSync(path.dirname(live));
    const orm = await openOrm({ kind: 'sqlite', file: live });
    await prepareDatabase(orm, { scale: 1, seed: 7, today: '2026-11-22' });
    await orm.close(true);
  }, 240_000);
  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  const counts = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return Object.fromEntries(
        TABLES.map((t) => [t, (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n]),
      );
    } finally {
      db.close();
    }
  };

  /** Another connection (as the API's) adding a row every millisecond or so until stopped. */
  function writer(file: string) {
    const db = new Database(file, { timeout: 5000 });
    db.pragma('journal_mode = WAL');
    db.exec('create table if not exists backup_probe (n integer primary key)');
    const insert = db.prepare('insert into backup_probe (n) values (?)');
    let n = 0;
    let running = true;
    const done = (async () => {
      while (running) {
        insert.run(++n);
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    return {
      written: () => n,
      stop: async () => {
        running = false;
        await done;
        db.close();
      },
    };
  }

  it('copies one consistent state while rows are written, and restores it into a new place', async () => {
    const w = writer(live);
    await new Promise((r) => setTimeout(r, 50));
    const before = w.written();
    const out = path.join(work, 'backups');
    const made = await run(BACKUP, [out], { env: { ...process.env, DATABASE_URL: `sqlite:${live}`, MEILI_URL: '' } });
    const after = w.written();
    expect(after).toBeGreaterThan(before);
    await w.stop();
    expect(made.stdout).toMatch(/backup: done/);
    const [dir] = fs.readdirSync(out).map((d) => path.join(out, d));
    expect(fs.readdirSync(dir).sort()).toEqual(['MANIFEST.txt', 'SHA256SUMS', 'catalogue.sqlite']);
    const manifest = fs.readFileSync(path.join(dir, 'MANIFEST.txt'), 'utf8');
    expect(manifest).toMatch(/database: +catalogue\.sqlite \(SQLite online backup/);
    expect(manifest).toMatch(/last migration: \d{14}-/);
    expect(manifest).toMatch(/rows: +\d+ subsidy_notice, \d+ course, \d+ institution, \d+ audit_entry/);

    const restored = path.join(work, 'restored', 'catalogue.sqlite');
    const back = await run(RESTORE, [dir], { env: { ...process.env, DATABASE_URL: `sqlite:${restored}` } });
    expect(back.stdout).toMatch(/restore: \d+ subsidy_notice.*last migration/);
    const { probe, ...tables } = { ...counts(restored), probe: 0 };
    expect(tables).toEqual(counts(live));
    // The probe rows of one moment: every row up to some n written during the backup, no gap.
    const db = new Database(restored, { readonly: true });
    const rows = db.prepare('select count(*) as c, coalesce(max(n), 0) as m from backup_probe').get() as {
      c: number;
      m: number;
    };
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(probe).toBe(0);
    expect(rows.c).toBe(rows.m);
    expect(rows.c).toBeGreaterThanOrEqual(before);
    expect(rows.c).toBeLessThanOrEqual(after);
  }, 120_000);

  it('restores over a database only with --replace, keeping it aside, and refuses a changed backup', async () => {
    const out = path.join(work, 'backups');
    const [dir] = fs.readdirSync(out).map((d) => path.join(out, d));
    const restored = path.join(work, 'restored', 'catalogue.sqlite');
    const env = { ...process.env, DATABASE_URL: `sqlite:${restored}` };
    await expect(run(RESTORE, [dir], { env })).rejects.toMatchObject({
      stderr: expect.stringMatching(/there is a database at .* already: give --replace/),
    });
    const replaced = await run(RESTORE, [dir, '--replace'], { env });
    expect(replaced.stdout).toMatch(/kept at .*catalogue\.sqlite\.before-restore-\d{8}T\d{6}Z/);
    expect(fs.readdirSync(path.dirname(restored)).filter((f) => f.includes('.before-restore-'))).toHaveLength(1);

    const file = path.join(dir, 'catalogue.sqlite');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10] ^= 0xff;
    fs.writeFileSync(file, bytes);
    await expect(run(RESTORE, [dir, '--replace'], { env })).rejects.toMatchObject({
      stderr: expect.stringMatching(/do not match SHA256SUMS/),
    });
  }, 60_000);
});
