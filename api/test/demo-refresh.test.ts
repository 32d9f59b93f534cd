/**
 * The demo must not age into a museum: `prepareDatabase` (so `npm start`) makes a generated
 * demo again when it was made for a day more than 30 days from today, and never touches a
 * database that holds anything a publisher wrote.
 */
import type { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { openOrm } from '../src/db/orm';
import { readDatasetMeta } from '../src/db/dataset-meta';
import { prepareDatabase } from '../src/db/seed';
import { Publisher } from '../src/publishers/publisher.entity';
import { createTestDatabase, type TestDatabase } from './helpers';

const SEED = 20220211;
let db: TestDatabase;
let orm: MikroORM;

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm(db.config);
});
afterAll(async () => {
  await orm?.close(true);
  await db?.drop();
});

const one = async (sql: string) =>
  Object.values(((await orm.em.getConnection().execute(sql)) as Record<string, unknown>[])[0])[0];
const prepare = async (today: string) => {
  const lines: string[] = [];
  const result = await prepareDatabase(orm, { scale: 0.3, seed: SEED, today, log: (l) => lines.push(l) });
  return { ...result, log: lines.join('\n') };
};

describe('a demo made for another day', () => {
  it('is kept within 30 days and made again for today after that, saying so', async () => {
    const first = await prepare('2026-10-01');
    expect(first.loaded).toBe(true);
    expect(first.meta['demo.today']).toBe('2026-10-01');
    const courses = Number(await one('select count(*) from course'));

    const soon = await prepare('2026-10-25');
    expect(soon.loaded).toBe(false);
    expect(soon.meta['loaded.at']).toBe(first.meta['loaded.at']);

    const later = await prepare('2026-12-02');
    expect(later.loaded).toBe(true);
    expect(later.log).toMatch(/made for 2026-10-01 .*making the demo again for 2026-12-02/);
    expect(later.meta['demo.today']).toBe('2026-12-02');
    expect(later.meta['schema.migration']).toBe(first.meta['schema.migration']);
    // The same amounts, placed around the new day; nothing of the old demo left behind.
    expect(Number(await one('select count(*) from course'))).toBe(courses);
    expect(Number(await one(`select count(*) from course where start_date > '2026-12-02'`))).toBeGreaterThan(0);
    expect(Number(await one(`select count(*) from subsidy_notice where published_on > '2026-10-01'`))).toBeGreaterThan(
      0,
    );
    expect(Number(await one(`select count(*) from subsidy_notice where published_on > '2026-12-02'`))).toBe(0);
    expect(Number(await one(`select count(*) from annual_target`))).toBe(425);
    expect(Number(await one(`select count(*) from dataset_meta where key = 'loaded.at'`))).toBe(1);
  });

  it('leaves the planner statistics of the tables it filled (ANALYZE after the bulk load)', async () => {
    const pg = db.config.kind === 'postgresql';
    // PostgreSQL keeps per-column statistics in pg_stats; SQLite's ANALYZE writes sqlite_stat1.
    const stats = pg
      ? `select count(*) from pg_stats where schemaname = current_schema() and tablename = 'subsidy_notice_line'`
      : `select count(*) from sqlite_stat1 where tbl = 'subsidy_notice_line'`;
    expect(Number(await one(stats))).toBeGreaterThan(0);
  });

  it('is never made again once a publisher has written anything', async () => {
    const em = orm.em.fork();
    em.create(AuditEntry, {
      at: new Date(),
      publisherId: null,
      actor: 'cli:import',
      keyId: null,
      action: 'notice.publish',
      entityType: 'SubsidyNotice',
      entityKey: '（演示）test',
      summary: 'a record a bureau published',
    } as never);
    await em.flush();
    const kept = await prepare('2027-03-01');
    expect(kept.loaded).toBe(false);
    expect(kept.meta['demo.today']).toBe('2026-12-02');

    await orm.em.getConnection().execute(`delete from audit_entry where actor = 'cli:import'`);
    const em2 = orm.em.fork();
    em2.create(Publisher, { name: '测试人社局', region: '530100', isAdmin: false, createdAt: new Date() } as never);
    await em2.flush();
    const stillKept = await prepare('2027-03-01');
    expect(stillKept.loaded).toBe(false);
    expect((await readDatasetMeta(orm.em.fork()))['demo.today']).toBe('2026-12-02');
  });
});
