/**
 * The disclosure log in the database: entries appended in the writer's transaction (so there
 * is no event without its entry and no entry without its event), the hash of every complete
 * subtree stored as it completes, and a {@link TreeReader} over both that reads any root or
 * proof in one query.
 */
import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { TILE_HEIGHT, leafHash, nodeHash, type Subtree, type TreeReader } from '../log/merkle';
import type { LogEvent } from '../log/log-entries';
import { onPostgres } from './postgres';

/** Key of the PostgreSQL advisory lock that makes appends one at a time (any number fixed for the log). */
const APPEND_LOCK = 6_962_9162;

/** Rows per insert statement: at most 5 parameters each stays under every driver's bound. */
const ROWS_PER_INSERT = 500;

/** A row as the driver returns it. */
export type Raw = Record<string, unknown>;

/** Runs one SQL statement (`?` parameters) and returns its rows. */
export type Run = (sql: string, params?: unknown[]) => Promise<Raw[]>;

/**
 * Runs SQL in `em`'s transaction (outside one when it has none).
 * @example await sqlIn(tx)('select max(idx) as last from log_entry')
 */
export function sqlIn(em: EntityManager): Run {
  return (sql, params = []) =>
    (em as SqlEntityManager).getConnection().execute(sql, params, 'all', em.getTransactionContext()) as Promise<Raw[]>;
}

/** Bytes as a driver gives them (a Buffer; a Uint8Array from some). */
function bytes32(v: unknown): Buffer {
  return Buffer.isBuffer(v) ? v : Buffer.from(v as Uint8Array);
}

async function sizeOf(run: Run): Promise<number> {
  // The largest index, not a count: read off the primary key's index, at any size.
  const [row] = await run('select max(idx) as last from log_entry');
  return row?.last == null ? 0 : Number(row.last) + 1;
}

/**
 * How many entries the log holds, as `em` sees it.
 * @example await logSize(em) // 0 on a new database
 */
export function logSize(em: EntityManager): Promise<number> {
  return sizeOf(sqlIn(em));
}

/**
 * Appends events to the log in `em`'s transaction, in order, and returns their indices. On
 * PostgreSQL appends wait for each other (an advisory lock held to commit), so indices never
 * collide and never leave a gap; SQLite has one writer at a time.
 * @example const [index] = await appendToLog(tx, [noticeRevisionEvent({ … })]);
 */
