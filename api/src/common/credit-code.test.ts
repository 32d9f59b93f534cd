import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARSET, completeCreditCode, creditCodeCheckChar, validateCreditCode } from './credit-code';

// Codes as printed in public registries and widely reused in examples. Each one was checked by
// recomputing its check character by hand from the standard's weights, not taken on trust.
const PUBLISHED = [
  '91350100M000100Y43',
  '914403001922038216',
  '9144030071526726XG',
  '91110108551385082Q',
  '91440300708461136T',
  '91330100716105852F',
];

describe('GB 32100-2015 unified social credit code', () => {
  it('GB 32100-2015: a worked example, check character computed from the weights', () => {
    // 9·1 + 1·3 + 3·9 + 5·27 + 1·26 + M(21)·20 + 1·8 + Y(30)·30 + 4·28 = 1640 (zeros omitted);
    // 1640 mod 31 = 28; 31 − 28 = 3 → '3'.
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it.each(PUBLISHED)('GB 32100-2015: published code %s is valid', (code) => {
    expect(validateCreditCode(code)).toEqual({ valid: true });
    expect(completeCreditCode(code.slice(0, 17))).toBe(code);
  });

  it('GB 32100-2015: a check value of 31 is written 0', () => {
    // Weighted sums 0 and 1·1 + 1·30 = 31 are both ≡ 0 (mod 31), so 31 − 0 = 31 → '0'.
    expect(creditCodeCheckChar('0'.repeat(17))).toBe('0');
    expect(creditCodeCheckChar(`1${'0'.repeat(14)}10`)).toBe('0');
    expect(validateCreditCode(`1${'0'.repeat(14)}100`)).toEqual({ valid: true });
  });

  it('GB 32100-2015: changing any single character of a valid code is detected', () => {
    const code = '91350100M000100Y43';
    for (let i = 0; i < 18; i++) {
      for (const c of CREDIT_CODE_CHARSET) {
        if (c === code[i]) continue;
        const mutated = code.slice(0, i) + c + code.slice(i + 1);
        expect(validateCreditCode(mutated).valid, mutated).toBe(false);
      }
    }
  });

  it('GB 32100-2015: swapping two adjacent different characters is detected', () => {
    const code = '914403001922038216';
    for (let i = 0; i < 16; i++) {
      if (code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      expect(validateCreditCode(swapped).valid, swapped).toBe(false);
    }
  });

  it('GB 32100-2015: the reason names the expected check character', () => {
    const r = validateCreditCode('91350100M000100Y44');
    expect(r).toMatchObject({ valid: false, problem: { kind: 'check', expected: '3', actual: '4' } });
    if (!r.valid) expect(r.reason).toContain('expected 3');
  });

  it('GB 32100-2015: the reason names the length', () => {
    for (const code of ['91350100M000100Y4', '91350100M000100Y433', '']) {
      const r = validateCreditCode(code);
      expect(r).toMatchObject({ valid: false, problem: { kind: 'length', length: code.length } });
      if (!r.valid) expect(r.reason).toContain(String(code.length));
    }
  });

  it.each([
    ['I', 9],
    ['O', 5],
    ['Z', 18],
    ['S', 1],
    ['V', 12],
  ])('GB 32100-2015: letter %s (excluded from the charset) at position %i is illegal', (letter, position) => {
    const code = '91350100M000100Y43';
    const bad = code.slice(0, position - 1) + letter + code.slice(position);
    const r = validateCreditCode(bad);
    expect(r).toMatchObject({ valid: false, problem: { kind: 'character', position, character: letter } });
    if (!r.valid) expect(r.reason).toContain(`position ${position}`);
  });

  it('GB 32100-2015: lower-case letters are rejected with a hint', () => {
    const r = validateCreditCode('91350100m000100Y43');
    expect(r).toMatchObject({ valid: false, problem: { kind: 'character', position: 9, character: 'm' } });
    if (!r.valid) expect(r.reason).toContain('capitals');
  });

  it('GB 32100-2015: full-width digits are illegal, not silently accepted', () => {
    expect(validateCreditCode('９1350100M000100Y43')).toMatchObject({
      valid: false,
      problem: { kind: 'character', position: 1 },
    });
  });

  it('GB 32100-2015: creditCodeCheckChar and completeCreditCode refuse malformed prefixes', () => {
    expect(() => creditCodeCheckChar('91350100M000100Y')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('91350100M000100YI')).toThrow(/position 17/);
    expect(() => completeCreditCode('91350100M000100Y43')).toThrow(RangeError);
  });

  it('GB 32100-2015: completeCreditCode always yields a valid code', () => {
    // Deterministic pseudo-random prefixes (no clock, no Math.random): a linear congruential walk.
    let seed = 12345;
    for (let n = 0; n < 500; n++) {
      let prefix = '';
      for (let i = 0; i < 17; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        prefix += CREDIT_CODE_CHARSET[seed % 31];
      }
      expect(validateCreditCode(completeCreditCode(prefix))).toEqual({ valid: true });
    }
  });
});
