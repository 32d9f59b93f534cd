import { describe, expect, it } from 'vitest';
import { CertificateType, Enrolment, InstitutionType, SkillLevel } from '../common/enums';
import { citation } from '../common/rule-check';
import { IN_2021, IN_50, IN_8, check, facts, ids } from './course.rules.fixture';

// The course rules about who may train what: 考培分离, the institution's standing, admission to
// the directory, an enterprise centre's own staff. The editions and the rules of the class itself
// (hours, size, teachers) are in course.rules.test.ts.

describe('course.exam-training-separation (考培分离)', () => {
  const own = { assessingAgency: { id: 3, institutionId: 7 } };

  it('8号 三(十): an agency belonging to the trainer fails', () => {
    const c = check(facts({ ...own, startDate: IN_8, endDate: '2022-06-20' }), 'course.exam-training-separation');
    expect(c.passed).toBe(false);
    expect(citation(c.clause)).toBe('云人社通〔2022〕8号 三(十)');
  });

  it('50号 (十一): an agency belonging to the trainer fails and cites (十一)', () => {
    const c = check(facts(own), 'course.exam-training-separation');
    expect(c.passed).toBe(false);
    expect(c.message).toContain('考培分离');
    expect(citation(c.clause)).toBe('云人社通〔2022〕50号 (十一)');
  });

  it('50号 (十一): the sole-agency exemption approved locally (考培结合) passes', () => {
    expect(check(facts({ ...own, soleAgencyExemption: true }), 'course.exam-training-separation').passed).toBe(true);
  });

  it('50号 (十一): an independent agency passes, including one that belongs to no institution', () => {
    expect(
      check(facts({ assessingAgency: { id: 3, institutionId: 8 } }), 'course.exam-training-separation').passed,
    ).toBe(true);
    expect(
      check(facts({ assessingAgency: { id: 3, institutionId: null } }), 'course.exam-training-separation').passed,
    ).toBe(true);
  });

  it('50号 (十一): a certificate class without an assessing agency fails', () => {
    const c = check(facts({ assessingAgency: null }), 'course.exam-training-separation');
    expect(c.passed).toBe(false);
    expect(c.message).toBe('本班没有指定评价机构，无法做到考培分离');
  });

  it('50号 (十一): a 培训合格 class without an agency passes', () => {
    const c = check(
      facts({ assessingAgency: null, certificateType: CertificateType.TRAINING_QUALIFIED, level: SkillLevel.NONE }),
      'course.exam-training-separation',
    );
    expect(c.passed).toBe(true);
  });

  it('2021 notice: has no 考培分离 clause, so a 2021 class is not checked', () => {
    expect(ids(facts({ ...own, startDate: IN_2021, endDate: '2021-06-20' }))).not.toContain(
      'course.exam-training-separation',
    );
  });
});

describe('course.institution-standing', () => {
  const blacklisted = (blacklistedFrom: string, licenceRevokedOn: string | null = null) => ({
    id: 7,
    type: InstitutionType.PRIVATE_TRAINING_INSTITUTION,
    blacklistedFrom,
    blacklistedUntil: null,
    licenceRevokedOn,
  });
  const inst = blacklisted('2022-06-01');

  it.each([
    ['2022-05-20', '2022-05-31', true], // finished the day before the decision
    ['2022-06-01', '2022-06-20', false], // starts on the first day of the bar
    ['2025-05-31', '2025-06-20', false], // starts on the last day of the three years
    ['2025-06-01', '2025-06-20', true], // starts on the third anniversary
  ])(
    '8号 四(三) / 50号 (十九): blacklisted 2022-06-01, a subsidised class %s → %s passes: %s',
    (startDate, endDate, passed) => {
      expect(check(facts({ startDate, endDate, institution: inst }), 'course.institution-standing').passed).toBe(
        passed,
      );
    },
  );

  it('8号 四(三): the failure names the end of the bar and cites 8号 before 50号', () => {
    const c = check(
      facts({ startDate: IN_8, endDate: '2022-06-20', institution: inst }),
      'course.institution-standing',
    );
    expect(c.message).toBe('该机构在黑名单中，2025年6月1日前不能开办政府补贴培训班');
    expect(citation(c.clause)).toBe('云人社通〔2022〕8号 四(三)');
  });

  it('50号 (十九): after 2022-11-05 the failure cites (十九)', () => {
    const c = check(
      facts({ startDate: '2023-01-10', endDate: '2023-01-30', institution: inst }),
      'course.institution-standing',
    );
    expect(c.passed).toBe(false);
    expect(citation(c.clause)).toBe('云人社通〔2022〕50号 (十九)');
  });

  it('8号 四(三): a class running when the institution is blacklisted fails, once the decision is known', () => {
    const running = facts({ startDate: '2022-05-20', endDate: '2022-06-20', institution: inst });
    expect(check(running, 'course.institution-standing', '2022-05-31').passed).toBe(true);
    const c = check(running, 'course.institution-standing', '2022-06-10');
    expect(c.passed).toBe(false);
    expect(c.message).toContain('本班开班后，该机构于2022年6月1日被列入黑名单');
  });

  it('8号 四(三): a recorded end of the bar is used as given', () => {
    const shortBar = { ...inst, blacklistedUntil: '2023-06-01' };
    expect(
      check(
        facts({ startDate: '2023-05-31', endDate: '2023-06-20', institution: shortBar }),
        'course.institution-standing',
      ).passed,
    ).toBe(false);
    expect(
      check(
        facts({ startDate: '2023-06-01', endDate: '2023-06-20', institution: shortBar }),
        'course.institution-standing',
      ).passed,
    ).toBe(true);
  });

  it('8号 四(三): the bar concerns subsidised training; an unsubsidised class passes', () => {
    const c = check(
      facts({ startDate: IN_8, endDate: '2022-06-20', institution: inst, subsidised: false }),
      'course.institution-standing',
    );
    expect(c.passed).toBe(true);
  });

  it('50号 (十九): a revoked licence fails from its date on, subsidised or not', () => {
    const revoked = blacklisted('2022-06-01', '2023-01-01');
    for (const subsidised of [true, false]) {
      const c = check(
        facts({ startDate: '2026-01-05', endDate: '2026-01-30', institution: revoked, subsidised }),
        'course.institution-standing',
      );
      expect(c.passed).toBe(false);
      expect(c.message).toBe('该机构已于2023年1月1日被取消办学许可，不能开班');
    }
    expect(
      check(
        facts({ startDate: '2022-12-01', endDate: '2022-12-31', institution: revoked, subsidised: false }),
        'course.institution-standing',
      ).passed,
    ).toBe(true);
  });

  it('2021 notice: has no blacklist clause, so a 2021 class is not checked', () => {
    expect(
      ids(facts({ startDate: IN_2021, endDate: '2021-06-20', institution: blacklisted('2021-01-01') })),
    ).not.toContain('course.institution-standing');
  });
});

