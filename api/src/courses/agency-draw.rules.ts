/**
 * The random draw of the agency that assesses a class (50号 (十一): the assessing agency is
 * drawn at random from the listed agencies), made verifiable: everything the draw depends on is
 * written down before the result — the class, the occupation and level, the exam date, the
 * eligible agencies in a fixed order, and a beacon the drawer does not choose (the SHA-256 of
 * the newest notice revision in publication order when the draw is recorded: the revision
 * written last, not the one whose printed date is latest, so a notice published later with an
 * earlier date cannot change a past draw's beacon). The seed is the SHA-256 of
 * the inputs' RFC 8785 canonical JSON; the chosen agency is eligible[seed mod n]. Anyone can
 * repeat it: `sha256sum` of the published inputs, then the remainder of that number by n.
 * Pure: inputs in, the draw out.
 */
import crypto from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { DOCUMENTS, type Clause } from '../common/rule-check';

/** Where the draw is required. */
export const DRAW_CLAUSE: Clause = { document: DOCUMENTS.NOTICE_2022_50, clause: '(十一)' };

/**
 * Version of the procedure, kept with each draw so a later change cannot reinterpret an old one.
 * draw-v1 took as beacon the newest revision by printed date before the day of the draw;
 * draw-v2 takes the newest by publication order when the draw is recorded (and records which).
 */
export const DRAW_RULE_VERSION = 'draw-v2';

/** One agency the draw may choose. */
export interface DrawCandidate {
  agencyId: number;
  name: string;
}

/** Everything a draw depends on, published with it. */
export interface DrawInputs {
  rule: string;
  classNumber: string;
  occupationCode: string;
  level: string;
  examDate: string;
  drawnOn: string;
  /** SHA-256 of the newest notice revision in publication order when the draw was recorded (draw-v1: the newest published before `drawnOn`); null when there is none. */
  beacon: string | null;
  /** Eligible agencies, ordered by id. */
  eligible: DrawCandidate[];
}

/** What a recorded scope says, for eligibility. */
export interface ScopeFact {
  agencyId: number;
  name: string;
  /** The institution the agency belongs to (a technical school's own agency), if any. */
  institutionId: number | null;
  occupationCode: string;
  level: string;
  recordedFrom: string;
  recordedUntil: string | null;
}

/**
 * The agencies that may assess a class: recorded for its occupation and level on the exam date,
 * and not the trainer itself unless the sole-agency exemption applies (8号 三(十), 50号 (十一)).
 * Ordered by id, each once.
 * @example eligibleAgencies(scopes, { occupationCode: '4-10-01-05', level: 'LEVEL_4', examDate: '2026-12-20', trainerInstitutionId: 7, exemption: false })
 */
export function eligibleAgencies(
  scopes: readonly ScopeFact[],
  c: { occupationCode: string; level: string; examDate: string; trainerInstitutionId: number; exemption: boolean },
): DrawCandidate[] {
  const out = new Map<number, DrawCandidate>();
  for (const s of scopes) {
    if (s.occupationCode !== c.occupationCode || s.level !== c.level) continue;
    if (s.recordedFrom > c.examDate || (s.recordedUntil !== null && s.recordedUntil < c.examDate)) continue;
    if (s.institutionId === c.trainerInstitutionId && !c.exemption) continue;
    out.set(s.agencyId, { agencyId: s.agencyId, name: s.name });
  }
  return [...out.values()].sort((a, b) => a.agencyId - b.agencyId);
}

/** The published text the seed is the hash of. */
export function drawText(inputs: DrawInputs): string {
  return canonicalize({ ...inputs, eligible: [...inputs.eligible].sort((a, b) => a.agencyId - b.agencyId) });
}

/** The outcome of a draw. */
export interface Draw {
  /** SHA-256 (hex) of {@link drawText}. */
  seed: string;
  /** Position in `eligible` chosen: seed (as a 256-bit number) mod n. */
  index: number;
  chosen: DrawCandidate;
}

/**
 * Draws one agency. Throws when there is no eligible agency (a class cannot open then,
 * 50号 (十三)). The modulo of a 256-bit number by n < 2^32 is uniform to within n / 2^256.
 * @example const d = drawAgency(inputs); d.chosen.agencyId
 */
export function drawAgency(inputs: DrawInputs): Draw {
  if (inputs.eligible.length === 0) throw new RangeError('no eligible agency: the class cannot be assessed');
  const text = drawText(inputs);
  const seed = crypto.createHash('sha256').update(text, 'utf8').digest('hex');
  const sorted = [...inputs.eligible].sort((a, b) => a.agencyId - b.agencyId);
  const index = Number(BigInt(`0x${seed}`) % BigInt(sorted.length));
  return { seed, index, chosen: sorted[index] };
}
