/**
 * The feed of changed records (`record_change`): written in the writer's transaction, read in
 * an order no later commit can break. See changes/record-change.entity.ts for why PostgreSQL
 * orders by transaction id.
 */
import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';

/** The GraphQL types whose records have pages of their own or feed pages (lists, totals, /log/). */
export const CHANGED_TYPES = [
  'Course',
  'Institution',
  'EvaluationAgency',
  'Occupation',
  'DirectoryEdition',
  'DirectoryEntry',
  'SubsidyNotice',
  'AnnualTarget',
  'LogCheckpoint',
] as const;

/** One of {@link CHANGED_TYPES}. */
export type ChangedType = (typeof CHANGED_TYPES)[number];

/** Where a reader of the feed stands: after the change at (txid, id). */
export interface ChangePosition {
  /** The writing transaction's id on PostgreSQL (decimal), `0` on SQLite. */
  txid: string;
  id: number;
}

/** One change as read. */
export interface ChangeRow extends ChangePosition {
  at: Date;
  type: ChangedType;
  key: string;
}

const isPostgres = (em: EntityManager) => em.getPlatform() instanceof PostgreSqlPlatform;

/**
 * Notes that records changed, in `em`'s transaction (it commits or rolls back with the write).
 * Duplicate keys are noted once.
 * @example await noteChanges(tx, 'SubsidyNotice', notice.id);
 * @example await noteChanges(tx, 'Course', [1, 2, 3]);
 */
export async function noteChanges(
  em: EntityManager,
  type: ChangedType,
  keys: string | number | readonly (string | number)[],
): Promise<void> {
  const list = [...new Set((typeof keys === 'object' ? keys : [keys]).map(String))];
  if (list.length === 0) return;
  const pg = isPostgres(em);
  const txid = pg ? 'pg_current_xact_id()::text::bigint' : '0';
  // SQLite keeps MikroORM's datetimes as milliseconds since the epoch.
  const at = pg ? new Date() : Date.now();
  await (em as SqlEntityManager).getConnection().execute(
    `insert into record_change (txid, at, record_type, record_key) values ${list.map(() => `(${txid}, ?, ?, ?)`).join(', ')}`,
    list.flatMap((key) => [at, type, key]),
    'run',
    em.getTransactionContext(),
  );
}

/**
 * The conditions a read of the feed shares with its count: final, and beyond the position in
 * the direction of reading (after it oldest first, before it newest first).
 */
function finalBeyond(
  em: EntityManager,
  position: ChangePosition | null,
  newestFirst: boolean,
): { where: string; params: unknown[] } {
  const pg = isPostgres(em);
  const conditions: string[] = [];
  const params: unknown[] = [];
  // On PostgreSQL a change is final once no transaction that began before it is still
  // running: its transaction id is below the oldest one running.
  if (pg) conditions.push('txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint');
  if (position) {
    const op = newestFirst ? '<' : '>';
    conditions.push(`(txid ${op} ? or (txid = ? and id ${op} ?))`);
    // SQLite compares a text parameter with an integer column as text.
    const txid = pg ? position.txid : Number(position.txid);
    params.push(txid, txid, position.id);
  }
  return { where: conditions.length ? `where ${conditions.join(' and ')}` : '', params };
}

/** A row as the database gives it. */
interface RawChange {
  id: number | string;
  txid: string;
  at: Date | number | string;
  record_type: ChangedType;
  record_key: string;
}

/** A timestamp as a driver gives it: a Date, milliseconds (SQLite, as MikroORM keeps them) or text (PostgreSQL through MikroORM). */
function dateOf(v: Date | number | string): Date {
  if (v instanceof Date) return v;
  return new Date(typeof v === 'number' || /^\d+$/.test(v) ? Number(v) : v);
}

/**
 * Reads up to `limit` final changes beyond `position` (from the start when null): oldest first,
 * or newest first.
 * @example await readChanges(em, null, 100) // the first 100 changes ever noted
 */
export async function readChanges(
  em: EntityManager,
  position: ChangePosition | null,
  limit: number,
  newestFirst = false,
): Promise<ChangeRow[]> {
  const { where, params } = finalBeyond(em, position, newestFirst);
  const order = newestFirst ? 'txid desc, id desc' : 'txid, id';
  const rows = (await (em as SqlEntityManager)
    .getConnection()
    .execute(
      `select id, cast(txid as text) as txid, at, record_type, record_key from record_change ${where} order by ${order} limit ?`,
      [...params, limit],
      'all',
      em.getTransactionContext(),
    )) as RawChange[];
  return rows.map((r) => ({
    id: Number(r.id),
    txid: String(r.txid),
    at: dateOf(r.at),
    type: r.record_type,
    key: r.record_key,
  }));
}

/**
 * How many final changes lie beyond `position` in the direction of reading (all when null).
 * @example await countChanges(em, { txid: '0', id: 120 }) // changes after the 120th
 */
export async function countChanges(
  em: EntityManager,
  position: ChangePosition | null,
  newestFirst = false,
): Promise<number> {
  const { where, params } = finalBeyond(em, position, newestFirst);
  const [row] = (await (em as SqlEntityManager)
    .getConnection()
    .execute(`select count(*) as n from record_change ${where}`, params, 'all', em.getTransactionContext())) as {
    n: number | string;
  }[];
  return Number(row?.n ?? 0);
}