export async function appendToLog(em: EntityManager, events: readonly LogEvent[]): Promise<number[]> {
  if (events.length === 0) return [];
  if (!em.isInTransaction()) throw new Error('the log is appended to inside the transaction of its events');
  const run = sqlIn(em);
  if (onPostgres(em)) await run('select pg_advisory_xact_lock(?)', [APPEND_LOCK]);
  const start = await sizeOf(run);
  const leaves = events.map((e) => leafHash(Buffer.from(e.body, 'utf8')));
  for (let i = 0; i < events.length; i += ROWS_PER_INSERT) {
    const batch = events.slice(i, i + ROWS_PER_INSERT);
    await run(
      `insert into log_entry (idx, kind, subject, body, leaf_hash) values ${batch.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      batch.flatMap((e, k) => [start + i + k, e.kind, e.subject, e.body, leaves[i + k]]),
    );
  }
  await storeNodes(run, start, leaves);
  return events.map((_, k) => start + k);
}

/** One stored hash: a leaf's (height 0) or a complete subtree's. */
async function storedHash(run: Run, height: number, idx: number): Promise<Buffer> {
  const [row] =
    height === 0
      ? await run('select leaf_hash as h from log_entry where idx = ?', [idx])
      : await run('select hash as h from log_hash where height = ? and idx = ?', [height, idx]);
  if (!row) throw new RangeError(`the log holds no hash ${idx} at height ${height}`);
  return bytes32(row.h);
}

/**
 * Stores the subtrees completed by the leaves appended from index `from`: at each height, the
 * new hashes pair up (the first with its stored left sibling when it is a right child) into
 * the height above, until no pair completes.
 */
async function storeNodes(run: Run, from: number, leaves: readonly Buffer[]): Promise<void> {
  let lo = from;
  let below: readonly Buffer[] = leaves;
  for (let height = 1; ; height++) {
    const first = Math.floor(lo / 2);
    const end = Math.floor((lo + below.length) / 2);
    if (first >= end) return;
    const row = lo % 2 === 1 ? [await storedHash(run, height - 1, lo - 1), ...below] : below;
    const up: Buffer[] = [];
    for (let i = 0; i + 1 < row.length; i += 2) up.push(nodeHash(row[i], row[i + 1]));
    for (let i = 0; i < up.length; i += ROWS_PER_INSERT) {
      const batch = up.slice(i, i + ROWS_PER_INSERT);
      await run(
        `insert into log_hash (height, idx, hash) values ${batch.map(() => '(?, ?, ?)').join(', ')}`,
        batch.flatMap((hash, k) => [height, first + i + k, hash]),
      );
    }
    lo = first;
    below = up;
  }
}

/** Leaves read at a time when the stored subtrees are made again. */
const REBUILD_CHUNK = 1 << 16;

/**
 * Makes every stored subtree hash again from the leaf hashes (what a migration that changes
 * how they are kept runs), a chunk of leaves at a time.
 * @example await rebuildSubtrees((sql, params) => migration.execute(sql, params))
 */
export async function rebuildSubtrees(run: Run): Promise<void> {
  await run('delete from log_hash');
  const size = await sizeOf(run);
  for (let from = 0; from < size; from += REBUILD_CHUNK) {
    const rows = await run('select leaf_hash as h from log_entry where idx >= ? and idx < ? order by idx', [
      from,
      from + REBUILD_CHUNK,
    ]);
    await storeNodes(
      run,
      from,
      rows.map((r) => bytes32(r.h)),
    );
  }
}

/** Subtrees asked for per query: two parameters each. */
const NODES_PER_QUERY = 400;

/** One query for a batch of subtrees: leaves from the entries, the rest from the stored hashes. */
function nodesQuery(batch: readonly Subtree[]): { sql: string; params: unknown[] } {
  const leaves = batch.filter((s) => s.height === 0).map((s) => s.start);
  const nodes = batch.filter((s) => s.height > 0);
  const parts: string[] = [];
  if (leaves.length)
    parts.push(
      `select 0 as height, idx, leaf_hash as h from log_entry where idx in (${leaves.map(() => '?').join(', ')})`,
    );
  if (nodes.length)
    parts.push(
      `select height, idx, hash as h from log_hash where ${nodes.map(() => '(height = ? and idx = ?)').join(' or ')}`,
    );
  return {
    sql: parts.join(' union all '),
    params: [...leaves, ...nodes.flatMap((s) => [s.height, s.start / 2 ** s.height])],
  };
}

async function readNodes(run: Run, wanted: readonly Subtree[]): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  for (let i = 0; i < wanted.length; i += NODES_PER_QUERY) {
    const { sql, params } = nodesQuery(wanted.slice(i, i + NODES_PER_QUERY));
    for (const r of await run(sql, params)) {
      const height = Number(r.height);
      found.set(`${height}/${Number(r.idx) * 2 ** height}`, bytes32(r.h));
    }
  }
  return found;
}

/**
 * The log's stored hashes as `em` sees them: tiles (leaf hashes at level 0, every 8th height
 * above) and any complete subtree, many in one query.
 * @example await treeRoot(databaseTree(em), await logSize(em))
 */
export function databaseTree(em: EntityManager): TreeReader {
  const run = sqlIn(em);
  return {
    async hashes(level, from, count) {
      const rows =
        level === 0
          ? await run('select leaf_hash as h from log_entry where idx >= ? and idx < ? order by idx', [
              from,
              from + count,
            ])
          : await run('select hash as h from log_hash where height = ? and idx >= ? and idx < ? order by idx', [
              level * TILE_HEIGHT,
              from,
              from + count,
            ]);
      if (rows.length !== count)
        throw new RangeError(`the log holds ${rows.length} of the ${count} hashes ${from}… at level ${level}`);
      return rows.map((r) => bytes32(r.h));
    },
    async nodes(wanted) {
      const found = await readNodes(run, wanted);
      return wanted.map((s) => {
        const hash = found.get(`${s.height}/${s.start}`);
        if (!hash) throw new RangeError(`the log holds no subtree of height ${s.height} from leaf ${s.start}`);
        return hash;
      });
    },
  };
}

/** One entry as stored. */
export interface StoredEntry {
  index: number;
  kind: string;
  subject: string;
  body: string;
}

const ENTRY_COLUMNS = 'idx, kind, subject, body';

function storedEntry(r: Raw): StoredEntry {
  return { index: Number(r.idx), kind: String(r.kind), subject: String(r.subject), body: String(r.body) };
}

/**
 * The entries from `from` (at most `count`), in log order: what an entry bundle serves.
 * @example await readEntries(em, 0, 256)
 */
export async function readEntries(em: EntityManager, from: number, count: number): Promise<StoredEntry[]> {
  const rows = await sqlIn(em)(`select ${ENTRY_COLUMNS} from log_entry where idx >= ? and idx < ? order by idx`, [
    from,
    from + count,
  ]);
  return rows.map(storedEntry);
}

/**
 * The entries about one subject (a notice's number …), in log order.
 * @example await entriesAbout(em, '530100-2026-0001') // its revisions, withdrawal, objections
 */
export async function entriesAbout(em: EntityManager, subject: string): Promise<StoredEntry[]> {
  const rows = await sqlIn(em)(`select ${ENTRY_COLUMNS} from log_entry where subject = ? order by idx`, [subject]);
  return rows.map(storedEntry);
}
