/**
 * A class's status as a worker needs it, for a given day: 报名中 (enrolling: starts after today
 * with places left), 已满 (full: starts after today, no place left), 进行中 (running), 已结束
 * (finished) and 已取消 (cancelled). The day changes the status without any change to the data,
 * so the search index holds only what it is computed from (start and end days, places left,
 * cancellation) and the finder turns a chosen status into a Meilisearch filter for today here.
 *
 * The same rule as the API's `courseStatus` (api/src/courses/course.rules.ts: planned, in
 * progress, finished, cancelled), with "planned" split by places left.
 */
import { dayNumber } from './notice-finder';

/** The statuses, in the order a worker looks at them (what can be joined first). */
export const COURSE_STATUSES = ['enrolling', 'full', 'running', 'finished', 'cancelled'] as const;
export type CourseStatusKey = (typeof COURSE_STATUSES)[number];

/** What the status of one class follows from. */
export interface StatusFacts {
  startDate: string;
  endDate: string;
  placesLeft: number;
  cancelled: boolean;
}

/**
 * The status of a class on `today` (`YYYY-MM-DD`, the day in China).
 * @example courseStatusOn({ startDate: '2026-12-01', endDate: '2026-12-20', placesLeft: 3, cancelled: false }, '2026-11-21') // 'enrolling'
 */
export function courseStatusOn(c: StatusFacts, today: string): CourseStatusKey {
  if (c.cancelled) return 'cancelled';
  if (c.startDate > today) return c.placesLeft > 0 ? 'enrolling' : 'full';
  return c.endDate >= today ? 'running' : 'finished';
}

/**
 * The status of a class as the API reports it (`status`: PLANNED, IN_PROGRESS, FINISHED,
 * CANCELLED, computed for the API's today) and its places left (`seatsLeft`).
 * @example statusFromApi('PLANNED', 0) // 'full'
 */
export function statusFromApi(status: string, placesLeft: number): CourseStatusKey {
  switch (status) {
    case 'PLANNED': return placesLeft > 0 ? 'enrolling' : 'full';
    case 'IN_PROGRESS': return 'running';
    case 'CANCELLED': return 'cancelled';
    default: return 'finished';
  }
}

/**
 * Meilisearch filters (all must hold) that select the classes of `status` on `today`, on the
 * indexed `startDay` / `endDay` (days since 1970-01-01), `placesLeft` and `cancelled`.
 * @example statusFilters('enrolling', '2026-11-21') // ['cancelled = false', 'startDay > 20778', 'placesLeft > 0']
 */
export function statusFilters(status: CourseStatusKey, today: string): string[] {
  const day = dayNumber(today);
  switch (status) {
    case 'enrolling': return ['cancelled = false', `startDay > ${day}`, 'placesLeft > 0'];
    case 'full': return ['cancelled = false', `startDay > ${day}`, 'placesLeft = 0'];
    case 'running': return ['cancelled = false', `startDay <= ${day}`, `endDay >= ${day}`];
    case 'finished': return ['cancelled = false', `endDay < ${day}`];
    case 'cancelled': return ['cancelled = true'];
  }
}

/**
 * The classes in the order the static lists open on: by status (enrolling first), the soonest
 * start first for the classes still to start, the latest start first for the others.
 * @param latestFirst the classes latest start first, as the API lists them with
 *   `orderBy: START_DATE_DESC` (start date, then id): reversed, that is its `START_DATE_ASC`
 * @example openingOrder(cards, (c) => statusFromApi(c.status, c.seatsLeft))[0] // the enrolling class starting soonest
 */
export function openingOrder<T>(latestFirst: readonly T[], statusOf: (item: T) => CourseStatusKey): T[] {
  const groups = new Map<CourseStatusKey, T[]>(COURSE_STATUSES.map((s) => [s, []]));
  for (const item of latestFirst) groups.get(statusOf(item))!.push(item);
  return COURSE_STATUSES.flatMap((s) => (s === 'enrolling' || s === 'full' ? [...groups.get(s)!].reverse() : groups.get(s)!));
}
