/**
 * The notice finder in the browser: what it declares to the finder shell (scripts/finder-shell.ts,
 * which reads the form, keeps the URL, searches and writes results, counts and pager): its
 * facets, one Meilisearch multi-search per change (the page of notices, and the counts of each
 * select without its own choice) and its result card. The rules are in lib/notice-finder.ts.
 */
import type { MultiSearchParams, SearchParams } from 'meilisearch';
import { INDEX_UIDS, NOTICE_FIELDS as N } from '@skills-yunnan/search/vocabulary';
import {
  EMPTY_NOTICE_STATE,
  NOTICE_FACET_KEYS,
  NOTICE_FACETS,
  NOTICE_HIT_ATTRIBUTES,
  noticeFilters,
  noticeQuery,
  noticeSort,
  noticeStatusOn,
  parseNoticeState,
  type NoticeFacetKey,
  type NoticeFinderState,
  type NoticeHit,
} from '../lib/notice-finder';
import { formatDate } from '../lib/format-date';
import { fill } from '../lib/fill';
import {
  countsFrom,
  labelledChoices,
  startFinder,
  totalOf,
  wordsQuery,
  type CountQuery,
  type FinderContext,
  type FinderSpec,
  type Found,
} from './finder-shell';

/** Institutions listed in their select: the most frequent within the other choices. */
const INSTITUTION_OPTIONS = 100;

/** A select's counts from its count query's facet distribution ("any flag" is the `flagged` count). */
function readCounts(key: NoticeFacetKey, distribution: Record<string, Record<string, number>>): Record<string, number> {
  if (key === 'flag') return { ...distribution[N.flags], any: distribution[N.flagged]?.true ?? 0 };
  return distribution[NOTICE_FACETS[key]] ?? {};
}

/** The page of notices and the counts of the selects, or null when a newer search started. */
async function searchNotices(
  ctx: FinderContext<NoticeFinderState>,
  state: NoticeFinderState,
  isLatest: () => boolean,
): Promise<Found<NoticeHit, NoticeFacetKey> | null> {
  const { today } = ctx;
  const query = (params: SearchParams) => wordsQuery(INDEX_UIDS.notices, state.q, params);
  // Counts: the region selects without the region choice, each other select without its own.
  const countQueries: CountQuery<NoticeFacetKey>[] = [
    {
      keys: ['prefecture', 'county'],
      query: query({
        filter: noticeFilters(state, today, ['prefecture', 'county']),
        facets: [N.regionCodes],
        limit: 0,
      }),
    },
    {
      keys: ['institution'],
      query: query({
        filter: noticeFilters(state, today, ['institution']),
        facets: [NOTICE_FACETS.institution],
        limit: 0,
      }),
    },
    {
      keys: ['flag'],
      query: query({ filter: noticeFilters(state, today, ['flag']), facets: [N.flags, N.flagged], limit: 0 }),
    },
  ];
  const page = query({
    filter: noticeFilters(state, today),
    sort: noticeSort(state),
    page: state.page,
    hitsPerPage: ctx.config.perPage,
    attributesToRetrieve: [...NOTICE_HIT_ATTRIBUTES],
  });
  const answer = await ctx.client.multiSearch<MultiSearchParams, NoticeHit>({
    queries: [page, ...countQueries.map((c) => c.query)],
  });
  if (!isLatest()) return null;
  const [first, ...rest] = answer.results;
  return { hits: first.hits, total: totalOf(first), counts: countsFrom(countQueries, rest, readCounts) };
}

/** The notice finder's declaration: its facets, search and card. */
function noticeFinder(ctx: FinderContext<NoticeFinderState>): FinderSpec<NoticeFinderState, NoticeFacetKey, NoticeHit> {
  const { s, config, number } = ctx;
  const { statuses = {}, flags: flagLabels = {} } = config.labels;
  /** Names of institutions seen, so a chosen one keeps its name outside the top list. */
  const institutionNames = new Map<string, string>();

  function card(hit: NoticeHit): HTMLElement {
    const { node, slot } = ctx.newCard();
    const title = node.querySelector<HTMLAnchorElement>('a[data-slot="title"]')!;
    title.href = `${config.itemBase}${hit.globalId}/`;
    title.textContent = hit.title;
    slot('demo').hidden = !hit.isDemo;
    slot('number').textContent = hit.number;
    slot('bureau').textContent = hit.bureauName;
    slot('institution').textContent = hit.institutionName || '—';
    if (hit.institutionId && hit.institutionName) institutionNames.set(hit.institutionId, hit.institutionName);
    slot('published').textContent = formatDate(config.lang, hit.publishedOn);
    slot('status').textContent =
      statuses[noticeStatusOn({ withdrawn: Boolean(hit.withdrawn), objectionUntil: hit.objectionUntil }, ctx.today)];
    slot('lines').textContent = number.format(Number(hit.lineCount));
    slot('total').textContent = fill(s.yuan, { n: number.format(Number(hit.totalAmount)) });
    const flags = hit.flags ?? [];
    slot('flags').textContent = flags.length
      ? flags.map((f) => flagLabels[f] ?? f).join(config.lang === 'en' ? ', ' : '、')
      : s.noFlags;
    return node;
  }

  return {
    parse: parseNoticeState,
    toQuery: noticeQuery,
    reset: () => ({ ...EMPTY_NOTICE_STATE }),
    facets: NOTICE_FACET_KEYS,
    // The county goes with its 州市: one place, counted once.
    panelKeys: ['prefecture', 'institution', 'status', 'flag', 'from', 'to'],
    search: (state, isLatest) => searchNotices(ctx, state, isLatest),
    card,
    dynamicOptions(_key, counts) {
      const choices = labelledChoices(counts, INSTITUTION_OPTIONS);
      for (const c of choices) institutionNames.set(c.value, c.label);
      return choices;
    },
    chosenLabel: (_key, value) => institutionNames.get(value) ?? value,
  };
}

const root = document.querySelector<HTMLElement>('[data-notice-finder]');
if (root) void startFinder(root, noticeFinder);
