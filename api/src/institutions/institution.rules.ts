/**
 * Rules about a training institution as a whole: a well-formed credit code, and its standing
 * (blacklist, licence). Pure: plain data and `today` in, `RuleCheck`s out.
 */

import { addYears, isIsoDate } from '../common/dates';
import { InstitutionStanding, InstitutionType } from '../common/enums';
import { validateCreditCode } from '../common/credit-code';
import { validatePhone } from '../common/phone';
import { Clause, DOCUMENTS, RuleCheck } from '../common/rule-check';

/**
 * How long a blacklisted institution is barred from subsidised training:
 * “三年内不得参与政府补贴性培训工作” (云人社通〔2022〕8号 四(三)).
 */
export const BLACKLIST_YEARS: { readonly value: number; readonly clause: Clause } = {
  value: 3,
  clause: { document: DOCUMENTS.NOTICE_2022_8, clause: '四(三)' },
};

/** Serious cases lose the licence (取消办学许可资质, 云人社通〔2022〕50号 (十九)). */
export const LICENCE_REVOCATION_CLAUSE: Clause = { document: DOCUMENTS.NOTICE_2022_50, clause: '(十九)' };

/** Where the credit-code check comes from. */
export const CREDIT_CODE_CLAUSE: Clause = { document: DOCUMENTS.GB_32100_2015, clause: '第18位校验码' };

/** The dates that make up an institution's standing. `null` means “never happened”. */
export interface StandingFacts {
  blacklistedFrom: string | null;
  /** Exclusive end of the bar; when null it is `blacklistedFrom` + {@link BLACKLIST_YEARS}. */
  blacklistedUntil: string | null;
  licenceRevokedOn: string | null;
}

/** What {@link checkInstitution} looks at. */
export interface InstitutionFacts extends StandingFacts {
  creditCode: string | null;
  type: InstitutionType;
}

