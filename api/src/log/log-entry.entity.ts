import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One entry of the disclosure log: a public event (a notice revision published, a withdrawal,
 * an objection recorded or decided, a blacklisting, a directory edition, an agency draw) as
 * RFC 8785 canonical JSON, at its place in the Merkle tree. Written in the transaction of the
 * event it records; never updated or deleted.
 */
@Entity({ tableName: 'log_entry' })
@Index({ properties: ['subject'] })
export class LogEntry {
  /** The entry's index in the log: 0, 1, 2 … with no gaps. */
  @PrimaryKey({ type: 'bigint', autoincrement: false })
  idx!: string;

  /** What happened, e.g. `notice.revision` (see log-events.rules.ts). */
  @Property({ type: 'string', length: 32 })
  kind!: string;

  /** The public key of what it happened to (a notice number, an institution's credit code …), for lookups. */
  @Property({ type: 'string', length: 64 })
  subject!: string;

  /** The entry's bytes: canonical JSON, UTF-8. */
  @Property({ type: 'text' })
  body!: string;

  /** SHA-256(0x00 ‖ body): the leaf hash, level 0 of the tiles. */
  @Property({ type: 'blob' })
  leafHash!: Buffer;
}

/**
 * The hash of every complete subtree above the leaves, stored as it completes: node `idx` at
 * `height` h covers leaves idx·2^h to (idx+1)·2^h − 1. Any tile, root or proof is then read in
 * one query, never recomputed (tile level L is height 8L). About one row per entry.
 */
@Entity({ tableName: 'log_hash' })
export class LogHash {
  /** Height above the leaves (1 = the hash of two leaves; 8 = of 256, a hash of tile level 1). */
  @PrimaryKey({ type: 'integer', autoincrement: false })
  height!: number;

  @PrimaryKey({ type: 'bigint', autoincrement: false })
  idx!: string;

  @Property({ type: 'blob' })
  hash!: Buffer;
}

/**
 * A checkpoint the log signed: its size, root and the signed note as served. Every one is kept,
 * so anyone can ask for the checkpoint of a size they saw and a consistency proof from it.
 */
@Entity({ tableName: 'log_checkpoint' })
export class LogCheckpoint {
  @PrimaryKey({ type: 'bigint', autoincrement: false })
  size!: string;

  @Property({ type: 'blob' })
  root!: Buffer;

  /** The signed note (C2SP tlog-checkpoint), exactly as `/log/checkpoint` served it. */
  @Property({ type: 'text' })
  note!: string;

  @Property({ type: 'datetime' })
  signedAt!: Date;
}

/**
 * A witness's cosignature (C2SP tlog-cosignature, `cosignature/v1`) on a checkpoint: the witness
 * checked that the checkpoint is consistent with the last one it cosigned. Served with the
 * checkpoint; one per witness key and size.
 */
@Entity({ tableName: 'log_cosignature' })
export class LogCosignature {
  @PrimaryKey({ type: 'bigint', autoincrement: false })
  size!: string;

  /** The witness's verifier key (C2SP signed-note), which checks `line`. */
  @PrimaryKey({ type: 'string', length: 200 })
  witnessKey!: string;

  /** The signature line exactly as the witness made it (`— <name> <base64>`). */
  @Property({ type: 'text' })
  line!: string;

  /** When the witness says it cosigned (seconds since the epoch, from the signature). */
  @Property({ type: 'bigint' })
  cosignedAt!: string;
}
