/**
 * The rules that are plain functions, not tables, are kept by hand for docs/rules.md, in plain
 * words, with the clause taken from the constants the code itself cites: the entries are in
 * rules-doc-entries-courses.ts (institutions, the directory, a class on a given day) and
 * rules-doc-entries-notices.ts (subsidy notices, targets, publishing, personal data); this file
 * holds their shape and {@link NOT_RULES}. The rules that are data (course editions,
 * eligibility, red flags, claim deadlines, target tables and measures) are read from their
 * tables by rules-doc-render.ts instead.
 *
 * `code` names every export of a rules module that implements the entry; with the tables read
 * by the renderer and {@link NOT_RULES}, every export of every `*.rules.ts` file is accounted
 * for (api/test/rules-doc.test.ts checks it), so a new rule cannot be left out silently.
 */
import type { Clause } from '../common/rule-check';

/** One rule as docs/rules.md lists it. */
export interface RuleEntry {
  /** The id the code reports (`course.class-size`), or the exported name of a rule without one. */
  rule: string;
  /** What the rule says, in plain words. */
  says: string;
  /** Where it comes from: clauses of the documents, or a basis in words; empty: the catalogue's own rule. */
  basis: readonly (Clause | string)[];
  /** In force from (a date or a procedure version); null: applied whatever the date. */
  from: string | null;
  /** Source file, relative to the repository root. */
  file: string;
  /** The exports of the rules module that implement it. */
  code: readonly string[];
}

/** A group of rules with a heading and a sentence of context. */
export interface RuleSection {
  title: string;
  intro: string;
  rules: RuleEntry[];
}

/**
 * A path under api/src, relative to the repository root.
 * @example src('courses/course.rules.ts') === 'api/src/courses/course.rules.ts'
 */
export const src = (path: string) => `api/src/${path}`;

/** Entries of one file that share their code and basis, from `[rule, says]` pairs. */
export function group(
  file: string,
  code: readonly string[],
  basis: readonly (Clause | string)[],
  pairs: readonly [string, string][],
): RuleEntry[] {
  return pairs.map(([rule, says]) => ({ rule, says, basis, from: null, file, code }));
}

/**
 * Exports of rules modules that are not rules: formatting, parsing, storage shapes and errors.
 * Each says why, so a reader (and the completeness test) knows it was left out on purpose.
 */
export const NOT_RULES: Readonly<Record<string, string>> = {
  describeGapsZh: 'wording of admission gaps (Chinese)',
  describeGapsEn: 'wording of admission gaps (English)',
  EligibilityAnswerError: 'error type for an unusable answer',
  flagIdsText: 'storage format of flag ids',
  parseFlagIds: 'storage format of flag ids',
  parseApiKey: 'shape of an API key, not a rule of the documents',
  formatApiKey: 'shape of an API key, not a rule of the documents',
  deliveredShare: 'arithmetic: delivered ÷ target',
  inUnit: 'display of persons in a table unit',
};
