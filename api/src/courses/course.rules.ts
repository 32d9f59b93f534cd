/**
 * The rules a subsidised class (培训班次) must respect, as data versioned by the document that
 * set them. Each edition is a complete snapshot of what is in force from its date; a value the
 * later document does not restate is carried over and keeps citing the document that set it.
 *
 * Pure: plain facts, `today` and the editions in, `RuleCheck`s out.
 */

import { isIsoDate } from '../common/dates';
import {
  CertificateType,
  CourseCategory,
  CourseMode,
  CourseStatus,
  Enrolment,
  InstitutionStanding,
  InstitutionType,
  SkillLevel,
} from '../common/enums';
import { Clause, DOCUMENTS, RuleCheck, SourceDocument } from '../common/rule-check';
import { admissionGaps, describeGapsEn, describeGapsZh, isGradedCertificate } from '../directory/directory.rules';
import { blacklistPeriod, institutionStanding } from '../institutions/institution.rules';

/** A number together with the clause that sets it. */
export interface Cited<T> {
  readonly value: T;
  readonly clause: Clause;
}

/** The course rules in force from one document's date. `null` = the rule does not exist yet. */
export interface CourseRuleEdition {
  /** The document that issued this edition. */
  readonly document: SourceDocument;
  /** First day in force, ISO date (the document's date). */
  readonly effectiveFrom: string;
  /** Minimum class hours of a subsidised 职业资格/职业技能等级 class, at every level. */
  readonly minCertificateHours: Cited<number>;
  /** Maximum trainees per class. */
  readonly maxClassSize: Cited<number>;
  /** Maximum trainees per entrepreneurship (创业培训) class. */
  readonly maxEntrepreneurshipClassSize: Cited<number>;
  /** Maximum class hours per day, all modes. */
  readonly maxDailyHours: Cited<number>;
  /** A limit of its own for online classes, where a document sets one. */
  readonly maxDailyHoursOnline: Cited<number> | null;
  /** Theory and practical teacher must be different people. */
  readonly separateTeachers: Clause | null;
  /** 考培分离: trainees are assessed by an agency other than their trainer. */
  readonly examTrainingSeparation: Clause | null;
  /** Blacklisted or delicensed institutions may not run subsidised classes. */
  readonly institutionStanding: Clause | null;
  /** No class without standards and an agency (`classOpening`); subsidised classes in the directory (`directory`). */
  readonly directoryAdmission: { readonly classOpening: Clause; readonly directory: Clause } | null;
  /** 企业职工培训中心 train only their own staff. */
  readonly enterpriseOwnStaff: Clause;
}

const N2021 = DOCUMENTS.NOTICE_2021;
const N8 = DOCUMENTS.NOTICE_2022_8;
const N50 = DOCUMENTS.NOTICE_2022_50;
const at = (document: SourceDocument, clause: string): Clause => ({ document, clause });

/** 8号 三(五) restates the 2021 limits and lowers the entrepreneurship cap from 35 to 30. */
const COURSE_LIMITS_8 = at(N8, '三(五)');

/**
 * The editions, oldest first:
 * - 2021 notice (2021-03-15), 二(七): 120 class hours, 60 per class (创业 35), 8 class hours a
 *   day, 企业职工培训中心 own staff only. It has no 考培分离, blacklist or directory clause.
 * - 云人社通〔2022〕8号 (2022-02-11): 三(五) 120 / 60 (创业 30) / 8; 三(三) enterprise centres;
 *   三(十) 考培分离; 四(三) three-year blacklist.
 * - 云人社通〔2022〕50号 (2022-11-05): keeps 8号 三(五); adds (六) online ≤ 8 hours a day,
 *   (九) separate theory and practical teachers, (十三)/(四) standards, agency and directory;
 *   restates 考培分离 (十一), the blacklist and licence revocation (十九), enterprise centres (五).
 *
 * 50号 (六) counts online time in hours (小时) while `hoursPerDay` is in class hours (课时); a
 * 课时 is never longer than an hour, so the same number 8 is applied and online classes in the
 * 50号 edition cite (六), the clause written for them.
 *
 * @example courseRuleEditionFor('2022-06-01').document.number === '云人社通〔2022〕8号'
 */