describe('course.directory-admission', () => {
  it('50号 (十三): a skill-level class without a national standard may not open', () => {
    const c = check(
      facts({ occupation: { hasNationalStandard: false, agenciesInProvince: 2 } }),
      'course.directory-admission',
    );
    expect(c.passed).toBe(false);
    expect(c.message).toBe('该职业（工种）没有国家职业标准，按规定不能开班');
    expect(citation(c.clause)).toBe('云人社通〔2022〕50号 (十三)');
  });

  it('50号 (十三): no evaluation agency in the province: no class, whatever the certificate', () => {
    for (const certificateType of [CertificateType.SKILL_LEVEL, CertificateType.SPECIAL_ABILITY]) {
      const c = check(
        facts({ certificateType, occupation: { hasNationalStandard: true, agenciesInProvince: 0 } }),
        'course.directory-admission',
      );
      expect(c.passed).toBe(false);
      expect(c.message).toContain('省内没有评价机构');
    }
  });

  it('50号 (十三): a 专项职业能力 class needs no national standard', () => {
    const c = check(
      facts({
        certificateType: CertificateType.SPECIAL_ABILITY,
        level: SkillLevel.NONE,
        occupation: { hasNationalStandard: false, agenciesInProvince: 1 },
      }),
      'course.directory-admission',
    );
    expect(c.passed).toBe(true);
  });

  it('50号 (四): a subsidised class outside the directory edition in force fails', () => {
    const c = check(facts({ inDirectory: false }), 'course.directory-admission');
    expect(c.passed).toBe(false);
    expect(c.message).toContain('不在当年培训补贴目录内');
    expect(citation(c.clause)).toBe('云人社通〔2022〕50号 (四)');
  });

  it('50号 (四): an unsubsidised class need not be in the directory', () => {
    expect(check(facts({ inDirectory: false, subsidised: false }), 'course.directory-admission').passed).toBe(true);
  });

  it('50号 (十三): applies from 2022-11-05 only', () => {
    expect(ids(facts({ startDate: '2022-11-04', endDate: '2022-11-30', inDirectory: false }))).not.toContain(
      'course.directory-admission',
    );
  });
});

describe('course.enterprise-own-staff', () => {
  const centre = (type = InstitutionType.ENTERPRISE_TRAINING_CENTRE) => ({
    id: 7,
    type,
    blacklistedFrom: null,
    blacklistedUntil: null,
    licenceRevokedOn: null,
  });

  it.each([
    [IN_2021, '云人社（2021）职业技能提升行动通知 二(七)'],
    [IN_8, '云人社通〔2022〕8号 三(三)'],
    [IN_50, '云人社通〔2022〕50号 (五)'],
  ])(
    '2021 二(七) / 8号 三(三) / 50号 (五): starting %s, an enterprise centre open to the public fails (%s)',
    (startDate, cited) => {
      const endDate = `${startDate.slice(0, 8)}28`;
      const c = check(
        facts({ startDate, endDate, institution: centre(), enrolment: Enrolment.PUBLIC }),
        'course.enterprise-own-staff',
      );
      expect(c.passed).toBe(false);
      expect(c.message).toBe('企业职工培训中心只能培训本企业职工，不能面向社会招生');
      expect(citation(c.clause)).toBe(cited);
      expect(
        check(
          facts({ startDate, endDate, institution: centre(), enrolment: Enrolment.OWN_STAFF }),
          'course.enterprise-own-staff',
        ).passed,
      ).toBe(true);
    },
  );

  it('2021 二(七): other institutions may enrol the public', () => {
    expect(
      check(facts({ institution: centre(InstitutionType.TECHNICAL_SCHOOL) }), 'course.enterprise-own-staff').passed,
    ).toBe(true);
  });
});
