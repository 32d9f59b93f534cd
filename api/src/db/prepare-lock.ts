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
import { onPostgres } from './postgres';

/** Key of the advisory lock (any number fixed for preparing; 530000 is Yunnan's GB/T 2260 code). */
const PREPARE_LOCK = 2_260_530_000;

/** How long a process waits for another to finish preparing an SQLite file: a scale-5 load. */
const SQLITE_WAIT_MS = 30 * 60_000;

/** A node-postgres client as knex lends it. */
interface RawClient {
  query(sql: string, params: unknown[]): Promise<unknown>;
}

/**
 * Runs `prepare` while holding the database's prepare lock, waiting for any other holder.
 * @example await withPrepareLock(orm, () => prepareUnlocked(orm, opts));
 */
export async function withPrepareLock<T>(orm: MikroORM, prepare: () => Promise<T>): Promise<T> {
  return onPostgres(orm)
    ? withAdvisoryLock(orm.em.fork() as SqlEntityManager, prepare)
    : withLockFile(String(orm.config.get('dbName')), prepare);
}

async function withAdvisoryLock<T>(em: SqlEntityManager, prepare: () => Promise<T>): Promise<T> {
  const client = em.getConnection().getKnex().client;
  const conn = (await client.acquireConnection()) as RawClient;
  try {
    await conn.query('select pg_advisory_lock($1)', [PREPARE_LOCK]);
    try {
      return await prepare();
    } finally {
      await conn.query('select pg_advisory_unlock($1)', [PREPARE_LOCK]);
    }
  } finally {
    await client.releaseConnection(conn);
  }
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
