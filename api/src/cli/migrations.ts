import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MikroORM } from '@mikro-orm/core';
import { Client } from 'pg';
import type { DatabaseConfig } from '../config';
import { cliConfig, failureLine, UsageError } from './cli-errors';
import { openOrm } from '../db/orm';
import { withPrepareLock } from '../db/prepare-lock';
import { MIGRATIONS_SOURCE_DIR, MIGRATIONS_TABLE, migrateDatabase, tableExists } from '../db/migrations';

const USAGE = `Usage: npm run migrations -- <command>

  status              which migrations the configured database (DATABASE_URL, or the embedded
                      SQLite file) has run and which are pending
  up                  run the pending ones (npm start does this itself)
  create <name>       after changing an entity: write a migration for each driver (SQLite and
                      PostgreSQL) from the difference between the entities and the last snapshot;
                      needs a PostgreSQL server (DATABASE_URL or --pg-url) for a scratch database
      --pg-url URL    server for the scratch database (default DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres)
      --initial       the first migration (the whole schema)`;

/** A throw-away empty database of a driver, dropped by the returned function. */
async function scratchDatabase(
  kind: DatabaseConfig['kind'],
  pgUrl: string,
): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-migrations-'));
    return {
      config: { kind, file: path.join(dir, 'scratch.sqlite') },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `catalogue_migrations_${process.pid}`;
  const admin = new Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind, url: url.toString() },
    drop: async () => {
      const c = new Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Rewrites a driver's list file from the migration files in its folder (names sort by timestamp). */
function writeList(kind: DatabaseConfig['kind']): string[] {
  const dir = MIGRATIONS_SOURCE_DIR[kind];
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.migration.ts'))
    .sort();
  const entries = files.map((f) => {
    const cls = /export class (\w+) extends Migration/.exec(fs.readFileSync(path.join(dir, f), 'utf8'))?.[1];
    if (!cls) throw new UsageError(`${f}: no migration class found`);
    return { file: f.replace(/\.ts$/, ''), name: f.replace(/\.migration\.ts$/, ''), cls };
  });
  const constName = `${kind.toUpperCase()}_MIGRATIONS`;
  fs.writeFileSync(
    path.join(dir, `${kind}.migrations.ts`),
    [
      `// Written by \`npm run migrations -- create\`: every ${kind} migration, oldest first. Do not edit by hand.`,
      `import type { MigrationObject } from '@mikro-orm/core';`,
      ...entries.map((e) => `import { ${e.cls} } from './${e.file}';`),
      '',
      `/** The ${kind} migrations, oldest first. */`,
      `export const ${constName}: MigrationObject[] = [`,
      ...entries.map((e) => `  { name: '${e.name}', class: ${e.cls} },`),
      '];',
      '',
    ].join('\n'),
  );
  return entries.map((e) => e.name);
}

async function create(name: string, initial: boolean, pgUrl: string): Promise<void> {
  if (!/^[a-z][a-z0-9_]*$/.test(name))
    throw new UsageError(
      `the migration's name must be lower-case letters, digits and _ (it becomes part of a class name), got "${name}"`,
    );
  for (const kind of ['sqlite', 'postgresql'] as const) {
    const scratch = await scratchDatabase(kind, pgUrl);
    let orm: MikroORM | null = null;
    try {
      orm = await openOrm(scratch.config);
      if (!initial) await orm.getMigrator().up();
      const result = await orm.getMigrator().createMigration(MIGRATIONS_SOURCE_DIR[kind], false, initial, name);
      if (!result.fileName)
        console.log(`[migrations] ${kind}: the entities equal the last migration's snapshot: nothing to write`);
      else
        console.log(
          `[migrations] ${kind}: wrote ${path.join(MIGRATIONS_SOURCE_DIR[kind], result.fileName)} (${result.diff.up.filter(Boolean).length} statements)`,
        );
    } finally {
      await orm?.close();
      await scratch.drop();
    }
    writeList(kind);
  }
  console.log(
    "[migrations] rebuild (npm run build) and run the tests: api/test/migrations.test.ts checks that the migrations produce the entities' tables on both drivers",
  );
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { 'pg-url': { type: 'string' }, initial: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  const [command, name] = positionals;
  if (values.help || !command) return void console.log(USAGE);
  const config = cliConfig();
  if (command === 'create') {
    if (!name) throw new UsageError(`create needs a name\n\n${USAGE}`);
    const pgUrl =
      values['pg-url'] ??
      (config.database.kind === 'postgresql' ? config.database.url : 'postgres://postgres@127.0.0.1:5432/postgres');
    return create(name, Boolean(values.initial), pgUrl);
  }
  const orm = await openOrm(config.database);
  try {
    if (command === 'up') {
      // Not beside a starting API that is migrating too: one at a time (prepare-lock.ts).
      const { applied, legacy } = await withPrepareLock(orm, () =>
        migrateDatabase(orm, (l) => console.log(`[migrations] ${l}`)),
      );
      if (applied.length === 0 && !legacy) console.log('[migrations] nothing to run: the database is up to date');
    } else if (command === 'status') {
      const migrator = orm.getMigrator();
      const executed = (await tableExists(orm, MIGRATIONS_TABLE)) ? await migrator.getExecutedMigrations() : [];
      const pending = await migrator.getPendingMigrations();
      for (const m of executed) console.log(`  run      ${m.name}  (${new Date(m.executed_at).toISOString()})`);
      for (const m of pending) console.log(`  pending  ${m.name}`);
      console.log(`[migrations] ${executed.length} run, ${pending.length} pending`);
    } else {
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
    }
  } finally {
    await orm.close();
  }
}

main().catch((e) => {
  // A failed migration's own message may quote SQL and data: the kind and code only (see cli-errors.ts).
  console.error(`[migrations] failed: ${failureLine(e)}`);
  process.exit(1);
});