export const COURSE_RULES: readonly CourseRuleEdition[] = [
  {
    document: N2021,
    effectiveFrom: N2021.issuedOn,
    minCertificateHours: { value: 120, clause: at(N2021, '二(七)') },
    maxClassSize: { value: 60, clause: at(N2021, '二(七)') },
    maxEntrepreneurshipClassSize: { value: 35, clause: at(N2021, '二(七)') },
    maxDailyHours: { value: 8, clause: at(N2021, '二(七)') },
    maxDailyHoursOnline: null,
    separateTeachers: null,
    examTrainingSeparation: null,
    institutionStanding: null,
    directoryAdmission: null,
    enterpriseOwnStaff: at(N2021, '二(七)'),
  },
  {
    document: N8,
    effectiveFrom: N8.issuedOn,
    minCertificateHours: { value: 120, clause: COURSE_LIMITS_8 },
    maxClassSize: { value: 60, clause: COURSE_LIMITS_8 },
    maxEntrepreneurshipClassSize: { value: 30, clause: COURSE_LIMITS_8 },
    maxDailyHours: { value: 8, clause: COURSE_LIMITS_8 },
    maxDailyHoursOnline: null,
    separateTeachers: null,
    examTrainingSeparation: at(N8, '三(十)'),
    institutionStanding: at(N8, '四(三)'),
    directoryAdmission: null,
    enterpriseOwnStaff: at(N8, '三(三)'),
  },
  {
    document: N50,
    effectiveFrom: N50.issuedOn,
    minCertificateHours: { value: 120, clause: COURSE_LIMITS_8 },
    maxClassSize: { value: 60, clause: COURSE_LIMITS_8 },
    maxEntrepreneurshipClassSize: { value: 30, clause: COURSE_LIMITS_8 },
    maxDailyHours: { value: 8, clause: COURSE_LIMITS_8 },
    maxDailyHoursOnline: { value: 8, clause: at(N50, '(六)') },
    separateTeachers: at(N50, '(九)'),
    examTrainingSeparation: at(N50, '(十一)'),
    institutionStanding: at(N50, '(十九)'),
    directoryAdmission: { classOpening: at(N50, '(十三)'), directory: at(N50, '(四)') },
    enterpriseOwnStaff: at(N50, '(五)'),
  },
];

/**
 * The edition in force on `date` (normally a class's start date): the latest one whose
 * `effectiveFrom` is on or before it; before the first edition, the first edition.
 * `editions` defaults to {@link COURSE_RULES} and need not be sorted.
 * Throws a `RangeError` for a malformed date or an empty list.
 *
 * @example courseRuleEditionFor('2022-02-10').document.number === '云人社（2021）职业技能提升行动通知'
 * @example courseRuleEditionFor('2022-11-05').document.number === '云人社通〔2022〕50号'
 */
export function courseRuleEditionFor(
  date: string,
  editions: readonly CourseRuleEdition[] = COURSE_RULES,
): CourseRuleEdition {
  requireIsoDate('date', date);
  if (editions.length === 0) throw new RangeError('no course rule editions');
  const sorted = [...editions].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0,
  );
  let chosen = sorted[0];
  for (const e of sorted) if (e.effectiveFrom <= date) chosen = e;
  return chosen;
}

