import { describe, expect, it } from 'vitest';
import { residentIdCheckDigit, validateResidentId } from './resident-id';

/** Builds a well-formed number from an address code, a birth date and a sequence. */
function make(address: string, birth: string, seq: string): string {
  const first17 = address + birth + seq;
  return first17 + residentIdCheckDigit(first17);
}

describe('GB 11643-1999 citizen identity number', () => {
  it('GB 11643-1999 check character: the standard’s own examples are valid', () => {
    // Both appear in the standard; recomputed: 11010519491231002 → Σ mod 11 = 2 → 'X',
    // 44052418800101001 → Σ mod 11 = 8 → '4'.
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    expect(residentIdCheckDigit('44052418800101001')).toBe('4');
    expect(validateResidentId('11010519491231002X')).toEqual({ valid: true });
    expect(validateResidentId('440524188001010014')).toEqual({ valid: true });
  });

  it('GB 11643-1999: a lower-case x check character is read as X', () => {
    expect(validateResidentId('11010519491231002x')).toEqual({ valid: true });
  });

  it('GB 11643-1999: every single-digit change is caught', () => {
    const id = make('530102', '19900101', '123');
    for (let i = 0; i < 18; i++) {
      for (const d of '0123456789X') {
        if (d === id[i] || (i < 17 && d === 'X')) continue;
        const mutated = id.slice(0, i) + d + id.slice(i + 1);
        expect(validateResidentId(mutated).valid, mutated).toBe(false);
      }
    }
  });

  it('GB 11643-1999: the reason names the expected check character', () => {
    const r = validateResidentId('110105194912310021');
    expect(r).toMatchObject({ valid: false, problem: { kind: 'check', expected: 'X', actual: '1' } });
    if (!r.valid) expect(r.reason).toContain('expected X');
  });

  it('GB 11643-1999: the reason names the length (15-digit first-generation numbers are refused)', () => {
    for (const id of ['110105491231002', '11010519491231002', '11010519491231002XX', '']) {
      const r = validateResidentId(id);
      expect(r).toMatchObject({ valid: false, problem: { kind: 'length', length: id.length } });
    }
  });

  it('GB 11643-1999: the reason names the position of a non-digit', () => {
    expect(validateResidentId('1101051949123100X2')).toMatchObject({
      valid: false,
      problem: { kind: 'character', position: 17 },
    });
    expect(validateResidentId('A1010519491231002X')).toMatchObject({
      valid: false,
      problem: { kind: 'character', position: 1 },
    });
    expect(validateResidentId('11010519491231002Y')).toMatchObject({
      valid: false,
      problem: { kind: 'character', position: 18 },
    });
  });

  it.each([
    ['20000229', true], // 2000 is a leap year (divisible by 400)
    ['19000229', false], // 1900 is not (divisible by 100)
    ['20230229', false],
    ['20240229', true],
    ['19901301', false],
    ['19900100', false],
    ['19900431', false],
    ['19901231', true],
  ])('GB 11643-1999 birth-date code: birth date %s real → %s', (birth, real) => {
    // The check character is right in every case, so only the date can make it invalid.
    const r = validateResidentId(make('530102', birth, '123'));
    expect(r.valid).toBe(real);
    if (!real) expect(r).toMatchObject({ problem: { kind: 'birth-date' } });
  });

  it('GB 11643-1999: reasons never repeat the birth date digits', () => {
    const r = validateResidentId(make('530102', '19900230', '123'));
    expect(r.valid).toBe(false);
    if (!r.valid) expect(r.reason).not.toMatch(/1990|0230/);
  });

  it('GB 11643-1999: residentIdCheckDigit refuses anything but 17 digits', () => {
    expect(() => residentIdCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckDigit('1101051949123100X')).toThrow(RangeError);
  });
});
