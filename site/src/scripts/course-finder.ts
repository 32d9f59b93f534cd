/**
 * The course finder in the browser: reads the state from the URL, asks Meilisearch (search-only
 * key, one multi-search request per change) for a page of classes and the count of every facet
 * value, and writes results, counts and the URL back. The search rules are in lib/finder.ts.
 *
 * Requests: one multi-search per change. It holds the page of results, one facet count per
 * chosen facet (so each select still shows its alternatives) and, for "nearest first", the
 * tiers' counts; a page beyond the first tier's start needs a second request for the slices.
 */
import { Meilisearch, type SearchParams } from 'meilisearch';
import {
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
} from '../lib/finder';
import { formatDate, formatMonth } from '../lib/format-date';
import { wireToggle } from './compare-controls';
import { fill } from '../lib/fill';
import { readEndpoint, showInAddress } from './finder-shell';

interface FinderConfig {
  /** Where to read Meilisearch's URL and search-only key (`/search-endpoint.json`). */
  endpoint: string;
  lang: 'zh-CN' | 'en';
  courseBase: string;
  perPage: number;
  strings: Record<string, string> & { levels: Record<string, string>; certificates: Record<string, string> };
}

/** Typing pauses this long before a search: fewer requests on a slow network. */
const TYPING_DELAY_MS = 300;
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

  let state: FinderState = parseState(new URLSearchParams(location.search));
  let latest = 0;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

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
    sortSelect.value = state.sort;
    nearSelect.value = state.near;
    nearField.hidden = state.sort !== 'near';
    const chosen = FACET_KEYS.filter((k) => state[k]).length;
    filtersSummary.textContent = chosen ? fill(s.filtersActive, { n: chosen }) : s.filters;
    if (chosen) filters.open = true;
  }

  /** Reads the form into the state (page back to 1: a new search starts at its beginning). */
  function readForm(): FinderState {
    const params = new URLSearchParams();
    params.set('q', input.value);
    for (const [key, select] of selects) params.set(key, select.value);
    params.set('sort', sortSelect.value);
    params.set('near', nearSelect.value);
    const next = parseState(params);
    // Choosing "nearest" before the county: keep the choice visible while the county is picked.
    if (sortSelect.value === 'near' && !nearSelect.value) next.sort = 'near';
    return next;
  }

  function base(extra: Partial<SearchParams> & { filter: string[] }): SearchParams & { indexUid: string; q: string } {
    return { indexUid: 'courses', q: state.q, locales: /\p{Script=Han}/u.test(state.q) ? ['cmn'] : undefined, ...extra };
  }

  /** Facet-count queries: each chosen facet counted without its own choice, the rest in one. */
  function facetQueries() {
    const chosen = FACET_KEYS.filter((k) => state[k]);
    const free = FACET_KEYS.filter((k) => !state[k] && !(k === 'county' && !state.prefecture));
    const queries = [base({ filter: filtersOf(state), facets: free.map((k) => FACETS[k]), limit: 0 })];
    const groups: FacetKey[][] = [free];
    for (const key of chosen) {
      // The county's counts are within the chosen 州市; the 州市's ignore the county too.
      const except: FacetKey[] = key === 'prefecture' ? ['prefecture', 'county'] : [key];
      const facets: FacetKey[] = key === 'prefecture' ? ['prefecture'] : [key];
      queries.push(base({ filter: filtersOf(state, except), facets: facets.map((k) => FACETS[k]), limit: 0 }));
      groups.push(facets);
    }
    return { queries, groups };
  }

  async function search(): Promise<void> {
    const ticket = ++latest;
    root.setAttribute('aria-busy', 'true');
    status.textContent = s.searching;
    const per = config.perPage;
    const near = state.sort === 'near' && state.near;
    const { queries: facetQs, groups } = facetQueries();
    let hits: FinderHit[];
    let total: number;
    let facetResults;
    try {
      if (!near) {
        const page = base({ filter: filtersOf(state), sort: sortOf(state), page: state.page, hitsPerPage: per, attributesToRetrieve: [...HIT_ATTRIBUTES] });
        const answer = await client.multiSearch({ queries: [page, ...facetQs] });
        if (ticket !== latest) return;
        const first = answer.results[0] as { hits: FinderHit[]; totalHits?: number };
        hits = first.hits;
        total = first.totalHits ?? hits.length;
        facetResults = answer.results.slice(1);
      } else {
        // Nearest first: the county, the rest of its 州市, the rest of the province, each in the
        // query's order (the soonest start when nothing is typed). The first request brings
        // each tier's first page and count; a later page fetches its slices.
        const tiers = nearTiers(state.near).map((t) => [...filtersOf(state), ...t]);
        const order = state.q ? undefined : ['startDay:asc'];
        const tierQs = tiers.map((filter) => base({ filter, sort: order, page: 1, hitsPerPage: per, attributesToRetrieve: [...HIT_ATTRIBUTES] }));
        const answer = await client.multiSearch({ queries: [...tierQs, ...facetQs] });
        if (ticket !== latest) return;
        const tierAnswers = answer.results.slice(0, 3) as { hits: FinderHit[]; totalHits?: number }[];
        const counts = tierAnswers.map((a) => a.totalHits ?? a.hits.length);
        facetResults = answer.results.slice(3);
        total = counts.reduce((a, b) => a + b, 0);
        const plan = planPage(counts, state.page, per);
        if (plan.every((p) => p.offset + p.limit <= per)) {
          hits = plan.flatMap((p) => tierAnswers[p.tier].hits.slice(p.offset, p.offset + p.limit));
        } else {
          const more = await client.multiSearch({
            queries: plan.map((p) => base({ filter: tiers[p.tier], sort: order, offset: p.offset, limit: p.limit, attributesToRetrieve: [...HIT_ATTRIBUTES] })),
          });
          if (ticket !== latest) return;
          hits = more.results.flatMap((r) => r.hits as FinderHit[]);
        }
      }
    } catch (error) {
      if (ticket !== latest) return;
      console.error('[finder]', error);
      root.removeAttribute('aria-busy');
      status.textContent = s.error;
      results.replaceChildren();
      pager.hidden = true;
      if (staticList) staticList.hidden = false;
      return;
    }
    const distributions: Partial<Record<FacetKey, Record<string, number>>> = {};
    facetResults.forEach((r, i) => {
      for (const key of groups[i]) distributions[key] = (r.facetDistribution?.[FACETS[key]] ?? {}) as Record<string, number>;
    });
    render(hits, total, distributions);
  }

  function render(hits: FinderHit[], total: number, distributions: Partial<Record<FacetKey, Record<string, number>>>): void {
    if (staticList) staticList.hidden = true;
    root.removeAttribute('aria-busy');
    const reachable = Math.min(total, MAX_TOTAL_HITS);
    const pages = pagesOf(reachable, config.perPage);
    status.textContent = total === 0
      ? s.statusNone
      : fill(s.status, { n: number.format(total), page: number.format(state.page), pages: number.format(pages) }) + (total > MAX_TOTAL_HITS ? ` ${s.capped}` : '');
    results.replaceChildren(...hits.map(card));
    for (const b of results.querySelectorAll<HTMLButtonElement>('[data-compare-toggle]')) wireToggle(b);
    pager.hidden = pages <= 1;
    pageNow.textContent = fill(s.pageOf, { page: number.format(state.page), pages: number.format(pages) });
    pager.querySelector<HTMLButtonElement>('[data-page-step="-1"]')!.disabled = state.page <= 1;
    pager.querySelector<HTMLButtonElement>('[data-page-step="1"]')!.disabled = state.page >= pages;
    for (const [key, select] of selects) updateOptions(key, select, distributions[key]);
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

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(typingTimer);
    go(readForm(), 'push');
  });
  input.addEventListener('input', () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => go(readForm(), 'replace'), TYPING_DELAY_MS);
  });
  form.addEventListener('change', (e) => {
    if (e.target === input) return;
    const next = readForm();
    // A new 州市 clears the county of the old one.
    if (e.target === selects.get('prefecture')) next.county = '';
    if (e.target === sortSelect && next.sort === 'near' && !next.near) {
      showStateFor(next);
      nearSelect.focus();
      return;
    }
    go(next, 'push');
  });
  root.querySelector('[data-finder-reset]')!.addEventListener('click', () => {
    go({ ...EMPTY_STATE }, 'push');
    input.focus();
  });
  pager.addEventListener('click', (e) => {
    const step = Number((e.target as HTMLElement).closest<HTMLButtonElement>('[data-page-step]')?.dataset.pageStep ?? 0);
    if (!step) return;
    go({ ...state, page: state.page + step }, 'push');
    // Back to the top of the results, where a screen reader also hears the new status.
    status.setAttribute('tabindex', '-1');
    status.focus();
  });
  window.addEventListener('popstate', () => {
    state = parseState(new URLSearchParams(location.search));
    showState();
    void search();
  });

  /** Shows "nearest" chosen while its county is still to be picked, without searching yet. */
  function showStateFor(next: FinderState): void {
    sortSelect.value = next.sort;
    nearField.hidden = false;
  }

  root.querySelector<HTMLFieldSetElement>('[data-finder-controls]')!.disabled = false;
  showState();
  void search();
}

const root = document.querySelector<HTMLElement>('[data-finder]');
if (root) void start(root);
