/**
 * What the published subsidy notices show delivered against each published target figure.
 * Pure: the measure of each column is data (what to count, which classes), the totals come in
 * already summed by the database, and a figure the notices cannot show is said to be unmeasured,
 * with the reason, rather than guessed.
 *
 * Every delivery is a floor: the targets count all training (subsidised or not, 人次), the
 * notices only trainees who were subsidised, so a share below 100 % does not by itself mean a
 * target was missed.
 */
import { CertificateType, CourseCategory, CourseMode, InstitutionType, SkillLevel, TargetTable } from '../common/enums';

/** Which subsidised classes a target column counts. */
export interface MeasureWhere {
  certificateTypes?: readonly CertificateType[];
  levels?: readonly SkillLevel[];
  institutionTypes?: readonly InstitutionType[];
  category?: CourseCategory;
  modes?: readonly CourseMode[];
  /** Only classes a provincial project unit contracted (附件4), that unit when the row names one. */
  projectUnit?: true;
  /** Only classes of the row's own institution (附件2). */
  ownInstitution?: true;
}

/** How one target column is measured from the notices, or why it cannot be. */
export type Measure =
  | { measured: true; count: 'trainees' | 'certified'; where: MeasureWhere; basis: string; basisEn: string }
  | { measured: false; basis: string; basisEn: string };

const GRADED = [CertificateType.VOCATIONAL_QUALIFICATION, CertificateType.SKILL_LEVEL] as const;
const HIGH_LEVELS = [SkillLevel.LEVEL_3, SkillLevel.LEVEL_2, SkillLevel.LEVEL_1] as const;

const NOT_ON_NOTICES = (what: string, whatEn: string): Measure => ({
  measured: false,
  basis: `公示名单不载明学员是否${what}，无法从公示统计`,
  basisEn: `The notices do not say whether a trainee ${whatEn}, so they cannot measure it.`,
});

/**
 * The measure of each column of each 2022 target table, keyed `TABLE.metric`.
 * @example TARGET_MEASURES['PREFECTURE_PLAN.total'].measured // true
 */
export const TARGET_MEASURES: Readonly<Record<string, Measure>> = {
  'PREFECTURE_PLAN.total': {
    measured: true,
    count: 'trainees',
    where: {},
    basis: '该州市公示的补贴人数',
    basisEn: 'Subsidised trainees on the notices of the 州市.',
  },
  'PREFECTURE_PLAN.certificate': {
    measured: true,
    count: 'certified',
    where: { certificateTypes: GRADED },
    basis: '职业资格、职业技能等级证书班公示名单中取得证书的人数',
    basisEn: 'Trainees listed with a certificate in vocational-qualification and skill-level classes.',
  },
  'PREFECTURE_PLAN.certificate_high_level': {
    measured: true,
    count: 'certified',
    where: { certificateTypes: GRADED, levels: HIGH_LEVELS },
    basis: '三级（高级工）及以上证书班公示名单中取得证书的人数',
    basisEn: 'Trainees listed with a certificate in classes at level 3 (高级工) or above.',
  },
  'PREFECTURE_PLAN.rural_labour': NOT_ON_NOTICES('为农村劳动力', 'is rural labour'),
  'PREFECTURE_PLAN.technical_schools': {
    measured: true,
    count: 'trainees',
    where: { institutionTypes: [InstitutionType.TECHNICAL_SCHOOL] },
    basis: '技工院校所办班的补贴人数',
    basisEn: 'Subsidised trainees of classes run by technical schools.',
  },
  'PREFECTURE_PLAN.apprenticeship': {
    measured: false,
    basis: '新型学徒制由企业按学徒培养，不以培训班补贴公示，无法从公示统计',
    basisEn: 'Apprenticeships are trained by employers and not published as class subsidy notices.',
  },
  'PREFECTURE_PLAN.entrepreneurship': {
    measured: true,
    count: 'trainees',
    where: { category: CourseCategory.ENTREPRENEURSHIP },
    basis: '创业培训班的补贴人数',
    basisEn: 'Subsidised trainees of entrepreneurship classes.',
  },
  'PREFECTURE_PLAN.college_students': NOT_ON_NOTICES('为大学生', 'is a college student'),
  'PREFECTURE_PLAN.college_skills': NOT_ON_NOTICES('为大学生', 'is a college student'),
  'TECHNICAL_SCHOOL.target': {
    measured: true,
    count: 'trainees',
    where: { ownInstitution: true },
    basis: '该校所办班的补贴人数（全省）',
    basisEn: "Subsidised trainees of the school's own classes, province-wide.",
  },
  'PROVINCIAL_PROJECT.persons': {
    measured: true,
    count: 'trainees',
    where: { projectUnit: true },
    basis: '该项目单位承接的班在该州市的补贴人数',
    basisEn: 'Subsidised trainees of classes the project unit contracted, in the 州市.',
  },
  'ENTREPRENEURSHIP.total': {
    measured: true,
    count: 'trainees',
    where: { category: CourseCategory.ENTREPRENEURSHIP },
    basis: '创业培训班的补贴人数',
    basisEn: 'Subsidised trainees of entrepreneurship classes.',
  },
  'ENTREPRENEURSHIP.siyb': {
    measured: true,
    count: 'trainees',
    where: { category: CourseCategory.ENTREPRENEURSHIP, modes: [CourseMode.OFFLINE, CourseMode.MIXED] },
    basis: '线下和线上线下结合的创业培训班的补贴人数',
    basisEn: 'Subsidised trainees of classroom and mixed entrepreneurship classes.',
  },
  'ENTREPRENEURSHIP.online': {
    measured: true,
    count: 'trainees',
    where: { category: CourseCategory.ENTREPRENEURSHIP, modes: [CourseMode.ONLINE] },
    basis: '网络创业培训班的补贴人数',
    basisEn: 'Subsidised trainees of online entrepreneurship classes.',
  },
  'ENTREPRENEURSHIP.siyb_college': NOT_ON_NOTICES('为大学生', 'is a college student'),
  'ENTREPRENEURSHIP.online_college': NOT_ON_NOTICES('为大学生', 'is a college student'),
  'ENTREPRENEURSHIP.online_livestream_pilot': {
    measured: false,
    basis: '公示不区分直播带货试点班，无法从公示统计',
    basisEn: 'The notices do not mark live-stream pilot classes.',
  },
};