/** `2025-03-01` → `2025年3月1日`, the way dates are read on a notice. */
function zhDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function requireIsoDate(name: string, value: string): void {
  if (!isIsoDate(value)) throw new RangeError(`${name} must be an ISO date YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

/**
 * The period an institution blacklisted on `from` is barred: `[from, until)`, `until` being
 * `from` plus {@link BLACKLIST_YEARS} (3) years, so the institution may take part again on the
 * third anniversary. A bar starting on 29 February ends on 28 February. `years` defaults to
 * `BLACKLIST_YEARS.value`. Throws a `RangeError` for a malformed date.
 *
 * @example blacklistPeriod('2022-06-01') // { from: '2022-06-01', until: '2025-06-01' }
 */
export function blacklistPeriod(from: string, years: number = BLACKLIST_YEARS.value): { from: string; until: string } {
  requireIsoDate('from', from);
  return { from, until: addYears(from, years) };
}

/** End of the bar: the recorded one when there is one, else the three years of 8号 四(三). */
function barredUntil(facts: StandingFacts): string | null {
  if (!facts.blacklistedFrom) return null;
  return facts.blacklistedUntil ?? blacklistPeriod(facts.blacklistedFrom).until;
}

/**
 * An institution's standing on `date`: a revoked licence outranks the blacklist (it is the
 * heavier sanction and does not expire); a blacklist counts from its first day up to, not
 * including, its end. Dates after `date` do not count yet.
 *
 * @example institutionStanding({ blacklistedFrom: '2022-06-01', blacklistedUntil: null, licenceRevokedOn: null }, '2025-05-31') === InstitutionStanding.BLACKLISTED
 * @example institutionStanding({ blacklistedFrom: '2022-06-01', blacklistedUntil: null, licenceRevokedOn: null }, '2025-06-01') === InstitutionStanding.GOOD
 */
export function institutionStanding(facts: StandingFacts, date: string): InstitutionStanding {
  requireIsoDate('date', date);
  if (facts.licenceRevokedOn && facts.licenceRevokedOn <= date) return InstitutionStanding.LICENCE_REVOKED;
  const until = barredUntil(facts);
  if (facts.blacklistedFrom && until && facts.blacklistedFrom <= date && date < until)
    return InstitutionStanding.BLACKLISTED;
  return InstitutionStanding.GOOD;
}

function creditCodeCheck(code: string | null): RuleCheck {
  const base = { ruleId: 'institution.credit-code', clause: CREDIT_CODE_CLAUSE };
  // Real rows copied from notices often lack the code: that is missing information, not an error.
  if (code === null) {
    return {
      ...base,
      passed: true,
      message: '未公布统一社会信用代码',
      messageEn: 'No unified social credit code has been published.',
    };
  }
  const v = validateCreditCode(code);
  if (v.valid) {
    return {
      ...base,
      passed: true,
      message: `统一社会信用代码${code}校验正确`,
      messageEn: `Unified social credit code ${code} is well formed.`,
    };
  }
  const p = v.problem;
  const message =
    p.kind === 'length'
      ? `统一社会信用代码应为18位，这个代码是${p.length}位`
      : p.kind === 'character'
        ? `统一社会信用代码第${p.position}位“${p.character}”不是允许的字符`
        : `统一社会信用代码最后一位应为“${p.expected}”，现为“${p.actual}”，可能抄错了`;
  return { ...base, passed: false, message, messageEn: `Unified social credit code ${code}: ${v.reason}.` };
}

function standingCheck(facts: StandingFacts, today: string): RuleCheck {
  const standing = institutionStanding(facts, today);
  if (standing === InstitutionStanding.LICENCE_REVOKED) {
    const on = facts.licenceRevokedOn as string;
    return {
      ruleId: 'institution.standing',
      passed: false,
      message: `该机构已于${zhDate(on)}被取消办学许可，不能开展培训`,
      messageEn: `The institution's licence was revoked on ${on}; it may not train.`,
      clause: LICENCE_REVOCATION_CLAUSE,
    };
  }
  const until = barredUntil(facts);
  if (standing === InstitutionStanding.BLACKLISTED) {
    return {
      ruleId: 'institution.standing',
      passed: false,
      message: `该机构在黑名单中，${zhDate(until as string)}前不能参加政府补贴性培训`,
      messageEn: `The institution is blacklisted and barred from subsidised training until ${until}.`,
      clause: BLACKLIST_YEARS.clause,
    };
  }
  const past = facts.blacklistedFrom && until && until <= today;
  return {
    ruleId: 'institution.standing',
    passed: true,
    message: past
      ? `该机构的黑名单期已于${zhDate(until)}结束，现在可以参加政府补贴性培训`
      : '该机构不在黑名单中，可以参加政府补贴性培训',
    messageEn: past
      ? `The institution's blacklisting ended on ${until}; it may take part in subsidised training again.`
      : 'The institution is not blacklisted and may take part in subsidised training.',
    clause: BLACKLIST_YEARS.clause,
  };
}

/**
 * Checks an institution as of `today`: `institution.credit-code` (GB 32100-2015 check
 * character; a null code passes as “not published”) and `institution.standing` (blacklist,
 * 8号 四(三); revoked licence, 50号 (十九)).
 *
 * @example checkInstitution({ creditCode: null, type: InstitutionType.TECHNICAL_SCHOOL, blacklistedFrom: null, blacklistedUntil: null, licenceRevokedOn: null }, '2023-01-01').every((c) => c.passed) === true
 */
export function checkInstitution(facts: InstitutionFacts, today: string): RuleCheck[] {
  return [creditCodeCheck(facts.creditCode), standingCheck(facts, today)];
}

/** A problem with an institution write (field, rule, message; the clause follows from the rule). */
export interface InstitutionProblem {
  field: string;
  rule: string;
  message: string;
}

/** What a new or changed institution record says. */
export interface InstitutionDraft {
  name: string;
  type: InstitutionType;
  creditCode: string | null;
  licenceNumber: string | null;
  /** Region code of where it is registered. */
  region: string;
  address: string | null;
  /** Enrolment phone; optional so older callers need not give it (undefined = null). */
  phone?: string | null;
  ownerCompany: string | null;
  scope: readonly string[];
}

