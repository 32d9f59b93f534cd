/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters, the last of
 * which is a check character over the first 17. Institutions and evaluation agencies publish it;
 * a wrong check character almost always means the code was copied wrongly, so the catalogue
 * flags it rather than silently storing it.
 */

/**
 * The 31 characters of GB 32100-2015 in value order (0 → 30). I, O, Z, S and V are left out
 * because they are easily confused with 1, 0, 2, 5 and U when handwritten.
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Position weights 3^i mod 31 for the first 17 characters (GB 32100-2015, check character). */
export const CREDIT_CODE_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** What exactly is wrong with a code, for callers that word their own message (e.g. in Chinese). */
export type CreditCodeProblem =
  | { kind: 'length'; length: number }
  | { kind: 'character'; position: number; character: string }
  | { kind: 'check'; expected: string; actual: string };

/** Result of {@link validateCreditCode}. `reason` is plain English; `problem` is structured. */
export type CreditCodeValidation = { valid: true } | { valid: false; reason: string; problem: CreditCodeProblem };

/** First character outside the charset, 1-based, or null. */
function firstIllegal(s: string): { position: number; character: string } | null {
  const chars = Array.from(s);
  for (let i = 0; i < chars.length; i++) {
    if (!CREDIT_CODE_CHARSET.includes(chars[i])) return { position: i + 1, character: chars[i] };
  }
  return null;
}

function describeIllegal(position: number, character: string): string {
  const hint =
    /[a-z]/.test(character) && CREDIT_CODE_CHARSET.includes(character.toUpperCase())
      ? ' (lower-case; codes are written in capitals)'
      : '';
  return `illegal character '${character}' at position ${position}${hint}`;
}

/**
 * The check character (18th) for the first 17 characters of a unified social credit code.
 * Throws a `RangeError` when `first17` is not 17 characters of the GB 32100-2015 charset.
 *
 * @example creditCodeCheckChar('91350100M000100Y4') === '3'
 */
export function creditCodeCheckChar(first17: string): string {
  const chars = Array.from(first17);
  if (chars.length !== 17) {
    throw new RangeError(`GB 32100-2015: expected 17 characters before the check character, got ${chars.length}`);
  }
  const bad = firstIllegal(first17);
  if (bad) throw new RangeError(`GB 32100-2015: ${describeIllegal(bad.position, bad.character)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(chars[i]) * CREDIT_CODE_WEIGHTS[i];
  const check = 31 - (sum % 31);
  // 31 cannot be a character value: the standard maps it to '0'.
  return CREDIT_CODE_CHARSET[check === 31 ? 0 : check];
}

/**
 * Validates a unified social credit code: length 18, charset, check character. Upper case only,
 * as printed on licences; surrounding spaces are not trimmed (callers trim input fields).
 *
 * @example validateCreditCode('91350100M000100Y43') // { valid: true }
 * @example validateCreditCode('91350100M000100Y44') // { valid: false, reason: 'wrong check character: expected 3, found 4', … }
 */
export function validateCreditCode(code: string): CreditCodeValidation {
  const length = Array.from(code).length;
  if (length !== 18) {
    return {
      valid: false,
      reason: `wrong length: a unified social credit code has 18 characters, this one has ${length}`,
      problem: { kind: 'length', length },
    };
  }
  const bad = firstIllegal(code);
  if (bad) {
    return {
      valid: false,
      reason: describeIllegal(bad.position, bad.character),
      problem: { kind: 'character', ...bad },
    };
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  const actual = code[17];
  if (expected !== actual) {
    return {
      valid: false,
      reason: `wrong check character: expected ${expected}, found ${actual}`,
      problem: { kind: 'check', expected, actual },
    };
  }
  return { valid: true };
}

/**
 * Appends the check character, so that the demo generator can make well-formed codes from 17
 * random characters. Throws like {@link creditCodeCheckChar}.
 *
 * @example completeCreditCode('91350100M000100Y4') === '91350100M000100Y43'
 */
export function completeCreditCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17);
}