/** Subsidised trainees and certified trainees of the year, summed by the class facts a measure can select on. */
export interface DeliveryCell {
  /** 州市 code of the issuing bureau (530000 for provincial notices). */
  prefecture: string;
  /** -1 for notices not linked to a class (they count only in whole-州市 totals). */
  institution: number;
  institutionType: InstitutionType;
  projectUnit: number | null;
  certificateType: CertificateType;
  level: SkillLevel;
  category: CourseCategory;
  mode: CourseMode;
  trainees: number;
  certified: number;
}

/** The target row being measured. */
export interface TargetRowFacts {
  table: TargetTable;
  metric: string;
  /** 州市 code, 530000 for province-wide rows, null for tables not by region. */
  region: string | null;
  institution: number | null;
  persons: number;
}

/** What the notices show delivered against one target figure. */
export interface Delivery {
  measured: boolean;
  basis: string;
  basisEn: string;
  /** Trainees counted (null when unmeasured). */
  delivered: number | null;
  /** delivered ÷ target (null when unmeasured or the target is 0). */
  share: number | null;
}

function matches(w: MeasureWhere, row: TargetRowFacts, c: DeliveryCell): boolean {
  if (row.region && row.region !== '530000' && c.prefecture !== row.region) return false;
  if (w.certificateTypes && !w.certificateTypes.includes(c.certificateType)) return false;
  if (w.levels && !w.levels.includes(c.level)) return false;
  if (w.institutionTypes && !w.institutionTypes.includes(c.institutionType)) return false;
  if (w.category && c.category !== w.category) return false;
  if (w.modes && !w.modes.includes(c.mode)) return false;
  if (w.projectUnit && (c.projectUnit == null || (row.institution != null && c.projectUnit !== row.institution)))
    return false;
  // A school's own row counts its classes; the table's total row counts every technical school.
  if (
    w.ownInstitution &&
    (row.institution != null
      ? c.institution !== row.institution
      : c.institutionType !== InstitutionType.TECHNICAL_SCHOOL)
  )
    return false;
  return true;
}

/**
 * The delivery of one target figure from the year's summed cells.
 * @example deliveryOf({ table: TargetTable.PREFECTURE_PLAN, metric: 'total', region: '530100', institution: null, persons: 155000 }, cells).share
 */
export function deliveryOf(
  row: TargetRowFacts,
  cells: readonly DeliveryCell[],
  measures: Readonly<Record<string, Measure>> = TARGET_MEASURES,
): Delivery {
  const m = measures[`${row.table}.${row.metric}`];
  if (!m)
    return {
      measured: false,
      basis: '此列尚无统计口径',
      basisEn: 'No measure is defined for this column.',
      delivered: null,
      share: null,
    };
  if (!m.measured) return { measured: false, basis: m.basis, basisEn: m.basisEn, delivered: null, share: null };
  const delivered = sum(
    cells.filter((c) => matches(m.where, row, c)),
    m.count,
  );
  return {
    measured: true,
    basis: m.basis,
    basisEn: m.basisEn,
    delivered,
    share: row.persons > 0 ? delivered / row.persons : null,
  };
}

function sum(cells: readonly DeliveryCell[], what: 'trainees' | 'certified'): number {
  return cells.reduce((s, c) => s + c[what], 0);
}

/** A programme's published targets in persons and what the notices show. */
export interface ProgrammeDelivery {
  /** Subsidised trainees in `year`. */
  inYear: number;
  /** Subsidised trainees from 2021 to `year`: the 2025 target is cumulative. */
  sinceStart: number;
  /** inYear ÷ the 2021 target, for 2021 only (the only year with a yearly target). */
  shareOf2021: number | null;
  /** sinceStart ÷ the 2025 cumulative target. */
  shareOf2025: number | null;
}

/**
 * Delivery against a programme's targets (云政发〔2021〕28号 二: 2021 targets and 2025 totals).
 * @example programmeDelivery(2021, { 2021: 30000 }, 80000, 600000).shareOf2021 // 0.375
 */
export function programmeDelivery(
  year: number,
  byYear: Readonly<Record<number, number>>,
  target2021Persons: number | null,
  target2025Persons: number | null,
): ProgrammeDelivery {
  const inYear = byYear[year] ?? 0;
  const sinceStart = Object.entries(byYear)
    .filter(([y]) => Number(y) >= 2021 && Number(y) <= year)
    .reduce((s, [, v]) => s + v, 0);
  return {
    inYear,
    sinceStart,
    shareOf2021: year === 2021 && target2021Persons ? inYear / target2021Persons : null,
    shareOf2025: target2025Persons ? sinceStart / target2025Persons : null,
  };
}
