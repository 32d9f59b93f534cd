/**
 * API keys are checked against the SHA-256 of their secret (issue 18 §3); keys made while they
 * were stored as salted scrypt hashes keep working, and the first request with one stores its
 * SHA-256 instead.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApiKey } from '../src/publishers/publisher.rules';
import { ApiKey, Publisher } from '../src/publishers/publisher.entity';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
let publisher: number;
beforeAll(async () => {
  api = await startTestApi({ scale: 0 });
  publisher = (await api.orm.em.fork().insert(Publisher, {
    name: '密钥迁移测试局',
    region: '530102',
    isAdmin: false,
    createdAt: new Date(),
    disabledAt: null,
  })) as number;
});
afterAll(async () => {
  await api?.close();
});

/** A key as the API stored them before SHA-256: scrypt N=2^14, r=8, p=1, its own salt. */
async function legacyKey(keyId: string): Promise<string> {
  const secret = crypto.randomBytes(32).toString('base64url');
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(secret, salt, 32, { N: 2 ** 14, r: 8, p: 1 });
  await api.orm.em.fork().insert(ApiKey, {
    publisher,
    keyId,
    secretHash: ['scrypt', 16384, 8, 1, salt.toString('base64url'), hash.toString('base64url')].join('$'),
    label: null,
    createdAt: new Date(),
    revokedAt: null,
    replaces: null,
  });
  return formatApiKey(keyId, secret);
}

const whoAmI = (key: string) =>
  api.http
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${key}`)
    .send({ query: '{ viewer { name keyId } }' });

const storedHash = async (keyId: string) => (await api.orm.em.fork().findOneOrFail(ApiKey, { keyId })).secretHash;

describe('a key stored as a scrypt hash', () => {
  it('still works, and its first use replaces the hash with the SHA-256 of its secret', async () => {
    const key = await legacyKey('legacy00key1');
    const first = await whoAmI(key);
    expect(first.status).toBe(200);
    expect(first.body.data.viewer).toEqual({ name: '密钥迁移测试局', keyId: 'legacy00key1' });
    // The upgrade is written beside the request, not before its answer.
    let stored = await storedHash('legacy00key1');
    for (let i = 0; i < 50 && stored.startsWith('scrypt$'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      stored = await storedHash('legacy00key1');
    }
    const secret = key.slice('sy_legacy00key1_'.length);
    expect(stored).toBe(`sha256$${crypto.createHash('sha256').update(secret).digest('base64url')}`);
    // The same key goes on working against its new hash; another secret under its id does not.
    expect((await whoAmI(key)).body.data.viewer.keyId).toBe('legacy00key1');
    const forged = await whoAmI(formatApiKey('legacy00key1', crypto.randomBytes(32).toString('base64url')));
    expect(forged.status).toBe(401);
    expect(forged.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('that is wrong is refused and keeps its hash', async () => {
    await legacyKey('legacy00key2');
    const before = await storedHash('legacy00key2');
    const wrong = await whoAmI(formatApiKey('legacy00key2', crypto.randomBytes(32).toString('base64url')));
    expect(wrong.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(await storedHash('legacy00key2')).toBe(before);
  });
});
