/**
 * Personal data is masked BEFORE it is stored: subsidy notices publish who was subsidised, but
 * the catalogue never holds, indexes or exports a trainee's full name or ID number (DOMAIN.md,
 * “What public means here”; 云人社通〔2022〕50号 (十九) 向社会公示). Masking at the door means
 * a leak of the database, a search index or an export cannot reveal more than the notice did.
 *
 * The `isMasked…` predicates let storage and export code assert that nothing unmasked slips
 * through.
 */

import { validateResidentId } from './resident-id';

/**
 * Thrown when a value cannot be masked safely; the message names the rule and never the value,
 * so it can be logged.
 *
 * @example try { maskResidentId('110105194912310021') } catch (e) { e instanceof MaskingError } // true
 */
export class MaskingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaskingError';
  }
}

/**
 * Two-character compound surnames (复姓) kept whole. A list, not a guess: treating any two
 * leading characters as a surname would publish the first character of most given names.
 */
export const COMPOUND_SURNAMES: readonly string[] = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '司徒',
  '东方',
  '皇甫',
  '夏侯',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '长孙',
  '宇文',
  '西门',
];

/** The mask character. */
const STAR = '*';

/**
 * Separators in transliterated minority names (阿卜杜·热合曼): the middle dot and the look-alikes
 * that input methods produce. They are masked like any other character, so the mask does not
 * show where the given name ends.
 */
const NAME_SEPARATORS = /[·•・‧．.]/u;

/** How many leading characters of a name are the family name that stays visible. */
function surnameLength(chars: readonly string[]): number {
  const hasSeparator = chars.some((c) => NAME_SEPARATORS.test(c));
  // A two-character name starting with a compound surname (东方 could be 东 + 方) must still
  // hide something, so a compound surname is only kept when at least one character follows it.
  if (!hasSeparator && chars.length > 2 && COMPOUND_SURNAMES.includes(chars[0] + chars[1])) return 2;
  return 1;
}

/**
 * Masks a personal name: the family name stays, every other character becomes one `*`.
 * Compound surnames from {@link COMPOUND_SURNAMES} stay whole when a given name follows;
 * names written with `·` keep only their first character. Surrounding spaces are trimmed.
 * Idempotent: masking a masked name returns it unchanged. Throws {@link MaskingError} for an
 * empty name or a single character (which cannot be masked without hiding everything).
 *
 * @example maskName('张三') === '张*'
 * @example maskName('欧阳娜娜') === '欧阳**'
 * @example maskName('阿卜杜·热合曼') === '阿******'
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length < 2) {
    throw new MaskingError(
      '姓名脱敏：姓名至少两个字才能在保留姓氏的同时隐去名字 (name masking: at least two characters are needed)',
    );
  }
  const keep = surnameLength(chars);
  return chars.slice(0, keep).join('') + STAR.repeat(chars.length - keep);
}

/**
 * True when `s` looks like the output of {@link maskName}: one character, or a listed compound
 * surname, followed by one or more `*` and nothing else. Use it to assert that a stored name
 * is masked.
 *
 * @example isMaskedName('欧阳**') === true
 * @example isMaskedName('张三') === false
 */
export function isMaskedName(s: string): boolean {
  const chars = Array.from(s);
  if (chars.length < 2) return false;
  const keep = chars.length > 2 && COMPOUND_SURNAMES.includes(chars[0] + chars[1]) && chars[1] !== STAR ? 2 : 1;
  if (chars.slice(0, keep).some((c) => c === STAR || /\s/.test(c))) return false;
  return chars.slice(keep).every((c) => c === STAR);
}

/**
 * Masks a resident identity number: validates it (GB 11643-1999) and keeps the first 6 digits
 * and the last 4, replacing the 8 birth-date digits by `*`.
 *
 * Why this choice: the birth date is the most identifying part of the number, and with a
 * name's surname and a county it would often single a person out. The first 6 digits only name
 * the county where the person was first registered, which the notice publishes anyway; the last
 * 4 (sequence and check character) let a trainee recognise their own entry. First 6 + last 4 is
 * the masking practice of Chinese public notices (公示).
 *
 * Validating first means a mistyped number is rejected while it can still be corrected, instead
 * of being stored as a masked value nobody can check any more. Throws {@link MaskingError}, whose
 * message names the rule and never the number.
 *
 * @example maskResidentId('11010519491231002X') === '110105********002X'
 * @example maskResidentId('11010519491231002x') === '110105********002X'
 */
export function maskResidentId(id: string): string {
  const trimmed = id.trim();
  const v = validateResidentId(trimmed);
  if (!v.valid) {
    throw new MaskingError(
      `身份证号码不符合 GB 11643-1999，不能脱敏保存 (resident ID fails GB 11643-1999: ${v.reason})`,
    );
  }
  const upper = trimmed.toUpperCase();
  return upper.slice(0, 6) + STAR.repeat(8) + upper.slice(14);
}

/**
 * True when `s` has the shape produced by {@link maskResidentId}: 6 digits, 8 `*`, 3 digits and
 * a digit or X.
 *
 * @example isMaskedResidentId('530102********123X') === true
 * @example isMaskedResidentId('53010219900101123X') === false
 */
export function isMaskedResidentId(s: string): boolean {
  return /^\d{6}\*{8}\d{3}[\dX]$/.test(s);
}
