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
import { ascending, COURSE_FIELDS as C, descending, eq, ne } from '@skills-yunnan/search/vocabulary';
import { COURSE_STATUSES, statusFilters, type CourseStatusKey } from './course-status';
import {
  matching,
  oneOf,
  pageNumber,
  placeParams,
  prefectureOf,
  queryString,
  queryText,
  REGION_CODE,
} from './finder-url';

export { prefectureOf } from './finder-url';

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
  prefecture: C.prefectureCode,
  county: C.countyCode,
  occupation: C.occupationLabel,
  level: C.level,
  certificate: C.certificateType,
  mode: C.mode,
  month: C.startMonth,
  programme: C.programme,
  group: C.targetGroups,
  subsidised: C.subsidised,
} as const;

export type FacetKey = keyof typeof FACETS;
/** The facets in the order of the URL and of the filters. */
export const FACET_KEYS: readonly FacetKey[] = [
  'prefecture',
  'county',
  'occupation',
  'level',
  'certificate',
  'mode',
  'month',
  'programme',
  'group',
  'subsidised',
];

/** A state with nothing chosen: the classes enrolling today, soonest start first. */
export const EMPTY_STATE: Readonly<FinderState> = Object.freeze({
  q: '',
  status: 'enrolling',
  prefecture: '',
  county: '',
  occupation: '',
  level: '',
  certificate: '',
  mode: '',
  month: '',
  programme: '',
  group: '',
  subsidised: '',
  sort: 'soonest',
  near: '',
  page: 1,
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
/**
 * Reads the state from a URL's query. Unknown or malformed values are dropped rather than
 * sent to Meilisearch, so an edited or truncated link still opens a working search.
 * @example parseState(new URLSearchParams('q=养老&sort=near&near=530102')).near // '530102'
 */
export function parseState(params: URLSearchParams): FinderState {
  const q = queryText(params);
  const near = matching(params, 'near', REGION_CODE);
  const status = oneOf(params, 'status', STATUS_CHOICES, 'enrolling');
  let sort = oneOf(params, 'sort', SORTS, defaultSort(q, status));
  if (sort === 'near' && !near) sort = defaultSort(q, status);
  return {
    q,
    status,
    ...placeParams(params),
    occupation: matching(params, 'occupation', /^\d(-\d{2}){3}$/),
    level: matching(params, 'level', /^[A-Z_0-9]{1,30}$/),
    certificate: matching(params, 'certificate', /^[A-Z_]{1,40}$/),
    mode: matching(params, 'mode', /^[A-Z_]{1,20}$/),
    month: matching(params, 'month', /^\d{4}-(0[1-9]|1[0-2])$/),
    programme: matching(params, 'programme', /^[A-Z_0-9]{1,40}$/),
    group: matching(params, 'group', /^[A-Z_]{1,40}$/),
    subsidised: oneOf(params, 'subsidised', ['yes', 'no'] as const, ''),
    sort,
    near: sort === 'near' ? near : '',
    page: pageNumber(params),
  };
}

/**
 * The query string of a state, leaving out everything at its default, in a fixed order (the
 * same search always has the same URL).
 * @example toQuery({ ...EMPTY_STATE, q: '养老', sort: 'relevance' }) // 'q=%E5%85%BB%E8%80%81'
 */
export function toQuery(state: FinderState): string {
  return queryString([
    ['q', state.q, ''],
    ['status', state.status, 'enrolling'],
    ...FACET_KEYS.map((key) => [key, state[key], ''] as const),
    ['sort', state.sort, defaultSort(state.q, state.status)],
    ['near', state.sort === 'near' ? state.near : '', ''],
    ['page', state.page, 1],
  ]);
}

/** The filter of one facet choice, or null when nothing is chosen. */
function facetFilter(state: FinderState, key: FacetKey): string | null {
  const value = state[key];
  if (!value) return null;
  switch (key) {
    // The select counts by `code name` labels; the filter is on the code alone.
    case 'occupation':
      return eq(C.occupationCode, value);
    case 'subsidised':
      return eq(C.subsidised, value === 'yes');
    default:
      return eq(FACETS[key], value);
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
  if (state.sort === 'soonest') return [ascending(C.startDay)];
  if (state.sort === 'newest') return [descending(C.startDay)];
  if (state.sort === 'oldest') return [ascending(C.startDay)];
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
    [eq(C.countyCode, county)],
    [eq(C.prefectureCode, prefecture), ne(C.countyCode, county)],
    [ne(C.prefectureCode, prefecture)],
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
  C.globalId,
  C.title,
  C.occupationName,
  C.level,
  C.certificateType,
  C.mode,
  C.countyName,
  C.prefectureName,
  C.startDate,
  C.endDate,
  C.enrolmentCloses,
  C.subsidyPerTrainee,
  C.feeYuan,
  C.institutionName,
  C.isDemo,
  // The status today is computed from these; aliases and programme for the homophone check.
  C.placesLeft,
  C.cancelled,
  C.aliases,
  C.programmeName,
] as const satisfies readonly (keyof FinderHit)[];

/** One result card's data, as the index holds it (documents.ts `toCourseDocument`). */
export type FinderHit = {
  globalId: string;
  title: string;
  occupationName: string;
  level: string;
  certificateType: string;
  mode: string;
  countyName: string;
  prefectureName: string;
  startDate: string;
  endDate: string;
  enrolmentCloses: string;
  subsidyPerTrainee: number;
  feeYuan: number;
  institutionName: string;
  isDemo: boolean;
  placesLeft: number;
  cancelled: boolean;
  aliases: string[];
  programmeName: string;
};

/**
 * The status queries of the facet counts: one per status, each with every other choice of the
 * state, so the status select shows how many classes each status would list for today.
 * @example statusCountFilters({ ...EMPTY_STATE, prefecture: '530100' }, '2026-11-21')[0] // ['cancelled = false', 'startDay > 20778', 'placesLeft > 0', 'prefectureCode = "530100"']
 */
export function statusCountFilters(state: FinderState, today: string): string[][] {
  const rest = filtersOf(state, today, ['status']);
  return COURSE_STATUSES.map((status) => [...statusFilters(status, today), ...rest]);
}
