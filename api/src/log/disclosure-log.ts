/**
 * The disclosure log as the API runs it: the signing key (from the configuration, or made on
 * first start under the data directory), checkpoints signed as entries arrive (at most one a
 * second) and kept, and the tiles and proofs read from the database (one query each).
 */
import { logger } from '../observability/logger';
import fs from 'node:fs';
import path from 'node:path';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { LogConfig } from '../config';
import { databaseTree, logSize, readEntries } from '../db/log-store';
import { noteChanges } from '../db/record-changes';
import {
  checkpointOfSize,
  cosignaturesOf,
  latestCheckpoint,
  resignCheckpoint,
  storeCheckpoint,
  storeCosignature,
  type StoredCheckpoint,
  type StoredCosignature,
} from '../db/log-checkpoints';
import { TILE_WIDTH, consistencyProof, inclusionProof, treeRoot } from './merkle';
import {
  COSIGNATURE_V1,
  ED25519,
  NoteError,
  checkpointText,
  cosignatureTime,
  parseNote,
  parseVerifierKey,
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
 * How old the latest signature may grow before it is made again, even when the log has not
 * grown: a reader sees a checkpoint signed within the hour (C2SP leaves freshness to witnesses'
 * timestamps; this shows the signer is alive with the key that `/log/key` publishes).
 */
export const RESIGN_AFTER_MS = 3_600_000;

/** How far in the future a cosignature's time may be (a witness's clock running ahead). */
const MAX_CLOCK_SKEW_SECONDS = 600;

/** A cosignature refused: `field` and why. */
export class CosignatureError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/**
 * The log of one API process.
 * @example const log = new DisclosureLog(orm, config.log); log.start(); … await log.checkpoint()
 */
export class DisclosureLog {
  private signerKey: NoteSigner | null = null;
  private timer: NodeJS.Timeout | null = null;
  private signing: Promise<StoredCheckpoint> | null = null;
  /** The log's size as last read (it never shrinks while the process runs). */
  private knownSize = 0;

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

  /** Signs a checkpoint every `signSeconds` when entries were added since the last one, and hourly regardless. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.checkpoint().catch((e: unknown) => logger.error({ err: e }, 'log: signing a checkpoint failed'));
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
    if (last && last.size >= size) return this.fresh(em, last);
    // Entries below the largest index seen are committed and never change: this root is final.
    const root = await treeRoot(databaseTree(em), size);
    const note = signNote(checkpointText({ origin: this.origin, size, root }), this.signer);
    return storeCheckpoint(em, { size, root, note, signedAt: new Date() });
  }

  /**
   * The latest checkpoint signed again when its signature is older than {@link RESIGN_AFTER_MS}.
   * Ed25519 is deterministic, so the same key signs the same note; a rotated key signs it anew.
   */
  private async fresh(em: EntityManager, last: StoredCheckpoint): Promise<StoredCheckpoint> {
    const now = new Date();
    if (now.getTime() - last.signedAt.getTime() < RESIGN_AFTER_MS) return last;
    const note = signNote(checkpointText({ origin: this.origin, size: last.size, root: last.root }), this.signer);
    return resignCheckpoint(em, { ...last, note, signedAt: now });
  }

  /**
   * How far signing has come, for the metrics: the log's size, the size of its latest signed
   * checkpoint and when that was signed (0 and null before the first).
   */
  async status(): Promise<{ size: number; signedSize: number; signedAt: Date | null }> {
    const em = this.orm.em.fork();
    const [size, last] = await Promise.all([logSize(em), latestCheckpoint(em)]);
    return { size, signedSize: last?.size ?? 0, signedAt: last?.signedAt ?? null };
  }

  /** The checkpoint the log signed at `size`, or null when it signed none of that size. */
  checkpointOfSize(size: number): Promise<StoredCheckpoint | null> {
    return checkpointOfSize(this.orm.em.fork(), size);
  }

  /**
   * The checkpoint of `size` (the latest when null) as served: the log's signed note with the
   * cosignature lines of the witnesses that cosigned it; null when the log signed none of that size.
   */
  async servedNote(size: number | null): Promise<string | null> {
    const checkpoint = size == null ? await this.checkpoint() : await this.checkpointOfSize(size);
    if (!checkpoint) return null;
    const lines = (await cosignaturesOf(this.orm.em.fork(), checkpoint.size)).map((c) => c.line);
    return checkpoint.note + lines.join('');
  }

  /** The witnesses' cosignatures of the checkpoint of `size`. */
  cosignatures(size: number): Promise<StoredCosignature[]> {
    return cosignaturesOf(this.orm.em.fork(), size);
  }

  /**
   * Keeps a witness's cosignature of the checkpoint of `size`, once it verifies with the
   * witness's key (`cosignature/v1`) over that checkpoint.
   * @throws CosignatureError naming the field and the rule it breaks
   */
  async addCosignature(
    input: { size: number; witnessKey: string; cosignature: string },
    now: Date,
  ): Promise<StoredCosignature> {
    let witness: ReturnType<typeof parseVerifierKey>;
    try {
      witness = parseVerifierKey(input.witnessKey);
    } catch (e) {
      throw new CosignatureError('witnessKey', (e as Error).message);
    }
    if (witness.type !== COSIGNATURE_V1)
      throw new CosignatureError('witnessKey', 'must be a cosignature/v1 key (signature type 0x04)');
    const checkpoint = await this.checkpointOfSize(input.size);
    if (!checkpoint) throw new CosignatureError('size', `the log signed no checkpoint of size ${input.size}`);
    const text = checkpoint.note.slice(0, checkpoint.note.lastIndexOf('\n\n') + 1);
    const line = input.cosignature.endsWith('\n') ? input.cosignature : `${input.cosignature}\n`;
    let time: number | null = null;
    try {
      const [signature] = parseNote(`${text}\n${line}`).signatures;
      time = cosignatureTime(text, signature, witness);
    } catch (e) {
      if (!(e instanceof NoteError)) throw e;
    }
    if (time == null)
      throw new CosignatureError(
        'cosignature',
        `must be a cosignature/v1 line of ${witness.name} over the checkpoint of size ${input.size}`,
      );
    if (time > now.getTime() / 1000 + MAX_CLOCK_SKEW_SECONDS)
      throw new CosignatureError('cosignature', 'its time is in the future');
    const stored = { size: input.size, witnessKey: input.witnessKey.trim(), line, cosignedAt: time };
    // Noted with it, so the site builder rebuilds /log/ and its list of witnesses.
    await this.orm.em.fork().transactional(async (tx) => {
      await storeCosignature(tx, stored);
      await noteChanges(tx, 'LogCheckpoint', input.size);
    });
    return stored;
  }

  /** A tile's bytes, or null when the log does not hold all of it yet. */
  async tile(t: Tile): Promise<Buffer | null> {
    const em = this.orm.em.fork();
    // The size only grows: asked again only for a tile beyond the size last read.
    if (!tileExists(t, this.knownSize)) this.knownSize = await logSize(em);
    if (!tileExists(t, this.knownSize)) return null;
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
