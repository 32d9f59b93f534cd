/**
 * Revisions, never rewrites: what a notice revision contains, its canonical JSON (RFC 8785, the
 * JSON Canonicalization Scheme) and SHA-256, and the check of a whole chain. Pure: plain data in,
 * strings and findings out. Anyone can repeat the check with the published JSON of each revision
 * (`sha256sum` of the file equals `sha256`; `previousSha256` equals the revision before).
 */
import crypto from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import type { IsoDate } from '../common/dates';

/** One line as it is published in a revision: masked personal data only. */
export interface RevisionLine {
  seq: number;
  maskedName: string;
  maskedId: string;
  occupationCode: string;
  level: string;
  certificateNumber: string | null;
  attendanceRate: number;
  amount: number;
}

/** Everything a revision publishes, and so everything its hash covers. */
export interface RevisionContent {
  notice: {
    number: string;
    title: string;
    /** Code of the issuing bureau's region. */
    bureau: string;
    /** Class number of the class the notice is for, or null. */
    classNumber: string | null;
    publishedOn: IsoDate;
    objectionUntil: IsoDate;
  };
  revision: number;
  publishedOn: IsoDate;
  reason: string | null;
  previousSha256: string | null;
  lines: RevisionLine[];
}

/**
 * The canonical JSON of a revision: RFC 8785 (keys sorted, no white space, numbers in their
 * shortest form), lines in line order. The same content always gives the same bytes.
 * @example canonicalRevision(content).startsWith('{"lines":[') // true
 */
export function canonicalRevision(content: RevisionContent): string {
  return canonicalize({ ...content, lines: [...content.lines].sort((a, b) => a.seq - b.seq) });
}

/** SHA-256 (hex) of UTF-8 text. */
export function sha256Hex(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hash a revision publishes. */
export function revisionHash(content: RevisionContent): string {
  return sha256Hex(canonicalRevision(content));
}

/** A stored revision: its content as rebuilt from the database, and the hashes it recorded. */
export interface StoredRevision {
  content: RevisionContent;
  sha256: string;
}

/** Something wrong with a chain. */
export interface ChainProblem {
  revision: number;
  rule: 'revision.hash' | 'revision.link' | 'revision.sequence';
  message: string;
}

/**
 * Checks a notice's revisions, oldest first: each is numbered 1, 2, 3 …, its content hashes to
 * the hash it recorded, and it names the previous revision's hash. Any edit of a published
 * line, amount, date or reason after publication breaks the first check; deleting or reordering
 * revisions breaks the others.
 * @returns every problem found (empty: the chain holds)
 */
export function verifyChain(revisions: readonly StoredRevision[]): ChainProblem[] {
  const problems: ChainProblem[] = [];
  revisions.forEach((r, i) => {
    const n = r.content.revision;
    if (n !== i + 1)
      problems.push({
        revision: n,
        rule: 'revision.sequence',
        message: `revision ${n} is in position ${i + 1}: revisions must run 1, 2, 3 … without gaps`,
      });
    const actual = revisionHash(r.content);
    if (actual !== r.sha256)
      problems.push({
        revision: n,
        rule: 'revision.hash',
        message: `revision ${n} hashes to ${actual}, but ${r.sha256} was published: its content changed after publication`,
      });
    const expected = i === 0 ? null : revisions[i - 1].sha256;
    if (r.content.previousSha256 !== expected) {
      problems.push({
        revision: n,
        rule: 'revision.link',
        message: `revision ${n} names ${r.content.previousSha256 ?? 'no'} previous hash, but the revision before it published ${expected ?? 'none (it is the first)'}`,
      });
    }
  });
  return problems;
}
