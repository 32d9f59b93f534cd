import { afterEach, describe, expect, it, vi } from 'vitest';
import { CertificateType, CourseCategory, CourseMode, CourseStatus, SkillLevel } from '../common/enums';
import { citation } from '../common/rule-check';
import { COURSE_RULES, CourseRuleEdition, checkCourse, courseRuleEditionFor, courseStatus } from './course.rules';
import { IN_2021, IN_50, IN_8, TODAY, check, facts, ids } from './course.rules.fixture';

// The rules about who may train what (考培分离, the institution's standing, the directory, an
// enterprise's own staff) are tested in course-institution.rules.test.ts.

describe('rule editions (the later document governs from its date)', () => {
  it.each([
    ['2020-12-31', '云人社（2021）职业技能提升行动通知'], // before the first edition: 2021 edition
    ['2021-03-15', '云人社（2021）职业技能提升行动通知'],
    ['2022-02-10', '云人社（2021）职业技能提升行动通知'],
    ['2022-02-11', '云人社通〔2022〕8号'],
    ['2022-11-04', '云人社通〔2022〕8号'],
    ['2022-11-05', '云人社通〔2022〕50号'],
    ['2030-01-01', '云人社通〔2022〕50号'],
  ])('2021 notice / 8号 / 50号: a class starting %s follows %s', (date, number) => {
    expect(courseRuleEditionFor(date).document.number).toBe(number);
  });

  it('50号: editions are picked by date even when listed out of order', () => {
    const reversed = [...COURSE_RULES].reverse();
    expect(courseRuleEditionFor('2022-06-01', reversed).document.number).toBe('云人社通〔2022〕8号');
  });

  it('50号: each edition is dated by its document', () => {
    for (const e of COURSE_RULES) expect(e.effectiveFrom).toBe(e.document.issuedOn);
  });

  it('2021 notice 二(七): malformed dates and empty rule sets are refused', () => {
    expect(() => courseRuleEditionFor('2022/06/01')).toThrow(RangeError);
    expect(() => courseRuleEditionFor('2022-06-01', [])).toThrow(RangeError);
    expect(() => checkCourse(facts({ startDate: '2023-02-30' }), TODAY)).toThrow(RangeError);
    expect(() => checkCourse(facts(), '31/12/2025')).toThrow(RangeError);
  });

  it('2021 notice 二(七): the 2021 edition has only the rules the 2021 notice sets', () => {
    expect(ids(facts({ startDate: IN_2021, endDate: '2021-06-20' }))).toEqual([
      'course.min-certificate-hours',
      'course.class-size',
      'course.daily-hours',
      'course.enterprise-own-staff',
    ]);
  });

  it('8号 三(十), 四(三): the 8号 edition adds 考培分离 and institution standing', () => {
    expect(ids(facts({ startDate: IN_8, endDate: '2022-06-20' }))).toEqual([
      'course.min-certificate-hours',
      'course.class-size',
      'course.daily-hours',
      'course.exam-training-separation',
      'course.institution-standing',
      'course.enterprise-own-staff',
    ]);
  });

  it('50号 (九), (十三): the 50号 edition applies all eight rules in order', () => {
    expect(ids(facts())).toEqual([
      'course.min-certificate-hours',
      'course.class-size',
      'course.daily-hours',
      'course.separate-teachers',
      'course.exam-training-separation',
      'course.institution-standing',
      'course.directory-admission',
      'course.enterprise-own-staff',
    ]);
  });

  it('50号: the reference class passes everything in every edition', () => {
    for (const [startDate, endDate] of [
      [IN_2021, '2021-06-20'],
      [IN_8, '2022-06-20'],
      [IN_50, '2023-03-20'],
    ]) {
      const failed = checkCourse(facts({ startDate, endDate }), TODAY).filter((c) => !c.passed);
      expect(failed).toEqual([]);
    }
  });

  it('50号: every check has a message in both languages and a clause', () => {
    for (const c of checkCourse(facts({ totalHours: 96, capacity: 70, hoursPerDay: 9 }), TODAY)) {
      expect(c.message).toMatch(/[\u4e00-\u9fff]/);
      expect(c.messageEn).toMatch(/[a-z]/);
      expect(c.clause.clause).not.toBe('');
    }
  });

  it('50号: rules never read the clock', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2021-01-01T00:00:00Z'));
    const before = checkCourse(facts(), TODAY);
    vi.setSystemTime(new Date('2040-01-01T00:00:00Z'));
    expect(checkCourse(facts(), TODAY)).toEqual(before);
  });

  afterEach(() => {
    vi.useRealTimers();
  });
});