/** Everything the course rules look at, as plain data. */
export interface CourseFacts {
  startDate: string;
  endDate: string;
  certificateType: CertificateType;
  level: SkillLevel;
  category: CourseCategory;
  mode: CourseMode;
  totalHours: number;
  hoursPerDay: number;
  capacity: number;
  enrolled: number;
  /** subsidyPerTrainee > 0 */
  subsidised: boolean;
  theoryTeacherRef: string | null;
  practicalTeacherRef: string | null;
  enrolment: Enrolment;
  institution: {
    id: number;
    type: InstitutionType;
    blacklistedFrom: string | null;
    blacklistedUntil: string | null;
    licenceRevokedOn: string | null;
  };
  /** `institutionId`: the institution the agency belongs to, if any. */
  assessingAgency: { id: number; institutionId: number | null } | null;
  /** The trainer is the province's only agency for this occupation × level and the local bureau approved 考培结合. */
  soleAgencyExemption: boolean;
  /** Agencies recorded for this occupation × level in Yunnan. */
  occupation: { hasNationalStandard: boolean; agenciesInProvince: number };
  /** The occupation × certificate × level is in the directory edition in force on startDate. */
  inDirectory: boolean;
}

function requireIsoDate(name: string, value: string): void {
  if (!isIsoDate(value)) throw new RangeError(`${name} must be an ISO date YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

/** `2025-03-01` → `2025年3月1日`, the way dates are read on a notice. */
function zhDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function minCertificateHours(f: CourseFacts, e: CourseRuleEdition): RuleCheck {
  const { value: min, clause } = e.minCertificateHours;
  const base = { ruleId: 'course.min-certificate-hours', clause };
  if (!f.subsidised) {
    return {
      ...base,
      passed: true,
      message: `本班不享受政府补贴，不受${min}课时下限约束`,
      messageEn: `Not subsidised: the ${min}-class-hour minimum does not apply.`,
    };
  }
  if (!isGradedCertificate(f.certificateType)) {
    return {
      ...base,
      passed: true,
      message: `本班不是职业资格或职业技能等级证书班，不受${min}课时下限约束`,
      messageEn: `Not a vocational-qualification or skill-level class: the ${min}-class-hour minimum does not apply.`,
    };
  }
  const passed = f.totalHours >= min;
  return {
    ...base,
    passed,
    message: passed
      ? `本班共${f.totalHours}课时，达到规定的${min}课时`
      : `本班共${f.totalHours}课时，少于规定的${min}课时`,
    messageEn: passed
      ? `${f.totalHours} class hours, meeting the minimum of ${min}.`
      : `${f.totalHours} class hours, fewer than the required ${min}.`,
  };
}

function classSize(f: CourseFacts, e: CourseRuleEdition): RuleCheck {
  const entrepreneurship = f.category === CourseCategory.ENTREPRENEURSHIP;
  const { value: max, clause } = entrepreneurship ? e.maxEntrepreneurshipClassSize : e.maxClassSize;
  const kindZh = entrepreneurship ? '创业培训班' : '每个班';
  const kindEn = entrepreneurship ? 'an entrepreneurship class' : 'a class';
  const base = { ruleId: 'course.class-size', clause };
  if (f.capacity > max) {
    return {
      ...base,
      passed: false,
      message: `本班计划招收${f.capacity}人，超过${kindZh}最多${max}人的规定`,
      messageEn: `Planned for ${f.capacity} trainees, more than the ${max} allowed in ${kindEn}.`,
    };
  }
  if (f.enrolled > max) {
    return {
      ...base,
      passed: false,
      message: `本班已报名${f.enrolled}人，超过${kindZh}最多${max}人的规定`,
      messageEn: `${f.enrolled} trainees enrolled, more than the ${max} allowed in ${kindEn}.`,
    };
  }
  return {
    ...base,
    passed: true,
    message: `本班计划招收${f.capacity}人、已报名${f.enrolled}人，没有超过${kindZh}最多${max}人的规定`,
    messageEn: `Planned for ${f.capacity}, ${f.enrolled} enrolled: within the ${max} allowed in ${kindEn}.`,
  };
}

function dailyHours(f: CourseFacts, e: CourseRuleEdition): RuleCheck {
  const online = f.mode === CourseMode.ONLINE && e.maxDailyHoursOnline !== null;
  const { value: max, clause } = online && e.maxDailyHoursOnline ? e.maxDailyHoursOnline : e.maxDailyHours;
  const what = online ? '线上培训每天累计' : '每天安排';
  const passed = f.hoursPerDay <= max;
  return {
    ruleId: 'course.daily-hours',
    passed,
    message: passed
      ? `本班${what}${f.hoursPerDay}课时，没有超过每天${max}课时的上限`
      : `本班${what}${f.hoursPerDay}课时，超过每天${max}课时的上限`,
    messageEn: passed
      ? `${f.hoursPerDay} class hours a day${online ? ' online' : ''}, within the limit of ${max}.`
      : `${f.hoursPerDay} class hours a day${online ? ' online' : ''}, more than the limit of ${max}.`,
    clause,
  };
}

function separateTeachers(f: CourseFacts, clause: Clause): RuleCheck {
  const base = { ruleId: 'course.separate-teachers', clause };
  // The clause governs 补贴性职业技能培训 only.
  if (!f.subsidised) {
    return {
      ...base,
      passed: true,
      message: '本班不享受政府补贴，不要求理论教师和实操教师分设',
      messageEn: 'Not subsidised: separate theory and practical teachers are not required.',
    };
  }
  const theory = f.theoryTeacherRef?.trim() || null;
  const practical = f.practicalTeacherRef?.trim() || null;
  if (!theory || !practical) {
    const missingZh = !theory && !practical ? '理论教师和实操教师' : !theory ? '理论教师' : '实操教师';
    const missingEn =
      !theory && !practical ? 'theory and practical teachers' : !theory ? 'theory teacher' : 'practical teacher';
    return {
      ...base,
      passed: false,
      message: `本班没有申报${missingZh}`,
      messageEn: `The class has not declared its ${missingEn}.`,
    };
  }
  if (theory === practical) {
    return {
      ...base,
      passed: false,
      message: '理论教师和实操教师是同一个人，规定必须由不同的人担任',
      messageEn: 'The theory and practical teacher are the same person; they must be different people.',
    };
  }
  return {
    ...base,
    passed: true,
    message: '理论教师和实操教师由不同的人担任',
    messageEn: 'Theory and practical teaching are given by different people.',
  };
}

function examTrainingSeparation(f: CourseFacts, clause: Clause): RuleCheck {
  const base = { ruleId: 'course.exam-training-separation', clause };
  const agency = f.assessingAgency;
  if (!agency) {
    if (isGradedCertificate(f.certificateType)) {
      return {
        ...base,
        passed: false,
        message: '本班没有指定评价机构，无法做到考培分离',
        messageEn: 'No assessing agency is named, so assessment cannot be kept separate from training.',
      };
    }
    return {
      ...base,
      passed: true,
      message: '本班不是职业资格或职业技能等级证书班，不要求另行指定评价机构',
      messageEn: 'Not a vocational-qualification or skill-level class: no separate assessing agency is required.',
    };
  }
  if (agency.institutionId !== null && agency.institutionId === f.institution.id) {
    if (f.soleAgencyExemption) {
      return {
        ...base,
        passed: true,
        message: '评价机构属于本培训机构，但它是全省唯一有此职业考评资质的机构，已经当地人社部门批准考培结合',
        messageEn:
          'The assessing agency belongs to the trainer, which is the only qualified agency in Yunnan; the local bureau approved combined training and assessment.',
      };
    }
    return {
      ...base,
      passed: false,
      message: '评价机构属于本培训机构，违反考培分离，学员应由其他机构考核',
      messageEn:
        'The assessing agency belongs to the training institution: trainees must be assessed by another agency.',
    };
  }
  return {
    ...base,
    passed: true,
    message: '评价机构与培训机构相互独立，符合考培分离',
    messageEn: 'The assessing agency is independent of the training institution.',
  };
}

/**
 * A class fails when the institution was barred on its first day, or became barred while it
 * ran: the bar of 8号 四(三) (“三年内不得参与”) stops participation from the decision on, and a
 * class still running then can no longer draw subsidy. Only days up to `today` count, so a
 * decision is not applied before it was taken.
 */
function institutionStandingCheck(f: CourseFacts, today: string, clause: Clause): RuleCheck {
  const base = { ruleId: 'course.institution-standing', clause };
  const inst = f.institution;
  const lastKnownDay = f.endDate < today ? f.endDate : today;
  const arrivedDuringClass = (d: string | null): d is string => d !== null && d > f.startDate && d <= lastKnownDay;

  // Losing the licence ends all training, subsidised or not.
  if (inst.licenceRevokedOn !== null && inst.licenceRevokedOn <= f.startDate) {
    return {
      ...base,
      passed: false,
      message: `该机构已于${zhDate(inst.licenceRevokedOn)}被取消办学许可，不能开班`,
      messageEn: `The institution's licence was revoked on ${inst.licenceRevokedOn}, before the class started.`,
    };
  }
  if (arrivedDuringClass(inst.licenceRevokedOn)) {
    return {
      ...base,
      passed: false,
      message: `本班开班后，该机构于${zhDate(inst.licenceRevokedOn)}被取消办学许可`,
      messageEn: `The institution's licence was revoked on ${inst.licenceRevokedOn}, while the class was running.`,
    };
  }
  if (!f.subsidised) {
    return {
      ...base,
      passed: true,
      message: '本班不享受政府补贴，黑名单限制不适用',
      messageEn: 'Not subsidised: the blacklist bar does not apply.',
    };
  }
  const until = inst.blacklistedFrom ? (inst.blacklistedUntil ?? blacklistPeriod(inst.blacklistedFrom).until) : null;
  if (until && institutionStanding(inst, f.startDate) === InstitutionStanding.BLACKLISTED) {
    return {
      ...base,
      passed: false,
      message: `该机构在黑名单中，${zhDate(until)}前不能开办政府补贴培训班`,
      messageEn: `The institution is blacklisted until ${until} and may not run subsidised classes.`,
    };
  }
  if (until && arrivedDuringClass(inst.blacklistedFrom)) {
    return {
      ...base,
      passed: false,
      message: `本班开班后，该机构于${zhDate(inst.blacklistedFrom)}被列入黑名单，不能继续享受补贴`,
      messageEn: `The institution was blacklisted on ${inst.blacklistedFrom}, while the class was running.`,
    };
  }
  return {
    ...base,
    passed: true,
    message: '该机构不在黑名单中，可以开办政府补贴培训班',
    messageEn: 'The institution is in good standing for subsidised training.',
  };
}

