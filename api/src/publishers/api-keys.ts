/**
 * API keys: made from 256 random bits, shown once, stored only as a scrypt hash with its own
 * salt (Node's built-in scrypt: a memory-hard hash, so even a copied database gives no usable
 * key), found by their public id, compared in constant time.
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

/** scrypt cost: N = 2^14, r = 8, p = 1 (16 MiB, ≈ 30 ms on this machine), as OWASP's minimum. */
const N = 2 ** 14;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
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
 * @example const { key, keyId, secretHash } = await newApiKey(); // store keyId + secretHash, print key once
 */
export async function newApiKey(): Promise<NewKey> {
  const idBytes = crypto.randomBytes(12);
  const keyId = [...idBytes].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
  const secret = crypto.randomBytes(32).toString('base64url');
  return { key: formatApiKey(keyId, secret), keyId, secretHash: await hashSecret(secret) };
}

/** The stored form of a secret: `scrypt$N$r$p$salt$hash`. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(secret, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Whether `secret` matches a stored hash (constant-time comparison). */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
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
