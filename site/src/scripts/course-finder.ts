/**
 * The course finder in the browser: what it declares to the finder shell (scripts/finder-shell.ts,
 * which reads the form, keeps the URL, searches and writes results, counts and pager): its
 * facets, its Meilisearch queries and its result card. The search rules are in lib/finder.ts.
 *
 * Requests: one multi-search per change. It holds the page of results, one facet count per
 * chosen facet (so each select still shows its alternatives), one count per status (the status
 * is a condition on start and end days and places left for today, not a stored facet, so each
 * status is its own query with `limit: 0`, in the same request) and, for "nearest first", the
 * tiers' counts; a page beyond the first tier's start needs a second request for the slices.
 * A Chinese query that finds nothing (or only part of it) is tried by its sound (homophone
 * fallback, lib/homophone.ts): a request to the occupations index, then the search again.
 */
import type { Meilisearch, MultiSearchParams, MultiSearchQuery, MultiSearchResult, SearchParams } from 'meilisearch';
import { ascending, COURSE_FIELDS as C, INDEX_UIDS, OCCUPATION_FIELDS as O } from '@skills-yunnan/search/vocabulary';
import {
  defaultSort,
  EMPTY_STATE,
  FACET_KEYS,
  FACETS,
  filtersOf,
  HIT_ATTRIBUTES,
  nearTiers,
  parseState,
  planPage,
  sortOf,
  toQuery,
  type FacetKey,
  type FinderHit,
  type FinderState,
  statusCountFilters,
} from '../lib/finder';
import { COURSE_STATUSES, courseStatusOn } from '../lib/course-status';
import {
  needsPinyinFallback,
  occupationsFilter,
  queryPinyin,
  soundsLike,
  syllableTable,
  SYLLABLE_TABLE_PATH,
} from '../lib/homophone';
import { parsePlace, placeOnOpening, PLACE_KEY, serialisePlace, type Place } from '../lib/remembered-place';
import { formatDate, formatMonth } from '../lib/format-date';
import { wireToggle } from './compare-controls';
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

/** The classes of occupations that sound like a mistyped query, listed instead of the query's. */
interface Fallback {
  codes: string[];
  names: string[];
}

/** What a course search finds beyond the shell's: how many classes each status holds. */
interface CourseFound extends Found<FinderHit, FacetKey> {
  statusCounts: Record<string, number>;
}

/** The facets shown above the other filters (their choices do not open the filters panel). */
const PLACE_KEYS: readonly FacetKey[] = ['prefecture', 'county'];

/** Occupations listed in their select (the most frequent; the chosen one is always kept). */
const OCCUPATION_OPTIONS = 150;

/** localStorage, or null where it is blocked (private windows, strict settings). */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function readPlace(): Place | null {
  try {
    return parsePlace(storage()?.getItem(PLACE_KEY));
  } catch {
    return null;
  }
}

/** Remembers the chosen place on the device, or forgets it when no 州市 is chosen. */
function writePlace(place: Place): void {
  try {
    const value = serialisePlace(place);
    if (value) storage()?.setItem(PLACE_KEY, value);
    else storage()?.removeItem(PLACE_KEY);
  } catch {
    // Storage full or blocked: the finder works the same, it only forgets the place.
  }
}

let syllables: Promise<Map<string, string> | null> | undefined;
/** The pinyin syllable table, fetched once and only when a fallback needs it. */
function loadSyllables(): Promise<Map<string, string> | null> {
  syllables ??= fetch(SYLLABLE_TABLE_PATH)
    .then((r) => (r.ok ? r.json() : null))
    .then((json: unknown) =>
      typeof json === 'object' && json !== null
        ? syllableTable(
            Object.fromEntries(Object.entries(json).filter((e): e is [string, string] => typeof e[1] === 'string')),
          )
        : null,
    )
    .catch(() => null);
  return syllables;
}

