/**
 * The 18-digit citizen identity number (公民身份号码) of GB 11643-1999: 6-digit address code,
 * 8-digit birth date, 3-digit sequence and an ISO 7064 MOD 11-2 check character. Trainee IDs are
 * validated before they are masked (see `masking.ts`), so that a typo is caught while the
 * whole number is still at hand, never afterwards.
 */

import { isIsoDate } from './dates';

/** Weights 2^(17−i) mod 11 of the first 17 digits (GB 11643-1999, ISO 7064 MOD 11-2). */
export const RESIDENT_ID_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Check character indexed by the weighted sum mod 11. */
const CHECK_CHARS = '10X98765432';

/** What exactly is wrong, for callers that word their own message. Never contains the number. */
export type ResidentIdProblem =
  | { kind: 'length'; length: number }
  | { kind: 'character'; position: number }
  | { kind: 'birth-date' }
  | { kind: 'check'; expected: string; actual: string };

/** Result of {@link validateResidentId}. `reason` is plain English and never repeats the number. */
export type ResidentIdValidation = { valid: true } | { valid: false; reason: string; problem: ResidentIdProblem };

/**
 * The check character (0-9 or X) for the first 17 digits. Throws a `RangeError` unless
 * `first17` is exactly 17 ASCII digits.
 *
 * @example residentIdCheckDigit('11010519491231002') === 'X'
 */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError('GB 11643-1999: expected 17 digits before the check character');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * RESIDENT_ID_WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Validates an 18-digit resident identity number: length, digits, a real birth date, check
 * character. A lower-case `x` is accepted as `X`, because that is how it is most often typed.
 * Messages never echo the number, so they are safe to log.
 *
 * @example validateResidentId('11010519491231002X') // { valid: true }
 * @example validateResidentId('110105194902301234') // { valid: false, reason: 'the birth date (positions 7-14) is not a real calendar date', … }
 */
export function validateResidentId(id: string): ResidentIdValidation {
  const chars = Array.from(id);
  if (chars.length !== 18) {
    return {
      valid: false,
      reason: `wrong length: a resident identity number has 18 characters, this one has ${chars.length}`,
      problem: { kind: 'length', length: chars.length },
    };
  }
  for (let i = 0; i < 18; i++) {
    const ok = i < 17 ? /[0-9]/.test(chars[i]) : /[0-9Xx]/.test(chars[i]);
    if (!ok) {
      return {
        valid: false,
        reason: `illegal character at position ${i + 1}: ${i < 17 ? 'a digit' : 'a digit or X'} is required`,
        problem: { kind: 'character', position: i + 1 },
      };
    }
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birthDate)) {
    return {
      valid: false,
      // The digits themselves stay out of the reason: even a mistyped birth date identifies.
      reason: 'the birth date (positions 7-14) is not a real calendar date',
      problem: { kind: 'birth-date' },
    };
  }
  const expected = residentIdCheckDigit(id.slice(0, 17));
  const actual = id[17].toUpperCase();
  if (expected !== actual) {
    return {
      valid: false,
      reason: `wrong check character: expected ${expected}, found ${actual}`,
      problem: { kind: 'check', expected, actual },
    };
  }
  return { valid: true };
}
