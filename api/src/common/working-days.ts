/**
 * Working days in mainland China: Monday to Friday, minus the public holidays the State Council
 * announces each year, plus the weekend days it makes into working days (调休补班). The calendar
 * comes from the maintained `chinese-days` package (its data is the State Council's yearly
 * notices); this module only counts with it.
 *
 * The State Council announces a year's holidays in November or December of the year before, so
 * the data stops at the last announced year. Dates after it are counted Monday to Friday and
 * reported as provisional (`calendarCovers`), never silently treated as certain.
 */
import { isWorkday } from 'chinese-days';
import calendarData from 'chinese-days/dist/chinese-days.json';
import { addDays, isIsoDate, type IsoDate } from './dates';

/** Years whose holidays the calendar data holds (from the package's own data). */
export const CALENDAR_YEARS: Readonly<{ first: number; last: number }> = (() => {
  const years = Object.keys((calendarData as { holidays: Record<string, string> }).holidays).map((d) =>
    Number(d.slice(0, 4)),
  );
  return { first: Math.min(...years), last: Math.max(...years) };
})();

/** Whether the official calendar covers `date` (false: counted Monday to Friday only, provisionally). */
export function calendarCovers(date: IsoDate): boolean {
  const year = Number(date.slice(0, 4));
  return year >= CALENDAR_YEARS.first && year <= CALENDAR_YEARS.last;
}

function check(date: IsoDate, name: string): void {
  if (!isIsoDate(date)) throw new RangeError(`${name} must be a YYYY-MM-DD date, got "${date}"`);
}

/**
 * Whether `date` is a working day.
 * @example isWorkingDay('2026-10-10') // true: a Saturday made a working day (国庆节调休)
 * @example isWorkingDay('2026-10-05') // false: 国庆节
 */
export function isWorkingDay(date: IsoDate): boolean {
  const known = workingDays.get(date);
  if (known !== undefined) return known;
  check(date, 'date');
  const answer = calendarCovers(date) ? isWorkday(date) : isWeekday(date);
  if (workingDays.size >= KEPT_DAYS) workingDays.clear();
  workingDays.set(date, answer);
  return answer;
}

function isWeekday(date: IsoDate): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * Days whose answer {@link isWorkingDay} keeps: some 27 years. The calendar is fixed data, so an
 * answer never changes, and every notice's objection period and every class's notice delay asks
 * about the same few hundred days: `chinese-days` parses the date on each call. Kept, the API's CPU
 * for the site build's notice requests fell by about 9 % (BENCHMARKS.md, "Site build").
 */
const KEPT_DAYS = 10_000;
const workingDays = new Map<string, boolean>();

/**
 * The first working day on or after `date`.
 * @example firstWorkingDayFrom('2026-10-01') // '2026-10-08'
 */
export function firstWorkingDayFrom(date: IsoDate): IsoDate {
  check(date, 'date');
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/**
 * The `n`-th working day counted from `date`, `date` itself counting as the first when it is a
 * working day (how a "5 个工作日" period that starts on the day of publication is read).
 * @example nthWorkingDayFrom('2026-09-28', 5) // '2026-10-09': 28, 29, 30 Sep, then 8, 9 Oct
 */
export function nthWorkingDayFrom(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a whole number ≥ 1, got ${n}`);
  let d = firstWorkingDayFrom(date);
  for (let left = n - 1; left > 0; left--) d = firstWorkingDayFrom(addDays(d, 1));
  return d;
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not after `from`): how
 * long a bureau took, e.g. from the end of a class to its notice.
 * @example workingDaysAfter('2026-09-30', '2026-10-09') // 2 (8 and 9 Oct)
 */
export function workingDaysAfter(from: IsoDate, to: IsoDate): number {
  check(from, 'from');
  check(to, 'to');
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
  return count;
}
