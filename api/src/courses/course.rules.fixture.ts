/**
 * The reference class of the course rule tests (course.rules.test.ts,
 * course-institution.rules.test.ts) and the helpers they share; a test file imports it, the
 * build leaves it out (tsconfig.build.json).
 */
import { CertificateType, CourseCategory, CourseMode, Enrolment, InstitutionType, SkillLevel } from '../common/enums';
import type { RuleCheck } from '../common/rule-check';
import { type CourseFacts, checkCourse } from './course.rules';

/** A class that passes every rule of every edition; tests change one thing at a time. */
export function facts(overrides: Partial<CourseFacts> = {}): CourseFacts {
  return {
    startDate: '2023-03-01',
    endDate: '2023-03-20',
    certificateType: CertificateType.SKILL_LEVEL,
    level: SkillLevel.LEVEL_5,
    category: CourseCategory.SKILLS,
    mode: CourseMode.OFFLINE,
    totalHours: 120,
    hoursPerDay: 8,
    capacity: 50,
    enrolled: 45,
    subsidised: true,
    theoryTeacherRef: 'T-001',
    practicalTeacherRef: 'T-002',
    enrolment: Enrolment.PUBLIC,
    institution: {
      id: 7,
      type: InstitutionType.PRIVATE_TRAINING_INSTITUTION,
      blacklistedFrom: null,
      blacklistedUntil: null,
      licenceRevokedOn: null,
    },
    assessingAgency: { id: 3, institutionId: null },
    soleAgencyExemption: false,
    occupation: { hasNationalStandard: true, agenciesInProvince: 2 },
    inDirectory: true,
    ...overrides,
  };
}

/** The day the checks are made on, after every edition began. */
export const TODAY = '2025-12-31';
/** Start dates inside each edition. */
export const IN_2021 = '2021-06-01';
export const IN_8 = '2022-06-01';
export const IN_50 = '2023-03-01';

/** The check `ruleId` makes of `f` (throws when the rule is not applied on that day). */
export function check(f: CourseFacts, ruleId: string, today = TODAY): RuleCheck {
  const c = checkCourse(f, today).find((x) => x.ruleId === ruleId);
  if (!c) throw new Error(`rule ${ruleId} not applied`);
  return c;
}

/** The rules applied to `f`, in order. */
export function ids(f: CourseFacts): string[] {
  return checkCourse(f, TODAY).map((c) => c.ruleId);
}