/**
 * One query of the course search: the typed words, or (homophone fallback) no words and the
 * classes of the occupations that sound like them.
 */
function courseQuery(q: string, via: Fallback | null, params: SearchParams & { filter: string[] }): MultiSearchQuery {
  if (via)
    return { ...params, indexUid: INDEX_UIDS.courses, q: '', filter: [...params.filter, occupationsFilter(via.codes)] };
  return wordsQuery(INDEX_UIDS.courses, q, params);
}

/**
 * Facet-count queries: each chosen facet counted without its own choice, the rest in one, then
 * one query per status (the status select's counts for today).
 */
function facetQueries(
  state: FinderState,
  today: string,
  via: Fallback | null,
): { counts: CountQuery<FacetKey>[]; statuses: MultiSearchQuery[] } {
  const chosen = FACET_KEYS.filter((k) => state[k]);
  const free = FACET_KEYS.filter((k) => !state[k] && !(k === 'county' && !state.prefecture));
  const counts: CountQuery<FacetKey>[] = [
    {
      keys: free,
      query: courseQuery(state.q, via, {
        filter: filtersOf(state, today),
        facets: free.map((k) => FACETS[k]),
        limit: 0,
      }),
    },
  ];
  for (const key of chosen) {
    // The county's counts are within the chosen 州市; the 州市's ignore the county too.
    const except: FacetKey[] = key === 'prefecture' ? ['prefecture', 'county'] : [key];
    counts.push({
      keys: [key],
      query: courseQuery(state.q, via, { filter: filtersOf(state, today, except), facets: [FACETS[key]], limit: 0 }),
    });
  }
  // `hitsPerPage: 0`: no hits, but an exhaustive `totalHits` (`limit: 0` would only estimate it).
  const statuses = statusCountFilters(state, today).map((filter) =>
    courseQuery(state.q, via, { filter, page: 1, hitsPerPage: 0 }),
  );
  return { counts, statuses };
}

/** The page of classes, and the answers to the count queries sent with it. */
interface PageAnswer {
  hits: FinderHit[];
  total: number;
  rest: MultiSearchResult<FinderHit>[];
}

/** How a course search reaches Meilisearch. */
interface Searcher {
  client: Meilisearch;
  today: string;
  perPage: number;
}

/** The page in the state's order, with `extra` queries in the same request. */
async function plainPage(
  m: Searcher,
  state: FinderState,
  via: Fallback | null,
  extra: MultiSearchQuery[],
): Promise<PageAnswer> {
  const page = courseQuery(state.q, via, {
    filter: filtersOf(state, m.today),
    sort: sortOf(state),
    page: state.page,
    hitsPerPage: m.perPage,
    attributesToRetrieve: [...HIT_ATTRIBUTES],
  });
  const answer = await m.client.multiSearch<MultiSearchParams, FinderHit>({ queries: [page, ...extra] });
  const [first, ...rest] = answer.results;
  return { hits: first.hits, total: totalOf(first), rest };
}

/**
 * Nearest first: the county, the rest of its 州市, the rest of the province, each in the
 * query's order (the soonest start when nothing is typed). The first request brings each tier's
 * first page and count; a later page fetches its slices.
 */
