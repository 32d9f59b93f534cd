/**
 * The course finder in the browser: reads the state from the URL, asks Meilisearch (search-only
 * key, one multi-search request per change) for a page of classes and the count of every facet
 * value, and writes results, counts and the URL back. The search rules are in lib/finder.ts.
 *
 * Requests: one multi-search per change. It holds the page of results, one facet count per
 * chosen facet (so each select still shows its alternatives), one count per status (the status
 * is a condition on start and end days and places left for today, not a stored facet, so each
 * status is its own query with `limit: 0`, in the same request) and, for "nearest first", the
 * tiers' counts; a page beyond the first tier's start needs a second request for the slices.
 * A Chinese query that finds nothing (or only part of it) is tried by its sound (homophone
 * fallback, lib/homophone.ts): a request to the occupations index, then the search again.
 */
import { Meilisearch, type SearchParams } from 'meilisearch';
import {
  defaultSort,
  EMPTY_STATE,
  FACET_KEYS,
  FACETS,
  filtersOf,
  HIT_ATTRIBUTES,
  MAX_TOTAL_HITS,
  nearTiers,
  pagesOf,
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
  needsPinyinFallback, occupationsFilter, queryPinyin, soundsLike, syllableTable, SYLLABLE_TABLE_PATH, type OccupationHit,
} from '../lib/homophone';
import { todayInChina } from '../lib/notice-finder';
import { parsePlace, placeOnOpening, PLACE_KEY, serialisePlace, type Place } from '../lib/remembered-place';
import { formatDate, formatMonth } from '../lib/format-date';
import { wireToggle } from './compare-controls';
import { fill } from '../lib/fill';
import { readEndpoint, showInAddress, wireFinder } from './finder-shell';

interface FinderConfig {
  /** Where to read Meilisearch's URL and search-only key (`/search-endpoint.json`). */
  endpoint: string;
  lang: 'zh-CN' | 'en';
  courseBase: string;
  perPage: number;
  strings: Record<string, string> & { levels: Record<string, string>; certificates: Record<string, string>; statuses: Record<string, string> };
}

/** The classes of occupations that sound like a mistyped query, listed instead of the query's. */
interface Fallback {
  codes: string[];
  names: string[];
}

/** The facets shown above the other filters (their choices do not open the filters panel). */
const PLACE_KEYS: readonly FacetKey[] = ['prefecture', 'county'];

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
  return (syllables ??= fetch(SYLLABLE_TABLE_PATH)
    .then((r) => (r.ok ? r.json() : null))
    .then((json) => (json ? syllableTable(json as Record<string, string>) : null))
    .catch(() => null));
}

/** Typing pauses this long before a search: fewer requests on a slow network. */
/** Occupations listed in their select (the most frequent; the chosen one is always kept). */
const OCCUPATION_OPTIONS = 150;

