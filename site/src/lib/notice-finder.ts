/**
 * The notice finder's state and Meilisearch filters, as plain functions (the browser script,
 * src/scripts/notice-finder.ts, wires them to the page; the tests check them without one).
 *
 * The state is the URL: `/notices/?prefecture=530100&flag=flag.late-claim&from=2022-01-01`, so
 * a journalist can bookmark a search, and an institution page can link to its own notices.
 * Status is not stored in the index (it changes with the calendar): it is a condition on the
 * objection period's last day and on withdrawal, evaluated for today in China.
 */

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
  prefecture: 'regionCodes',
  county: 'regionCodes',
  institution: 'institutionLabel',
  flag: 'flags',
} as const;
export type NoticeFacetKey = keyof typeof NOTICE_FACETS;
export const NOTICE_FACET_KEYS = Object.keys(NOTICE_FACETS) as NoticeFacetKey[];

export const EMPTY_NOTICE_STATE: Readonly<NoticeFinderState> = Object.freeze({
  q: '', prefecture: '', county: '', institution: '', status: '', flag: '', from: '', to: '', sort: 'newest', page: 1,
});

const SORTS: readonly NoticeSort[] = ['newest', 'oldest', 'amount', 'relevance'];
const STATUSES: readonly NoticeStatusChoice[] = ['open', 'closed', 'withdrawn'];
const REGION = /^\d{6}$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Reads the state from a URL's query; malformed values are dropped, so an edited link still
 * opens a working search.
 * @example parseNoticeState(new URLSearchParams('county=530102')).prefecture // '530100'
 */
export function parseNoticeState(params: URLSearchParams): NoticeFinderState {
  const get = (k: string) => (params.get(k) ?? '').trim();
  const region = (k: string) => (REGION.test(get(k)) ? get(k) : '');
  const q = get('q').slice(0, 100);
  const sortParam = get('sort') as NoticeSort;
  const page = Number.parseInt(get('page'), 10);
  let prefecture = region('prefecture');
  const county = region('county');
  if (county && !prefecture) prefecture = `${county.slice(0, 4)}00`;
  let from = DAY.test(get('from')) ? get('from') : '';
  let to = DAY.test(get('to')) ? get('to') : '';
  if (from && to && from > to) [from, to] = [to, from];
  return {
    q,
    prefecture,
    county: county && `${county.slice(0, 4)}00` === prefecture && county !== prefecture ? county : '',
    institution: /^[A-Za-z0-9_-]{1,64}$/.test(get('institution')) ? get('institution') : '',
    status: STATUSES.includes(get('status') as NoticeStatusChoice) ? (get('status') as NoticeStatusChoice) : '',
    flag: /^(any|flag\.[a-z-]{1,40})$/.test(get('flag')) ? get('flag') : '',
    from,
    to,
    sort: SORTS.includes(sortParam) ? sortParam : q ? 'relevance' : 'newest',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/**
 * The query string of a state, defaults left out, in a fixed order.
 * @example noticeQuery({ ...EMPTY_NOTICE_STATE, flag: 'any' }) // 'flag=any'
 */
export function noticeQuery(state: NoticeFinderState): string {
  const out = new URLSearchParams();
  for (const key of ['q', 'prefecture', 'county', 'institution', 'status', 'flag', 'from', 'to'] as const) if (state[key]) out.set(key, state[key]);
  if (state.sort !== (state.q ? 'relevance' : 'newest')) out.set('sort', state.sort);
  if (state.page > 1) out.set('page', String(state.page));
  return out.toString();
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` day, as the index stores dates. */
export function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);
}

/** Today's date in China, `YYYY-MM-DD` (the notices' calendar, whatever the reader's zone). */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The status of a notice for `today`: the same rule as the API (notice-lifecycle.rules).
 * @example noticeStatusOn({ withdrawn: false, objectionUntil: '2022-05-09' }, '2022-05-09') // 'IN_OBJECTION_PERIOD'
 */
export function noticeStatusOn(n: { withdrawn: boolean; objectionUntil: string }, today: string): 'IN_OBJECTION_PERIOD' | 'CLOSED' | 'WITHDRAWN' {
  if (n.withdrawn) return 'WITHDRAWN';
  return n.objectionUntil >= today ? 'IN_OBJECTION_PERIOD' : 'CLOSED';
}

/**
 * Meilisearch filters (all must hold) for the state on `today`; `except` leaves facets out so
 * each select counts its own alternatives.
 * @example noticeFilters({ ...EMPTY_NOTICE_STATE, status: 'open' }, '2022-05-09') // ['withdrawn = false', 'objectionUntilDay >= 19121']
 */
export function noticeFilters(state: NoticeFinderState, today: string, except: readonly NoticeFacetKey[] = []): string[] {
  const out: string[] = [];
  const skip = (k: NoticeFacetKey) => except.includes(k);
  if (state.county && !skip('county')) out.push(`regionCodes = ${quote(state.county)}`);
  else if (state.prefecture && !skip('prefecture')) out.push(`regionCodes = ${quote(state.prefecture)}`);
  if (state.institution && !skip('institution')) out.push(`institutionId = ${quote(state.institution)}`);
  if (state.flag && !skip('flag')) out.push(state.flag === 'any' ? 'flagged = true' : `flags = ${quote(state.flag)}`);
  if (state.status === 'withdrawn') out.push('withdrawn = true');
  else if (state.status === 'open') out.push('withdrawn = false', `objectionUntilDay >= ${dayNumber(today)}`);
  else if (state.status === 'closed') out.push('withdrawn = false', `objectionUntilDay < ${dayNumber(today)}`);
  if (state.from) out.push(`publishedDay >= ${dayNumber(state.from)}`);
  if (state.to) out.push(`publishedDay <= ${dayNumber(state.to)}`);
  return out;
}

/** The sort of a state (relevance: Meilisearch's own order). */
export function noticeSort(state: NoticeFinderState): string[] | undefined {
  if (state.sort === 'newest') return ['publishedDay:desc'];
  if (state.sort === 'oldest') return ['publishedDay:asc'];
  if (state.sort === 'amount') return ['totalAmount:desc'];
  return undefined;
}

/** What a result card shows. */
export const NOTICE_HIT_ATTRIBUTES = [
  'globalId', 'title', 'number', 'bureauName', 'publishedOn', 'objectionUntil', 'withdrawn', 'totalAmount', 'lineCount',
  'institutionId', 'institutionName', 'flags', 'isDemo',
] as const;
