import { describe, expect, it } from 'vitest';
import { canWrite, formatApiKey, levelOf, parseApiKey } from './publisher.rules';
import crypto from 'node:crypto';
import { isLegacyHash, newApiKey, verifySecret } from './api-keys';

describe('50号 (十八): a publisher writes only its own area', () => {
  const county = { region: '530102', isAdmin: false };
  const prefecture = { region: '530100', isAdmin: false };
  const province = { region: '530000', isAdmin: false };
  it('a county bureau: its own county only', () => {
    expect(canWrite(county, '530102').allowed).toBe(true);
    expect(canWrite(county, '530103').allowed).toBe(false);
    expect(canWrite(county, '530100').allowed).toBe(false);
    expect(canWrite(county, '530000').allowed).toBe(false);
  });
  it('a 州市 bureau: the 州市 and its counties, not another 州市 or its counties', () => {
    expect(canWrite(prefecture, '530100').allowed).toBe(true);
    expect(canWrite(prefecture, '530181').allowed).toBe(true);
    expect(canWrite(prefecture, '530300').allowed).toBe(false);
    expect(canWrite(prefecture, '530302').allowed).toBe(false);
    expect(canWrite(prefecture, '530000').allowed).toBe(false);
  });
  it('the province and its administrators: everywhere', () => {
    for (const target of ['530000', '530100', '532901']) {
      expect(canWrite(province, target).allowed).toBe(true);
      expect(canWrite({ region: '530102', isAdmin: true }, target).allowed).toBe(true);
    }
  });
  it('says why, in both languages', () => {
    const v = canWrite(county, '530103');
    expect(v.allowed === false && [v.message, v.messageEn]).toEqual([
      expect.stringContaining('谁审批、谁负责、谁监管'),
      expect.stringContaining('530103'),
    ]);
  });
  it('knows the level of a code', () => {
    expect([levelOf('530000'), levelOf('530100'), levelOf('530102')]).toEqual(['PROVINCE', 'PREFECTURE', 'COUNTY']);
  });
});

describe('API keys', () => {
  it('parse only our own shape', () => {
    const secret = 'A'.repeat(43);
    expect(parseApiKey(formatApiKey('k7q2m9x4ab3c', secret))).toEqual({ keyId: 'k7q2m9x4ab3c', secret });
    expect(parseApiKey('Bearer nonsense')).toBeNull();
    expect(parseApiKey(`sy_K7Q2M9X4AB3C_${secret}`)).toBeNull();
    expect(parseApiKey(`sy_k7q2m9x4ab3c_${secret}x`)).toBeNull();
  });
  it('are random, stored as their SHA-256, and verify only with their own secret', async () => {
    const a = newApiKey();
    const b = newApiKey();
    expect(a.key).not.toBe(b.key);
    expect(a.secretHash).toMatch(/^sha256\$[\w-]{43}$/);
    expect(a.secretHash).not.toContain(parseApiKey(a.key)!.secret);
    expect(await verifySecret(parseApiKey(a.key)!.secret, a.secretHash)).toBe(true);
    expect(await verifySecret(parseApiKey(b.key)!.secret, a.secretHash)).toBe(false);
    expect(isLegacyHash(a.secretHash)).toBe(false);
    expect(await verifySecret('x', 'md5$abc')).toBe(false);
    expect(await verifySecret('x', 'sha256$')).toBe(false);
  });
  it('made before SHA-256 (salted scrypt) still verify, and are known as legacy', async () => {
    const salt = crypto.randomBytes(16);
    const hash = crypto.scryptSync('old secret', salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const stored = ['scrypt', 16384, 8, 1, salt.toString('base64url'), hash.toString('base64url')].join('$');
    expect(isLegacyHash(stored)).toBe(true);
    expect(await verifySecret('old secret', stored)).toBe(true);
    expect(await verifySecret('other secret', stored)).toBe(false);
  });
});