async function start(root: HTMLElement): Promise<void> {
  const configEl = root.querySelector('[data-finder-config]');
  if (!configEl?.textContent) return;
  const config = JSON.parse(configEl.textContent) as FinderConfig;
  const s = config.strings;
  const number = new Intl.NumberFormat(config.lang === 'en' ? 'en-GB' : 'zh-CN');
  const endpoint = await readEndpoint(config.endpoint);
  if (!endpoint) {
    // Search is off or unreachable: say so, and leave the static list as the way to browse.
    root.querySelector<HTMLElement>('[data-finder-status]')!.textContent = s.error;
    return;
  }
  const client = new Meilisearch({ host: endpoint.url, apiKey: endpoint.searchKey, timeout: 15_000 });

  const form = root.querySelector<HTMLFormElement>('[data-finder-form]')!;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const selects = new Map<FacetKey, HTMLSelectElement>(
    FACET_KEYS.map((k) => [k, form.querySelector<HTMLSelectElement>(`select[data-facet="${k}"]`)!]),
  );
  const sortSelect = form.querySelector<HTMLSelectElement>('[data-finder-sort]')!;
  const nearField = form.querySelector<HTMLElement>('[data-near-field]')!;
  const nearSelect = nearField.querySelector<HTMLSelectElement>('select')!;
  const countyHint = form.querySelector<HTMLElement>('[data-county-hint]')!;
  const filters = form.querySelector<HTMLDetailsElement>('[data-finder-filters]')!;
  const filtersSummary = form.querySelector<HTMLElement>('[data-finder-filters-summary]')!;
  const status = root.querySelector<HTMLElement>('[data-finder-status]')!;
  const results = root.querySelector<HTMLUListElement>('[data-finder-results]')!;
  const pager = root.querySelector<HTMLElement>('[data-finder-pages]')!;
  const pageNow = pager.querySelector<HTMLElement>('[data-page-now]')!;
  const hitTemplate = root.querySelector<HTMLTemplateElement>('[data-finder-hit]')!;
  const staticList = document.querySelector<HTMLElement>('[data-static-list]');
  const statusSelect = form.querySelector<HTMLSelectElement>('[data-finder-status-select]')!;
  const placeNote = form.querySelector<HTMLElement>('[data-place-note]')!;
  const placeText = placeNote.querySelector<HTMLElement>('[data-place-text]')!;
  const today = endpoint.today ?? todayInChina();

  let state: FinderState = parseState(new URLSearchParams(location.search));
  // The finder opens on the place chosen last time on this device, unless the link names one.
  const opening = placeOnOpening(new URLSearchParams(location.search), readPlace());
  if (opening) {
    state = parseState(new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(toQuery(state))), ...opening }));
    showInAddress(toQuery(state), 'replace');
  }
  /** Fallbacks found, by query (null: the query's sound found nothing either). */
  const fallbacks = new Map<string, Fallback | null>();
  let latest = 0;

  /** Every county option of the "near" select, by 州市: the county filter copies from it. */
  const countiesOf = (prefecture: string) =>
    [...nearSelect.querySelectorAll<HTMLOptionElement>('option[data-prefecture]')].filter((o) => o.dataset.prefecture === prefecture);

  function fillCountySelect(): void {
    const select = selects.get('county')!;
    const keep = select.options[0];
    select.replaceChildren(keep);
    for (const o of countiesOf(state.prefecture)) {
      const option = new Option(o.dataset.label ?? o.text, o.value);
      option.dataset.label = o.dataset.label ?? o.text;
      select.append(option);
    }
    select.disabled = !state.prefecture;
    countyHint.hidden = Boolean(state.prefecture);
  }

  /** Writes the state into the form (after a URL change or a reset). */
  function showState(): void {
    input.value = state.q;
    fillCountySelect();
    for (const [key, select] of selects) {
      if (select.hasAttribute('data-dynamic') && state[key] && ![...select.options].some((o) => o.value === state[key])) {
        select.append(new Option(state[key], state[key]));
      }
      select.value = state[key];
    }
    statusSelect.value = state.status;
    sortSelect.value = state.sort;
    nearSelect.value = state.near;
    nearField.hidden = state.sort !== 'near';
    showPlace();
    const chosen = FACET_KEYS.filter((k) => state[k] && !PLACE_KEYS.includes(k)).length;
    filtersSummary.textContent = chosen ? fill(s.filtersActive, { n: chosen }) : s.filters;
    if (chosen) filters.open = true;
  }

  /** Says which place the device remembers, with the button to forget it. */
  function showPlace(): void {
    const remembered = readPlace();
    placeNote.hidden = !remembered;
    if (!remembered) return;
    const label = (select: HTMLSelectElement, value: string) => [...select.options].find((o) => o.value === value)?.dataset.label ?? '';
    const prefectureName = label(selects.get('prefecture')!, remembered.prefecture);
    const countyName = remembered.county ? countiesOf(remembered.prefecture).find((o) => o.value === remembered.county)?.dataset.label ?? '' : '';
    placeText.textContent = fill(s.remembered, { place: [prefectureName, countyName].filter(Boolean).join(' ') });
  }

  /** Reads the form into the state (page back to 1: a new search starts at its beginning). */
  function readForm(): FinderState {
    const params = new URLSearchParams();
    params.set('q', input.value);
    params.set('status', statusSelect.value);
    for (const [key, select] of selects) params.set(key, select.value);
    params.set('sort', sortSelect.value);
    params.set('near', nearSelect.value);
    const next = parseState(params);
    // Choosing "nearest" before the county: keep the choice visible while the county is picked.
    if (sortSelect.value === 'near' && !nearSelect.value) next.sort = 'near';
    return next;
  }

  /**
   * One query of the multi-search: the typed words, or (homophone fallback) no words and the
   * classes of the occupations that sound like them.
   */
  function base(extra: Partial<SearchParams> & { filter: string[] }, via: Fallback | null): SearchParams & { indexUid: string; q: string } {
    if (via) return { ...extra, indexUid: 'courses', q: '', filter: [...extra.filter, occupationsFilter(via.codes)] };
    return { ...extra, indexUid: 'courses', q: state.q, locales: /\p{Script=Han}/u.test(state.q) ? ['cmn'] : undefined };
  }

  /**
   * Facet-count queries: each chosen facet counted without its own choice, the rest in one,
   * then one query per status (the status select's counts for today).
   */
  function facetQueries(via: Fallback | null) {
    const chosen = FACET_KEYS.filter((k) => state[k]);
    const free = FACET_KEYS.filter((k) => !state[k] && !(k === 'county' && !state.prefecture));
    const queries = [base({ filter: filtersOf(state, today), facets: free.map((k) => FACETS[k]), limit: 0 }, via)];
    const groups: FacetKey[][] = [free];
    for (const key of chosen) {
      // The county's counts are within the chosen 州市; the 州市's ignore the county too.
      const except: FacetKey[] = key === 'prefecture' ? ['prefecture', 'county'] : [key];
      const facets: FacetKey[] = key === 'prefecture' ? ['prefecture'] : [key];
      queries.push(base({ filter: filtersOf(state, today, except), facets: facets.map((k) => FACETS[k]), limit: 0 }, via));
      groups.push(facets);
    }
    // `hitsPerPage: 0`: no hits, but an exhaustive `totalHits` (`limit: 0` would only estimate it).
    const statusQueries = statusCountFilters(state, today).map((filter) => base({ filter, page: 1, hitsPerPage: 0 }, via));
    return { queries, groups, statusQueries };
  }

  /**
   * The occupations a mistyped Chinese query sounds like (焊功 → 焊工), or null: its pinyin is
   * looked for in the occupations' joined pinyin, whole (see lib/homophone.ts).
   */
  async function findFallback(q: string): Promise<Fallback | null> {
    if (fallbacks.has(q)) return fallbacks.get(q)!;
    const table = await loadSyllables();
    const joined = table ? queryPinyin(q, table) : null;
    let found: Fallback | null = null;
    if (joined) {
      const answer = await client.index('occupations').search(joined, {
        attributesToSearchOn: ['namePinyinJoined'], matchingStrategy: 'all', limit: 50, attributesToRetrieve: ['code', 'name', 'namePinyinJoined'],
      });
      const hits = soundsLike(answer.hits as unknown as OccupationHit[], joined);
      if (hits.length) found = { codes: hits.map((h) => h.code), names: hits.map((h) => h.name) };
    }
    fallbacks.set(q, found);
    return found;
  }

  async function search(): Promise<void> {
    const ticket = ++latest;
    root.setAttribute('aria-busy', 'true');
    status.textContent = s.searching;
    try {
      // A query already known to be a homophone typo goes straight to its occupations' classes.
      let via = state.q && fallbacks.get(state.q) ? fallbacks.get(state.q)! : null;
      let found = await run(via);
      if (ticket !== latest || !found) return;
      if (!via && needsPinyinFallback(state.q, found.total, found.hits[0])) {
        const sounds = await findFallback(state.q);
        if (ticket !== latest) return;
        // Only when the sound finds classes (with the same filters) does it replace the query.
        const byOccupation = sounds ? await run(sounds) : null;
        if (ticket !== latest) return;
        if (byOccupation && byOccupation.total > 0) [found, via] = [byOccupation, sounds];
      }
      render(found.hits, found.total, found.distributions, found.statusCounts, via);
    } catch (error) {
      if (ticket !== latest) return;
      console.error('[finder]', error);
      root.removeAttribute('aria-busy');
      status.textContent = s.error;
      results.replaceChildren();
      pager.hidden = true;
      if (staticList) staticList.hidden = false;
    }

    /** One search (the page, facet and status counts), or null when a newer one started. */
    async function run(via: Fallback | null) {
      const per = config.perPage;
      const near = state.sort === 'near' && state.near;
      const { queries: facetQs, groups, statusQueries } = facetQueries(via);
      const extra = [...facetQs, ...statusQueries];
      let hits: FinderHit[];
      let total: number;
      let facetResults;
      if (!near) {
        const page = base({ filter: filtersOf(state, today), sort: sortOf(state), page: state.page, hitsPerPage: per, attributesToRetrieve: [...HIT_ATTRIBUTES] }, via);
        const answer = await client.multiSearch({ queries: [page, ...extra] });
        if (ticket !== latest) return null;
        const first = answer.results[0] as { hits: FinderHit[]; totalHits?: number };
        hits = first.hits;
        total = first.totalHits ?? hits.length;
        facetResults = answer.results.slice(1);
      } else {
        // Nearest first: the county, the rest of its 州市, the rest of the province, each in the
        // query's order (the soonest start when nothing is typed). The first request brings
        // each tier's first page and count; a later page fetches its slices.
        const tiers = nearTiers(state.near).map((t) => [...filtersOf(state, today), ...t]);
        const order = state.q && !via ? undefined : ['startDay:asc'];
        const tierQs = tiers.map((filter) => base({ filter, sort: order, page: 1, hitsPerPage: per, attributesToRetrieve: [...HIT_ATTRIBUTES] }, via));
        const answer = await client.multiSearch({ queries: [...tierQs, ...extra] });
        if (ticket !== latest) return null;
        const tierAnswers = answer.results.slice(0, 3) as { hits: FinderHit[]; totalHits?: number }[];
        const counts = tierAnswers.map((a) => a.totalHits ?? a.hits.length);
        facetResults = answer.results.slice(3);
        total = counts.reduce((a, b) => a + b, 0);
        const plan = planPage(counts, state.page, per);
        if (plan.every((p) => p.offset + p.limit <= per)) {
          hits = plan.flatMap((p) => tierAnswers[p.tier].hits.slice(p.offset, p.offset + p.limit));
        } else {
          const more = await client.multiSearch({
            queries: plan.map((p) => base({ filter: tiers[p.tier], sort: order, offset: p.offset, limit: p.limit, attributesToRetrieve: [...HIT_ATTRIBUTES] }, via)),
          });
          if (ticket !== latest) return null;
          hits = more.results.flatMap((r) => r.hits as FinderHit[]);
        }
      }
      const distributions: Partial<Record<FacetKey, Record<string, number>>> = {};
      facetResults.slice(0, groups.length).forEach((r, i) => {
        for (const key of groups[i]) distributions[key] = (r.facetDistribution?.[FACETS[key]] ?? {}) as Record<string, number>;
      });
      const statusCounts = Object.fromEntries(
        COURSE_STATUSES.map((st, i) => {
          const r = facetResults[groups.length + i] as { totalHits?: number; estimatedTotalHits?: number };
          return [st, r.totalHits ?? r.estimatedTotalHits ?? 0];
        }),
      );
      return { hits, total, distributions, statusCounts };
    }
  }

  function render(
    hits: FinderHit[], total: number, distributions: Partial<Record<FacetKey, Record<string, number>>>, statusCounts: Record<string, number>, via: Fallback | null,
  ): void {
    if (staticList) staticList.hidden = true;
    root.removeAttribute('aria-busy');
    const reachable = Math.min(total, MAX_TOTAL_HITS);
    const pages = pagesOf(reachable, config.perPage);
    const note = via ? `${fill(s.fallback, { q: state.q, names: via.names.join(s.listJoin) })} ` : '';
    status.textContent = note + (total === 0
      ? s.statusNone
      : fill(s.status, { n: number.format(total), page: number.format(state.page), pages: number.format(pages) }) + (total > MAX_TOTAL_HITS ? ` ${s.capped}` : ''));
    results.replaceChildren(...hits.map(card));
    for (const b of results.querySelectorAll<HTMLButtonElement>('[data-compare-toggle]')) wireToggle(b);
    pager.hidden = pages <= 1;
    pageNow.textContent = fill(s.pageOf, { page: number.format(state.page), pages: number.format(pages) });
    pager.querySelector<HTMLButtonElement>('[data-page-step="-1"]')!.disabled = state.page <= 1;
    pager.querySelector<HTMLButtonElement>('[data-page-step="1"]')!.disabled = state.page >= pages;
    for (const [key, select] of selects) updateOptions(key, select, distributions[key]);
    for (const o of statusSelect.options) {
      const n = o.value === 'all' ? Object.values(statusCounts).reduce((a, b) => a + b, 0) : statusCounts[o.value] ?? 0;
      o.textContent = fill(s.count, { label: o.dataset.label ?? o.value, n: number.format(n) });
    }
  }

  /** Writes counts into a select's options; fills the occupation and month selects. */
  function updateOptions(key: FacetKey, select: HTMLSelectElement, counts: Record<string, number> | undefined): void {
    if (!counts) return;
    if (select.hasAttribute('data-dynamic')) {
      let entries = Object.entries(counts);
      entries = key === 'month' ? entries.sort(([a], [b]) => b.localeCompare(a)) : entries.sort((a, b) => b[1] - a[1]).slice(0, OCCUPATION_OPTIONS);
      const options = entries.map(([raw, n]) => {
        const value = key === 'occupation' ? raw.split(' ')[0] : raw;
        const text = key === 'occupation' ? raw.slice(value.length + 1) : formatMonth(config.lang, raw);
        const o = new Option(fill(s.count, { label: text, n: number.format(n) }), value);
        o.dataset.label = text;
        return o;
      });
      if (state[key] && !options.some((o) => o.value === state[key])) options.unshift(new Option(state[key], state[key]));
      select.replaceChildren(select.options[0], ...options);
      select.value = state[key];
      return;
    }
    for (const o of select.options) {
      if (!o.value) continue;
      const n = key === 'subsidised' ? counts[o.value === 'yes' ? 'true' : 'false'] ?? 0 : counts[o.value] ?? 0;
      o.textContent = fill(s.count, { label: o.dataset.label ?? o.value, n: number.format(n) });
    }
  }

  function card(hit: FinderHit): HTMLElement {
    const node = hitTemplate.content.firstElementChild!.cloneNode(true) as HTMLElement;
    const slot = (name: string) => node.querySelector<HTMLElement>(`[data-slot="${name}"]`)!;
    const id = String(hit.globalId);
    const title = slot('title') as HTMLAnchorElement;
    title.href = `${config.courseBase}${id}/`;
    title.textContent = String(hit.title);
    title.id = `hit-${id}`;
    slot('demo').hidden = !hit.isDemo;
    slot('occupation').textContent = String(hit.occupationName);
    slot('level').textContent = s.levels[String(hit.level)] ?? String(hit.level);
    slot('certificate').textContent = s.certificates[String(hit.certificateType)] ?? String(hit.certificateType);
    slot('place').textContent = fill(s.placeJoin, { county: String(hit.countyName), prefecture: String(hit.prefectureName) });
    slot('dates').textContent = fill(s.dateRange, { from: formatDate(config.lang, String(hit.startDate)), to: formatDate(config.lang, String(hit.endDate)) });
    const placesLeft = Number(hit.placesLeft);
    slot('status').textContent = s.statuses[courseStatusOn({
      startDate: String(hit.startDate), endDate: String(hit.endDate), enrolmentCloses: String(hit.enrolmentCloses), placesLeft, cancelled: hit.cancelled === true,
    }, today)];
    slot('places').textContent = placesLeft > 0 ? fill(s.placesLeft, { n: number.format(placesLeft) }) : s.noPlaces;
    const fee = Number(hit.feeYuan);
    slot('fee').textContent = fee === 0 ? s.free : fill(s.yuan, { n: number.format(fee) });
    const subsidy = Number(hit.subsidyPerTrainee);
    slot('subsidy').textContent = subsidy > 0 ? fill(s.subsidyPer, { amount: fill(s.yuan, { n: number.format(subsidy) }) }) : s.noSubsidy;
    slot('institution').textContent = String(hit.institutionName);
    const toggle = node.querySelector<HTMLButtonElement>('[data-compare-toggle]')!;
    toggle.dataset.courseId = id;
    toggle.setAttribute('aria-describedby', title.id);
    return node;
  }

  /** Applies a new state: URL (a new history entry for pages, replaced while typing), then search. */
  function go(next: FinderState, history: 'push' | 'replace'): void {
    state = next;
    showInAddress(toQuery(state), history);
    showState();
    void search();
  }

  wireFinder({
    root, form, input, pager, status, readForm, go,
    current: () => state,
    // Clears the search and the filters; the remembered place stays (it has its own button).
    reset: () => ({ ...EMPTY_STATE, ...(readPlace() ?? {}) }),
    fromAddress() {
      state = parseState(new URLSearchParams(location.search));
      showState();
      void search();
    },
    changed(next, target) {
      // A new 州市 clears the county of the old one.
      if (target === selects.get('prefecture')) next.county = '';
      // Another status brings its own order (soonest start for classes to come, latest for the
      // others) unless an order was chosen.
      if (target === statusSelect && state.sort === defaultSort(state.q, state.status)) next.sort = defaultSort(next.q, next.status);
      // The place is remembered on the device as soon as it is chosen (choosing "any" forgets it).
      if (target === selects.get('prefecture') || target === selects.get('county')) writePlace({ prefecture: next.prefecture, county: next.county });
      if (target === sortSelect && next.sort === 'near' && !next.near) {
        showStateFor(next);
        nearSelect.focus();
        return null;
      }
      return next;
    },
  });
  placeNote.querySelector('[data-place-forget]')!.addEventListener('click', () => {
    writePlace({ prefecture: '', county: '' });
    go({ ...state, prefecture: '', county: '', page: 1 }, 'push');
    // The button is gone with the note: keep focus on the place's select and say what happened.
    selects.get('prefecture')!.focus();
    status.textContent = s.forgotten;
  });

  /** Shows "nearest" chosen while its county is still to be picked, without searching yet. */
  function showStateFor(next: FinderState): void {
    sortSelect.value = next.sort;
    nearField.hidden = false;
  }

  showState();
  void search();
}

const root = document.querySelector<HTMLElement>('[data-finder]');
if (root) void start(root);
