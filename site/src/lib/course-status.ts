/**
 * A class's status as a worker needs it, for a given day: 报名中 (enrolling: places left and the
 * enrolment deadline not passed), 已满 (full: starts after today, no place left), 报名已截止
 * (closed: starts after today, places left, but the deadline has passed), 进行中 (running),
 * 已结束 (finished) and 已取消 (cancelled). The day changes the status without any change to the
 * data, so the search index holds only what it is computed from (start, end and deadline days,
 * places left, cancellation) and the finder turns a chosen status into a Meilisearch filter for
 * today here.
 *
 * The same rule as the API's `enrolmentStatus` (api/src/courses/course-status.rules.ts), whose
 * deadline (the recorded one, else the day before the start) the index carries as `closesDay`.
 */
import { COURSE_FIELDS as C, dayNumber, eq, gt, gte, lt, lte } from '@skills-yunnan/search/vocabulary';

/** The statuses, in the order a worker looks at them (what can be joined first). */
export const COURSE_STATUSES = ['enrolling', 'full', 'closed', 'running', 'finished', 'cancelled'] as const;
export type CourseStatusKey = (typeof COURSE_STATUSES)[number];

/** What the status of one class follows from. */
export interface StatusFacts {
  startDate: string;
  endDate: string;
  /** The last day to enrol, as the API computes it. */
  enrolmentCloses: string;
  placesLeft: number;
  cancelled: boolean;
}

/**
 * The status of a class on `today` (`YYYY-MM-DD`, the day in China).
 * @example courseStatusOn({ startDate: '2026-12-01', endDate: '2026-12-20', enrolmentCloses: '2026-11-30', placesLeft: 3, cancelled: false }, '2026-11-21') // 'enrolling'
 */
export function courseStatusOn(c: StatusFacts, today: string): CourseStatusKey {
  if (c.cancelled) return 'cancelled';
  if (c.endDate < today) return 'finished';
  if (c.startDate <= today) return 'running';
  if (c.placesLeft === 0) return 'full';
  return c.enrolmentCloses < today ? 'closed' : 'enrolling';
}

/** The API's `enrolmentStatus` values, as the site names them. */
const FROM_API: Readonly<Record<string, CourseStatusKey>> = {
  ENROLLING: 'enrolling',
  FULL: 'full',
  ENROLMENT_CLOSED: 'closed',
  RUNNING: 'running',
  FINISHED: 'finished',
  CANCELLED: 'cancelled',
};

/**
 * The status of a class as the API reports it (`enrolmentStatus`, computed for the API's today).
 * @example statusFromApi('ENROLMENT_CLOSED') // 'closed'
 */
export function statusFromApi(enrolmentStatus: string): CourseStatusKey {
  const key = FROM_API[enrolmentStatus];
  if (!key) throw new RangeError(`unknown enrolment status ${JSON.stringify(enrolmentStatus)}`);
  return key;
}

/**
 * Meilisearch filters (all must hold) that select the classes of `status` on `today`, on the
 * indexed `startDay` / `endDay` / `closesDay` (days since 1970-01-01), `placesLeft` and `cancelled`.
 * A deadline is never after the day before the start, so "deadline not passed" implies "not started".
 * @example statusFilters('enrolling', '2026-11-21') // ['cancelled = false', 'closesDay >= 20778', 'placesLeft > 0']
 */
export function statusFilters(status: CourseStatusKey, today: string): string[] {
  const day = dayNumber(today);
  switch (status) {
    case 'enrolling':
      return [eq(C.cancelled, false), gte(C.closesDay, day), gt(C.placesLeft, 0)];
    case 'full':
      return [eq(C.cancelled, false), gt(C.startDay, day), eq(C.placesLeft, 0)];
    case 'closed':
      return [eq(C.cancelled, false), gt(C.startDay, day), gt(C.placesLeft, 0), lt(C.closesDay, day)];
    case 'running':
      return [eq(C.cancelled, false), lte(C.startDay, day), gte(C.endDay, day)];
    case 'finished':
      return [eq(C.cancelled, false), lt(C.endDay, day)];
    case 'cancelled':
      return [eq(C.cancelled, true)];
  }
}

/**
 * The classes in the order the static lists open on: by status (enrolling first), the soonest
 * start first for the classes still to start, the latest start first for the others.
 * @param latestFirst the classes latest start first, as the API lists them with
 *   `orderBy: START_DATE_DESC` (start date, then id): reversed, that is its `START_DATE_ASC`
 * @example openingOrder(cards, (c) => statusFromApi(c.enrolmentStatus))[0] // the enrolling class starting soonest
 */
export function openingOrder<T>(latestFirst: readonly T[], statusOf: (item: T) => CourseStatusKey): T[] {
  const groups = new Map<CourseStatusKey, T[]>(COURSE_STATUSES.map((s) => [s, []]));
  for (const item of latestFirst) groups.get(statusOf(item))!.push(item);
  return COURSE_STATUSES.flatMap((s) =>
    s === 'enrolling' || s === 'full' || s === 'closed' ? [...groups.get(s)!].reverse() : groups.get(s)!,
  );
}
