import { describe, expect, it } from 'vitest';
import { COURSE_STATUSES, courseStatusOn, openingOrder, statusFilters, statusFromApi } from './course-status';
import { dayNumber } from './notice-finder';

const TODAY = '2026-11-21';
const facts = { startDate: '2026-12-01', endDate: '2026-12-20', placesLeft: 3, cancelled: false };

describe('course status for a day', () => {
  it('enrolls before the start while places are left, is full without, runs from start to end, finishes after', () => {
    expect(courseStatusOn(facts, TODAY)).toBe('enrolling');
    expect(courseStatusOn({ ...facts, placesLeft: 0 }, TODAY)).toBe('full');
    expect(courseStatusOn(facts, '2026-11-30')).toBe('enrolling');
    // The first day of a class is running, not enrolling; the last day still running.
    expect(courseStatusOn(facts, '2026-12-01')).toBe('running');
    expect(courseStatusOn({ ...facts, placesLeft: 0 }, '2026-12-20')).toBe('running');
    expect(courseStatusOn(facts, '2026-12-21')).toBe('finished');
  });

  it('is cancelled whatever the dates and places', () => {
    for (const day of ['2026-11-01', '2026-12-05', '2027-01-01']) expect(courseStatusOn({ ...facts, cancelled: true }, day)).toBe('cancelled');
  });

  it('reads the API\'s status and places left the same way', () => {
    expect(statusFromApi('PLANNED', 2)).toBe('enrolling');
    expect(statusFromApi('PLANNED', 0)).toBe('full');
    expect(statusFromApi('IN_PROGRESS', 0)).toBe('running');
    expect(statusFromApi('FINISHED', 5)).toBe('finished');
    expect(statusFromApi('CANCELLED', 5)).toBe('cancelled');
  });
});

describe('status filters for Meilisearch', () => {
  const day = dayNumber(TODAY);

  it('turns each status into conditions on the indexed days, places left and cancellation', () => {
    expect(statusFilters('enrolling', TODAY)).toEqual(['cancelled = false', `startDay > ${day}`, 'placesLeft > 0']);
    expect(statusFilters('full', TODAY)).toEqual(['cancelled = false', `startDay > ${day}`, 'placesLeft = 0']);
    expect(statusFilters('running', TODAY)).toEqual(['cancelled = false', `startDay <= ${day}`, `endDay >= ${day}`]);
    expect(statusFilters('finished', TODAY)).toEqual(['cancelled = false', `endDay < ${day}`]);
    expect(statusFilters('cancelled', TODAY)).toEqual(['cancelled = true']);
  });

  it('selects exactly the classes courseStatusOn gives that status, each class in one status only', () => {
    // Evaluates the filters on plain documents, around the boundaries of every status.
    const holds = (f: string, d: Record<string, number | boolean>) => {
      const [attr, op, raw] = f.split(' ');
      const v = raw === 'true' ? true : raw === 'false' ? false : Number(raw);
      const x = d[attr];
      return op === '=' ? x === v : op === '>' ? x > v : op === '<' ? x < v : op === '>=' ? x >= v : x <= v;
    };
    const days = ['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'];
    for (const startDate of days) for (const endDate of days.filter((d) => d >= startDate)) for (const placesLeft of [0, 1]) for (const cancelled of [false, true]) {
      const c = { startDate, endDate, placesLeft, cancelled };
      const doc = { startDay: dayNumber(startDate), endDay: dayNumber(endDate), placesLeft, cancelled };
      const matching = COURSE_STATUSES.filter((s) => statusFilters(s, TODAY).every((f) => holds(f, doc)));
      expect(matching, JSON.stringify(c)).toEqual([courseStatusOn(c, TODAY)]);
    }
  });

  it('moves with the day: the same class enrolls, then runs, then is finished', () => {
    const doc = { startDay: dayNumber('2026-12-01'), endDay: dayNumber('2026-12-20') };
    expect(statusFilters('enrolling', '2026-11-30')[1]).toBe(`startDay > ${doc.startDay - 1}`);
    expect(statusFilters('running', '2026-12-10')).toContain(`endDay >= ${doc.startDay + 9}`);
  });
});

describe('the static lists\' opening order', () => {
  it('puts enrolling classes first, soonest start first, then full, running, finished (latest first) and cancelled', () => {
    const cards = [
      { id: 'f2', startDate: '2026-05-01', s: 'finished' as const },
      { id: 'e3', startDate: '2027-03-01', s: 'enrolling' as const },
      { id: 'x1', startDate: '2027-02-01', s: 'cancelled' as const },
      { id: 'u1', startDate: '2027-01-15', s: 'full' as const },
      { id: 'e2', startDate: '2027-01-01', s: 'enrolling' as const },
      { id: 'e1', startDate: '2026-12-01', s: 'enrolling' as const },
      { id: 'r1', startDate: '2026-11-01', s: 'running' as const },
      { id: 'f1', startDate: '2024-05-01', s: 'finished' as const },
    ];
    expect(openingOrder(cards, (c) => c.s).map((c) => c.id)).toEqual(['e1', 'e2', 'e3', 'u1', 'r1', 'f2', 'f1', 'x1']);
  });
});
