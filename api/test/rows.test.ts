/**
 * Issue 15: rows are read with bound parameters and kept statements (db/rows.ts, db/busy.ts),
 * and must be exactly what MikroORM's own `qb.execute('all', true)` returns: every column of
 * every table, dates, booleans, nulls and JSON as it maps them; filters with lists, dates,
 * booleans, LIKE and nulls; inside a transaction too. Runs on PostgreSQL under `npm run test:pg`.
 */
import Database from 'better-sqlite3';
import type { EntityClass, FilterQuery, MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Course } from '../src/courses/course.entity';
import { keepStatements, readRows, STATEMENTS_PER_CONNECTION } from '../src/db/busy';
import { ENTITIES } from '../src/db/entities';
import { openOrm } from '../src/db/orm';
import { countRows, findColumns, findRows } from '../src/db/rows';
import { prepareDatabase } from '../src/db/seed';
import { Institution } from '../src/institutions/institution.entity';
import { createTestDatabase, type TestDatabase } from './helpers';

let db: TestDatabase;
let orm: MikroORM;

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm(db.config);
  await prepareDatabase(orm, { scale: 0.05, seed: 20220211, today: '2026-11-21' });
}, 300_000);

afterAll(async () => {
  await orm?.close(true);
  await db?.drop();
});

/** What MikroORM's QueryBuilder returns for the same query, as findRows did before. */
function viaExecute<E extends object>(em: SqlEntityManager, entity: EntityClass<E>, where: FilterQuery<E>) {
  return em
    .createQueryBuilder(entity)
    .select('*')
    .where(where)
    .orderBy({ id: 'asc' } as never)
    .execute('all', true);
}