describe('course.min-certificate-hours', () => {
  it.each([
    [IN_2021, '云人社（2021）职业技能提升行动通知 二(七)'],
    [IN_8, '云人社通〔2022〕8号 三(五)'],
    [IN_50, '云人社通〔2022〕8号 三(五)'], // 50号 does not restate it: 8号 still governs
  ])('2021 二(七) / 8号 三(五): starting %s, 119 class hours fail and 120 pass (%s)', (startDate, cited) => {
    const endDate = `${startDate.slice(0, 8)}28`;
    const short = check(facts({ startDate, endDate, totalHours: 119 }), 'course.min-certificate-hours');
    expect(short.passed).toBe(false);
    expect(short.message).toBe('本班共119课时，少于规定的120课时');
    expect(citation(short.clause)).toBe(cited);
    expect(check(facts({ startDate, endDate, totalHours: 120 }), 'course.min-certificate-hours').passed).toBe(true);
  });

  it.each([SkillLevel.LEVEL_5, SkillLevel.LEVEL_4, SkillLevel.LEVEL_3, SkillLevel.LEVEL_2, SkillLevel.LEVEL_1])(
    '8号 三(五): 各个等级 — %s needs 120 hours too',
    (level) => {
      expect(check(facts({ level, totalHours: 96 }), 'course.min-certificate-hours').message).toBe(
        '本班共96课时，少于规定的120课时',
      );
    },
  );

  it('8号 三(五): a 职业资格 class is held to the same minimum', () => {
    expect(
      check(
        facts({ certificateType: CertificateType.VOCATIONAL_QUALIFICATION, totalHours: 100 }),
        'course.min-certificate-hours',
      ).passed,
    ).toBe(false);
  });

  it.each([CertificateType.SPECIAL_ABILITY, CertificateType.SPECIAL_OPERATION, CertificateType.TRAINING_QUALIFIED])(
    '8号 三(五): a %s class may be shorter, and says the minimum does not apply',
    (certificateType) => {
      const c = check(
        facts({ certificateType, level: SkillLevel.NONE, totalHours: 40 }),
        'course.min-certificate-hours',
      );
      expect(c.passed).toBe(true);
      expect(c.message).toContain('不受120课时下限约束');
    },
  );

  it('8号 三(五): an unsubsidised certificate class may be shorter', () => {
    const c = check(facts({ subsidised: false, totalHours: 60 }), 'course.min-certificate-hours');
    expect(c.passed).toBe(true);
    expect(c.message).toBe('本班不享受政府补贴，不受120课时下限约束');
  });
});

