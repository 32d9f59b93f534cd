/**
 * PostgreSQL session advisory locks for work only one API replica may do at a time: each held
 * on one pooled connection for as long as the work runs, and released with it (a process that
 * dies loses its connection and with it the lock).
 */
import type { SqlEntityManager } from '@mikro-orm/knex';

/** Keys of the catalogue's advisory locks (any numbers fixed for the purpose). */
export const ADVISORY_LOCKS = {
  /** Migrations and the first load (prepare-lock.ts); 530000 is Yunnan's GB/T 2260 code. */
  prepare: 2_260_530_000,
  /** Draining the search outbox (search-outbox.worker.ts). */
  searchOutbox: 2_260_530_001,
} as const;

/** A node-postgres client as knex lends it. */
interface RawClient {
  query(sql: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Runs `use` on a connection of its own from `em`'s pool. */
async function onOwnConnection<T>(em: SqlEntityManager, use: (conn: RawClient) => Promise<T>): Promise<T> {
  const client = em.getConnection().getKnex().client;
  const conn = (await client.acquireConnection()) as RawClient;
  try {
    return await use(conn);
  } finally {
    await client.releaseConnection(conn);
  }
}

/**
 * Runs `work` holding the lock `key`, waiting for any other holder first.
 * @example await whileHolding(em, ADVISORY_LOCKS.prepare, () => migrate());
 */
export function whileHolding<T>(em: SqlEntityManager, key: number, work: () => Promise<T>): Promise<T> {
  return onOwnConnection(em, async (conn) => {
    await conn.query('select pg_advisory_lock($1)', [key]);
    try {
      return await work();
    } finally {
      await conn.query('select pg_advisory_unlock($1)', [key]);
    }
  });
}

/**
 * Runs `work` if the lock `key` is free, holding it meanwhile; null (nothing run) when another
 * process holds it.
 * @example const sent = (await ifFree(em, ADVISORY_LOCKS.searchOutbox, () => drain())) ?? 0;
 */
export function ifFree<T>(em: SqlEntityManager, key: number, work: () => Promise<T>): Promise<T | null> {
  return onOwnConnection(em, async (conn) => {
    const { rows } = await conn.query('select pg_try_advisory_lock($1) as got', [key]);
    if (rows[0]?.got !== true) return null;
    try {
      return await work();
    } finally {
      await conn.query('select pg_advisory_unlock($1)', [key]);
    }
  });
}
