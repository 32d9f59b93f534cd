import { describe, expect, it } from 'vitest';
import { CertificateType } from '../common/enums';
import { citation } from '../common/rule-check';
import { admissionGaps, checkDirectoryAdmission, isGradedCertificate } from './directory.rules';

const GRADED = [CertificateType.VOCATIONAL_QUALIFICATION, CertificateType.SKILL_LEVEL];
const OTHER = [CertificateType.SPECIAL_ABILITY, CertificateType.SPECIAL_OPERATION, CertificateType.TRAINING_QUALIFIED];

describe('checkDirectoryAdmission', () => {
  it.each(GRADED)('50号 (四): %s with a national standard and one agency is admitted', (certificateType) => {
    const c = checkDirectoryAdmission({ certificateType, hasNationalStandard: true, agenciesInProvince: 1 });
    expect(c.passed).toBe(true);
    expect(c.ruleId).toBe('directory.admission');
    expect(citation(c.clause)).toBe('云人社通〔2022〕50号 (四)');
  });

  it.each(GRADED)('50号 (四): %s without a national standard is not added', (certificateType) => {
    const c = checkDirectoryAdmission({ certificateType, hasNationalStandard: false, agenciesInProvince: 4 });
    expect(c.passed).toBe(false);
    expect(c.message).toBe('该职业（工种）没有国家职业标准，不能列入培训补贴目录');
  });

  it.each(GRADED)('50号 (四): %s with no evaluation agency in the province is not added', (certificateType) => {
    const c = checkDirectoryAdmission({ certificateType, hasNationalStandard: true, agenciesInProvince: 0 });
    expect(c.passed).toBe(false);
    expect(c.message).toContain('省内没有评价机构');
  });

  it('50号 (四): both gaps are named together', () => {
    const c = checkDirectoryAdmission({
      certificateType: CertificateType.SKILL_LEVEL,
      hasNationalStandard: false,
      agenciesInProvince: 0,
    });
    expect(c.passed).toBe(false);
    expect(c.message).toContain('没有国家职业标准，省内也没有评价机构');
    expect(c.messageEn).toContain('no national occupational standard and no evaluation agency');
  });

  it.each(OTHER)('50号 (十三): %s needs no national standard but an agency', (certificateType) => {
    const ok = checkDirectoryAdmission({ certificateType, hasNationalStandard: false, agenciesInProvince: 1 });
    expect(ok.passed).toBe(true);
    expect(citation(ok.clause)).toBe('云人社通〔2022〕50号 (十三)');
    const none = checkDirectoryAdmission({ certificateType, hasNationalStandard: true, agenciesInProvince: 0 });
    expect(none.passed).toBe(false);
    expect(none.message).toContain('省内没有评价机构');
  });

  it('50号 (四)/(十三): the agency count must be a whole number', () => {
    expect(() =>
      admissionGaps({
        certificateType: CertificateType.SKILL_LEVEL,
        hasNationalStandard: true,
        agenciesInProvince: -1,
      }),
    ).toThrow(RangeError);
    expect(() =>
      admissionGaps({
        certificateType: CertificateType.SKILL_LEVEL,
        hasNationalStandard: true,
        agenciesInProvince: 1.5,
      }),
    ).toThrow(RangeError);
  });

  it('8号 三(十一): only 职业资格 and 职业技能等级 are graded certificates', () => {
    expect(GRADED.every(isGradedCertificate)).toBe(true);
    expect(OTHER.some(isGradedCertificate)).toBe(false);
  });
});
