import { describe, expect, it } from 'vitest';
import { citation } from '../common/rule-check';
import { MIN_ATTENDANCE, checkSubsidyEligibility, isEligible } from './subsidy.rules';

const byId = (rate: number, hasCertificate: boolean, id: string) => {
  const c = checkSubsidyEligibility({ attendanceRate: rate, hasCertificate }).find((x) => x.ruleId === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
};

describe('subsidy eligibility', () => {
  it('50号 (十四): the minimum attendance is 80 % and cites its clause', () => {
    expect(MIN_ATTENDANCE.value).toBe(0.8);
    expect(citation(MIN_ATTENDANCE.clause)).toBe('云人社通〔2022〕50号 (十四)');
  });

  it.each([
    [0.8, true],
    [24 / 30, true],
    [1, true],
    [0.1 * 8, true], // 0.8000000000000002
    [0.7 + 0.1 - 1e-12, true], // a rounding hair below 0.8 still counts as 80 %
    [0.7999, false],
    [23 / 30, false],
    [0, false],
  ])('50号 (十四): attendance %f → eligible on attendance: %s', (rate, passed) => {
    expect(byId(rate, true, 'subsidy.attendance').passed).toBe(passed);
  });

  it('50号 (十四): the message gives both percentages', () => {
    expect(byId(0.75, true, 'subsidy.attendance').message).toBe('出勤率75%，低于规定的80%，不能申请培训补贴');
    expect(byId(0.8, true, 'subsidy.attendance').message).toBe('出勤率80%，达到规定的80%');
  });

  it('50号 (十四): a failing rate never displays as 80 %', () => {
    expect(byId(0.7999, true, 'subsidy.attendance').message).toContain('出勤率79.9%');
  });

  it('50号 (五): no certificate or certificate number, no subsidy', () => {
    const c = byId(0.95, false, 'subsidy.certificate');
    expect(c.passed).toBe(false);
    expect(c.message).toBe('没有取得证书或证书编号，不能享受培训补贴');
    expect(citation(c.clause)).toBe('云人社通〔2022〕50号 (五)');
    expect(byId(0.95, true, 'subsidy.certificate').passed).toBe(true);
  });

  it('50号 (十四), (五): eligible only when both hold', () => {
    expect(isEligible({ attendanceRate: 0.8, hasCertificate: true })).toBe(true);
    expect(isEligible({ attendanceRate: 0.79, hasCertificate: true })).toBe(false);
    expect(isEligible({ attendanceRate: 0.9, hasCertificate: false })).toBe(false);
    expect(checkSubsidyEligibility({ attendanceRate: 0.9, hasCertificate: true }).map((c) => c.ruleId)).toEqual([
      'subsidy.attendance',
      'subsidy.certificate',
    ]);
  });

  it.each([-0.1, 1.01, Number.NaN, 80])('50号 (十四): attendance %f is not a rate in 0..1 and is refused', (rate) => {
    expect(() => checkSubsidyEligibility({ attendanceRate: rate, hasCertificate: true })).toThrow(RangeError);
  });
});
