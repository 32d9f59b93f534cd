import { describe, expect, it } from 'vitest';
import { CertificateType, CourseCategory, CourseMode, InstitutionType, SkillLevel, TargetTable } from '../common/enums';
import { deliveryOf, programmeDelivery, TARGET_MEASURES, type DeliveryCell } from './target-progress.rules';

const cell = (over: Partial<DeliveryCell>): DeliveryCell => ({
  prefecture: '530100',
  institution: 100,
  institutionType: InstitutionType.PRIVATE_TRAINING_INSTITUTION,
  projectUnit: null,
  certificateType: CertificateType.SKILL_LEVEL,
  level: SkillLevel.LEVEL_5,
  category: CourseCategory.SKILLS,
  mode: CourseMode.OFFLINE,
  trainees: 10,
  certified: 8,
  ...over,
});
const cells: DeliveryCell[] = [
  cell({}),
  cell({ prefecture: '530300', trainees: 5, certified: 5 }),
  cell({ level: SkillLevel.LEVEL_3, trainees: 4, certified: 3 }),
  cell({ certificateType: CertificateType.SPECIAL_ABILITY, level: SkillLevel.NONE, trainees: 7, certified: 7 }),
  cell({ institution: 1, institutionType: InstitutionType.TECHNICAL_SCHOOL, trainees: 20, certified: 18 }),
  cell({
    institution: 2,
    institutionType: InstitutionType.TECHNICAL_SCHOOL,
    prefecture: '530300',
    trainees: 6,
    certified: 6,
  }),
  cell({
    category: CourseCategory.ENTREPRENEURSHIP,
    certificateType: CertificateType.TRAINING_QUALIFIED,
    level: SkillLevel.NONE,
    trainees: 25,
    certified: 25,
  }),
  cell({
    category: CourseCategory.ENTREPRENEURSHIP,
    certificateType: CertificateType.TRAINING_QUALIFIED,
    level: SkillLevel.NONE,
    mode: CourseMode.ONLINE,
    trainees: 30,
    certified: 30,
  }),
  cell({ projectUnit: 41, trainees: 12, certified: 12 }),
  cell({ projectUnit: 42, prefecture: '530300', trainees: 9, certified: 9 }),
];
const row = (
  table: TargetTable,
  metric: string,
  region: string | null,
  persons: number,
  institution: number | null = null,
) => ({ table, metric, region, institution, persons });

describe('delivery against the 2022 targets (8号 附件1, 2, 4, 5)', () => {
  it('附件1 完成培训人数: subsidised trainees of the 州市; the province row counts every 州市', () => {
    expect(deliveryOf(row(TargetTable.PREFECTURE_PLAN, 'total', '530100', 200), cells)).toMatchObject({
      measured: true,
      delivered: 10 + 4 + 7 + 20 + 25 + 30 + 12,
      share: 108 / 200,
    });
    expect(deliveryOf(row(TargetTable.PREFECTURE_PLAN, 'total', '530000', 0), cells)).toMatchObject({
      delivered: 128,
      share: null,
    });
  });

  it('附件1 certificates: certified trainees of graded-certificate classes, and of level 3 and above', () => {
    expect(deliveryOf(row(TargetTable.PREFECTURE_PLAN, 'certificate', '530100', 100), cells).delivered).toBe(
      8 + 3 + 18 + 12,
    );
    expect(deliveryOf(row(TargetTable.PREFECTURE_PLAN, 'certificate_high_level', '530100', 100), cells).delivered).toBe(
      3,
    );
  });

  it('附件1 technical schools and entrepreneurship; 附件5 splits classroom and online', () => {
    expect(deliveryOf(row(TargetTable.PREFECTURE_PLAN, 'technical_schools', '530100', 100), cells).delivered).toBe(20);
    expect(deliveryOf(row(TargetTable.PREFECTURE_PLAN, 'entrepreneurship', '530100', 100), cells).delivered).toBe(55);
    expect(deliveryOf(row(TargetTable.ENTREPRENEURSHIP, 'siyb', '530100', 100), cells).delivered).toBe(25);
    expect(deliveryOf(row(TargetTable.ENTREPRENEURSHIP, 'online', '530100', 100), cells).delivered).toBe(30);
  });

  it('附件2: a school counts its own classes anywhere; the total row counts every technical school', () => {
    expect(deliveryOf(row(TargetTable.TECHNICAL_SCHOOL, 'target', null, 20000, 1), cells)).toMatchObject({
      delivered: 20,
      share: 0.001,
    });
    expect(deliveryOf(row(TargetTable.TECHNICAL_SCHOOL, 'target', null, 200000, null), cells).delivered).toBe(26);
  });

  it('附件4: a unit in a 州市, a unit province-wide (州市汇总), every unit in a 州市 (row total)', () => {
    expect(deliveryOf(row(TargetTable.PROVINCIAL_PROJECT, 'persons', '530100', 100, 41), cells).delivered).toBe(12);
    expect(deliveryOf(row(TargetTable.PROVINCIAL_PROJECT, 'persons', '530100', 100, 42), cells).delivered).toBe(0);
    expect(deliveryOf(row(TargetTable.PROVINCIAL_PROJECT, 'persons', '530000', 100, 42), cells).delivered).toBe(9);
    expect(deliveryOf(row(TargetTable.PROVINCIAL_PROJECT, 'persons', '530300', 100, null), cells).delivered).toBe(9);
  });

  it('says why a column cannot be measured instead of guessing it', () => {
    for (const metric of ['rural_labour', 'apprenticeship', 'college_students', 'college_skills']) {
      const d = deliveryOf(row(TargetTable.PREFECTURE_PLAN, metric, '530100', 100), cells);
      expect(d).toMatchObject({ measured: false, delivered: null, share: null });
      expect(d.basis).toMatch(/无法从公示统计/);
    }
    expect(deliveryOf(row(TargetTable.PREFECTURE_PLAN, 'unknown_column', '530100', 100), cells).measured).toBe(false);
  });

  it('has a measure for every column of the 2022 tables', () => {
    const columns = [
      'total',
      'certificate',
      'certificate_high_level',
      'rural_labour',
      'technical_schools',
      'apprenticeship',
      'entrepreneurship',
      'college_students',
      'college_skills',
    ]
      .map((c) => `PREFECTURE_PLAN.${c}`)
      .concat(
        ['TECHNICAL_SCHOOL.target', 'PROVINCIAL_PROJECT.persons'],
        ['total', 'siyb', 'siyb_college', 'online', 'online_college', 'online_livestream_pilot'].map(
          (c) => `ENTREPRENEURSHIP.${c}`,
        ),
      );
    for (const c of columns) expect(TARGET_MEASURES[c], c).toBeDefined();
  });
});

describe('delivery against the 2021–2025 programme targets (云政发〔2021〕28号 二)', () => {
  it('compares 2021 with its own target and every year with the cumulative 2025 target', () => {
    expect(programmeDelivery(2021, { 2021: 30_000, 2022: 50_000 }, 80_000, 600_000)).toEqual({
      inYear: 30_000,
      sinceStart: 30_000,
      shareOf2021: 0.375,
      shareOf2025: 0.05,
    });
    expect(programmeDelivery(2022, { 2021: 30_000, 2022: 50_000, 2023: 1 }, 80_000, 600_000)).toEqual({
      inYear: 50_000,
      sinceStart: 80_000,
      shareOf2021: null,
      shareOf2025: 80_000 / 600_000,
    });
    expect(programmeDelivery(2022, {}, null, null)).toEqual({
      inYear: 0,
      sinceStart: 0,
      shareOf2021: null,
      shareOf2025: null,
    });
  });
});
