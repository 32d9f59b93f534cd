/**
 * API keys: made from 256 random bits, shown once, stored only as their SHA-256 (as GitHub
 * stores its tokens), found by their public id, compared in constant time. A slow, salted hash
 * protects passwords people choose; a 256-bit random secret cannot be guessed from its SHA-256,
 * so checking a key costs microseconds instead of scrypt's 30–50 ms on every request.
 *
 * Keys made before this kept a salted scrypt hash (`scrypt$N$r$p$salt$hash`). They still verify,
 * and the first request that proves one (the secret is known only then) stores its SHA-256
 * instead (see authenticate.ts); a key never used again keeps its scrypt hash and still works.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { formatApiKey, parseApiKey } from './publisher.rules';

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A new key: what to give the publisher once, and what to store. */
export interface NewKey {
  /** The whole key: shown once, never stored or logged. */
  key: string;
  keyId: string;
  secretHash: string;
}

/**
 * Makes a new API key.
 * @example const { key, keyId, secretHash } = newApiKey(); // store keyId + secretHash, print key once
 */
export function newApiKey(): NewKey {
  const idBytes = crypto.randomBytes(12);
  const keyId = [...idBytes].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
  const secret = crypto.randomBytes(32).toString('base64url');
  return { key: formatApiKey(keyId, secret), keyId, secretHash: hashSecret(secret) };
}

/**
 * The stored form of a secret: `sha256$<base64url digest>`.
 * @example hashSecret('A'.repeat(43)) // 'sha256$…' (43 characters after the $)
 */
export function hashSecret(secret: string): string {
  return `sha256$${crypto.createHash('sha256').update(secret).digest('base64url')}`;
}

/** Whether a stored hash is of the old, slow kind, to be replaced once its key is next used. */
export function isLegacyHash(stored: string): boolean {
  return stored.startsWith('scrypt$');
}

/** Whether `secret` matches a stored hash, SHA-256 or legacy scrypt (constant-time comparison). */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, ...parts] = stored.split('$');
  if (scheme === 'sha256' && parts.length === 1) return sameBytes(parts[0], hashSecret(secret).slice('sha256$'.length));
  if (scheme === 'scrypt' && parts.length === 5) return verifyScrypt(secret, parts);
  return false;
}

function sameBytes(a64: string, b64: string): boolean {
  const a = Buffer.from(a64, 'base64url');
  const b = Buffer.from(b64, 'base64url');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

async function verifyScrypt(secret: string, [n, r, p, salt, hash]: string[]): Promise<boolean> {
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}

export { parseApiKey };