function directoryAdmission(f: CourseFacts, clauses: { classOpening: Clause; directory: Clause }): RuleCheck {
  const gaps = admissionGaps({
    certificateType: f.certificateType,
    hasNationalStandard: f.occupation.hasNationalStandard,
    agenciesInProvince: f.occupation.agenciesInProvince,
  });
  if (gaps.length > 0) {
    return {
      ruleId: 'course.directory-admission',
      passed: false,
      message: `该职业（工种）${describeGapsZh(gaps)}，按规定不能开班`,
      messageEn: `The occupation has ${describeGapsEn(gaps)}; no class may open for it.`,
      clause: clauses.classOpening,
    };
  }
  if (f.subsidised && !f.inDirectory) {
    return {
      ruleId: 'course.directory-admission',
      passed: false,
      message: '本班的职业（工种）、证书和等级不在当年培训补贴目录内，不能享受补贴',
      messageEn:
        "The occupation, certificate and level are not in the year's subsidised directory, so the class cannot be subsidised.",
      clause: clauses.directory,
    };
  }
  return {
    ruleId: 'course.directory-admission',
    passed: true,
    message: f.subsidised
      ? '该职业（工种）在当年培训补贴目录内，有评价机构，可以开班'
      : '该职业（工种）有评价机构，可以开班',
    messageEn: f.subsidised
      ? "The occupation is in the year's subsidised directory and has an evaluation agency."
      : 'The occupation has an evaluation agency; the class may open.',
    clause: f.subsidised ? clauses.directory : clauses.classOpening,
  };
}

