import path from 'node:path';
import type { MigrationObject, MigrationsOptions, MikroORM } from '@mikro-orm/core';
import type { Migrator } from '@mikro-orm/migrations';
import { onPostgres } from './postgres';
import BetterSqlite3 from 'better-sqlite3';
import { REPO_ROOT } from '../config';
import type { DatabaseConfig } from '../config';
import { SQLITE_MIGRATIONS } from './migrations/sqlite/sqlite.migrations';
import { POSTGRESQL_MIGRATIONS } from './migrations/postgresql/postgresql.migrations';

/** The table that records which migrations a database has run. */
export const MIGRATIONS_TABLE = 'schema_migration';

/**
 * Where each driver's migrations are written by `npm run migrations -- create` (the source
 * tree: migrations are code, reviewed and committed like any other change).
 */
export const MIGRATIONS_SOURCE_DIR: Readonly<Record<DatabaseConfig['kind'], string>> = {
  sqlite: path.join(REPO_ROOT, 'api', 'src', 'db', 'migrations', 'sqlite'),
  postgresql: path.join(REPO_ROOT, 'api', 'src', 'db', 'migrations', 'postgresql'),
};

/** Every migration of each driver, oldest first (the list files are rewritten by the create command). */
export const MIGRATIONS: Readonly<Record<DatabaseConfig['kind'], MigrationObject[]>> = {
  sqlite: SQLITE_MIGRATIONS,
  postgresql: POSTGRESQL_MIGRATIONS,
};

/**
 * The migrator's options for one driver. The migrations are listed explicitly rather than found
 * by a file glob, so the same list runs from `dist/` (npm start) and from the sources (vitest).
 * Each migration runs in a transaction and a failed run rolls back every migration of that run.
 * @example MikroORM.init({ ...options, migrations: migrationsOptions('sqlite') })
 */
export function migrationsOptions(kind: DatabaseConfig['kind']): MigrationsOptions {
  return {
    tableName: MIGRATIONS_TABLE,
    migrationsList: MIGRATIONS[kind],
    path: MIGRATIONS_SOURCE_DIR[kind],
    transactional: true,
    allOrNothing: true,
    // A new migration is the difference from the snapshot of the last one: no database needed to write it.
    snapshot: true,
    snapshotName: `${kind}.snapshot`,
    emit: 'ts',
    silent: true,
    fileName: (timestamp, name) =>
      `${timestamp}-${(name ?? 'change').replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.migration`,
  };
}

/** Whether a table exists in the connected database (current schema on PostgreSQL). */
export async function tableExists(orm: MikroORM, table: string): Promise<boolean> {
  const pg = onPostgres(orm);
  const sql = pg
    ? `select 1 from information_schema.tables where table_schema = current_schema() and table_name = ?`
    : `select 1 from sqlite_master where type = 'table' and name = ?`;
  return (await orm.em.getConnection().execute(sql, [table])).length > 0;
}

/** Rows of a table, 0 when the table does not exist. */
async function countRows(orm: MikroORM, table: string): Promise<number> {
  if (!(await tableExists(orm, table))) return 0;
  const [row] = (await orm.em.getConnection().execute(`select count(*) as n from ${table}`)) as {
    n: number | string;
  }[];
  return Number(row.n);
}

/**
 * How the database's tables differ from those the entities describe: the statements that would
 * make them equal, empty when they are the same. On PostgreSQL this is MikroORM's schema diff;
 * on SQLite, whose introspection misses enum check constraints (so the diff is never empty), the
 * statements SQLite keeps for each table and index are compared with the ones the entities create.
 * @example expect(await schemaDifference(orm)).toEqual([]);
 */
export async function schemaDifference(orm: MikroORM): Promise<string[]> {
  const generator = orm.getSchemaGenerator();
  if (onPostgres(orm)) {
    return (await generator.getUpdateSchemaSQL({ wrap: false }))
      .split(/;\n/)
      .map((q) => q.trim())
      .filter(Boolean);
  }
  // SQLite keeps each statement as written but for the leading keywords, which it upper-cases.
  const normalise = (q: string) =>
    q
      .trim()
      .replace(/;$/, '')
      .replace(/\s+/g, ' ')
      .replace(/^create (unique index|index|table)/i, (k) => k.toLowerCase());
  const wanted = new Set(
    (await generator.getCreateSchemaSQL({ wrap: false }))
      .split(/;\n/)
      .map(normalise)
      .filter((q) => /^create (table|index|unique index)/.test(q)),
  );
  const rows = (await orm.em
    .getConnection()
    .execute(
      `select sql from sqlite_master where sql is not null and name not in ('${MIGRATIONS_TABLE}', 'sqlite_sequence')`,
    )) as { sql: string }[];
  const have = new Set(rows.map((r) => normalise(r.sql)));
  return [
    ...[...wanted].filter((q) => !have.has(q)).map((q) => `missing: ${q}`),
    ...[...have].filter((q) => !wanted.has(q)).map((q) => `extra: ${q}`),
  ];
}

const ROLL_BACK = new Error('first migration check: rolled back');

/** The SQL statements of a migration's `up`, as written. */
async function migrationSql(orm: MikroORM, m: MigrationObject): Promise<string[]> {
  const migration = new (
    m.class as unknown as new (
      driver: unknown,
      config: unknown,
    ) => { up(): Promise<void> | void; getQueries(): unknown[] }
  )(orm.em.getDriver(), orm.config);
  await migration.up();
  return migration
    .getQueries()
    .map((q) => String(q))
    .filter((q) => q.trim());
}

