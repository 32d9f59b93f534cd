/**
 * Who is calling: `Authorization: Bearer sy_…` → the publisher, or nobody (reads need no key).
 * A key that is malformed, unknown, revoked or of a closed account is refused outright (HTTP
 * 401), so a client never mistakes a bad key for anonymous access. The key itself is never
 * logged or stored; only its public id reaches the audit trail.
 */
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { GraphQLError } from 'graphql';
import { rethrowDatabaseFault } from '../db/busy';
import { findRows } from '../db/rows';
import { hashSecret, isLegacyHash, verifySecret } from './api-keys';
import { ApiKey, Publisher } from './publisher.entity';
import { parseApiKey } from './publisher.rules';
import type { Writer } from './writer';
import { ErrorCode } from '../graphql/errors';

/** The authenticated publisher of a request. */
export type Viewer = Writer & { publisherId: number };

const unauthenticated = (message: string) =>
  new GraphQLError(`Authorization: ${message}`, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, field: 'Authorization', http: { status: 401 } },
  });

/** How often `lastUsedAt` is written for one key: once a minute is enough to see use. */
const LAST_USED_EVERY_MS = 60_000;

/** Keys whose `lastUsedAt` write is under way: one at a time per key, however many requests come. */
const noting = new Set<number>();

/**
 * Records that a key was used, without making the request wait for it or fail with it: this is a
 * write on the read path, and while another process holds SQLite's write lock (an import) it
 * would wait seconds. Best effort: a write that cannot be had is dropped, the next use retries.
 */
function noteKeyUse(em: EntityManager, keyRowId: number): void {
  if (noting.has(keyRowId)) return;
  noting.add(keyRowId);
  em.fork()
    .nativeUpdate(ApiKey, { id: keyRowId }, { lastUsedAt: new Date() })
    .catch(() => undefined)
    .finally(() => noting.delete(keyRowId));
}

/**
 * Replaces a key's legacy scrypt hash by the SHA-256 of its secret, now that a request has proved
 * the secret (it is known at no other moment). Only if the row still holds the hash that was
 * checked, so two requests (or two API processes) upgrading at once write the same once; best
 * effort like {@link noteKeyUse}: the next use retries.
 */
function upgradeKeyHash(em: EntityManager, keyRowId: number, checked: string, secret: string): void {
  em.fork()
    .nativeUpdate(ApiKey, { id: keyRowId, secretHash: checked }, { secretHash: hashSecret(secret) })
    .catch(() => undefined);
}

/**
 * Resolves the `Authorization` header; null without one. `session` may be a function making the
 * EntityManager, called only when there is a header to check.
 * @example const viewer = await authenticate(em, req.headers.authorization);
 */
export async function authenticate(
  session: EntityManager | (() => EntityManager),
  header: string | undefined,
): Promise<Viewer | null> {
  if (header === undefined || header === '') return null;
  const em = typeof session === 'function' ? session() : session;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const parsed = m ? parseApiKey(m[1]) : null;
  if (!parsed)
    return Promise.reject(unauthenticated('expected "Bearer sy_<id>_<secret>", the API key a publisher was given'));
  // Apollo answers a failed context with 500 unless the error names its status: a lost
  // database connection here is the client's cue to retry, as anywhere else.
  const [key] = await findRows(em, ApiKey, { keyId: parsed.keyId }).catch(rethrowDatabaseFault);
  if (!key || !(await verifySecret(parsed.secret, key.secretHash))) throw unauthenticated('unknown API key');
  if (key.revokedAt)
    throw unauthenticated(`API key ${key.keyId} was revoked on ${key.revokedAt.toISOString().slice(0, 10)}`);
  const [publisher] = await findRows(em, Publisher, { id: key.publisher }).catch(rethrowDatabaseFault);
  if (!publisher || publisher.disabledAt) throw unauthenticated('the account of this key is closed');
  if (isLegacyHash(key.secretHash)) upgradeKeyHash(em, key.id, key.secretHash, parsed.secret);
  if (!key.lastUsedAt || Date.now() - new Date(key.lastUsedAt).getTime() > LAST_USED_EVERY_MS) noteKeyUse(em, key.id);
  return {
    publisherId: publisher.id,
    name: publisher.name,
    keyId: key.keyId,
    region: publisher.region,
    isAdmin: publisher.isAdmin,
  };
}
