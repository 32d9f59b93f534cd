/**
 * Signed notes (C2SP signed-note), checkpoints (C2SP tlog-checkpoint) and witness cosignatures
 * (C2SP tlog-cosignature, Ed25519 `cosignature/v1`), with Ed25519 from node:crypto. Keys are
 * written as Go's `golang.org/x/mod/sumdb/note` writes them, so existing tools read them:
 * signer `PRIVATE+KEY+<name>+<key id hex>+<base64(type ‖ seed)>`, verifier
 * `<name>+<key id hex>+<base64(type ‖ public key)>`.
 */
import crypto from 'node:crypto';

/** Signature type of a log's Ed25519 note signature. */
export const ED25519 = 0x01;
/** Signature type of a timestamped Ed25519 witness cosignature. */
export const COSIGNATURE_V1 = 0x04;

/** A key that signs notes. Never logged or sent: only its {@link verifierKey} is published. */
export interface NoteSigner {
  name: string;
  type: typeof ED25519 | typeof COSIGNATURE_V1;
  keyId: Buffer;
  privateKey: crypto.KeyObject;
  publicKey: Buffer;
}

/** A key that checks notes. */
export interface NoteVerifier {
  name: string;
  type: number;
  keyId: Buffer;
  publicKey: Buffer;
}

/** A note or key that does not hold; `message` names what. */
export class NoteError extends Error {}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Key names: non-empty, no spaces, no plus signs (signed-note §Format). */
function checkName(name: string): string {
  if (!name || /[\s+]/u.test(name)) throw new NoteError(`key name "${name}" must be non-empty without spaces or "+"`);
  return name;
}

/**
 * A key's ID: SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4].
 * @example keyIdOf('example.com/log', ED25519, publicKey).length // 4
 */
