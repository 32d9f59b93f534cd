import { describe, expect, it } from 'vitest';
import { completeCreditCode } from './credit-code';
import { findPersonalData, findResidentIds, maskResidentIdsIn } from './personal-data';
import { residentIdCheckDigit } from './resident-id';

const id = (first17: string) => first17 + residentIdCheckDigit(first17);

describe('finding personal data stored whole', () => {
  it('finds valid resident ID numbers anywhere in a text', () => {
    const a = id('53010219900307123');
    expect(findResidentIds(`{"x":"${a}"}`)).toEqual([{ kind: 'resident-id', at: 6 }]);
    expect(findResidentIds(`身份证${a.slice(0, 17)}x。`)).toHaveLength(a.endsWith('X') ? 1 : 0);
  });

  it('leaves masked numbers, wrong check digits, impossible birth dates and longer digit runs alone', () => {
    const a = id('53010219900307123');
    const wrong = a.slice(0, 17) + (a[17] === '0' ? '1' : '0');
    expect(findResidentIds(`530102********${a.slice(14)} ${wrong} 530102199002301230 9${a}`)).toEqual([]);
  });

  it('does not take an all-digit credit code (GB 32100) for an ID number', () => {
    let code = '';
    for (let n = 0; n < 100_000 && !code; n++) {
      const candidate = completeCreditCode(`9153010${String(n).padStart(10, '0')}`);
      if (/^\d{18}$/.test(candidate)) code = candidate;
    }
    expect(code).toMatch(/^\d{18}$/);
    expect(findResidentIds(code)).toEqual([]);
  });

  it('finds known raw values, and never returns the value itself', () => {
    const hits = findPersonalData('名单：欧阳一二、张*', ['欧阳一二', '李四']);
    expect(hits).toEqual([{ kind: 'known-value', at: 3 }]);
    expect(JSON.stringify(hits)).not.toContain('欧阳一二');
  });
});

describe('maskResidentIdsIn', () => {
  it('masks every whole ID number in a message, as the catalogue stores it, and leaves the rest', () => {
    const a = id('53010219900307123');
    expect(maskResidentIdsIn(`row 2, 公示编号 ("${a}"), then 11010519491231002X.`)).toBe(
      `row 2, 公示编号 ("530102********${a.slice(14)}"), then 110105********002X.`,
    );
    const wrongCheck = a.slice(0, 17) + (a.endsWith('1') ? '2' : '1');
    expect(maskResidentIdsIn(`第1号 4-10-01-05 ${wrongCheck}`)).toBe(`第1号 4-10-01-05 ${wrongCheck}`);
  });
});
