import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import {
  CALENDAR_YEARS,
  calendarCovers,
  firstWorkingDayFrom,
  isWorkingDay,
  nthWorkingDayFrom,
  workingDaysAfter,
} from './working-days';

// Each year's Spring Festival and National Day as the State Council announced them: the holidays
// and the weekend days made working days (调休补班). Checked against the published notices.
const YEARS = [
  {
    year: 2021,
    holidays: ['2021-02-11', '2021-02-17', '2021-10-01', '2021-10-07'],
    madeWorking: ['2021-02-07', '2021-02-20', '2021-09-26', '2021-10-09'],
  },
  {
    year: 2022,
    holidays: ['2022-01-31', '2022-02-06', '2022-10-01', '2022-10-07'],
    madeWorking: ['2022-01-29', '2022-01-30', '2022-10-08', '2022-10-09'],
  },
  {
    year: 2023,
    holidays: ['2023-01-21', '2023-01-27', '2023-09-29', '2023-10-06'],
    madeWorking: ['2023-01-28', '2023-01-29', '2023-10-07', '2023-10-08'],
  },
  {
    year: 2024,
    holidays: ['2024-02-10', '2024-02-17', '2024-10-01', '2024-10-07'],
    madeWorking: ['2024-02-04', '2024-02-18', '2024-09-29', '2024-10-12'],
  },
  {
    year: 2025,
    holidays: ['2025-01-28', '2025-02-04', '2025-10-01', '2025-10-08'],
    madeWorking: ['2025-01-26', '2025-02-08', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    holidays: ['2026-02-15', '2026-02-23', '2026-10-01', '2026-10-07'],
    madeWorking: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10'],
  },
];

describe('the working-day calendar', () => {
  it('covers every year the catalogue publishes notices for (2021–2026)', () => {
    expect(CALENDAR_YEARS.first).toBeLessThanOrEqual(2021);
    expect(CALENDAR_YEARS.last).toBeGreaterThanOrEqual(2026);
    expect(calendarCovers('2021-01-01')).toBe(true);
    expect(calendarCovers('2026-12-31')).toBe(true);
  });

  describe.each(YEARS)('$year', ({ holidays, madeWorking }) => {
    it('knows the public holidays, even on weekdays', () => {
      for (const d of holidays) expect(isWorkingDay(d), d).toBe(false);
    });
    it('knows the weekend days made working days', () => {
      for (const d of madeWorking) expect(isWorkingDay(d), d).toBe(true);
    });
  });

  it('counts a plain week Monday to Friday', () => {
    expect(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'].map(isWorkingDay)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(isWorkingDay('2026-11-21')).toBe(false);
    expect(isWorkingDay('2026-11-22')).toBe(false);
  });

  it('counts n working days from a day, the day itself first when it is one', () => {
    expect(nthWorkingDayFrom('2026-11-16', 1)).toBe('2026-11-16');
    expect(nthWorkingDayFrom('2026-11-16', 5)).toBe('2026-11-20');
    expect(nthWorkingDayFrom('2026-11-20', 5)).toBe('2026-11-26');
    // Published on a Saturday: the period starts on Monday.
    expect(nthWorkingDayFrom('2026-11-21', 1)).toBe('2026-11-23');
    // Across National Day 2026: 28, 29, 30 Sep, then 8 and 9 Oct (10 Oct is a make-up Saturday).
    expect(nthWorkingDayFrom('2026-09-28', 5)).toBe('2026-10-09');
    expect(nthWorkingDayFrom('2026-09-28', 6)).toBe('2026-10-10');
    // Across the 2022 Spring Festival: 27, 28, 29 (Sat, made working), 30 (Sun, made working) Jan, 7 Feb.
    expect(nthWorkingDayFrom('2022-01-27', 5)).toBe('2022-02-07');
    expect(firstWorkingDayFrom('2026-10-01')).toBe('2026-10-08');
  });

  it('counts the working days between two days', () => {
    expect(workingDaysAfter('2026-09-30', '2026-10-09')).toBe(2);
    expect(workingDaysAfter('2026-11-16', '2026-11-16')).toBe(0);
    expect(workingDaysAfter('2026-11-20', '2026-11-16')).toBe(0);
    expect(workingDaysAfter('2022-01-26', '2022-02-07')).toBe(5);
  });

  it('counts years the calendar does not hold yet Monday to Friday, provisionally', () => {
    const later = `${CALENDAR_YEARS.last + 1}-03-01`;
    expect(calendarCovers(later)).toBe(false);
    const weekday = new Date(`${later}T00:00:00Z`).getUTCDay();
    expect(isWorkingDay(later)).toBe(weekday !== 0 && weekday !== 6);
  });

  it('answers the same for a day asked again, after more days than it keeps', () => {
    const first = YEARS.map((y) => [...y.holidays, ...y.madeWorking].map(isWorkingDay));
    // 12,000 other days, more than the 10,000 answers kept: the kept answers are let go once.
    for (let i = 0; i < 12_000; i++) isWorkingDay(addDays('1990-01-01', i));
    expect(YEARS.map((y) => [...y.holidays, ...y.madeWorking].map(isWorkingDay))).toEqual(first);
    expect(first.flat()).toEqual(
      YEARS.flatMap((y) => [...y.holidays.map(() => false), ...y.madeWorking.map(() => true)]),
    );
    expect(() => isWorkingDay('2026-02-30')).toThrow(/date must be/);
  });

  it('rejects what is not a date, naming the argument', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(/date must be a YYYY-MM-DD date/);
    expect(() => nthWorkingDayFrom('2026-11-16', 0)).toThrow(/n must be a whole number/);
    expect(() => workingDaysAfter('x', '2026-11-16')).toThrow(/from must be/);
  });
});
