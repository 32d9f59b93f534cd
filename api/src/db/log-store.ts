/**
 * The disclosure log in the database: entries appended in the writer's transaction (so there
 * is no event without its entry and no entry without its event), the tile hashes above level 0
 * stored as each run of 256 completes, and a {@link TreeReader} over both.
 */
import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { LRUCache } from 'lru-cache';
import { HASH_SIZE, TILE_WIDTH, leafHash, rootOf, type TreeReader } from '../log/merkle';
import type { LogEvent } from '../log/log-entries';
import { onPostgres } from './postgres';

/** Key of the PostgreSQL advisory lock that makes appends one at a time (any number fixed for the log). */
const APPEND_LOCK = 6_962_9162;

/** Entries per insert statement: 5 parameters each stays under every driver's bound. */
const ROWS_PER_INSERT = 500;

type Raw = Record<string, unknown>;

function run(em: EntityManager, sql: string, params: unknown[] = []): Promise<Raw[]> {
  return (em as SqlEntityManager).getConnection().execute(sql, params, 'all', em.getTransactionContext()) as Promise<
    Raw[]
  >;
}

/** Bytes as a driver gives them (a Buffer; a Uint8Array from some). */
function bytes32(v: unknown): Buffer {
  return Buffer.isBuffer(v) ? v : Buffer.from(v as Uint8Array);
}

/**
 * How many entries the log holds, as `em` sees it.
 * @example await logSize(em) // 0 on a new database
 */
export async function logSize(em: EntityManager): Promise<number> {
  // The largest index, not a count: read off the primary key's index, at any size.
  const [row] = await run(em, 'select max(idx) as last from log_entry');
  return row?.last == null ? 0 : Number(row.last) + 1;
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
  if (onPostgres(em)) await run(em, 'select pg_advisory_xact_lock(?)', [APPEND_LOCK]);
  const start = await logSize(em);
  const leaves = events.map((e) => leafHash(Buffer.from(e.body, 'utf8')));
  for (let i = 0; i < events.length; i += ROWS_PER_INSERT) {
    const batch = events.slice(i, i + ROWS_PER_INSERT);
    await run(
      em,
      `insert into log_entry (idx, kind, subject, body, leaf_hash) values ${batch.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      batch.flatMap((e, k) => [start + i + k, e.kind, e.subject, e.body, leaves[i + k]]),
    );
  }
  await storeCompletedTiles(em, 0, start, start + events.length);
  return events.map((_, k) => start + k);
}

/**
 * For each run of 256 hashes at `level` completed between `before` and `after` hashes, stores
 * its root at level + 1, and so on up.
 */
async function storeCompletedTiles(em: EntityManager, level: number, before: number, after: number): Promise<void> {
  const firstNew = Math.floor(before / TILE_WIDTH);
  const full = Math.floor(after / TILE_WIDTH);
  if (full <= firstNew) return;
  const reader = databaseTree(em);
  const roots: Buffer[] = [];
  for (let n = firstNew; n < full; n++) roots.push(rootOf(await reader.hashes(level, n * TILE_WIDTH, TILE_WIDTH)));
  for (let i = 0; i < roots.length; i += ROWS_PER_INSERT) {
    const batch = roots.slice(i, i + ROWS_PER_INSERT);
    await run(
      em,
      `insert into log_hash (level, idx, hash) values ${batch.map(() => '(?, ?, ?)').join(', ')}`,
      batch.flatMap((hash, k) => [level + 1, firstNew + i + k, hash]),
    );
  }
  await storeCompletedTiles(em, level + 1, firstNew, full);
}

/**
 * The log's stored hashes as `em` sees them: leaf hashes at level 0, tile roots above.
 * @example await treeRoot(databaseTree(em), await logSize(em))
 */
export function databaseTree(em: EntityManager): TreeReader {
  return {
    async hashes(level, from, count) {
      const rows =
        level === 0
          ? await run(em, 'select leaf_hash as h from log_entry where idx >= ? and idx < ? order by idx', [
              from,
              from + count,
            ])
          : await run(em, 'select hash as h from log_hash where level = ? and idx >= ? and idx < ? order by idx', [
              level,
              from,
              from + count,
            ]);
      if (rows.length !== count)
        throw new RangeError(`the log holds ${rows.length} of the ${count} hashes ${from}… at level ${level}`);
      return rows.map((r) => bytes32(r.h));
    },
  };
}

/**
 * A {@link TreeReader} like {@link databaseTree} that reads whole tiles (one query for up to 256
 * hashes) and keeps them in `cache`, with the complete subtrees computed from them: hashes never
 * change once written, so a tile kept with w hashes stays right for its first w, and a proof
 * then reads only the tile of its own leaf (measured: BENCHMARKS.md, "Disclosure log").
 * @example const reader = tiledTree(em, new LRUCache({ max: 4096 }));
 */
export function tiledTree(em: EntityManager, cache: LRUCache<string, Buffer>): TreeReader {
  const tile = async (level: number, index: number, needed: number): Promise<Buffer> => {
    const key = `${level}/${index}`;
    const kept = cache.get(key);
    if (kept && kept.length >= needed * HASH_SIZE) return kept;
    const from = index * TILE_WIDTH;
    const rows = await run(
      em,
      level === 0
        ? 'select leaf_hash as h from log_entry where idx >= ? and idx < ? order by idx'
        : 'select hash as h from log_hash where level = ? and idx >= ? and idx < ? order by idx',
      level === 0 ? [from, from + TILE_WIDTH] : [level, from, from + TILE_WIDTH],
    );
    const bytes = Buffer.concat(rows.map((r) => bytes32(r.h)));
    cache.set(key, bytes);
    return bytes;
  };
  return {
    subtrees: { get: (key) => cache.get(`s/${key}`), set: (key, hash) => cache.set(`s/${key}`, hash) },
    async hashes(level, from, count) {
      const out: Buffer[] = [];
      for (let t = Math.floor(from / TILE_WIDTH); t <= Math.floor((from + count - 1) / TILE_WIDTH); t++) {
        const first = Math.max(from, t * TILE_WIDTH) - t * TILE_WIDTH;
        const last = Math.min(from + count, (t + 1) * TILE_WIDTH) - t * TILE_WIDTH;
        const bytes = await tile(level, t, last);
        if (bytes.length < last * HASH_SIZE)
          throw new RangeError(
            `the log holds ${bytes.length / HASH_SIZE} hashes of tile ${t} at level ${level}, not ${last}`,
          );
        for (let i = first; i < last; i++) out.push(bytes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
      }
      return out;
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

/**
 * The entries from `from` (at most `count`), in log order: what an entry bundle serves.
 * @example await readEntries(em, 0, 256)
 */
export async function readEntries(em: EntityManager, from: number, count: number): Promise<StoredEntry[]> {
  const rows = await run(em, 'select idx, kind, subject, body from log_entry where idx >= ? and idx < ? order by idx', [
    from,
    from + count,
  ]);
  return rows.map((r) => ({
    index: Number(r.idx),
    kind: String(r.kind),
    subject: String(r.subject),
    body: String(r.body),
  }));
}

/**
 * The entries about one subject (a notice's number …), in log order.
 * @example await entriesAbout(em, '530100-2026-0001') // its revisions, withdrawal, objections
 */
export async function entriesAbout(em: EntityManager, subject: string): Promise<StoredEntry[]> {
  const rows = await run(em, 'select idx, kind, subject, body from log_entry where subject = ? order by idx', [
    subject,
  ]);
  return rows.map((r) => ({
    index: Number(r.idx),
    kind: String(r.kind),
    subject: String(r.subject),
    body: String(r.body),
  }));
}