describe('course.class-size', () => {
  it.each([IN_2021, IN_8, IN_50])(
    '2021 二(七) / 8号 三(五): starting %s, 60 trainees pass and 61 fail',
    (startDate) => {
      const endDate = `${startDate.slice(0, 8)}28`;
      expect(check(facts({ startDate, endDate, capacity: 60, enrolled: 60 }), 'course.class-size').passed).toBe(true);
      const over = check(facts({ startDate, endDate, capacity: 61, enrolled: 40 }), 'course.class-size');
      expect(over.passed).toBe(false);
      expect(over.message).toBe('本班计划招收61人，超过每个班最多60人的规定');
    },
  );

  it('8号 三(五): enrolment beyond the cap fails even when the planned capacity is within it', () => {
    const c = check(facts({ capacity: 60, enrolled: 61 }), 'course.class-size');
    expect(c.passed).toBe(false);
    expect(c.message).toBe('本班已报名61人，超过每个班最多60人的规定');
  });

  it('2021 二(七): an entrepreneurship class of 35 passes in 2021, 36 fails', () => {
    const base = {
      startDate: IN_2021,
      endDate: '2021-06-20',
      category: CourseCategory.ENTREPRENEURSHIP,
      certificateType: CertificateType.TRAINING_QUALIFIED,
    };
    expect(check(facts({ ...base, capacity: 35, enrolled: 35 }), 'course.class-size').passed).toBe(true);
    const c = check(facts({ ...base, capacity: 36, enrolled: 30 }), 'course.class-size');
    expect(c.passed).toBe(false);
    expect(c.message).toBe('本班计划招收36人，超过创业培训班最多35人的规定');
    expect(citation(c.clause)).toBe('云人社（2021）职业技能提升行动通知 二(七)');
  });

  it('8号 三(五): from 2022-02-11 the entrepreneurship cap is 30: 30 passes, 31 fails', () => {
    const base = {
      startDate: IN_8,
      endDate: '2022-06-20',
      category: CourseCategory.ENTREPRENEURSHIP,
      certificateType: CertificateType.TRAINING_QUALIFIED,
    };
    expect(check(facts({ ...base, capacity: 30, enrolled: 30 }), 'course.class-size').passed).toBe(true);
    const c = check(facts({ ...base, capacity: 31, enrolled: 31 }), 'course.class-size');
    expect(c.passed).toBe(false);
    expect(c.message).toContain('最多30人');
    expect(citation(c.clause)).toBe('云人社通〔2022〕8号 三(五)');
  });

  it('8号 三(五): 33 entrepreneurship trainees pass on 2022-02-10 and fail on 2022-02-11', () => {
    const base = {
      category: CourseCategory.ENTREPRENEURSHIP,
      certificateType: CertificateType.TRAINING_QUALIFIED,
      capacity: 33,
      enrolled: 33,
    };
    expect(check(facts({ ...base, startDate: '2022-02-10', endDate: '2022-02-20' }), 'course.class-size').passed).toBe(
      true,
    );
    expect(check(facts({ ...base, startDate: '2022-02-11', endDate: '2022-02-20' }), 'course.class-size').passed).toBe(
      false,
    );
  });
});

describe('course.daily-hours', () => {
  it.each([IN_2021, IN_8, IN_50])(
    '2021 二(七) / 8号 三(五): starting %s, 8 class hours a day pass and 8.5 fail',
    (startDate) => {
      const endDate = `${startDate.slice(0, 8)}28`;
      expect(check(facts({ startDate, endDate, hoursPerDay: 8 }), 'course.daily-hours').passed).toBe(true);
      const c = check(facts({ startDate, endDate, hoursPerDay: 8.5 }), 'course.daily-hours');
      expect(c.passed).toBe(false);
      expect(c.message).toBe('本班每天安排8.5课时，超过每天8课时的上限');
    },
  );

  it('50号 (六): an online class after 2022-11-05 is held to 8 a day and cites (六)', () => {
    const c = check(facts({ mode: CourseMode.ONLINE, hoursPerDay: 9 }), 'course.daily-hours');
    expect(c.passed).toBe(false);
    expect(c.message).toBe('本班线上培训每天累计9课时，超过每天8课时的上限');
    expect(citation(c.clause)).toBe('云人社通〔2022〕50号 (六)');
    expect(check(facts({ mode: CourseMode.ONLINE, hoursPerDay: 8 }), 'course.daily-hours').passed).toBe(true);
  });

  it('8号 三(五): before 50号 an online class falls under the general limit', () => {
    const c = check(
      facts({ startDate: IN_8, endDate: '2022-06-20', mode: CourseMode.ONLINE, hoursPerDay: 8.5 }),
      'course.daily-hours',
    );
    expect(c.passed).toBe(false);
    expect(citation(c.clause)).toBe('云人社通〔2022〕8号 三(五)');
  });

  it('8号 三(五): offline and mixed classes after 50号 still cite 8号 三(五)', () => {
    for (const mode of [CourseMode.OFFLINE, CourseMode.MIXED]) {
      const c = check(facts({ mode, hoursPerDay: 8.5 }), 'course.daily-hours');
      expect(c.passed).toBe(false);
      expect(citation(c.clause)).toBe('云人社通〔2022〕8号 三(五)');
    }
  });
});