function enterpriseOwnStaff(f: CourseFacts, clause: Clause): RuleCheck {
  const base = { ruleId: 'course.enterprise-own-staff', clause };
  if (f.institution.type !== InstitutionType.ENTERPRISE_TRAINING_CENTRE) {
    return {
      ...base,
      passed: true,
      message: '本机构不是企业职工培训中心，可以面向社会招生',
      messageEn: 'Not an enterprise training centre: the class may be open to the public.',
    };
  }
  const passed = f.enrolment === Enrolment.OWN_STAFF;
  return {
    ...base,
    passed,
    message: passed
      ? '企业职工培训中心只招收本企业职工，符合规定'
      : '企业职工培训中心只能培训本企业职工，不能面向社会招生',
    messageEn: passed
      ? 'An enterprise training centre training its own staff only.'
      : "An enterprise training centre may train only its own company's staff, not the public.",
  };
}

/**
 * Applies the course rules of the edition in force on `facts.startDate`, in a fixed order:
 * `course.min-certificate-hours`, `course.class-size`, `course.daily-hours`,
 * `course.separate-teachers` (50号 on), `course.exam-training-separation` (8号 on),
 * `course.institution-standing` (8号 on), `course.directory-admission` (50号 on),
 * `course.enterprise-own-staff`. Rules the edition does not have are left out.
 * `today` limits the standing check to what was known by then (see the institution check).
 * `editions` defaults to {@link COURSE_RULES}. Throws a `RangeError` for malformed dates.
 *
 * @example
 * // a subsidised skill-level class of 96 class hours starting 2023-03-01, otherwise compliant:
 * checkCourse(facts, '2023-03-01').filter((c) => !c.passed).map((c) => c.message)
 * // ['本班共96课时，少于规定的120课时']
 */
