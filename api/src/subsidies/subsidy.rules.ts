/**
 * Whether a trainee may be subsidised for a finished class. Pure: plain data in, `RuleCheck`s
 * out. Used when a subsidy disclosure notice (培训补贴公示) is imported, to flag entries a
 * journalist or citizen may want to object to (云人社通〔2022〕50号 (十九)).
 */

import { Clause, DOCUMENTS, RuleCheck } from '../common/rule-check';

/**
 * Minimum attendance for a subsidy claim: “出勤率低于80%的学员，不得申请培训补贴”
 * (云人社通〔2022〕50号 (十四)). Exactly 80 % is enough.
 */
export const MIN_ATTENDANCE: { readonly value: number; readonly clause: Clause } = {
  value: 0.8,
  clause: { document: DOCUMENTS.NOTICE_2022_50, clause: '(十四)' },
};

/** A certificate or its number is a precondition of the subsidy (云人社通〔2022〕50号 (五)). */
export const CERTIFICATE_CLAUSE: Clause = { document: DOCUMENTS.NOTICE_2022_50, clause: '(五)' };

/**
 * Attendance is usually a ratio of sessions (e.g. 24/30) computed in floating point; sums of
 * fractions can land a hair under 0.8 when the true value is exactly 80 %. Anything within this
 * tolerance counts as reaching the threshold.
 */
const TOLERANCE = 1e-9;

/** What eligibility looks at. */
export interface SubsidyFacts {
  /** Share of sessions attended, 0..1 (sign-in and sign-out recorded, 50号 (十四)). */
  attendanceRate: number;
  /** Holds the certificate, or its number, for the class's occupation (50号 (五)). */
  hasCertificate: boolean;
}

/** Rate as a percentage, rounded down to one decimal so a failing rate never displays as 80 %. */
function percent(rate: number): string {
  const tenths = Math.floor(rate * 1000 + TOLERANCE * 1000);
  return `${tenths / 10}%`;
}

/**
 * The eligibility checks of one trainee: `subsidy.attendance` (≥ 80 %, 50号 (十四)) and
 * `subsidy.certificate` (certificate or certificate number, 50号 (五)).
 * Throws a `RangeError` when `attendanceRate` is not a number in 0..1.
 *
 * @example checkSubsidyEligibility({ attendanceRate: 0.75, hasCertificate: true })[0].message === '出勤率75%，低于规定的80%，不能申请培训补贴'
 */
export function checkSubsidyEligibility(facts: SubsidyFacts): RuleCheck[] {
  const rate = facts.attendanceRate;
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new RangeError(`attendanceRate must be between 0 and 1, got ${rate}`);
  }
  const min = MIN_ATTENDANCE.value;
  const attended = rate >= min - TOLERANCE;
  const attendance: RuleCheck = {
    ruleId: 'subsidy.attendance',
    passed: attended,
    message: attended
      ? `出勤率${percent(rate)}，达到规定的${percent(min)}`
      : `出勤率${percent(rate)}，低于规定的${percent(min)}，不能申请培训补贴`,
    messageEn: attended
      ? `Attendance ${percent(rate)}, meeting the required ${percent(min)}.`
      : `Attendance ${percent(rate)}, below the required ${percent(min)}: no subsidy may be claimed.`,
    clause: MIN_ATTENDANCE.clause,
  };
  const certificate: RuleCheck = {
    ruleId: 'subsidy.certificate',
    passed: facts.hasCertificate,
    message: facts.hasCertificate ? '已取得证书或证书编号' : '没有取得证书或证书编号，不能享受培训补贴',
    messageEn: facts.hasCertificate
      ? 'A certificate or certificate number has been obtained.'
      : 'No certificate or certificate number: no subsidy.',
    clause: CERTIFICATE_CLAUSE,
  };
  return [attendance, certificate];
}

/**
 * True when every check of {@link checkSubsidyEligibility} passes.
 *
 * @example isEligible({ attendanceRate: 0.8, hasCertificate: true }) === true
 */
export function isEligible(facts: SubsidyFacts): boolean {
  return checkSubsidyEligibility(facts).every((c) => c.passed);
}