/**
 * Checks an institution record: a name, a well-formed credit code (GB 32100-2015) that no other
 * institution has, a county-level or 州市 region of Yunnan, occupations of the 2022
 * classification, and the company of an enterprise training centre, which trains only its own
 * staff (50号 (五)).
 * @example checkInstitutionDraft(draft, { regionLevel: 'COUNTY', creditCodeTaken: false, unknownOccupations: [] }) // []
 */
export function checkInstitutionDraft(
  d: InstitutionDraft,
  facts: {
    regionLevel: 'PROVINCE' | 'PREFECTURE' | 'COUNTY' | null;
    creditCodeTaken: boolean;
    unknownOccupations: readonly string[];
  },
): InstitutionProblem[] {
  const out: InstitutionProblem[] = [];
  if (d.name.trim().length < 2 || d.name.length > 128)
    out.push({ field: 'name', rule: 'institution.name', message: 'a registered name of 2–128 characters is required' });
  if (d.creditCode !== null) {
    const v = validateCreditCode(d.creditCode);
    if (!v.valid)
      out.push({
        field: 'creditCode',
        rule: 'institution.credit-code',
        message: `not a valid unified social credit code: ${v.reason}`,
      });
    else if (facts.creditCodeTaken)
      out.push({
        field: 'creditCode',
        rule: 'institution.credit-code-unique',
        message: `another institution is registered with ${d.creditCode}`,
      });
  }
  if (facts.regionLevel === null)
    out.push({ field: 'region', rule: 'institution.region', message: `"${d.region}" is not a Yunnan region code` });
  else if (facts.regionLevel === 'PROVINCE' && d.type !== InstitutionType.PROVINCIAL_PROJECT_UNIT) {
    out.push({
      field: 'region',
      rule: 'institution.region',
      message:
        'an institution is registered in a 州市 or county (only provincial project units belong to the province)',
    });
  }
  if (d.licenceNumber !== null && d.licenceNumber.length > 64)
    out.push({ field: 'licenceNumber', rule: 'institution.licence-number', message: 'at most 64 characters' });
  if (d.address !== null && d.address.length > 256)
    out.push({ field: 'address', rule: 'institution.address', message: 'at most 256 characters' });
  if (d.phone != null) {
    const p = validatePhone(d.phone);
    if (!p.valid) out.push({ field: 'phone', rule: 'institution.phone', message: p.reason });
  }
  if (d.type === InstitutionType.ENTERPRISE_TRAINING_CENTRE && !d.ownerCompany?.trim()) {
    out.push({
      field: 'ownerCompany',
      rule: 'institution.owner-company',
      message: 'an enterprise training centre names the company whose staff it trains',
    });
  }
  for (const code of facts.unknownOccupations)
    out.push({
      field: 'scope',
      rule: 'institution.scope',
      message: `"${code}" is not an occupation code of the 2022 classification`,
    });
  return out;
}

/** A blacklisting on record, as the overlap check compares it: barred from `from` up to, not including, `until`. */
export interface RecordedBlacklisting {
  from: string;
  until: string;
  document: string | null;
}

/**
 * Checks a blacklisting: the deciding document and the reason are recorded, the first day is a
 * date not after today, and its three years overlap no blacklisting on record (`recorded`; by
 * default the one in `current`) — neither one running on its first day nor one starting within
 * its three years, so every decision stays on record as it was made.
 * @example checkBlacklisting(standing, { from: '2026-11-20', document: '昆人社发〔2026〕12号', reason: '虚报培训人数' }, '2026-11-22') // []
 */
