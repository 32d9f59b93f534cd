/**
 * When things happen in the demo, relative to the day it is made for, so that the catalogue
 * looks like a living province on any day: classes enrolling now, running and finished; notices
 * inside their objection period; blacklistings current today and ended; the directory edition
 * in force, and next year's once it is out.
 */

import { addDays, daysInclusive } from '../../common/dates';
import type { Prng } from '../../common/prng';
import { minDate, randomDate } from './model';

/** The first edition of the demo directory. */
export const FIRST_DEMO_YEAR = 2021;

/** Share of generic classes starting after today (enrolling, or full), and of those ending around it. */
export const FUTURE_SHARE = 0.15;
export const RECENT_SHARE = 0.08;
/** How far ahead classes are planned (about six months), and how far back "recent" reaches. */
export const PLAN_AHEAD_DAYS = 183;
export const RECENT_DAYS = 75;

/** The days the demo hangs off. */
export interface Timeline {
  today: string;
  /** The directory editions: 2021 to this year, and next year's once today is past 15 December (50号 (四)). */
  years: number[];
  /** The last day a class may start: about six months ahead. */
  horizon: string;
  /** The last day a subsidised class may start: within the newest edition's year. */
  subsidisedHorizon: string;
}

/**
 * The timeline for `today`. The province approves next year's directory by mid-December
 * (云人社通〔2022〕50号 (四)), so the next edition exists from 16 December on.
 * @example demoTimeline('2026-12-02').years // [2021, …, 2026]; demoTimeline('2026-12-16').years ends with 2027
 */
export function demoTimeline(today: string): Timeline {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || today < '2023-01-01')
    throw new RangeError(`today must be a date from 2023-01-01, got ${JSON.stringify(today)}`);
  const year = Number(today.slice(0, 4));
  const last = today > `${year}-12-15` ? year + 1 : year;
  const years = Array.from({ length: last - FIRST_DEMO_YEAR + 1 }, (_, i) => FIRST_DEMO_YEAR + i);
  const horizon = addDays(today, PLAN_AHEAD_DAYS);
  return { today, years, horizon, subsidisedHorizon: minDate(horizon, `${last}-12-31`) };
}

/** Classes start between 4 January and 15 December (no class over the New Year). */
const yearStart = (y: number) => `${y}-01-04`;
const yearEnd = (y: number) => `${y}-12-15`;

/** A start day after today: in the subsidised window two times in three, else up to the horizon. */
export function futureStart(r: Prng, t: Timeline, subsidisedOnly = false): string {
  const late = !subsidisedOnly && t.horizon > t.subsidisedHorizon && r.chance(1 / 3);
  return late
    ? randomDate(r, addDays(t.subsidisedHorizon, 1), t.horizon)
    : randomDate(r, addDays(t.today, 1), t.subsidisedHorizon);
}

/** The days of year `y` a class may have started on before the recent weeks (null when none). */
export function pastRange(t: Timeline, y: number): [string, string] | null {
  const to = minDate(yearEnd(y), addDays(t.today, -RECENT_DAYS - 1));
  return to < yearStart(y) ? null : [yearStart(y), to];
}

/** A start day in the past before the recent weeks, in year `y` (null when that year has none). */
export function pastStartIn(r: Prng, t: Timeline, y: number): string | null {
  const range = pastRange(t, y);
  return range && randomDate(r, ...range);
}

/**
 * The start day of a generic class: after today ({@link FUTURE_SHARE}), in the recent weeks
 * ({@link RECENT_SHARE}: running now or just finished, their notices due or in their objection
 * period), or earlier, activity growing a little year by year.
 */
export function drawStart(r: Prng, t: Timeline): string {
  const roll = r.float();
  if (roll < FUTURE_SHARE) return futureStart(r, t);
  if (roll < FUTURE_SHARE + RECENT_SHARE) return randomDate(r, addDays(t.today, -RECENT_DAYS), t.today);
  const past = t.years.flatMap((y) => {
    const range = pastRange(t, y);
    // Weighted by the share of the year available, so a year cut short by today gets fewer.
    return range
      ? [
          {
            y,
            range,
            weight:
              (1 + 0.1 * (y - FIRST_DEMO_YEAR)) * (daysInclusive(...range) / daysInclusive(yearStart(y), yearEnd(y))),
          },
        ]
      : [];
  });
  return randomDate(
    r,
    ...r.weighted(
      past,
      past.map((p) => p.weight),
    ).range,
  );
}

/** How many days a generated demo may age before `npm start` makes it again for today. */
export const DEMO_MAX_AGE_DAYS = 30;

/**
 * Is a demo made for `madeFor` too far from `today` (more than {@link DEMO_MAX_AGE_DAYS} days
 * either way: a fixed `CATALOGUE_TODAY` may also be moved back)? A demo without a day (made
 * before demos followed the calendar) is.
 * @example demoIsStale('2026-10-01', '2026-12-02') // true; demoIsStale('2026-11-21', '2026-12-02') // false
 */
export function demoIsStale(madeFor: string | undefined, today: string): boolean {
  return !madeFor || Math.abs(daysInclusive(madeFor, today) - 1) > DEMO_MAX_AGE_DAYS;
}
