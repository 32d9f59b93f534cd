import { describe, expect, it } from 'vitest';
import { citation } from '../common/rule-check';
import { checkProjectCertificateShare, toPersons } from './target.rules';

describe('toPersons (8号 附件1–5 units)', () => {
  it.each([
    ['15.50', '万人次', 155_000], // 昆明市 total, 附件1
    ['0.85', '万人次', 8_500], // 全省 大学生技能培训, 附件1
    ['0.28', '万人次', 2_800], // 2800.0000000000005 in floating point
    ['0.07', '万人次', 700], // 700.0000000000001 in floating point
    ['60', '万人次', 600_000],
    ['0', '万人次', 0],
    ['2', '万人', 20_000], // 云南技师学院, 附件2
    ['1.5', '万人', 15_000],
    ['17240', '人次', 17_240], // 昆明市 provincial projects, 附件4
    ['5700', '人', 5_700],
    [' 3.50 ', '万人次', 35_000],
  ])('8号 附件: %s %s → %i persons', (value, unit, persons) => {
    expect(toPersons(value, unit)).toBe(persons);
  });

  it('8号 附件1: the 16 州市 totals add up to the province’s 60 万人次 exactly', () => {
    const totals = [
      '15.50',
      '8.00',
      '3.50',
      '2.50',
      '5.00',
      '1.50',
      '3.00',
      '3.50',
      '2.50',
      '4.50',
      '3.00',
      '1.00',
      '3.50',
      '1.80',
      '0.60',
      '0.60',
    ];
    expect(totals.reduce((sum, v) => sum + toPersons(v, '万人次'), 0)).toBe(toPersons('60', '万人次'));
  });

  it.each(['万', '人/次', 'persons', '', 'toString'])('8号 附件: unknown unit %j is refused', (unit) => {
    expect(() => toPersons('1', unit)).toThrow(RangeError);
  });

  it.each(['-1', '1e3', '1,000', '.5', '1.', '', 'abc', '１'])('8号 附件: malformed number %j is refused', (value) => {
    expect(() => toPersons(value, '人次')).toThrow(RangeError);
  });

  it('8号 附件: a value that is not a whole number of persons is refused', () => {
    expect(() => toPersons('0.12345', '万人')).toThrow(/whole number/);
    expect(() => toPersons('1.5', '人')).toThrow(RangeError);
    expect(toPersons('0.12340', '万人')).toBe(1_234);
  });
});

describe('checkProjectCertificateShare', () => {
  it('8号 附件4 说明: exactly 60 % passes', () => {
    const c = checkProjectCertificateShare({ certificateClassTrainees: 6_000, totalTrainees: 10_000 });
    expect(c.passed).toBe(true);
    expect(c.ruleId).toBe('project.certificate-share');
    expect(c.message).toBe('等级证书类培训6000人次，占总计划10000人次的60%，达到规定的60%');
    expect(citation(c.clause)).toBe('云人社通〔2022〕8号 附件4 说明');
  });

  it('8号 附件4 说明: one trainee short of 60 % fails, and is not shown rounded up to 60 %', () => {
    const c = checkProjectCertificateShare({ certificateClassTrainees: 5_999, totalTrainees: 10_000 });
    expect(c.passed).toBe(false);
    expect(c.message).toBe('等级证书类培训5999人次，占总计划10000人次的59.9%，低于规定的60%');
  });

  it('8号 附件4 说明: shares that are not round numbers are compared exactly', () => {
    // 一心堂: 10200 planned; 60 % is 6120.
    expect(checkProjectCertificateShare({ certificateClassTrainees: 6_120, totalTrainees: 10_200 }).passed).toBe(true);
    expect(checkProjectCertificateShare({ certificateClassTrainees: 6_119, totalTrainees: 10_200 }).passed).toBe(false);
    expect(checkProjectCertificateShare({ certificateClassTrainees: 3, totalTrainees: 5 }).passed).toBe(true);
    // 59.997 % would read as 60.0 % if rounded before comparing: it must still fail.
    const nearly = checkProjectCertificateShare({ certificateClassTrainees: 59_997, totalTrainees: 100_000 });
    expect(nearly.passed).toBe(false);
    expect(nearly.message).toContain('的59.9%，低于');
  });

  it('8号 附件4 说明: a zero plan (many unit × 州市 cells of 附件4) passes as not applicable', () => {
    const c = checkProjectCertificateShare({ certificateClassTrainees: 0, totalTrainees: 0 });
    expect(c.passed).toBe(true);
    expect(c.message).toContain('不适用');
  });

  it('8号 附件4 说明: impossible counts are refused', () => {
    expect(() => checkProjectCertificateShare({ certificateClassTrainees: 11, totalTrainees: 10 })).toThrow(RangeError);
    expect(() => checkProjectCertificateShare({ certificateClassTrainees: -1, totalTrainees: 10 })).toThrow(RangeError);
    expect(() => checkProjectCertificateShare({ certificateClassTrainees: 1.5, totalTrainees: 10 })).toThrow(
      RangeError,
    );
  });
});