export function checkBlacklisting(
  current: StandingFacts,
  b: { from: string; document: string; reason: string },
  today: string,
  recorded: readonly RecordedBlacklisting[] = current.blacklistedFrom
    ? [{ from: current.blacklistedFrom, until: barredUntil(current)!, document: null }]
    : [],
): InstitutionProblem[] {
  const out: InstitutionProblem[] = [];
  if (!isIsoDate(b.from))
    return [{ field: 'from', rule: 'institution.blacklist-date', message: 'must be a YYYY-MM-DD date' }];
  if (b.from > today)
    out.push({
      field: 'from',
      rule: 'institution.blacklist-date',
      message: `a blacklisting is recorded once decided: ${b.from} is after today (${today})`,
    });
  if (b.document.trim().length < 4)
    out.push({
      field: 'document',
      rule: 'institution.blacklist-document',
      message: 'the number of the deciding document is required',
    });
  if (b.reason.trim().length < 4)
    out.push({
      field: 'reason',
      rule: 'institution.blacklist-reason',
      message: 'the reason, as it will be published, is required (at least 4 characters)',
    });
  const until = blacklistPeriod(b.from).until;
  for (const r of recorded.filter((p) => b.from < p.until && p.from < until)) {
    const decided = r.document ? ` (${r.document})` : '';
    out.push({
      field: 'from',
      rule: 'institution.blacklist-overlap',
      message:
        r.from <= b.from
          ? `the institution is already blacklisted on ${b.from}: from ${r.from} until ${r.until}${decided}`
          : `three years from ${b.from} would overlap the blacklisting from ${r.from} until ${r.until}${decided}`,
    });
  }
  if (current.licenceRevokedOn && current.licenceRevokedOn <= b.from)
    out.push({
      field: 'from',
      rule: 'institution.licence-revoked',
      message: `the licence was revoked on ${current.licenceRevokedOn}: there is nothing left to bar`,
    });
  return out;
}

/**
 * Checks lifting a blacklisting early: the institution is barred on that day, which is after
 * the first day; document and reason recorded.
 */
export function checkLift(
  current: StandingFacts,
  l: { on: string; document: string; reason: string },
): InstitutionProblem[] {
  const out: InstitutionProblem[] = [];
  if (!isIsoDate(l.on))
    return [{ field: 'on', rule: 'institution.blacklist-lift-date', message: 'must be a YYYY-MM-DD date' }];
  if (institutionStanding({ ...current, licenceRevokedOn: null }, l.on) !== InstitutionStanding.BLACKLISTED)
    out.push({
      field: 'on',
      rule: 'institution.blacklist-lift',
      message: `the institution is not blacklisted on ${l.on}`,
    });
  else if (current.blacklistedFrom && l.on <= current.blacklistedFrom)
    out.push({
      field: 'on',
      rule: 'institution.blacklist-lift-date',
      message: `lift after the first day barred (${current.blacklistedFrom})`,
    });
  if (l.document.trim().length < 4)
    out.push({
      field: 'document',
      rule: 'institution.blacklist-document',
      message: 'the number of the deciding document is required',
    });
  if (l.reason.trim().length < 4)
    out.push({
      field: 'reason',
      rule: 'institution.blacklist-reason',
      message: 'the reason, as it will be published, is required (at least 4 characters)',
    });
  return out;
}

/** Checks revoking a licence: once, decided (not in the future), with document and reason. */
export function checkLicenceRevocation(
  current: StandingFacts,
  r: { on: string; document: string; reason: string },
  today: string,
): InstitutionProblem[] {
  const out: InstitutionProblem[] = [];
  if (!isIsoDate(r.on))
    return [{ field: 'on', rule: 'institution.licence-date', message: 'must be a YYYY-MM-DD date' }];
  if (current.licenceRevokedOn)
    out.push({
      field: 'on',
      rule: 'institution.licence-revoked',
      message: `the licence was already revoked on ${current.licenceRevokedOn}`,
    });
  if (r.on > today)
    out.push({
      field: 'on',
      rule: 'institution.licence-date',
      message: `a revocation is recorded once decided: ${r.on} is after today (${today})`,
    });
  if (r.document.trim().length < 4)
    out.push({
      field: 'document',
      rule: 'institution.licence-document',
      message: 'the number of the deciding document is required',
    });
  if (r.reason.trim().length < 4)
    out.push({
      field: 'reason',
      rule: 'institution.licence-reason',
      message: 'the reason, as it will be published, is required (at least 4 characters)',
    });
  return out;
}