async function nearPage(
  m: Searcher,
  state: FinderState,
  via: Fallback | null,
  extra: MultiSearchQuery[],
  isLatest: () => boolean,
): Promise<PageAnswer | null> {
  const per = m.perPage;
  const tiers = nearTiers(state.near).map((t) => [...filtersOf(state, m.today), ...t]);
  const order = state.q && !via ? undefined : [ascending(C.startDay)];
  const tierQs = tiers.map((filter) =>
    courseQuery(state.q, via, {
      filter,
      sort: order,
      page: 1,
      hitsPerPage: per,
      attributesToRetrieve: [...HIT_ATTRIBUTES],
    }),
  );
  const answer = await m.client.multiSearch<MultiSearchParams, FinderHit>({ queries: [...tierQs, ...extra] });
  if (!isLatest()) return null;
  const tierAnswers = answer.results.slice(0, tiers.length);
  const counts = tierAnswers.map(totalOf);
  const total = counts.reduce((a, b) => a + b, 0);
  const rest = answer.results.slice(tiers.length);
  const plan = planPage(counts, state.page, per);
  if (plan.every((p) => p.offset + p.limit <= per)) {
    return { hits: plan.flatMap((p) => tierAnswers[p.tier].hits.slice(p.offset, p.offset + p.limit)), total, rest };
  }
  const more = await m.client.multiSearch<MultiSearchParams, FinderHit>({
    queries: plan.map((p) =>
      courseQuery(state.q, via, {
        filter: tiers[p.tier],
        sort: order,
        offset: p.offset,
        limit: p.limit,
        attributesToRetrieve: [...HIT_ATTRIBUTES],
      }),
    ),
  });
  if (!isLatest()) return null;
  return { hits: more.results.flatMap((r) => r.hits), total, rest };
}

/** One search (the page, facet and status counts), or null when a newer one started. */
async function runSearch(
  m: Searcher,
  state: FinderState,
  via: Fallback | null,
  isLatest: () => boolean,
): Promise<CourseFound | null> {
  const { counts: countQs, statuses } = facetQueries(state, m.today, via);
  const extra = [...countQs.map((c) => c.query), ...statuses];
  const page =
    state.sort === 'near' && state.near
      ? await nearPage(m, state, via, extra, isLatest)
      : await plainPage(m, state, via, extra);
  if (!page || !isLatest()) return null;
  const counts = countsFrom(countQs, page.rest, (key, distribution) => distribution[FACETS[key]] ?? {});
  const statusCounts = Object.fromEntries(
    COURSE_STATUSES.map((status, i) => {
      const r = page.rest[countQs.length + i];
      return [status, r?.totalHits ?? r?.estimatedTotalHits ?? 0];
    }),
  );
  return { hits: page.hits, total: page.total, counts, statusCounts };
}

/**
 * The occupations a mistyped Chinese query sounds like (焊功 → 焊工), or null: its pinyin is
 * looked for in the occupations' joined pinyin, whole (see lib/homophone.ts).
 */
async function findFallback(client: Meilisearch, q: string): Promise<Fallback | null> {
  const table = await loadSyllables();
  const joined = table ? queryPinyin(q, table) : null;
  if (!joined) return null;
  const answer = await client
    .index<{ code: string; name: string; namePinyinJoined: string }>(INDEX_UIDS.occupations)
    .search(joined, {
      attributesToSearchOn: [O.namePinyinJoined],
      matchingStrategy: 'all',
      limit: 50,
      attributesToRetrieve: [O.code, O.name, O.namePinyinJoined],
    });
  const hits = soundsLike(answer.hits, joined);
  return hits.length ? { codes: hits.map((h) => h.code), names: hits.map((h) => h.name) } : null;
}

