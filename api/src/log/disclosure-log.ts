/**
 * The disclosure log as the API runs it: the signing key (from the configuration, or made on
 * first start under the data directory), checkpoints signed as entries arrive (at most one a
 * second) and kept, and the tiles and proofs read from the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { LogConfig } from '../config';
import { databaseTree, logSize, readEntries } from '../db/log-store';
import { latestCheckpoint, storeCheckpoint, checkpointOfSize, type StoredCheckpoint } from '../db/log-checkpoints';
import { TILE_WIDTH, consistencyProof, inclusionProof, treeRoot } from './merkle';
import {
  ED25519,
  checkpointText,
  generateSigner,
  parseSignerKey,
  signNote,
  signerKey,
  verifierKey,
  type NoteSigner,
} from './signed-note';
import { tileExists, type Tile } from './tiles';

/**
 * The signing key: `LOG_SIGNING_KEY`, else the key file, made (readable by its owner only) when
 * there is none. Two processes starting together on one data directory end with one key: the
 * file is created exclusively, and the loser reads the winner's.
 * @throws Error when the key's name is not the log's origin (checkpoints would name another log)
 */
export function loadSigningKey(config: LogConfig): NoteSigner {
  const text = config.signingKey ?? readOrMakeKeyFile(config);
  const signer = parseSignerKey(text);
  if (signer.type !== ED25519) throw new Error('the log signing key must be an Ed25519 note key (type 0x01)');
  if (signer.name !== config.origin)
    throw new Error(
      `the log signing key is named "${signer.name}" but the log's origin (LOG_ORIGIN) is "${config.origin}": they must be the same`,
    );
  return signer;
}

function readOrMakeKeyFile(config: LogConfig): string {
  try {
    return fs.readFileSync(config.keyFile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const text = `${signerKey(generateSigner(config.origin))}\n`;
  try {
    fs.mkdirSync(path.dirname(config.keyFile), { recursive: true });
    fs.writeFileSync(config.keyFile, text, { mode: 0o600, flag: 'wx' });
    return text;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(config.keyFile, 'utf8');
    throw e;
  }
}

/** A tile's bytes: hashes (32 bytes each) or an entry bundle (each entry after its big-endian uint16 length). */
async function tileBytes(em: EntityManager, t: Tile): Promise<Buffer> {
  const from = t.index * TILE_WIDTH;
  if (t.level !== 'entries') return Buffer.concat(await databaseTree(em).hashes(t.level, from, t.width));
  const parts: Buffer[] = [];
  for (const e of await readEntries(em, from, t.width)) {
    const body = Buffer.from(e.body, 'utf8');
    const length = Buffer.alloc(2);
    length.writeUInt16BE(body.length);
    parts.push(length, body);
  }
  return Buffer.concat(parts);
}

/**
 * The log of one API process.
 * @example const log = new DisclosureLog(orm, config.log); log.start(); … await log.checkpoint()
 */
export class DisclosureLog {
  private signerKey: NoteSigner | null = null;
  private timer: NodeJS.Timeout | null = null;
  private signing: Promise<StoredCheckpoint> | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly config: LogConfig,
  ) {}

  /** The log's origin line. */
  get origin(): string {
    return this.config.origin;
  }

  private get signer(): NoteSigner {
    // Loaded when first needed: a test app that never serves the log makes no key file.
    this.signerKey ??= loadSigningKey(this.config);
    return this.signerKey;
  }

  /** The verifier key anyone checks checkpoints with (`/log/key`). */
  verifierKey(): string {
    return verifierKey(this.signer);
  }

  /** Signs a checkpoint every `signSeconds` when entries were added since the last one. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.checkpoint().catch((e: unknown) => console.error('[log] signing a checkpoint failed:', e));
    }, this.config.signSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * The latest checkpoint, signed now when the log has grown since the last one (one signing at
   * a time; callers meanwhile share it).
   */
  checkpoint(): Promise<StoredCheckpoint> {
    this.signing ??= this.signLatest().finally(() => {
      this.signing = null;
    });
    return this.signing;
  }

  private async signLatest(): Promise<StoredCheckpoint> {
    const em = this.orm.em.fork();
    const [size, last] = await Promise.all([logSize(em), latestCheckpoint(em)]);
    if (last && last.size >= size) return last;
    // Entries below the largest index seen are committed and never change: this root is final.
    const root = await treeRoot(databaseTree(em), size);
    const note = signNote(checkpointText({ origin: this.origin, size, root }), this.signer);
    return storeCheckpoint(em, { size, root, note, signedAt: new Date() });
  }

  /** The checkpoint the log signed at `size`, or null when it signed none of that size. */
  checkpointOfSize(size: number): Promise<StoredCheckpoint | null> {
    return checkpointOfSize(this.orm.em.fork(), size);
  }

  /** A tile's bytes, or null when the log does not hold all of it yet. */
  async tile(t: Tile): Promise<Buffer | null> {
    const em = this.orm.em.fork();
    if (!tileExists(t, await logSize(em))) return null;
    return tileBytes(em, t);
  }

  /** The inclusion proof of entry `index` in the tree of `size` entries. */
  inclusionProof(index: number, size: number): Promise<Buffer[]> {
    return inclusionProof(databaseTree(this.orm.em.fork()), index, size);
  }

  /** The consistency proof from the tree of `first` entries to that of `second`. */
  consistencyProof(first: number, second: number): Promise<Buffer[]> {
    return consistencyProof(databaseTree(this.orm.em.fork()), first, second);
  }
}
