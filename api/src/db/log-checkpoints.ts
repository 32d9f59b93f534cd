/**
 * The checkpoints the log signed, kept (`log_checkpoint`) so that anyone holding one of an
 * older size can ask for it again and for a consistency proof from it.
 */
import type { EntityManager } from '@mikro-orm/core';
import { sqlIn } from './log-store';
import { onPostgres } from './postgres';

/** A checkpoint as kept. */
export interface StoredCheckpoint {
  size: number;
  root: Buffer;
  /** The signed note exactly as served. */
  note: string;
  signedAt: Date;
}

type Raw = { size: number | string; root: Uint8Array; note: string; signed_at: Date | number | string };

function run(em: EntityManager, sql: string, params: unknown[]): Promise<Raw[]> {
  return sqlIn(em)(sql, params) as Promise<Raw[]>;
}

function stored(r: Raw): StoredCheckpoint {
  const at = r.signed_at;
  return {
    size: Number(r.size),
    root: Buffer.from(r.root),
    note: r.note,
    // SQLite keeps MikroORM's datetimes as milliseconds since the epoch.
    signedAt: at instanceof Date ? at : new Date(typeof at === 'number' || /^\d+$/.test(at) ? Number(at) : at),
  };
}

const COLUMNS = 'size, root, note, signed_at';

/** The checkpoint of the largest size signed, or null before the first. */
export async function latestCheckpoint(em: EntityManager): Promise<StoredCheckpoint | null> {
  const [row] = await run(em, `select ${COLUMNS} from log_checkpoint order by size desc limit 1`, []);
  return row ? stored(row) : null;
}

/** The checkpoint signed at `size`, or null. */
export async function checkpointOfSize(em: EntityManager, size: number): Promise<StoredCheckpoint | null> {
  const [row] = await run(em, `select ${COLUMNS} from log_checkpoint where size = ?`, [size]);
  return row ? stored(row) : null;
}

/**
 * Keeps a checkpoint and returns the one kept at its size: the first signed stays (another
 * process signing the same size at the same moment signs the same note, Ed25519 being
 * deterministic, and is not kept twice).
 */
export async function storeCheckpoint(em: EntityManager, c: StoredCheckpoint): Promise<StoredCheckpoint> {
  await run(em, `insert into log_checkpoint (${COLUMNS}) values (?, ?, ?, ?) on conflict (size) do nothing`, [
    c.size,
    c.root,
    c.note,
    // SQLite keeps MikroORM's datetimes as milliseconds since the epoch.
    onPostgres(em) ? c.signedAt : c.signedAt.getTime(),
  ]);
  return (await checkpointOfSize(em, c.size)) ?? c;
}

/**
 * Keeps the checkpoint of a size signed again: its note (the same bytes unless the key was
 * rotated) and when. Its size and root never change.
 */
export async function resignCheckpoint(em: EntityManager, c: StoredCheckpoint): Promise<StoredCheckpoint> {
  await run(em, 'update log_checkpoint set note = ?, signed_at = ? where size = ? and root = ?', [
    c.note,
    onPostgres(em) ? c.signedAt : c.signedAt.getTime(),
    c.size,
    c.root,
  ]);
  return (await checkpointOfSize(em, c.size)) ?? c;
}

/** Every checkpoint from `from` in size order, at most `limit`. */
export async function checkpointsFrom(em: EntityManager, from: number, limit: number): Promise<StoredCheckpoint[]> {
  const rows = await run(em, `select ${COLUMNS} from log_checkpoint where size >= ? order by size limit ?`, [
    from,
    limit,
  ]);
  return rows.map(stored);
}

/** A witness's cosignature on a checkpoint, as kept. */
export interface StoredCosignature {
  size: number;
  /** The witness's verifier key. */
  witnessKey: string;
  /** The signature line (`— <name> <base64>`, with its newline). */
  line: string;
  /** Seconds since the epoch, as the witness signed it. */
  cosignedAt: number;
}

/**
 * Keeps a witness's cosignature; a later one by the same key on the same size replaces it.
 * @example await storeCosignature(em, { size: 120, witnessKey, line, cosignedAt: 1764700000 });
 */
export async function storeCosignature(em: EntityManager, c: StoredCosignature): Promise<void> {
  await sqlIn(em)(
    `insert into log_cosignature (size, witness_key, line, cosigned_at) values (?, ?, ?, ?)
       on conflict (size, witness_key) do update set line = excluded.line, cosigned_at = excluded.cosigned_at`,
    [c.size, c.witnessKey, c.line, c.cosignedAt],
  );
}

/** The cosignatures of the checkpoint of `size`, oldest first. */
export async function cosignaturesOf(em: EntityManager, size: number): Promise<StoredCosignature[]> {
  const rows = (await sqlIn(em)(
    'select size, witness_key, line, cosigned_at from log_cosignature where size = ? order by cosigned_at, witness_key',
    [size],
  )) as { size: number | string; witness_key: string; line: string; cosigned_at: number | string }[];
  return rows.map((r) => ({
    size: Number(r.size),
    witnessKey: r.witness_key,
    line: r.line,
    cosignedAt: Number(r.cosigned_at),
  }));
}