/** A result card: the class, its place, dates, status today, places, fee and subsidy. */
function courseCard(ctx: FinderContext<FinderState>, hit: FinderHit): HTMLElement {
  const { s, config, number } = ctx;
  const { levels = {}, certificates = {}, statuses = {} } = config.labels;
  const { node, slot } = ctx.newCard();
  const id = hit.globalId;
  const title = node.querySelector<HTMLAnchorElement>('a[data-slot="title"]')!;
  title.href = `${config.itemBase}${id}/`;
  title.textContent = hit.title;
  title.id = `hit-${id}`;
  slot('demo').hidden = !hit.isDemo;
  slot('occupation').textContent = hit.occupationName;
  slot('level').textContent = levels[hit.level] ?? hit.level;
  slot('certificate').textContent = certificates[hit.certificateType] ?? hit.certificateType;
  slot('place').textContent = fill(s.placeJoin, { county: hit.countyName, prefecture: hit.prefectureName });
  slot('dates').textContent = fill(s.dateRange, {
    from: formatDate(config.lang, hit.startDate),
    to: formatDate(config.lang, hit.endDate),
  });
  const placesLeft = Number(hit.placesLeft);
  slot('status').textContent =
    statuses[
      courseStatusOn(
        {
          startDate: hit.startDate,
          endDate: hit.endDate,
          enrolmentCloses: hit.enrolmentCloses,
          placesLeft,
          cancelled: hit.cancelled === true,
        },
        ctx.today,
      )
    ];
  slot('places').textContent = placesLeft > 0 ? fill(s.placesLeft, { n: number.format(placesLeft) }) : s.noPlaces;
  const fee = Number(hit.feeYuan);
  slot('fee').textContent = fee === 0 ? s.free : fill(s.yuan, { n: number.format(fee) });
  const subsidy = Number(hit.subsidyPerTrainee);
  slot('subsidy').textContent =
    subsidy > 0 ? fill(s.subsidyPer, { amount: fill(s.yuan, { n: number.format(subsidy) }) }) : s.noSubsidy;
  slot('institution').textContent = hit.institutionName;
  const toggle = node.querySelector<HTMLButtonElement>('[data-compare-toggle]')!;
  toggle.dataset.courseId = id;
  toggle.setAttribute('aria-describedby', title.id);
  return node;
}

