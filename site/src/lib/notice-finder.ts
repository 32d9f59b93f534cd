/**
 * The notice finder's state and Meilisearch filters, as plain functions (the browser script,
 * src/scripts/notice-finder.ts, wires them to the page; the tests check them without one).
 *
 * The state is the URL: `/notices/?prefecture=530100&flag=flag.late-claim&from=2022-01-01`, so
 * a journalist can bookmark a search, and an institution page can link to its own notices.
 * Status is not stored in the index (it changes with the calendar): it is a condition on the
 * objection period's last day and on withdrawal, evaluated for today in China.
 */
import {
  ascending,
  dayNumber,
  descending,
  eq,
  gte,
  lt,
  lte,
  NOTICE_FIELDS as N,
  regionFilter,
} from '@skills-yunnan/search/vocabulary';
import { matching, oneOf, pageNumber, placeParams, queryString, queryText } from './finder-url';

export type NoticeSort = 'newest' | 'oldest' | 'amount' | 'relevance';
export type NoticeStatusChoice = '' | 'open' | 'closed' | 'withdrawn';

/** Everything a notice search is made of. Empty strings mean "any". */
export interface NoticeFinderState {
  q: string;
  prefecture: string;
  county: string;
  /** Global ID of an institution. */
  institution: string;
  status: NoticeStatusChoice;
  /** A red flag id (`flag.late-claim`), or `any` for notices with at least one. */
  flag: string;
  /** Published from / to, `YYYY-MM-DD`. */
  from: string;
  to: string;
  sort: NoticeSort;
  page: number;
}

/** The facets counted for the selects: URL parameter → indexed attribute. */
export const NOTICE_FACETS = {
  prefecture: N.regionCodes,
  county: N.regionCodes,
  institution: N.institutionLabel,
  flag: N.flags,
} as const;
export type NoticeFacetKey = keyof typeof NOTICE_FACETS;
export const NOTICE_FACET_KEYS: readonly NoticeFacetKey[] = ['prefecture', 'county', 'institution', 'flag'];

export const EMPTY_NOTICE_STATE: Readonly<NoticeFinderState> = Object.freeze({
  q: '',
  prefecture: '',
  county: '',
  institution: '',
  status: '',
  flag: '',
  from: '',
  to: '',
  sort: 'newest',
  page: 1,
});

const SORTS: readonly NoticeSort[] = ['newest', 'oldest', 'amount', 'relevance'];
const STATUSES: readonly NoticeStatusChoice[] = ['open', 'closed', 'withdrawn'];
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Reads the state from a URL's query; malformed values are dropped, so an edited link still
 * opens a working search.
 * @example parseNoticeState(new URLSearchParams('county=530102')).prefecture // '530100'
 */
export function parseNoticeState(params: URLSearchParams): NoticeFinderState {
  const q = queryText(params);
  let from = matching(params, 'from', DAY);
  let to = matching(params, 'to', DAY);
  if (from && to && from > to) [from, to] = [to, from];
  return {
    q,
    ...placeParams(params),
    institution: matching(params, 'institution', /^[A-Za-z0-9_-]{1,64}$/),
    status: oneOf(params, 'status', STATUSES, ''),
    flag: matching(params, 'flag', /^(any|flag\.[a-z-]{1,40})$/),
    from,
    to,
    sort: oneOf(params, 'sort', SORTS, defaultNoticeSort(q)),
    page: pageNumber(params),
  };
}

/** The order when none is chosen: relevance for a typed query, else the newest first. */
function defaultNoticeSort(q: string): NoticeSort {
  return q ? 'relevance' : 'newest';
}

/**
 * The query string of a state, defaults left out, in a fixed order.
 * @example noticeQuery({ ...EMPTY_NOTICE_STATE, flag: 'any' }) // 'flag=any'
 */
export function noticeQuery(state: NoticeFinderState): string {
  return queryString([
    ...(['q', 'prefecture', 'county', 'institution', 'status', 'flag', 'from', 'to'] as const).map(
      (key) => [key, state[key], ''] as const,
    ),
    ['sort', state.sort, defaultNoticeSort(state.q)],
    ['page', state.page, 1],
  ]);
}

/** Today's date in China, `YYYY-MM-DD` (the notices' calendar, whatever the reader's zone). */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

/**
 * The status of a notice for `today`: the same rule as the API (notice-lifecycle.rules).
 * @example noticeStatusOn({ withdrawn: false, objectionUntil: '2022-05-09' }, '2022-05-09') // 'IN_OBJECTION_PERIOD'
 */
export function noticeStatusOn(
  n: { withdrawn: boolean; objectionUntil: string },
  today: string,
): 'IN_OBJECTION_PERIOD' | 'CLOSED' | 'WITHDRAWN' {
  if (n.withdrawn) return 'WITHDRAWN';
  return n.objectionUntil >= today ? 'IN_OBJECTION_PERIOD' : 'CLOSED';
}

/**
 * Meilisearch filters (all must hold) for the state on `today`; `except` leaves facets out so
 * each select counts its own alternatives.
 * @example noticeFilters({ ...EMPTY_NOTICE_STATE, status: 'open' }, '2022-05-09') // ['withdrawn = false', 'objectionUntilDay >= 19121']
 */
export function noticeFilters(
  state: NoticeFinderState,
  today: string,
  except: readonly NoticeFacetKey[] = [],
): string[] {
  const out: string[] = [];
  const skip = (k: NoticeFacetKey) => except.includes(k);
  if (state.county && !skip('county')) out.push(regionFilter(state.county));
  else if (state.prefecture && !skip('prefecture')) out.push(regionFilter(state.prefecture));
  if (state.institution && !skip('institution')) out.push(eq(N.institutionId, state.institution));
  if (state.flag && !skip('flag')) out.push(state.flag === 'any' ? eq(N.flagged, true) : eq(N.flags, state.flag));
  if (state.status === 'withdrawn') out.push(eq(N.withdrawn, true));
  else if (state.status === 'open') out.push(eq(N.withdrawn, false), gte(N.objectionUntilDay, dayNumber(today)));
  else if (state.status === 'closed') out.push(eq(N.withdrawn, false), lt(N.objectionUntilDay, dayNumber(today)));
  if (state.from) out.push(gte(N.publishedDay, dayNumber(state.from)));
  if (state.to) out.push(lte(N.publishedDay, dayNumber(state.to)));
  return out;
}

/** The sort of a state (relevance: Meilisearch's own order). */
export function noticeSort(state: NoticeFinderState): string[] | undefined {
  if (state.sort === 'newest') return [descending(N.publishedDay)];
  if (state.sort === 'oldest') return [ascending(N.publishedDay)];
  if (state.sort === 'amount') return [descending(N.totalAmount)];
  return undefined;
}

/** What a result card shows. */
export const NOTICE_HIT_ATTRIBUTES = [
  N.globalId,
  N.title,
  N.number,
  N.bureauName,
  N.publishedOn,
  N.objectionUntil,
  N.withdrawn,
  N.totalAmount,
  N.lineCount,
  N.institutionId,
  N.institutionName,
  N.flags,
  N.isDemo,
] as const satisfies readonly (keyof NoticeHit)[];

/** One result card's data, as the index holds it (documents.ts `toNoticeDocument`). */
export type NoticeHit = {
  globalId: string;
  title: string;
  number: string;
  bureauName: string;
  publishedOn: string;
  objectionUntil: string;
  withdrawn: boolean;
  totalAmount: number;
  lineCount: number;
  institutionId: string | null;
  institutionName: string | null;
  flags: string[];
  isDemo: boolean;
};
