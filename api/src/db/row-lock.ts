/**
 * Locks taken at the start of a write transaction, so that the write's checks read rows no other
 * write can change before the transaction ends (issue 13: "write-once means written once").
 */
import type { EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { onPostgres } from './postgres';

/**
 * Locks one row for the rest of `tx`'s transaction; call it before reading what the write checks.
 * PostgreSQL: `SELECT … FOR UPDATE`, so a concurrent write of the same row waits for this
 * transaction to end and then reads what it wrote. SQLite has no row locks and needs none here:
 * every transaction of the catalogue's SQLite driver begins `BEGIN IMMEDIATE` (db/busy.ts), so it
 * holds the database's write lock from its first statement and no other connection — of this
 * process or another, e.g. an import — can commit between the checks and the write.
 * @example await lockRow(tx, SubsidyNotice, notice.id); const [current] = await findRows(tx, SubsidyNotice, { id: notice.id });
 */
export async function lockRow<E extends object>(tx: EntityManager, entity: EntityClass<E>, id: number): Promise<void> {
  const meta = tx.getMetadata().get(entity.name);
  const pk = meta.properties[meta.primaryKeys[0]].fieldNames[0];
  if (!onPostgres(tx)) return;
  await tx
    .getConnection()
    .execute(`select 1 from "${meta.tableName}" where "${pk}" = ? for update`, [id], 'all', tx.getTransactionContext());
}

/**
 * Locks a whole table against inserts for the rest of `tx`'s transaction, waiting for
 * transactions that are inserting into it to finish first (PostgreSQL `SHARE` mode; reads go
 * on). On SQLite the transaction already holds the write lock (see {@link lockRow}).
 * @example await lockTableAgainstInserts(tx, SubsidyNoticeRevision); // then the newest revision stays the newest until commit
 */
export async function lockTableAgainstInserts<E extends object>(
  tx: EntityManager,
  entity: EntityClass<E>,
): Promise<void> {
  const meta = tx.getMetadata().get(entity.name);
  if (!onPostgres(tx)) return;
  await tx
    .getConnection()
    .execute(`lock table "${meta.tableName}" in share mode`, [], 'run', tx.getTransactionContext());
}
