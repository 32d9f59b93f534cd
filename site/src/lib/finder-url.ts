/**
 * The URL state the finders share (courses, notices): how a finder's state is read from a
 * query string and written back to one. Each finder's lib (finder.ts, notice-finder.ts) only
 * declares its own parameters with these readers; the browser shell (scripts/finder-shell.ts)
 * moves the state between the address, the form and the search.
 *
 * Reading is forgiving (a malformed value is dropped, so an edited or truncated link still
 * opens a working search) and writing is canonical (defaults left out, a fixed order: the same
 * search always has the same URL).
 */

/** What every finder's state has: the typed words and the 1-based page. */
export interface FinderStateBase {
  q: string;
  page: number;
}

/** A region code: six digits (GB/T 2260). */
export const REGION_CODE = /^\d{6}$/;
/** Longest query kept (the API accepts 100 characters too). */
export const MAX_QUERY = 100;
/** The last page a link may ask for. */
const MAX_PAGE = 10_000;

/**
 * One parameter, trimmed; '' when it is absent.
 * @example param(new URLSearchParams('q=+养老+'), 'q') // '养老'
 */
export function param(params: URLSearchParams, key: string): string {
  return (params.get(key) ?? '').trim();
}

/**
 * A parameter when it matches `pattern` whole, else ''.
 * @example matching(new URLSearchParams('month=2023-13'), 'month', /^\d{4}-(0[1-9]|1[0-2])$/) // ''
 */
export function matching(params: URLSearchParams, key: string, pattern: RegExp): string {
  const value = param(params, key);
  return pattern.test(value) ? value : '';
}

/** Whether `value` is one of `choices` (a type guard, so no cast is needed after it). */
export function isOneOf<T extends string>(value: string, choices: readonly T[]): value is T {
  return choices.some((c) => c === value);
}

/**
 * A parameter when it is one of `choices`, else `fallback`.
 * @example oneOf(new URLSearchParams('sort=best'), 'sort', ['newest', 'oldest'], 'newest') // 'newest'
 */
export function oneOf<T extends string, F>(
  params: URLSearchParams,
  key: string,
  choices: readonly T[],
  fallback: F,
): T | F {
  const value = param(params, key);
  return isOneOf(value, choices) ? value : fallback;
}

/**
 * The typed words, at most {@link MAX_QUERY} characters.
 * @example queryText(new URLSearchParams('q=电工')) // '电工'
 */
export function queryText(params: URLSearchParams): string {
  return param(params, 'q').slice(0, MAX_QUERY);
}

/**
 * The page asked for, 1 when it is missing or not a page number.
 * @example pageNumber(new URLSearchParams('page=-2')) // 1
 */
export function pageNumber(params: URLSearchParams): number {
  const page = Number.parseInt(param(params, 'page'), 10);
  return Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1;
}

/** The 州市 of a county code: its first four digits and `00`. @example prefectureOf('530102') // '530100' */
export function prefectureOf(county: string): string {
  return `${county.slice(0, 4)}00`;
}

/**
 * The 州市 (`prefecture`) and county (`county`) of a link. A county alone implies its 州市 (a
 * shared link may carry only the county); a county outside the chosen 州市, or a 州市 code given
 * as a county, is dropped.
 * @example placeParams(new URLSearchParams('county=530102')) // { prefecture: '530100', county: '530102' }
 */
export function placeParams(params: URLSearchParams): { prefecture: string; county: string } {
  let prefecture = matching(params, 'prefecture', REGION_CODE);
  const county = matching(params, 'county', REGION_CODE);
  if (county && !prefecture) prefecture = prefectureOf(county);
  return { prefecture, county: county && county !== prefecture && prefectureOf(county) === prefecture ? county : '' };
}

/** One parameter to write: its name, its value and the value it has when not written. */
export type QueryField = readonly [name: string, value: string | number, byDefault: string | number];

/**
 * The query string of the fields whose value is neither empty nor their default, in the order
 * given.
 * @example queryString([['q', '养老', ''], ['sort', 'newest', 'newest'], ['page', 2, 1]]) // 'q=%E5%85%BB%E8%80%81&page=2'
 */
export function queryString(fields: readonly QueryField[]): string {
  const out = new URLSearchParams();
  for (const [name, value, byDefault] of fields) if (value !== '' && value !== byDefault) out.set(name, String(value));
  return out.toString();
}

/**
 * The parameters a form's named controls hold (`new FormData(form)`), as a finder's parse reads
 * them; file entries are left out.
 * @example formParams([['q', '养老'], ['prefecture', '']]).get('q') // '养老'
 */
export function formParams(entries: Iterable<readonly [string, unknown]>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of entries) if (typeof value === 'string') out.append(key, value);
  return out;
}
