/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`). Dates in this domain are civil dates in
 * China Standard Time with no time of day, so they are kept as strings and compared
 * lexically, which sidesteps time-zone drift between SQLite, PostgreSQL and JavaScript.
 */

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar date in `YYYY-MM-DD` form (2023-02-29 is not). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Adds whole days. @example addDays('2022-02-27', 2) === '2022-03-01' */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Adds whole years, keeping 29 February as 28 February in common years. @example addYears('2022-03-01', 3) === '2025-03-01' */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) return new Date(Date.UTC(y + years, m, 0)).toISOString().slice(0, 10);
  return target.toISOString().slice(0, 10);
}

/** Days from `a` to `b`, inclusive of both ends. @example daysInclusive('2022-03-01', '2022-03-01') === 1 */
export function daysInclusive(a: IsoDate, b: IsoDate): number {
  const ms = Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`);
  return Math.round(ms / 86_400_000) + 1;
}

/** The year of an ISO date. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/**
 * A date column as `YYYY-MM-DD`, whichever way the driver returns it (SQLite: text; a Date
 * where a driver parses dates).
 * @example dateColumn('2026-11-22') // '2026-11-22'
 */
export function dateColumn(v: unknown): IsoDate {
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
}
