/**
 * Finds personal data that should never be there: whole resident identity numbers (GB 11643,
 * check digit and birth date valid), and any of a list of known raw values (the names and
 * numbers a test pushed in). Used by the privacy scan over the database, the search indexes,
 * the built site and the logs. Findings never repeat the value: only where and what.
 */
import { validateCreditCode } from './credit-code';
import { maskResidentId } from './masking';
import { validateResidentId } from './resident-id';

/** One thing found: where in the text and what kind (the value itself is never reported). */
export interface PersonalDataHit {
  kind: 'resident-id' | 'known-value';
  /** Index in the text. */
  at: number;
}

const CANDIDATE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/**
 * Whole resident identity numbers in `text`: 18 characters that pass GB 11643 (real birth date,
 * right check character). An 18-character unified social credit code that happens to be all
 * digits is told apart by its own check (GB 32100), so institutions' codes are not reported.
 * @example findResidentIds('身份证 11010519491231002X，电话 13800000000') // [{ kind: 'resident-id', at: 4 }]
 */
export function findResidentIds(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    if (validateResidentId(m[0]).valid && !validateCreditCode(m[0]).valid)
      hits.push({ kind: 'resident-id', at: m.index! });
  }
  return hits;
}

/**
 * Every place in `text` where one of `known` (raw names or numbers) occurs, plus every whole
 * resident identity number.
 * @example findPersonalData('张*, 530102********123X', ['张三']) // []
 */
export function findPersonalData(text: string, known: readonly string[] = []): PersonalDataHit[] {
  const hits = findResidentIds(text);
  for (const value of known) {
    if (!value) continue;
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1))
      hits.push({ kind: 'known-value', at });
  }
  return hits;
}

/**
 * `text` with every whole resident ID number (as {@link findResidentIds} finds them) masked as
 * the catalogue stores it (first 6 and last 4): a last guard on messages and reports that repeat
 * a cell, in case a bureau typed a number into a column that is not personal.
 * @example maskResidentIdsIn('公示编号 11010519491231002X') // '公示编号 110105********002X'
 */
export function maskResidentIdsIn(text: string): string {
  const hits = findResidentIds(text);
  let out = text;
  for (const h of hits.reverse())
    out = out.slice(0, h.at) + maskResidentId(out.slice(h.at, h.at + 18)) + out.slice(h.at + 18);
  return out;
}