describe('findRows', () => {
  it('reads every table as MikroORM maps it', async () => {
    const em = orm.em.fork() as SqlEntityManager;
    let compared = 0;
    for (const entity of ENTITIES as EntityClass<object>[]) {
      const meta = em.getMetadata().get(entity.name);
      if (meta.embeddable || meta.virtual || meta.primaryKeys[0] !== 'id') continue;
      const rows = await findRows(em, entity, {}, { id: 'asc' } as never);
      expect(rows, entity.name).toEqual(await viaExecute(em, entity, {}));
      compared += rows.length;
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('binds lists, dates, booleans, patterns and nulls as the inlined SQL did', async () => {
    const em = orm.em.fork() as SqlEntityManager;
    const some = (await findRows(em, Course, {}, { id: 'asc' }, 5)).map((c) => c.id);
    const filters: FilterQuery<Course>[] = [
      { id: { $in: some } },
      { startDate: { $gte: '2026-01-01' }, isDemo: true },
      { acceptsVouchers: false, cancelledOn: null },
      { title: { $like: '%培训%' } },
      { $or: [{ enrolmentCloses: null }, { enrolmentCloses: { $gte: '2026-11-21' } }] },
    ];
    for (const where of filters) {
      const rows = await findRows(em, Course, where, { id: 'asc' });
      expect(rows.length, JSON.stringify(where)).toBeGreaterThan(0);
      expect(rows).toEqual(await viaExecute(em, Course, where));
      expect(await countRows(em, Course, where)).toBe(
        await em
          .createQueryBuilder(Course)
          .where(where as never)
          .getCount(),
      );
      expect(await countRows(em, Course, where)).toBe(rows.length);
    }
    expect(await findRows(em, Institution, { id: { $in: [-1] } })).toEqual([]);
  });

  it('binds the values of a later filter of the same shape to the statement written for the first', async () => {
    const em = orm.em.fork() as SqlEntityManager;
    const ids = (await findRows(em, Course, {}, { id: 'asc' })).map((c) => c.id);
    expect(ids.length).toBeGreaterThanOrEqual(6);
    for (const pair of [ids.slice(0, 2), ids.slice(2, 4), ids.slice(4, 6)]) {
      const where = { id: { $in: pair }, title: { $like: '%班%' } };
      const rows = await findRows(em, Course, where, { startDate: 'desc', id: 'asc' }, 1);
      expect(rows).toEqual(
        await em
          .createQueryBuilder(Course)
          .select('*')
          .where(where)
          .orderBy({ startDate: 'desc', id: 'asc' })
          .limit(1)
          .execute('all', true),
      );
      expect(pair).toContain(rows[0]?.id);
    }
  });

  it('reads inside a transaction on its connection', async () => {
    await orm.em
      .fork()
      .transactional(async (em) => {
        const sql = em as SqlEntityManager;
        const [first] = await findRows(sql, Institution, {}, { id: 'asc' }, 1);
        await sql.nativeUpdate(Institution, { id: first.id }, { address: '事务中的地址' });
        const [seen] = await findRows(sql, Institution, { id: first.id });
        expect(seen.address).toBe('事务中的地址');
        throw new Error('roll back');
      })
      .catch((e: Error) => expect(e.message).toBe('roll back'));
    const [after] = await findRows(orm.em.fork() as SqlEntityManager, Institution, {}, { id: 'asc' }, 1);
    expect(after.address).not.toBe('事务中的地址');
  });
});

describe('findColumns', () => {
  it('reads the properties asked for, each as findRows reads it, relations as their keys', async () => {
    const em = orm.em.fork() as SqlEntityManager;
    const where: FilterQuery<Course> = { cancelledOn: null, endDate: { $gt: '2021-01-01' } };
    const whole = await findRows(em, Course, where, { id: 'asc' });
    const some = await findColumns(em, Course, ['id', 'institution', 'occupation', 'endDate'], where, { id: 'asc' });
    expect(whole.length).toBeGreaterThan(3);
    expect(some).toEqual(
      whole.map((c) => ({ id: c.id, institution: c.institution, occupation: c.occupation, endDate: c.endDate })),
    );
    // Another choice of properties for the same filter is a statement of its own.
    expect(await findColumns(em, Course, ['id'], where, { id: 'asc' })).toEqual(whole.map((c) => ({ id: c.id })));
  });
});

describe('rows read as arrays (SQLite)', () => {
  it("equal better-sqlite3's own row objects, column for column, on every table", async (ctx) => {
    if (db.config.kind !== 'sqlite') return ctx.skip();
    const sqlite = new Database(db.config.file, { readonly: true });
    try {
      const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
      expect(tables.length).toBeGreaterThan(20);
      for (const table of tables) {
        const sql = `select * from "${table}" order by rowid`;
        const objects = sqlite.prepare(sql).all();
        expect(readRows(sqlite.prepare(sql) as never, []), table).toEqual(objects);
      }
      // Two columns of one name: the later wins, as in better-sqlite3's objects.
      const twice = 'select 1 as a, 2 as a, ? as b';
      expect(readRows(sqlite.prepare(twice) as never, ['x'])).toEqual(sqlite.prepare(twice).all('x'));
    } finally {
      sqlite.close();
    }
  });
});

describe('the SQLite connections', () => {
  it('read the file through a memory map', async (ctx) => {
    if (db.config.kind !== 'sqlite') return ctx.skip();
    const em = orm.em.fork() as SqlEntityManager;
    // Two at once, so the pool may open a second connection: each must have it (afterCreate).
    const [a, b] = await Promise.all([
      em.getConnection().execute('pragma mmap_size'),
      em.fork().getConnection().execute('pragma mmap_size'),
    ]);
    for (const rows of [a, b])
      expect(Number((rows as { mmap_size: number }[])[0].mmap_size)).toBeGreaterThanOrEqual(2 ** 30);
  });
});

describe('kept statements', () => {
  it('prepares a text once and keeps the most recently used', () => {
    const prepared: string[] = [];
    const connection = { inTransaction: false, prepare: (sql: string) => prepared.push(sql) && { sql } };
    keepStatements(connection);
    const first = connection.prepare('select 1');
    expect(connection.prepare('select 1')).toBe(first);
    for (let i = 0; i < STATEMENTS_PER_CONNECTION; i++) connection.prepare(`select ${i + 2}`);
    expect(prepared).toHaveLength(STATEMENTS_PER_CONNECTION + 1);
    // `select 1` was the least recently used: dropped, so prepared again.
    expect(connection.prepare('select 1')).not.toBe(first);
    expect(prepared).toHaveLength(STATEMENTS_PER_CONNECTION + 2);
  });
});