/** The course finder's declaration: its facets, search, card and remembered place. */
function courseFinder(ctx: FinderContext<FinderState>): FinderSpec<FinderState, FacetKey, FinderHit, CourseFound> {
  const { form, s } = ctx;
  const m: Searcher = { client: ctx.client, today: ctx.today, perPage: ctx.config.perPage };
  const sortSelect = form.querySelector<HTMLSelectElement>('[data-finder-sort]')!;
  const nearField = form.querySelector<HTMLElement>('[data-near-field]')!;
  const nearSelect = nearField.querySelector<HTMLSelectElement>('select')!;
  const statusSelect = form.querySelector<HTMLSelectElement>('[data-finder-status-select]')!;
  const placeNote = form.querySelector<HTMLElement>('[data-place-note]')!;
  const prefectureSelect = ctx.select('prefecture')!;
  /** Fallbacks found, by query (null: the query's sound found nothing either). */
  const fallbacks = new Map<string, Fallback | null>();

  /** Every county option of the "near" select, by 州市. */
  const countiesOf = (prefecture: string) =>
    [...nearSelect.querySelectorAll<HTMLOptionElement>('option[data-prefecture]')].filter(
      (o) => o.dataset.prefecture === prefecture,
    );

  /** Says which place the device remembers, with the button to forget it. */
  function showPlace(): void {
    const remembered = readPlace();
    placeNote.hidden = !remembered;
    if (!remembered) return;
    const prefectureName =
      [...prefectureSelect.options].find((o) => o.value === remembered.prefecture)?.dataset.label ?? '';
    const countyName = remembered.county
      ? (countiesOf(remembered.prefecture).find((o) => o.value === remembered.county)?.dataset.label ?? '')
      : '';
    placeNote.querySelector<HTMLElement>('[data-place-text]')!.textContent = fill(s.remembered, {
      place: [prefectureName, countyName].filter(Boolean).join(' '),
    });
  }

  async function search(state: FinderState, isLatest: () => boolean): Promise<CourseFound | null> {
    // A query already known to be a homophone typo goes straight to its occupations' classes.
    let via = state.q ? (fallbacks.get(state.q) ?? null) : null;
    let found = await runSearch(m, state, via, isLatest);
    if (!found) return null;
    if (!via && needsPinyinFallback(state.q, found.total, found.hits[0])) {
      if (!fallbacks.has(state.q)) fallbacks.set(state.q, await findFallback(m.client, state.q));
      const sounds = fallbacks.get(state.q) ?? null;
      if (!isLatest()) return null;
      // Only when the sound finds classes (with the same filters) does it replace the query.
      const byOccupation = sounds ? await runSearch(m, state, sounds, isLatest) : null;
      if (!isLatest()) return null;
      if (byOccupation && byOccupation.total > 0) [found, via] = [byOccupation, sounds];
    }
    return via ? { ...found, note: `${fill(s.fallback, { q: state.q, names: via.names.join(s.listJoin) })} ` } : found;
  }

  placeNote.querySelector('[data-place-forget]')!.addEventListener('click', () => {
    writePlace({ prefecture: '', county: '' });
    ctx.go({ ...ctx.state(), prefecture: '', county: '', page: 1 }, 'push');
    // The button is gone with the note: keep focus on the place's select and say what happened.
    prefectureSelect.focus();
    ctx.status.textContent = s.forgotten;
  });

  return {
    parse: parseState,
    toQuery,
    // Clears the search and the filters; the remembered place stays (it has its own button).
    reset: () => ({ ...EMPTY_STATE, ...(readPlace() ?? {}) }),
    facets: FACET_KEYS,
    panelKeys: FACET_KEYS.filter((k) => !PLACE_KEYS.includes(k)),
    search,
    card: (hit) => courseCard(ctx, hit),
    dynamicOptions: (key, counts) =>
      key === 'month'
        ? Object.entries(counts)
            .sort(([a], [b]) => b.localeCompare(a))
            .map(([value, n]) => ({ value, label: formatMonth(ctx.config.lang, value), n }))
        : labelledChoices(counts, OCCUPATION_OPTIONS),
    countOf: (key, value, counts) =>
      (key === 'subsidised' ? counts[value === 'yes' ? 'true' : 'false'] : counts[value]) ?? 0,
    // Choosing "nearest" before the county: keep the choice visible while the county is picked.
    fromForm: (next) => (sortSelect.value === 'near' && !nearSelect.value ? { ...next, sort: 'near' } : next),
    changed(next, target) {
      const current = ctx.state();
      // Another status brings its own order (soonest start for classes to come, latest for the
      // others) unless an order was chosen.
      if (target === statusSelect && current.sort === defaultSort(current.q, current.status))
        next.sort = defaultSort(next.q, next.status);
      // The place is remembered on the device as soon as it is chosen (choosing "any" forgets it).
      if (target === prefectureSelect || target === ctx.select('county'))
        writePlace({ prefecture: next.prefecture, county: next.county });
      if (target === sortSelect && next.sort === 'near' && !next.near) {
        // Shows "nearest" chosen while its county is still to be picked, without searching yet.
        sortSelect.value = next.sort;
        nearField.hidden = false;
        nearSelect.focus();
        return null;
      }
      return next;
    },
    showState(state) {
      nearField.hidden = state.sort !== 'near';
      showPlace();
    },
    afterRender(found) {
      for (const b of ctx.root.querySelectorAll<HTMLButtonElement>('[data-finder-results] [data-compare-toggle]'))
        wireToggle(b);
      const all = Object.values(found.statusCounts).reduce((a, b) => a + b, 0);
      for (const o of statusSelect.options) {
        const n = o.value === 'all' ? all : (found.statusCounts[o.value] ?? 0);
        o.textContent = fill(s.count, { label: o.dataset.label ?? o.value, n: ctx.number.format(n) });
      }
    },
    // The finder opens on the place chosen last time on this device, unless the link names one.
    opening(fromAddress) {
      const place = placeOnOpening(new URLSearchParams(location.search), readPlace());
      return place
        ? parseState(
            new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(toQuery(fromAddress))), ...place }),
          )
        : null;
    },
  };
}

const root = document.querySelector<HTMLElement>('[data-finder]');
if (root) void startFinder(root, courseFinder);