/**
 * How the database's tables differ from those the first migration makes (the tables of the
 * versions before migrations), empty when they are the same. The first migration is run where
 * it cannot touch anything: on SQLite in a fresh in-memory database (tables and indexes compared
 * as SQLite keeps them), on PostgreSQL in a scratch schema inside a transaction that is rolled
 * back (columns with their types and nullability compared).
 */
async function firstMigrationDifference(orm: MikroORM, first: MigrationObject): Promise<string[]> {
  const sql = await migrationSql(orm, first);
  const diff = (a: Set<string>, b: Set<string>) => [
    ...[...b].filter((q) => !a.has(q)).map((q) => `missing: ${q}`),
    ...[...a].filter((q) => !b.has(q)).map((q) => `extra: ${q}`),
  ];
  if (!onPostgres(orm)) {
    const normalise = (q: string) =>
      q
        .trim()
        .replace(/;$/, '')
        .replace(/\s+/g, ' ')
        .replace(/^create (unique index|index|table)/i, (k) => k.toLowerCase());
    const scratch = new BetterSqlite3(':memory:');
    try {
      for (const q of sql) scratch.exec(q);
      const want = new Set(
        (
          scratch
            .prepare(`select sql from sqlite_master where sql is not null and name not in ('sqlite_sequence')`)
            .all() as { sql: string }[]
        ).map((r) => normalise(r.sql)),
      );
      const rows = (await orm.em
        .getConnection()
        .execute(
          `select sql from sqlite_master where sql is not null and name not in ('${MIGRATIONS_TABLE}', 'sqlite_sequence')`,
        )) as { sql: string }[];
      return diff(new Set(rows.map((r) => normalise(r.sql))), want);
    } finally {
      scratch.close();
    }
  }
  const columns = `select table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length::text, '') || ' ' || is_nullable as c
    from information_schema.columns where table_schema = ? and table_name <> '${MIGRATIONS_TABLE}'`;
  const knex = (orm.em.getConnection() as unknown as { getKnex(): import('knex').Knex }).getKnex();
  let found: string[] = [];
  await knex
    .transaction(async (trx) => {
      const legacy = ((await trx.raw('select current_schema() as s')).rows[0] as { s: string }).s;
      const scratchSchema = `first_migration_check_${process.pid}`;
      await trx.raw(`create schema ${scratchSchema}`);
      await trx.raw(`set local search_path to ${scratchSchema}`);
      for (const q of sql) await trx.raw(q);
      const have = new Set(((await trx.raw(columns, [legacy])).rows as { c: string }[]).map((r) => r.c));
      const want = new Set(((await trx.raw(columns, [scratchSchema])).rows as { c: string }[]).map((r) => r.c));
      found = diff(have, want);
      // Thrown to roll the scratch schema back: nothing of the check stays.
      throw ROLL_BACK;
    })
    .catch((e: unknown) => {
      if (e !== ROLL_BACK) throw e;
    });
  return found;
}

/** What {@link migrateDatabase} did. */
export interface MigrationReport {
  /** Migrations run now, oldest first. */
  applied: string[];
  /** A database made before migrations existed: `rebuilt` (it held only loaded data) or `adopted` (its tables matched the first migration). */
  legacy: 'rebuilt' | 'adopted' | null;
}

/**
 * Brings the database's tables up to this version by running the migrations it has not run,
 * all in one transaction (a failure leaves the database as it was). A database made by the
 * versions before migrations (tables created directly, no migrations table) is rebuilt when it
 * holds only loaded reference and demo data, adopted when it holds publishers' records and its
 * tables equal the first migration's (then the later migrations run), and refused otherwise,
 * never silently altered.
 * @example const { applied } = await migrateDatabase(orm); // ['20261122070000-initial'] on an empty database
 */
export async function migrateDatabase(
  orm: MikroORM,
  log: (line: string) => void = () => undefined,
): Promise<MigrationReport> {
  await orm.getSchemaGenerator().ensureDatabase();
  const migrator = orm.getMigrator() as Migrator;
  let legacy: MigrationReport['legacy'] = null;
  if (!(await tableExists(orm, MIGRATIONS_TABLE)) && (await tableExists(orm, 'dataset_meta'))) {
    const written = (await countRows(orm, 'publisher')) + (await countRows(orm, 'audit_entry'));
    if (written === 0) {
      log('database made by a version before migrations, holding only loaded data: rebuilding it');
      await orm.getSchemaGenerator().dropSchema();
      legacy = 'rebuilt';
    } else {
      const kind = onPostgres(orm) ? 'postgresql' : 'sqlite';
      const [first] = MIGRATIONS[kind];
      if ((await firstMigrationDifference(orm, first)).length > 0) {
        throw new Error(
          `the database was made by a version before migrations, holds records written by publishers (${written} publisher and audit rows) and its tables differ from this version's: back it up (scripts/backup.sh) and upgrade it with the version that introduced migrations first`,
        );
      }
      // Same tables as the first migration: record it as run instead of running it; the later ones run below.
      await migrator.getStorage().ensureTable();
      await migrator.getStorage().logMigration({ name: first.name, context: null });
      log(`database made by a version before migrations: its tables match "${first.name}", recorded as run`);
      legacy = 'adopted';
    }
  }
  const applied = (await migrator.up()).map((m) => m.name);
  if (applied.length > 0) log(`migrations run: ${applied.join(', ')}`);
  return { applied, legacy };
}
