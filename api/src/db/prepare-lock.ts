/**
 * One process at a time prepares a database (migrations, then the reference and demo data):
 * API replicas started together on an empty database would otherwise each run the migrations
 * and load the reference data, and all but one would die on a duplicate key. The others wait,
 * then find the database ready and reuse it.
 *
 * PostgreSQL: a session advisory lock, held on one pooled connection; a process that dies loses
 * its connection and with it the lock. SQLite: a lock file beside the database
 * (proper-lockfile), refreshed while held and taken over once stale.
 */
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import lockfile from 'proper-lockfile';
import { ADVISORY_LOCKS, whileHolding } from './advisory-locks';
import { onPostgres } from './postgres';

/** How long a process waits for another to finish preparing an SQLite file: a scale-5 load. */
const SQLITE_WAIT_MS = 30 * 60_000;

/**
 * Runs `prepare` while holding the database's prepare lock, waiting for any other holder.
 * @example await withPrepareLock(orm, () => prepareUnlocked(orm, opts));
 */
export async function withPrepareLock<T>(orm: MikroORM, prepare: () => Promise<T>): Promise<T> {
  return onPostgres(orm)
    ? whileHolding(orm.em.fork() as SqlEntityManager, ADVISORY_LOCKS.prepare, prepare)
    : withLockFile(String(orm.config.get('dbName')), prepare);
}

async function withLockFile<T>(file: string, prepare: () => Promise<T>): Promise<T> {
  const release = await lockfile.lock(file, {
    realpath: false,
    lockfilePath: `${file}.prepare.lock`,
    stale: 10_000,
    retries: { retries: SQLITE_WAIT_MS / 1000, factor: 1, minTimeout: 1000, maxTimeout: 1000 },
  });
  try {
    return await prepare();
  } finally {
    await release().catch(() => undefined);
  }
}
