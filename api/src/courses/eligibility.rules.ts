/**
 * Would a worker get the training subsidy for a class, and how much? The conditions of the
 * source documents, as data versioned by the document in force on the class's start date, each
 * citing its clause; the worker's answers decide the conditions only they know (target group,
 * attendance, certificate, trainings this year, own staff), the record decides the others
 * (the class is subsidised, the institution was not barred on the class's dates).
 *
 * The same conditions are published with every class (the site's checker decides them in the
 * browser with `decideEligibility`'s twin, `site/src/lib/eligibility.ts`), so a third party and
 * the page give the same answer. Pure: plain facts and answers in, conditions and a verdict out.
 */

import { CERTIFICATE_TYPE_NAMES, TARGET_GROUP_NAMES } from '../common/chinese-labels';
import { CertificateType, Enrolment, InstitutionStanding, TargetGroup } from '../common/enums';
import { type Clause, DOCUMENTS, type SourceDocument } from '../common/rule-check';
import { blacklistPeriod, institutionStanding, type StandingFacts } from '../institutions/institution.rules';
import { CERTIFICATE_CLAUSE, MIN_ATTENDANCE } from '../subsidies/subsidy.rules';
import { courseRuleEditionFor } from './course.rules';

/** The eligibility rules in force from one document's date (clauses only: the numbers are below). */
export interface EligibilityEdition {
  readonly document: SourceDocument;
  readonly effectiveFrom: string;
  /** The groups the year's training is for. */
  readonly targetGroups: Clause;
  /** At most {@link MAX_SUBSIDISED_TRAININGS_A_YEAR} subsidised trainings a year. */
  readonly threeAYear: Clause;
}

const at = (document: SourceDocument, clause: string): Clause => ({ document, clause });

/**
 * A worker is subsidised at most three times a year: the national rule the 2021 notice applies
 * in 二(四) (“以工代训补贴不计入劳动者每年3次补贴范围”); 以工代训 does not count.
 */
export const MAX_SUBSIDISED_TRAININGS_A_YEAR = 3;

/**
 * The editions, oldest first. Target groups: 2021 notice 一 (重点群体), then 8号 一(一) (培训重点).
 * The three-a-year limit is cited from the 2021 notice 二(四) throughout: no later document
 * restates it. Attendance (50号 (十四)) and the certificate (50号 (五)) are applied to every
 * class, as the catalogue applies them to every notice line; own staff, the institution's
 * standing and the directory amount follow the course rules' editions (`COURSE_RULES`).
 * @example eligibilityEditionFor('2022-06-01').targetGroups.clause === '一(一)'
 */
export const ELIGIBILITY_RULES: readonly EligibilityEdition[] = [
  {
    document: DOCUMENTS.NOTICE_2021,
    effectiveFrom: DOCUMENTS.NOTICE_2021.issuedOn,
    targetGroups: at(DOCUMENTS.NOTICE_2021, '一'),
    threeAYear: at(DOCUMENTS.NOTICE_2021, '二(四)'),
  },
  {
    document: DOCUMENTS.NOTICE_2022_8,
    effectiveFrom: DOCUMENTS.NOTICE_2022_8.issuedOn,
    targetGroups: at(DOCUMENTS.NOTICE_2022_8, '一(一)'),
    threeAYear: at(DOCUMENTS.NOTICE_2021, '二(四)'),
  },
];

