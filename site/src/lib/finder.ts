/**
 * The course finder's state and the Meilisearch requests it makes, as plain functions: the
 * browser script (src/scripts/course-finder.ts) only wires them to the page, and the tests
 * check them without a browser.
 *
 * The whole state lives in the URL (`/courses/?q=养老&prefecture=530100&sort=near&near=530102`),
 * so a search can be bookmarked, shared in a chat and reopened with the back button.
 *
 * The finder opens on what a worker can join: classes enrolling today (报名中), soonest start
 * first. The status is never in the index (it changes with the day): `filtersOf` turns it into
 * conditions on the indexed days and places left for today (lib/course-status.ts).
 */
import { COURSE_STATUSES, statusFilters, type CourseStatusKey } from './course-status';

/** How the results are ordered (`soonest`: the soonest start first). */
export type FinderSort = 'relevance' | 'soonest' | 'newest' | 'oldest' | 'near';

/** A status to list, or `all` of them. */
export type StatusChoice = CourseStatusKey | 'all';

/** Everything a search is made of. Empty strings mean "any". */
export interface FinderState {
  q: string;
  /** Which classes by their status today (default: enrolling). */
  status: StatusChoice;
  /** A 州市 code (`530100`) and one of its counties (`530102`). */
  prefecture: string;
  county: string;
  /** An occupation code of the 2022 classification (`4-10-01-05`). */
  occupation: string;
  level: string;
  certificate: string;
  mode: string;
  /** Start month, `YYYY-MM`. */
  month: string;
  programme: string;
  group: string;
  subsidised: '' | 'yes' | 'no';
  sort: FinderSort;
  /** The county the worker is in, for `sort=near`. */
  near: string;
  /** 1-based page. */
  page: number;
}

/** The facet selects of the finder: URL parameter → indexed attribute. */
export const FACETS = {
  prefecture: 'prefectureCode',
  county: 'countyCode',
  occupation: 'occupationLabel',
  level: 'level',
  certificate: 'certificateType',
  mode: 'mode',
  month: 'startMonth',
  programme: 'programme',
  group: 'targetGroups',
  subsidised: 'subsidised',
} as const satisfies Record<string, string>;

export type FacetKey = keyof typeof FACETS;
export const FACET_KEYS = Object.keys(FACETS) as FacetKey[];

/** A state with nothing chosen: the classes enrolling today, soonest start first. */
export const EMPTY_STATE: Readonly<FinderState> = Object.freeze({
  q: '', status: 'enrolling', prefecture: '', county: '', occupation: '', level: '', certificate: '', mode: '', month: '',
  programme: '', group: '', subsidised: '', sort: 'soonest', near: '', page: 1,
});

const SORTS: readonly FinderSort[] = ['relevance', 'soonest', 'newest', 'oldest', 'near'];
const STATUS_CHOICES: readonly StatusChoice[] = [...COURSE_STATUSES, 'all'];

/**
 * The order when none is chosen: relevance for a typed query; for the classes still to start
 * the soonest first, for the others the latest start first.
 * @example defaultSort('', 'finished') // 'newest'
 */
export function defaultSort(q: string, status: StatusChoice): FinderSort {
  if (q) return 'relevance';
  return status === 'enrolling' || status === 'full' ? 'soonest' : 'newest';
}
/** Longest query kept (the API accepts 100 characters too). */
const MAX_QUERY = 100;
/** A region code: six digits (GB/T 2260). */
const REGION = /^\d{6}$/;

/**
 * Reads the state from a URL's query. Unknown or malformed values are dropped rather than
 * sent to Meilisearch, so an edited or truncated link still opens a working search.
 * @example parseState(new URLSearchParams('q=养老&sort=near&near=530102')).near // '530102'
 */