export function checkCourse(
  facts: CourseFacts,
  today: string,
  editions: readonly CourseRuleEdition[] = COURSE_RULES,
): RuleCheck[] {
  requireIsoDate('startDate', facts.startDate);
  requireIsoDate('endDate', facts.endDate);
  requireIsoDate('today', today);
  const e = courseRuleEditionFor(facts.startDate, editions);
  const checks: RuleCheck[] = [minCertificateHours(facts, e), classSize(facts, e), dailyHours(facts, e)];
  if (e.separateTeachers) checks.push(separateTeachers(facts, e.separateTeachers));
  if (e.examTrainingSeparation) checks.push(examTrainingSeparation(facts, e.examTrainingSeparation));
  if (e.institutionStanding) checks.push(institutionStandingCheck(facts, today, e.institutionStanding));
  if (e.directoryAdmission) checks.push(directoryAdmission(facts, e.directoryAdmission));
  checks.push(enterpriseOwnStaff(facts, e.enterpriseOwnStaff));
  return checks;
}

/**
 * A class's state on `today`. A recorded cancellation wins whatever its date: a class called
 * off in advance is not “planned” until then. Otherwise planned before the start date, in
 * progress from start to end date inclusive, finished after.
 *
 * @example courseStatus({ startDate: '2023-03-01', endDate: '2023-03-20', cancelledOn: null }, '2023-03-20') === CourseStatus.IN_PROGRESS
 */
export function courseStatus(
  facts: { startDate: string; endDate: string; cancelledOn: string | null },
  today: string,
): CourseStatus {
  if (facts.cancelledOn !== null) return CourseStatus.CANCELLED;
  if (today < facts.startDate) return CourseStatus.PLANNED;
  if (today <= facts.endDate) return CourseStatus.IN_PROGRESS;
  return CourseStatus.FINISHED;
}
