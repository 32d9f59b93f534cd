import { describe, expect, it } from 'vitest';
import {
  classOutcomes,
  institutionOutcomes,
  outcomeWindow,
  SMALL_GROUP_MINIMUM,
  suppressCount,
  suppressRate,
  suppressTotal,
} from './outcomes.rules';

describe('suppressCount', () => {
  it('shows 10 and more, hides 0–9 as "fewer than 10"', () => {
    expect(SMALL_GROUP_MINIMUM.value).toBe(10);
    expect(suppressCount(10)).toEqual({ value: 10, suppressed: false, display: '10', displayEn: '10' });
    expect(suppressCount(9)).toEqual({
      value: null,
      suppressed: true,
      display: '少于10人',
      displayEn: 'fewer than 10',
    });
    expect(suppressCount(0).suppressed).toBe(true);
  });
  it('refuses what is not a count', () => {
    expect(() => suppressCount(-1)).toThrow(RangeError);
    expect(() => suppressCount(2.5)).toThrow(RangeError);
  });
});

describe('suppressTotal', () => {
  it('hides a total whose hidden parts add up to fewer than 10 (no recovery by subtraction)', () => {
    expect(suppressTotal([25, 4]).suppressed).toBe(true);
    expect(suppressTotal([25, 0]).suppressed).toBe(true);
    expect(suppressTotal([25, 4, 3]).suppressed).toBe(true);
  });
  it('shows a total whose hidden parts together are 10 or more, or that has none', () => {
    expect(suppressTotal([25, 6, 5]).value).toBe(36);
    expect(suppressTotal([25, 14]).value).toBe(39);
    expect(suppressTotal([]).suppressed).toBe(true);
  });
});

describe('suppressRate', () => {
  it('needs both numerator and base shown', () => {
    expect(suppressRate(suppressCount(18), suppressCount(20), { numerator: 18, base: 20 })).toMatchObject({
      value: 0.9,
      display: '90%',
      suppressed: false,
    });
    expect(suppressRate(suppressCount(8), suppressCount(20), { numerator: 8, base: 20 })).toMatchObject({
      value: null,
      suppressed: true,
      displayEn: 'not shown (fewer than 10 people)',
    });
    expect(suppressRate(suppressCount(8), suppressCount(9), { numerator: 8, base: 9 }).suppressed).toBe(true);
  });
});

describe('classOutcomes', () => {
  it('suppresses subsidised under 10 even when listed is shown', () => {
    const o = classOutcomes({ listed: 24, certified: 21, subsidised: 8 });
    expect([o.listed.value, o.certified.value, o.subsidised.value]).toEqual([24, 21, null]);
  });
});

describe('institutionOutcomes', () => {
  it('gives the classes and the certification rate', () => {
    const o = institutionOutcomes(3, [
      { listed: 30, certified: 27, subsidised: 25 },
      { listed: 20, certified: 18, subsidised: 18 },
    ]);
    expect(o).toMatchObject({ classes: 3, classesWithNotice: 2 });
    expect(o.listed.value).toBe(50);
    expect(o.certificationRate.display).toBe('90%');
  });
  it("hides the rate when it would give back one class's hidden certified count", () => {
    // Class A shows listed 25 and hides certified 8; B shows 30 and 28. 36/55 would give 8 back.
    const o = institutionOutcomes(2, [
      { listed: 25, certified: 8, subsidised: 8 },
      { listed: 30, certified: 28, subsidised: 28 },
    ]);
    expect(o.listed.value).toBe(55);
    expect(o.certificationRate.suppressed).toBe(true);
  });
  it('hides everything for a single small class', () => {
    const o = institutionOutcomes(1, [{ listed: 7, certified: 7, subsidised: 6 }]);
    expect([o.listed.suppressed, o.certificationRate.suppressed]).toEqual([true, true]);
  });
});

describe('outcomeWindow', () => {
  it('is the last three years up to today', () => {
    expect(outcomeWindow('2026-12-02')).toEqual({ from: '2023-12-02', to: '2026-12-02' });
  });
});