describe('course.separate-teachers', () => {
  it('50号 (九): the same person as theory and practical teacher fails', () => {
    const c = check(facts({ theoryTeacherRef: 'T-001', practicalTeacherRef: 'T-001' }), 'course.separate-teachers');
    expect(c.passed).toBe(false);
    expect(citation(c.clause)).toBe('云人社通〔2022〕50号 (九)');
    expect(c.message).toContain('同一个人');
  });

  it('50号 (九): references are compared without surrounding spaces', () => {
    expect(
      check(facts({ theoryTeacherRef: 'T-001 ', practicalTeacherRef: ' T-001' }), 'course.separate-teachers').passed,
    ).toBe(false);
  });

  it.each([
    [null, 'T-002', '本班没有申报理论教师'],
    ['T-001', null, '本班没有申报实操教师'],
    [null, null, '本班没有申报理论教师和实操教师'],
    ['  ', 'T-002', '本班没有申报理论教师'],
  ])('50号 (九): undeclared teachers (%j, %j) fail: %s', (theoryTeacherRef, practicalTeacherRef, message) => {
    const c = check(facts({ theoryTeacherRef, practicalTeacherRef }), 'course.separate-teachers');
    expect(c.passed).toBe(false);
    expect(c.message).toBe(message);
  });

  it('50号 (九): applies from 2022-11-05 only', () => {
    const same = { theoryTeacherRef: 'T-001', practicalTeacherRef: 'T-001' };
    expect(ids(facts({ ...same, startDate: '2022-11-04', endDate: '2022-11-30' }))).not.toContain(
      'course.separate-teachers',
    );
    expect(
      check(facts({ ...same, startDate: '2022-11-05', endDate: '2022-11-30' }), 'course.separate-teachers').passed,
    ).toBe(false);
  });

  it('50号 (九): governs subsidised training only', () => {
    expect(
      check(
        facts({ subsidised: false, theoryTeacherRef: 'T-001', practicalTeacherRef: 'T-001' }),
        'course.separate-teachers',
      ).passed,
    ).toBe(true);
  });
});

describe('courseStatus', () => {
  const dates = { startDate: '2023-03-01', endDate: '2023-03-20', cancelledOn: null };

  it.each([
    ['2023-02-28', CourseStatus.PLANNED],
    ['2023-03-01', CourseStatus.IN_PROGRESS],
    ['2023-03-20', CourseStatus.IN_PROGRESS],
    ['2023-03-21', CourseStatus.FINISHED],
  ])('50号 (十四) 开班前验证、培训中检查、培训后考核: on %s a class is %s', (today, status) => {
    expect(courseStatus(dates, today)).toBe(status);
  });

  it('50号 (十四): a cancelled class is cancelled, whatever the day', () => {
    for (const today of ['2023-01-01', '2023-03-10', '2024-01-01']) {
      expect(courseStatus({ ...dates, cancelledOn: '2023-02-15' }, today)).toBe(CourseStatus.CANCELLED);
    }
  });
});

describe('custom editions', () => {
  it('50号: a caller-supplied edition list is honoured (rules are data)', () => {
    const strict: CourseRuleEdition = {
      ...COURSE_RULES[2],
      effectiveFrom: '2024-01-01',
      maxClassSize: { ...COURSE_RULES[2].maxClassSize, value: 40 },
    };
    const editions = [...COURSE_RULES, strict];
    expect(
      checkCourse(facts({ startDate: '2024-03-01', endDate: '2024-03-20', capacity: 45 }), TODAY, editions).find(
        (c) => c.ruleId === 'course.class-size',
      )?.passed,
    ).toBe(false);
    expect(
      checkCourse(facts({ capacity: 45 }), TODAY, editions).find((c) => c.ruleId === 'course.class-size')?.passed,
    ).toBe(true);
  });
});
