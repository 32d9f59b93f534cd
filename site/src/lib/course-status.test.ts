import { describe, expect, it } from 'vitest';
import {
  COURSE_STATUSES,
  courseStatusOn,
  openingOrder,
  statusFilters,
  statusFromApi,
  type CourseStatusKey,
} from './course-status';
import { dayNumber } from '@skills-yunnan/search/vocabulary';

const TODAY = '2026-11-21';
const facts = {
  startDate: '2026-12-01',
  endDate: '2026-12-20',
  enrolmentCloses: '2026-11-30',
  placesLeft: 3,
  cancelled: false,
};

describe('course status for a day', () => {
  it('enrolls before the start while places are left, is full without, runs from start to end, finishes after', () => {
    expect(courseStatusOn(facts, TODAY)).toBe('enrolling');
    expect(courseStatusOn({ ...facts, placesLeft: 0 }, TODAY)).toBe('full');
    expect(courseStatusOn(facts, '2026-11-30')).toBe('enrolling');
    // A recorded deadline before the day before the start closes enrolment with places left.
    expect(courseStatusOn({ ...facts, enrolmentCloses: '2026-11-25' }, '2026-11-26')).toBe('closed');
    expect(courseStatusOn({ ...facts, enrolmentCloses: '2026-11-25', placesLeft: 0 }, '2026-11-26')).toBe('full');
    // The first day of a class is running, not enrolling; the last day still running.
    expect(courseStatusOn(facts, '2026-12-01')).toBe('running');
    expect(courseStatusOn({ ...facts, placesLeft: 0 }, '2026-12-20')).toBe('running');
    expect(courseStatusOn(facts, '2026-12-21')).toBe('finished');
  });

  it('is cancelled whatever the dates and places', () => {
    for (const day of ['2026-11-01', '2026-12-05', '2027-01-01'])
      expect(courseStatusOn({ ...facts, cancelled: true }, day)).toBe('cancelled');
  });

  it("reads the API's enrolment status, and refuses one it does not know", () => {
    expect(['ENROLLING', 'FULL', 'ENROLMENT_CLOSED', 'RUNNING', 'FINISHED', 'CANCELLED'].map(statusFromApi)).toEqual([
      ...COURSE_STATUSES,
    ]);
    expect(() => statusFromApi('PLANNED')).toThrow(RangeError);
  });
});

describe('status filters for Meilisearch', () => {
  const day = dayNumber(TODAY);

  it('turns each status into conditions on the indexed days, places left and cancellation', () => {
    expect(statusFilters('enrolling', TODAY)).toEqual(['cancelled = false', `closesDay >= ${day}`, 'placesLeft > 0']);
    expect(statusFilters('full', TODAY)).toEqual(['cancelled = false', `startDay > ${day}`, 'placesLeft = 0']);
    expect(statusFilters('closed', TODAY)).toEqual([
      'cancelled = false',
      `startDay > ${day}`,
      'placesLeft > 0',
      `closesDay < ${day}`,
    ]);
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
    const before = (d: string, n: number) =>
      new Date(Date.parse(`${d}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    for (const startDate of days)
      for (const endDate of days.filter((d) => d >= startDate))
        for (const placesLeft of [0, 1])
          for (const cancelled of [false, true])
            for (const lead of [1, 2, 3]) {
              // The deadline: the day before the start, or a recorded one a day or two earlier.
              const enrolmentCloses = before(startDate, lead);
              const c = { startDate, endDate, enrolmentCloses, placesLeft, cancelled };
              const doc = {
                startDay: dayNumber(startDate),
                endDay: dayNumber(endDate),
                closesDay: dayNumber(enrolmentCloses),
                placesLeft,
                cancelled,
              };
              const matching = COURSE_STATUSES.filter((s) => statusFilters(s, TODAY).every((f) => holds(f, doc)));
              expect(matching, JSON.stringify(c)).toEqual([courseStatusOn(c, TODAY)]);
            }
  });

  it('moves with the day: the same class enrolls, then runs, then is finished', () => {
    const doc = { startDay: dayNumber('2026-12-01'), endDay: dayNumber('2026-12-20') };
    expect(statusFilters('enrolling', '2026-11-30')[1]).toBe(`closesDay >= ${doc.startDay - 1}`);
    expect(statusFilters('running', '2026-12-10')).toContain(`endDay >= ${doc.startDay + 9}`);
  });
});

describe("the static lists' opening order", () => {
  it('puts enrolling classes first, soonest start first, then full, closed, running, finished (latest first) and cancelled', () => {
    const cards: { id: string; startDate: string; s: CourseStatusKey }[] = [
      { id: 'f2', startDate: '2026-05-01', s: 'finished' },
      { id: 'e3', startDate: '2027-03-01', s: 'enrolling' },
      { id: 'x1', startDate: '2027-02-01', s: 'cancelled' },
      { id: 'u1', startDate: '2027-01-15', s: 'full' },
      { id: 'e2', startDate: '2027-01-01', s: 'enrolling' },
      { id: 'e1', startDate: '2026-12-01', s: 'enrolling' },
      { id: 'r1', startDate: '2026-11-01', s: 'running' },
      { id: 'f1', startDate: '2024-05-01', s: 'finished' },
    ];
    cards.push({ id: 'c1', startDate: '2026-12-03', s: 'closed' });
    expect(openingOrder(cards, (c) => c.s).map((c) => c.id)).toEqual([
      'e1',
      'e2',
      'e3',
      'u1',
      'c1',
      'r1',
      'f2',
      'f1',
      'x1',
    ]);
  });
});