export function parseState(params: URLSearchParams): FinderState {
  const get = (k: string) => (params.get(k) ?? '').trim();
  const region = (k: string) => (REGION.test(get(k)) ? get(k) : '');
  const q = get('q').slice(0, MAX_QUERY);
  const sortParam = get('sort') as FinderSort;
  const near = region('near');
  const status = STATUS_CHOICES.includes(get('status') as StatusChoice) ? (get('status') as StatusChoice) : 'enrolling';
  let sort: FinderSort = SORTS.includes(sortParam) ? sortParam : defaultSort(q, status);
  if (sort === 'near' && !near) sort = defaultSort(q, status);
  const page = Number.parseInt(get('page'), 10);
  const subsidised = get('subsidised');
  let prefecture = region('prefecture');
  const county = region('county');
  // A county implies its 州市 (a shared link may carry only the county).
  if (county && !prefecture) prefecture = prefectureOf(county);
  return {
    q,
    status,
    prefecture,
    county: county && prefectureOf(county) === prefecture ? county : '',
    occupation: /^\d(-\d{2}){3}$/.test(get('occupation')) ? get('occupation') : '',
    level: /^[A-Z_0-9]{1,30}$/.test(get('level')) ? get('level') : '',
    certificate: /^[A-Z_]{1,40}$/.test(get('certificate')) ? get('certificate') : '',
    mode: /^[A-Z_]{1,20}$/.test(get('mode')) ? get('mode') : '',
    month: /^\d{4}-(0[1-9]|1[0-2])$/.test(get('month')) ? get('month') : '',
    programme: /^[A-Z_0-9]{1,40}$/.test(get('programme')) ? get('programme') : '',
    group: /^[A-Z_]{1,40}$/.test(get('group')) ? get('group') : '',
    subsidised: subsidised === 'yes' || subsidised === 'no' ? subsidised : '',
    sort,
    near: sort === 'near' ? near : '',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/**
 * The query string of a state, leaving out everything at its default, in a fixed order (the
 * same search always has the same URL).
 * @example toQuery({ ...EMPTY_STATE, q: '养老', sort: 'relevance' }) // 'q=%E5%85%BB%E8%80%81'
 */
export function toQuery(state: FinderState): string {
  const out = new URLSearchParams();
  if (state.q) out.set('q', state.q);
  if (state.status !== 'enrolling') out.set('status', state.status);
  for (const key of FACET_KEYS) if (state[key]) out.set(key, state[key]);
  if (state.sort !== defaultSort(state.q, state.status)) out.set('sort', state.sort);
  if (state.sort === 'near' && state.near) out.set('near', state.near);
  if (state.page > 1) out.set('page', String(state.page));
  return out.toString();
}

/** The 州市 of a county code: its first four digits and `00`. @example prefectureOf('530102') // '530100' */
export function prefectureOf(county: string): string {
  return `${county.slice(0, 4)}00`;
}

/** Quotes a value for a Meilisearch filter. */
function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The filter of one facet choice, or null when nothing is chosen. */
function facetFilter(state: FinderState, key: FacetKey): string | null {
  const value = state[key];
  if (!value) return null;
  switch (key) {
    case 'occupation':
      return `occupationCode = ${quote(value)}`;
    case 'subsidised':
      return `subsidised = ${value === 'yes'}`;
    default:
      return `${FACETS[key]} = ${quote(value)}`;
  }
}

/** What `filtersOf` can leave out: a facet, or the status (for the status's own counts). */
export type FilterKey = FacetKey | 'status';

/**
 * Meilisearch filters (all must hold) for the state's choices on `today` (`YYYY-MM-DD` in
 * China); `except` leaves facets out, which is how each facet's own counts are computed
 * (choosing 昆明市 must not hide the counts of the other 州市). Cancelled classes are listed
 * only when asked for (status `cancelled` or `all`).
 * @example filtersOf({ ...EMPTY_STATE, level: 'LEVEL_5' }, '2026-11-21') // ['cancelled = false', 'startDay > 20778', 'placesLeft > 0', 'level = "LEVEL_5"']
 */
export function filtersOf(state: FinderState, today: string, except: readonly FilterKey[] = []): string[] {
  const out = except.includes('status') || state.status === 'all' ? [] : statusFilters(state.status, today);
  for (const key of FACET_KEYS) {
    if (except.includes(key)) continue;
    const f = facetFilter(state, key);
    if (f) out.push(f);
  }
  return out;
}

/** The sort of a plain (not `near`) search. */
export function sortOf(state: FinderState): string[] | undefined {
  if (state.sort === 'soonest') return ['startDay:asc'];
  if (state.sort === 'newest') return ['startDay:desc'];
  if (state.sort === 'oldest') return ['startDay:asc'];
  return undefined;
}

/**
 * The three tiers of "nearest first": the worker's county, then the rest of its 州市, then
 * the rest of the province. Within a tier the classes keep the query's order (relevance,
 * or the soonest start when nothing is typed).
 * @example nearTiers('530102') // [['countyCode = "530102"'], ['prefectureCode = "530100"', 'countyCode != "530102"'], ['prefectureCode != "530100"']]
 */
export function nearTiers(county: string): string[][] {
  const prefecture = prefectureOf(county);
  return [
    [`countyCode = ${quote(county)}`],
    [`prefectureCode = ${quote(prefecture)}`, `countyCode != ${quote(county)}`],
    [`prefectureCode != ${quote(prefecture)}`],
  ];
}

/** A slice of one tier: which tier, from where, how many. */
export interface TierSlice {
  tier: number;
  offset: number;
  limit: number;
}

/**
 * Which slices of the tiers make up page `page` when the tiers are laid end to end.
 * @param counts how many classes each tier holds
 * @example planPage([3, 10, 100], 1, 5) // [{ tier: 0, offset: 0, limit: 3 }, { tier: 1, offset: 0, limit: 2 }]
 */
export function planPage(counts: readonly number[], page: number, perPage: number): TierSlice[] {
  const from = (page - 1) * perPage;
  const to = from + perPage;
  const out: TierSlice[] = [];
  let start = 0;
  counts.forEach((count, tier) => {
    const end = start + count;
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (b > a) out.push({ tier, offset: a - start, limit: b - a });
    start = end;
  });
  return out;
}

/** How many pages `total` results make (at least one). */
export function pagesOf(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** Meilisearch returns at most this many hits of one search (`pagination.maxTotalHits`). */
export const MAX_TOTAL_HITS = 10_000;

/** Attributes a result card needs (the rest of the document stays on the server). */
export const HIT_ATTRIBUTES = [
  'globalId', 'title', 'occupationName', 'level', 'certificateType', 'mode', 'countyName', 'prefectureName',
  'startDate', 'endDate', 'enrolmentCloses', 'subsidyPerTrainee', 'feeYuan', 'institutionName', 'isDemo',
  // The status today is computed from these; aliases and programme for the homophone check.
  'placesLeft', 'cancelled', 'aliases', 'programmeName',
] as const;

/** One result card's data, as the index holds it. */
export type FinderHit = Record<(typeof HIT_ATTRIBUTES)[number], string | number | boolean | string[]> & { _formatted?: Record<string, string> };

/**
 * The status queries of the facet counts: one per status, each with every other choice of the
 * state, so the status select shows how many classes each status would list for today.
 * @example statusCountFilters({ ...EMPTY_STATE, prefecture: '530100' }, '2026-11-21')[0] // ['cancelled = false', 'startDay > 20778', 'placesLeft > 0', 'prefectureCode = "530100"']
 */
export function statusCountFilters(state: FinderState, today: string): string[][] {
  const rest = filtersOf(state, today, ['status']);
  return COURSE_STATUSES.map((status) => [...statusFilters(status, today), ...rest]);
}