export function keyIdOf(name: string, type: number, publicKey: Uint8Array): Buffer {
  return crypto
    .createHash('sha256')
    .update(`${name}\n`, 'utf8')
    .update(Buffer.from([type]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

function signerFromSeed(name: string, type: NoteSigner['type'], seed: Buffer): NoteSigner {
  if (seed.length !== 32) throw new NoteError('an Ed25519 key seed is 32 bytes');
  const privateKey = crypto.createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const jwk = crypto.createPublicKey(privateKey).export({ format: 'jwk' });
  const publicKey = Buffer.from(String(jwk.x), 'base64url');
  return { name: checkName(name), type, keyId: keyIdOf(name, type, publicKey), privateKey, publicKey };
}

/**
 * A new random signing key.
 * @example const signer = generateSigner('catalogue.example/log'); signerKey(signer) // 'PRIVATE+KEY+catalogue.example/log+…'
 */
export function generateSigner(name: string, type: NoteSigner['type'] = ED25519): NoteSigner {
  return signerFromSeed(name, type, crypto.randomBytes(32));
}

/** The signer's secret key text (keep it secret). */
export function signerKey(signer: NoteSigner): string {
  const seed = Buffer.from(String(signer.privateKey.export({ format: 'jwk' }).d), 'base64url');
  const body = Buffer.concat([Buffer.from([signer.type]), seed]).toString('base64');
  return `PRIVATE+KEY+${signer.name}+${signer.keyId.toString('hex')}+${body}`;
}

/** The public verifier key text of a signer (what `/log/key` serves). */
export function verifierKey(signer: Pick<NoteSigner, 'name' | 'type' | 'keyId' | 'publicKey'>): string {
  const body = Buffer.concat([Buffer.from([signer.type]), signer.publicKey]).toString('base64');
  return `${signer.name}+${signer.keyId.toString('hex')}+${body}`;
}

/** Splits `<name>+<hex id>+<base64(type ‖ key)>` and checks the ID against the key. */
function splitKey(text: string, what: string): { name: string; type: number; keyId: Buffer; key: Buffer } {
  // The base64 part may itself hold "+": only the first two separate.
  const m = /^([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(text.trim());
  if (!m) throw new NoteError(`${what} must be <name>+<8 hex digits>+<base64>`);
  const [, name, hex, b64] = m;
  const raw = Buffer.from(b64, 'base64');
  if (raw.length !== 33) throw new NoteError(`${what} must hold a type byte and a 32-byte Ed25519 key`);
  return { name: checkName(name), type: raw[0], keyId: Buffer.from(hex, 'hex'), key: raw.subarray(1) };
}

/**
 * Reads a signer key written by {@link signerKey}.
 * @throws NoteError when it is not one, or its ID does not match its key
 */
export function parseSignerKey(text: string): NoteSigner {
  const trimmed = text.trim();
  if (!trimmed.startsWith('PRIVATE+KEY+')) throw new NoteError('a signer key starts with PRIVATE+KEY+');
  const { name, type, keyId, key } = splitKey(trimmed.slice('PRIVATE+KEY+'.length), 'a signer key');
  if (type !== ED25519 && type !== COSIGNATURE_V1) throw new NoteError(`signature type ${type} is not Ed25519`);
  const signer = signerFromSeed(name, type, key);
  if (!signer.keyId.equals(keyId)) throw new NoteError('the signer key ID does not match its key');
  return signer;
}

/**
 * Reads a verifier key written by {@link verifierKey}.
 * @throws NoteError when it is not one, or its ID does not match its key
 */
export function parseVerifierKey(text: string): NoteVerifier {
  const { name, type, keyId, key } = splitKey(text, 'a verifier key');
  if (!keyIdOf(name, type, key).equals(keyId)) throw new NoteError('the verifier key ID does not match its key');
  return { name, type, keyId, publicKey: key };
}

/** One signature line of a note. */
export interface NoteSignature {
  name: string;
  keyId: Buffer;
  signature: Buffer;
}

/** The line `— <name> base64(key id ‖ signature)`. */
export function signatureLine(s: NoteSignature): string {
  return `— ${s.name} ${Buffer.concat([s.keyId, s.signature]).toString('base64')}\n`;
}

/**
 * Signs note text (ending in a newline) with a log key: the text, a blank line, the signature.
 * @example signNote('catalogue.example/log\n12\nAAAA…=\n', signer)
 */
export function signNote(text: string, signer: NoteSigner): string {
  if (!text.endsWith('\n')) throw new NoteError('note text must end in a newline');
  const signature = crypto.sign(null, Buffer.from(text, 'utf8'), signer.privateKey);
  return `${text}\n${signatureLine({ name: signer.name, keyId: signer.keyId, signature })}`;
}

/** A note split into its text and signatures (not yet verified). */
export interface ParsedNote {
  text: string;
  signatures: NoteSignature[];
}

/**
 * Splits a signed note at its last blank line.
 * @throws NoteError when it is not a signed note
 */
export function parseNote(note: string): ParsedNote {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the format forbids control characters other than newline
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) throw new NoteError('a note holds no control characters but newlines');
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new NoteError('a signed note is text, a blank line and signature lines');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const signatures = lines.map((line) => {
    const m = /^— (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
    if (!m) throw new NoteError(`"${line.slice(0, 60)}" is not a signature line`);
    const raw = Buffer.from(m[2], 'base64');
    if (raw.length < 5) throw new NoteError('a signature holds a key ID and a signature');
    return { name: m[1], keyId: raw.subarray(0, 4), signature: raw.subarray(4) };
  });
  if (signatures.length === 0) throw new NoteError('a signed note has at least one signature');
  return { text, signatures };
}

function publicKeyObject(key: Uint8Array): crypto.KeyObject {
  return crypto.createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(key).toString('base64url') },
    format: 'jwk',
  });
}

/**
 * The text of a note signed by `verifier` (Ed25519 note signature).
 * @throws NoteError when no signature of that key is on it, or one fails to verify
 */
export function openNote(note: string, verifier: NoteVerifier): string {
  const { text, signatures } = parseNote(note);
  const mine = signatures.filter((s) => s.name === verifier.name && s.keyId.equals(verifier.keyId));
  if (mine.length === 0) throw new NoteError(`the note is not signed by ${verifier.name}`);
  const key = publicKeyObject(verifier.publicKey);
  for (const s of mine)
    if (!crypto.verify(null, Buffer.from(text, 'utf8'), key, s.signature))
      throw new NoteError(`the signature of ${verifier.name} does not verify`);
  return text;
}

/** A checkpoint's three lines (and any extension lines). */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
  extensions?: string[];
}

/**
 * A checkpoint's note text: origin, tree size and base64 root hash, each on its own line.
 * @example checkpointText({ origin: 'catalogue.example/log', size: 2, root }) // 'catalogue.example/log\n2\n…=\n'
 */
export function checkpointText(c: Checkpoint): string {
  return [c.origin, String(c.size), c.root.toString('base64'), ...(c.extensions ?? [])].map((l) => `${l}\n`).join('');
}

/**
 * Reads a checkpoint's note text.
 * @throws NoteError when the lines are not a checkpoint
 */
export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') throw new NoteError('a checkpoint has at least three lines');
  const [origin, size, root, ...rest] = lines.slice(0, -1);
  if (!origin) throw new NoteError('a checkpoint starts with its origin');
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size)))
    throw new NoteError('the second line of a checkpoint is its tree size, a decimal number');
  const hash = Buffer.from(root, 'base64');
  if (hash.length !== 32 || hash.toString('base64') !== root)
    throw new NoteError('the third line of a checkpoint is its root hash in base64');
  return { origin, size: Number(size), root: hash, extensions: rest };
}

/** The message a `cosignature/v1` signs: header, time and the whole checkpoint text. */
function cosignedMessage(text: string, time: number): Buffer {
  return Buffer.from(`cosignature/v1\ntime ${time}\n${text}`, 'utf8');
}

/**
 * A witness's cosignature line on a checkpoint's text, made at `time` (seconds since the epoch).
 * @example cosign(text, witness, 1764700000) // '— witness.example/w1 …\n'
 */
export function cosign(text: string, witness: NoteSigner, time: number): string {
  if (witness.type !== COSIGNATURE_V1) throw new NoteError('a cosignature needs a cosignature/v1 key');
  const stamp = Buffer.alloc(8);
  stamp.writeBigUInt64BE(BigInt(time));
  const signature = crypto.sign(null, cosignedMessage(text, time), witness.privateKey);
  return signatureLine({ name: witness.name, keyId: witness.keyId, signature: Buffer.concat([stamp, signature]) });
}

/**
 * The time of a witness's valid cosignature on the checkpoint text, or null when the line is
 * not the witness's or does not verify.
 */
export function cosignatureTime(text: string, line: NoteSignature, witness: NoteVerifier): number | null {
  if (witness.type !== COSIGNATURE_V1 || line.name !== witness.name || !line.keyId.equals(witness.keyId)) return null;
  if (line.signature.length !== 8 + 64) return null;
  const time = Number(line.signature.readBigUInt64BE(0));
  const ok = crypto.verify(
    null,
    cosignedMessage(text, time),
    publicKeyObject(witness.publicKey),
    line.signature.subarray(8),
  );
  return ok ? time : null;
}
