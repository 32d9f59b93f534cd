import fs from 'node:fs';
import path from 'node:path';
import { DataloaderType, MikroORM, type Options } from '@mikro-orm/core';
import { ReconnectingPostgreSqlDriver } from './postgres';
import { Migrator } from '@mikro-orm/migrations';
import { migrationsOptions } from './migrations';
import type { DatabaseConfig } from '../config';
import { BusyAwareSqliteDriver, SQLITE_BUSY_SLICE_MS } from './busy';
import { ENTITIES } from './entities';
import { SearchOutboxSubscriber } from '../search/search-outbox.subscriber';

/**
 * How much of the SQLite file each connection reads through a memory map, in bytes: 2 GiB,
 * which SQLite lowers to its build's ceiling (0x7fff0000 in better-sqlite3). Without it every
 * page outside the connection's own cache is a `pread` and a copy, and look-ups that land on
 * random pages of a large index pay that on each page: the "paid twice" look-up of a notice's
 * lines halved with it, and the API's CPU for the site build's notice requests fell by about
 * 13 % at demo scale 5 (BENCHMARKS.md, "Site build"). The pages are the operating system's
 * file cache, shared by the connections, not the process's heap.
 * @example conn.pragma(`mmap_size = ${SQLITE_MMAP_BYTES}`)
 */
export const SQLITE_MMAP_BYTES = 2 ** 31;

/** Options shared by both databases. */
export interface OrmOptions {
  /** Log SQL (default false). */
  debug?: boolean;
  /** Called with every SQL statement, e.g. to count them in a test. */
  onQuery?: (sql: string) => void;
}

/**
 * Opens the ORM on SQLite (a file, created with its folder) or PostgreSQL.
 * @example const orm = await openOrm({ kind: 'sqlite', file: '.data/catalogue.sqlite' });
 */
export async function openOrm(db: DatabaseConfig, opts: OrmOptions = {}): Promise<MikroORM> {
  const common: Partial<Options> = {
    entities: ENTITIES,
    // Batch Ref.load() calls of one tick into one query: no N+1 in field resolvers.
    dataloader: DataloaderType.ALL,
    debug: opts.onQuery ? ['query'] : Boolean(opts.debug),
    logger: opts.onQuery ? (msg: string) => opts.onQuery!(msg) : undefined,
    allowGlobalContext: false,
    forceUndefined: false,
    discovery: { warnWhenNoEntities: true },
    // Application writes queue their search updates in the same transaction (search/search-outbox.subscriber.ts).
    subscribers: [new SearchOutboxSubscriber()],
    extensions: [Migrator],
    migrations: migrationsOptions(db.kind),
  };
  if (db.kind === 'sqlite') {
    fs.mkdirSync(path.dirname(db.file), { recursive: true });
    return MikroORM.init({
      ...common,
      // Writes that meet another process's lock wait for it asynchronously (db/busy.ts).
      driver: BusyAwareSqliteDriver,
      dbName: db.file,
      // More than knex's one connection, so reads go on while a write waits for the lock.
      pool: {
        min: 1,
        max: 4,
        afterCreate: (conn: { pragma(sql: string): unknown }, done: (error: Error | null, conn: unknown) => void) => {
          // WAL lets readers run while the seeder writes; foreign keys are off by default in SQLite.
          conn.pragma('journal_mode = WAL');
          conn.pragma('foreign_keys = ON');
          conn.pragma('synchronous = NORMAL');
          conn.pragma(`mmap_size = ${SQLITE_MMAP_BYTES}`);
          // better-sqlite3's default (5 s) would block the event loop while another process writes.
          conn.pragma(`busy_timeout = ${SQLITE_BUSY_SLICE_MS}`);
          done(null, conn);
        },
      },
    } as Options);
  }
  return MikroORM.init({ ...common, driver: ReconnectingPostgreSqlDriver, clientUrl: db.url } as Options);
}