/** The edition in force on `date` (a class's start date); before the first, the first. */
export function eligibilityEditionFor(
  date: string,
  editions: readonly EligibilityEdition[] = ELIGIBILITY_RULES,
): EligibilityEdition {
  const sorted = [...editions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return sorted.reduce((chosen, e) => (e.effectiveFrom <= date ? e : chosen), sorted[0]);
}

/** English names of the target groups, as the site prints them. */
const TARGET_GROUP_EN: Record<TargetGroup, string> = {
  POVERTY_ALLEVIATED: 'a worker from a household lifted out of poverty',
  RETIRED_FISHERS: 'a former fisher',
  RELOCATED_LABOUR: 'a worker from a relocated household',
  COLLEGE_GRADUATES: 'a college graduate',
  VETERANS: 'a veteran',
  DISABLED: 'a person with a disability',
  MIGRANT_WORKERS: 'a migrant worker',
  ENTERPRISE_STAFF: 'a company employee',
  NON_PROGRESSING_GRADUATES: 'a school leaver not going on to further study',
  FOREST_RANGERS: 'a forest ranger',
  UNEMPLOYED: 'unemployed',
};
const CERTIFICATE_EN: Record<CertificateType, string> = {
  VOCATIONAL_QUALIFICATION: 'the vocational qualification certificate',
  SKILL_LEVEL: 'the skill level certificate',
  SPECIAL_ABILITY: 'the special ability certificate',
  SPECIAL_OPERATION: 'the special operations certificate',
  TRAINING_QUALIFIED: 'the training completion certificate',
};
const zhName = <T extends string>(names: Readonly<Record<string, T>>, v: T): string =>
  Object.keys(names).find((k) => names[k] === v && k !== v) ?? v;

/** Everything the conditions look at, as plain data. */
export interface EligibilityFacts {
  startDate: string;
  endDate: string;
  certificateType: CertificateType;
  targetGroups: readonly TargetGroup[];
  enrolment: Enrolment;
  /** The company of an enterprise training centre (for the own-staff question). */
  ownerCompany: string | null;
  /** Whole 元 per eligible trainee as the class declares it (0 = unsubsidised). */
  subsidyPerTrainee: number;
  /** The standard of the directory entry (occupation × level × certificate) in force on the start date; null when none matches. */
  directoryStandard: number | null;
  institution: StandingFacts;
}

/** The worker's answers; each is needed only where its condition applies. */
export interface EligibilityAnswers {
  /** The groups the worker belongs to (empty: none). */
  targetGroups?: readonly TargetGroup[] | null;
  /** Share of the class hours the worker attends (or expects to), 0–100. */
  attendancePercent?: number | null;
  /** The worker obtains the class's certificate (or its number). */
  certificateObtained?: boolean | null;
  /** Subsidised trainings already received in the class's calendar year, not counting 以工代训. */
  subsidisedTrainingsThisYear?: number | null;
  /** The worker is on the staff of the enterprise training centre's company. */
  ownStaff?: boolean | null;
}

/** One condition of the subsidy. */
export interface EligibilityCondition {
  /** Stable id, e.g. `eligibility.attendance`. */
  id: string;
  /** The condition, a short plain sentence. */
  condition: string;
  conditionEn: string;
  /** A yes/no question to the worker (yes = the condition holds); null when the record decides. */
  question: string | null;
  questionEn: string | null;
  /** The `EligibilityAnswers` field that answers it; null when the record decides. */
  answerField: keyof EligibilityAnswers | null;
  /** Decided by the record: true or false; null when the worker's answer decides. */
  holds: boolean | null;
  /** Why not, when it does not hold. */
  whyNot: string;
  whyNotEn: string;
  /** Where it comes from; null where no document sets it. */
  clause: Clause | null;
}

/** The conditions of a class and what a worker meeting all of them receives. */
export interface SubsidyOffer {
  /** Whole 元 per eligible trainee; null when the class is not subsidised. */
  amountYuan: number | null;
  /** Where the amount comes from. */
  amountClause: Clause | null;
  conditions: EligibilityCondition[];
}

/** One condition decided for one worker. */
export interface EligibilityReason {
  conditionId: string;
  holds: boolean;
  message: string;
  messageEn: string;
  clause: Clause | null;
}

/** The answer for one worker. */
export interface EligibilityVerdict {
  eligible: boolean;
  /** What they would receive; null when not eligible. */
  amountYuan: number | null;
  /** Every condition with whether it holds; the failing ones say why not. */
  reasons: EligibilityReason[];
}

/** An answer that cannot be used: names the field and the rule. */
export class EligibilityAnswerError extends Error {
  constructor(
    readonly field: keyof EligibilityAnswers,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
  }
}

/** The institution was barred (blacklist or revoked licence) on some day of the class. */
function barredDuring(i: StandingFacts, startDate: string, endDate: string): boolean {
  if (
    institutionStanding(i, startDate) !== InstitutionStanding.GOOD ||
    institutionStanding(i, endDate) !== InstitutionStanding.GOOD
  )
    return true;
  if (!i.blacklistedFrom) return false;
  const until = i.blacklistedUntil ?? blacklistPeriod(i.blacklistedFrom).until;
  return i.blacklistedFrom <= endDate && until > startDate;
}

/** The amount: the class's, never above the directory standard (50号 (四)). */
function amountOf(f: EligibilityFacts): number | null {
  if (f.subsidyPerTrainee <= 0) return null;
  return f.directoryStandard === null ? f.subsidyPerTrainee : Math.min(f.subsidyPerTrainee, f.directoryStandard);
}

function recordConditions(f: EligibilityFacts): EligibilityCondition[] {
  const course = courseRuleEditionFor(f.startDate);
  const out: EligibilityCondition[] = [
    {
      id: 'eligibility.subsidised',
      answerField: null,
      question: null,
      questionEn: null,
      condition: '这个班有政府培训补贴。',
      conditionEn: 'This class is subsidised by the government.',
      holds: f.subsidyPerTrainee > 0,
      whyNot: '这个班没有培训补贴。',
      whyNotEn: 'This class has no training subsidy.',
      clause: course.directoryAdmission?.directory ?? null,
    },
  ];
  if (course.institutionStanding) {
    out.push({
      id: 'eligibility.institution-standing',
      answerField: null,
      question: null,
      questionEn: null,
      condition: '办班的机构在上课期间不在黑名单上。',
      conditionEn: 'The institution is not blacklisted while the class runs.',
      holds: !barredDuring(f.institution, f.startDate, f.endDate),
      whyNot: '办班的机构在上课期间被列入黑名单，不能拿补贴。',
      whyNotEn: 'The institution is blacklisted while the class runs: no subsidy.',
      clause: course.institutionStanding,
    });
  }
  return out;
}

function workerConditions(f: EligibilityFacts): EligibilityCondition[] {
  const e = eligibilityEditionFor(f.startDate);
  const out: EligibilityCondition[] = [];
  const ask = (c: Omit<EligibilityCondition, 'holds'>) => out.push({ ...c, holds: null });
  if (f.targetGroups.length) {
    const zh = f.targetGroups.map((g) => zhName(TARGET_GROUP_NAMES, g)).join('、');
    const en = f.targetGroups.map((g) => TARGET_GROUP_EN[g]).join(', or ');
    ask({
      id: 'eligibility.target-group',
      answerField: 'targetGroups',
      condition: `你是${zh}。`,
      conditionEn: `You are ${en}.`,
      question: `你是不是${zh}？`,
      questionEn: `Are you ${en}?`,
      whyNot: `这个班是给${zh}办的。`,
      whyNotEn: `This class is for ${en}.`,
      clause: e.targetGroups,
    });
  }
  if (f.enrolment === Enrolment.OWN_STAFF) {
    const company = f.ownerCompany ?? '这家企业';
    const companyEn = f.ownerCompany ?? 'the company';
    ask({
      id: 'eligibility.own-staff',
      answerField: 'ownStaff',
      condition: `你是${company}的职工。`,
      conditionEn: `You work for ${companyEn}.`,
      question: `你是不是${company}的职工？`,
      questionEn: `Do you work for ${companyEn}?`,
      whyNot: '企业职工培训中心只培训本企业的职工。',
      whyNotEn: 'A company training centre trains only its own staff.',
      clause: courseRuleEditionFor(f.startDate).enterpriseOwnStaff,
    });
  }
  const min = Math.round(MIN_ATTENDANCE.value * 100);
  ask({
    id: 'eligibility.attendance',
    answerField: 'attendancePercent',
    condition: `你上课的时间不少于${min}%。`,
    conditionEn: `You attend at least ${min} % of the class hours.`,
    question: `你能上够至少${min}%的课吗？`,
    questionEn: `Will you attend at least ${min} % of the class hours?`,
    whyNot: `上课不到${min}%，不能拿补贴。`,
    whyNotEn: `Below ${min} % attendance there is no subsidy.`,
    clause: MIN_ATTENDANCE.clause,
  });
  const cert = zhName(CERTIFICATE_TYPE_NAMES, f.certificateType);
  ask({
    id: 'eligibility.certificate',
    answerField: 'certificateObtained',
    condition: `你考核合格，拿到${cert}（或证书编号）。`,
    conditionEn: `You pass the assessment and get ${CERTIFICATE_EN[f.certificateType]} (or its number).`,
    question: `你能考核合格，拿到${cert}吗？`,
    questionEn: `Will you pass the assessment and get ${CERTIFICATE_EN[f.certificateType]}?`,
    whyNot: '没有拿到证书，不能拿补贴。',
    whyNotEn: 'Without the certificate there is no subsidy.',
    clause: CERTIFICATE_CLAUSE,
  });
  const max = MAX_SUBSIDISED_TRAININGS_A_YEAR;
  const year = f.startDate.slice(0, 4);
  ask({
    id: 'eligibility.three-a-year',
    answerField: 'subsidisedTrainingsThisYear',
    condition: `${year}年你拿培训补贴的培训，加上这次不超过${max}次（以工代训不算）。`,
    conditionEn: `With this class you have at most ${max} subsidised trainings in ${year} (on-the-job training, 以工代训, does not count).`,
    question: `${year}年你拿过培训补贴的培训，少于${max}次吗？（以工代训不算）`,
    questionEn: `In ${year}, have you had fewer than ${max} subsidised trainings? (On-the-job training, 以工代训, does not count.)`,
    whyNot: `每人每年最多拿${max}次培训补贴。`,
    whyNotEn: `A worker is subsidised at most ${max} times a year.`,
    clause: e.threeAYear,
  });
  return out;
}

/**
 * The conditions of a class's subsidy, record facts first, and the amount a worker meeting all
 * of them receives (the class's amount, capped at the directory standard).
 * @example subsidyConditions(facts).conditions.map((c) => c.id) // ['eligibility.subsidised', 'eligibility.institution-standing', 'eligibility.target-group', …]
 */
export function subsidyConditions(f: EligibilityFacts): SubsidyOffer {
  const course = courseRuleEditionFor(f.startDate);
  return {
    amountYuan: amountOf(f),
    amountClause: course.directoryAdmission?.directory ?? null,
    conditions: [...recordConditions(f), ...workerConditions(f)],
  };
}

/** Checks the answers a class needs; throws {@link EligibilityAnswerError} naming the field. */
function validate(offer: SubsidyOffer, a: EligibilityAnswers): void {
  for (const c of offer.conditions) {
    if (c.answerField && a[c.answerField] == null)
      throw new EligibilityAnswerError(c.answerField, `required for this class (${c.id}: ${c.conditionEn})`);
  }
  const pct = a.attendancePercent;
  if (pct != null && (!Number.isFinite(pct) || pct < 0 || pct > 100))
    throw new EligibilityAnswerError('attendancePercent', `a share of the class hours from 0 to 100, got ${pct}`);
  const n = a.subsidisedTrainingsThisYear;
  if (n != null && (!Number.isInteger(n) || n < 0 || n > 366))
    throw new EligibilityAnswerError('subsidisedTrainingsThisYear', `a whole number from 0 to 366, got ${n}`);
}

/** Whether the worker's answer meets a condition (the condition applies and is answered). */
function answerHolds(c: EligibilityCondition, a: EligibilityAnswers, classGroups: readonly TargetGroup[]): boolean {
  switch (c.answerField) {
    case 'targetGroups':
      return (a.targetGroups ?? []).some((g) => classGroups.includes(g));
    case 'ownStaff':
      return a.ownStaff === true;
    // Within a hair of the threshold counts, as on notice lines (subsidy.rules).
    case 'attendancePercent':
      return (a.attendancePercent ?? 0) >= MIN_ATTENDANCE.value * 100 - 1e-7;
    case 'certificateObtained':
      return a.certificateObtained === true;
    case 'subsidisedTrainingsThisYear':
      return (a.subsidisedTrainingsThisYear ?? 0) < MAX_SUBSIDISED_TRAININGS_A_YEAR;
    default:
      return false;
  }
}

/**
 * Combines the conditions with which of them hold: eligible when every one holds, then the
 * amount; every condition becomes a reason (the failing ones say why not). The site's checker
 * runs the same function on the same published conditions.
 * @example decideEligibility(offer, { 'eligibility.attendance': false, … }).eligible === false
 */
export function decideEligibility(
  offer: SubsidyOffer,
  answered: Readonly<Record<string, boolean>>,
): EligibilityVerdict {
  const reasons = offer.conditions.map((c): EligibilityReason => {
    const holds = c.holds ?? answered[c.id] === true;
    return {
      conditionId: c.id,
      holds,
      message: holds ? c.condition : c.whyNot,
      messageEn: holds ? c.conditionEn : c.whyNotEn,
      clause: c.clause,
    };
  });
  const eligible = reasons.every((r) => r.holds) && offer.amountYuan !== null;
  return { eligible, amountYuan: eligible ? offer.amountYuan : null, reasons };
}

/**
 * The verdict for one worker's answers on one class.
 * Throws {@link EligibilityAnswerError} for a missing or impossible answer.
 * @example checkEligibility(facts, { targetGroups: ['MIGRANT_WORKERS'], attendancePercent: 90, certificateObtained: true, subsidisedTrainingsThisYear: 0 }).amountYuan // 1200
 */
export function checkEligibility(f: EligibilityFacts, a: EligibilityAnswers): EligibilityVerdict {
  const offer = subsidyConditions(f);
  validate(offer, a);
  const answered = Object.fromEntries(
    offer.conditions.filter((c) => c.answerField).map((c) => [c.id, answerHolds(c, a, f.targetGroups)]),
  );
  return decideEligibility(offer, answered);
}
