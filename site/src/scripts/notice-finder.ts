/**
 * The notice finder in the browser: state from the URL, one Meilisearch multi-search per change
 * (the page of notices, and the counts of each select without its own choice), results and
 * counts written back, the URL kept in step. The rules are in lib/notice-finder.ts.
 */
import { Meilisearch, type SearchParams } from 'meilisearch';
import {
  EMPTY_NOTICE_STATE,
  NOTICE_FACETS,
  NOTICE_HIT_ATTRIBUTES,
  noticeFilters,
  noticeQuery,
  noticeSort,
  noticeStatusOn,
  parseNoticeState,
  todayInChina,
  type NoticeFacetKey,
  type NoticeFinderState,
} from '../lib/notice-finder';
import { pagesOf, MAX_TOTAL_HITS } from '../lib/finder';
import { formatDate } from '../lib/format-date';
import { fill } from '../lib/fill';
import { readEndpoint, showInAddress, wireFinder } from './finder-shell';

interface Config {
  endpoint: string;
  lang: 'zh-CN' | 'en';
  noticeBase: string;
  perPage: number;
  strings: Record<string, string> & { statuses: Record<string, string>; flags: Record<string, string> };
}

type Hit = Record<(typeof NOTICE_HIT_ATTRIBUTES)[number], unknown>;

/** Institutions listed in their select: the most frequent within the other choices. */
const INSTITUTION_OPTIONS = 100;

async function start(root: HTMLElement): Promise<void> {
  const config = JSON.parse(root.querySelector('[data-finder-config]')!.textContent!) as Config;
  const s = config.strings;
  const number = new Intl.NumberFormat(config.lang === 'en' ? 'en-GB' : 'zh-CN');
  const status = root.querySelector<HTMLElement>('[data-finder-status]')!;
  const endpoint = await readEndpoint(config.endpoint);
  if (!endpoint) {
    status.textContent = s.error;
    return;
  }
  const client = new Meilisearch({ host: endpoint.url, apiKey: endpoint.searchKey, timeout: 15_000 });
  const today = endpoint.today ?? todayInChina();

  const form = root.querySelector<HTMLFormElement>('[data-finder-form]')!;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const facetSelects = new Map<NoticeFacetKey, HTMLSelectElement>(
    (['prefecture', 'county', 'institution', 'flag'] as const).map((k) => [k, form.querySelector<HTMLSelectElement>(`select[data-facet="${k}"]`)!]),
  );
  const plain = {
    status: form.querySelector<HTMLSelectElement>('[data-plain="status"]')!,
    from: form.querySelector<HTMLInputElement>('[data-plain="from"]')!,
    to: form.querySelector<HTMLInputElement>('[data-plain="to"]')!,
    sort: form.querySelector<HTMLSelectElement>('[data-plain="sort"]')!,
  };
  const countySelect = facetSelects.get('county')!;
  const countyHint = form.querySelector<HTMLElement>('[data-county-hint]')!;
  // Every county, kept aside: the select shows only those of the chosen 州市.
  const allCounties = [...countySelect.querySelectorAll<HTMLOptionElement>('option[data-prefecture]')].map((o) => ({ value: o.value, prefecture: o.dataset.prefecture!, label: o.dataset.label ?? o.text }));
  const filters = form.querySelector<HTMLDetailsElement>('[data-finder-filters]')!;
  const filtersSummary = form.querySelector<HTMLElement>('[data-finder-filters-summary]')!;
  const results = root.querySelector<HTMLUListElement>('[data-finder-results]')!;
  const pager = root.querySelector<HTMLElement>('[data-finder-pages]')!;
  const pageNow = pager.querySelector<HTMLElement>('[data-page-now]')!;
  const template = root.querySelector<HTMLTemplateElement>('[data-finder-hit]')!;
  const staticList = document.querySelector<HTMLElement>('[data-static-list]');

  let state: NoticeFinderState = parseNoticeState(new URLSearchParams(location.search));
  let latest = 0;
  /** Names of institutions seen, so a chosen one keeps its name outside the top list. */
  const institutionNames = new Map<string, string>();

  function fillCounties(): void {
    const keep = countySelect.options[0];
    countySelect.replaceChildren(keep, ...allCounties.filter((c) => c.prefecture === state.prefecture).map((c) => {
      const o = new Option(c.label, c.value);
      o.dataset.label = c.label;
      return o;
    }));
    countySelect.disabled = !state.prefecture;
    countyHint.hidden = Boolean(state.prefecture);
  }

  function showState(): void {
    input.value = state.q;
    fillCounties();
    for (const [key, select] of facetSelects) {
      if (key === 'institution' && state.institution && ![...select.options].some((o) => o.value === state.institution)) {
        select.append(new Option(institutionNames.get(state.institution) ?? state.institution, state.institution));
      }
      select.value = state[key];
    }
    plain.status.value = state.status;
    plain.from.value = state.from;
    plain.to.value = state.to;
    plain.sort.value = state.sort;
    const chosen = [state.prefecture, state.institution, state.status, state.flag, state.from, state.to].filter(Boolean).length;
    filtersSummary.textContent = chosen ? fill(s.filtersActive, { n: chosen }) : s.filters;
    if (chosen) filters.open = true;
  }

  function readForm(): NoticeFinderState {
    const params = new URLSearchParams();
    params.set('q', input.value);
    for (const [key, select] of facetSelects) params.set(key, select.value);
    for (const [key, el] of Object.entries(plain)) params.set(key, el.value);
    return parseNoticeState(params);
  }

  const base = (extra: Partial<SearchParams> & { filter: string[] }): SearchParams & { indexUid: string; q: string } =>
    ({ indexUid: 'notices', q: state.q, locales: /\p{Script=Han}/u.test(state.q) ? ['cmn'] : undefined, ...extra });

  async function search(): Promise<void> {
    const ticket = ++latest;
    root.setAttribute('aria-busy', 'true');
    status.textContent = s.searching;
    // Counts: the region selects without the region choice, each other select without its own.
    const countQueries: [NoticeFacetKey[], SearchParams & { indexUid: string; q: string }][] = [
      [['prefecture', 'county'], base({ filter: noticeFilters(state, today, ['prefecture', 'county']), facets: ['regionCodes'], limit: 0 })],
      [['institution'], base({ filter: noticeFilters(state, today, ['institution']), facets: [NOTICE_FACETS.institution], limit: 0 })],
      [['flag'], base({ filter: noticeFilters(state, today, ['flag']), facets: ['flags', 'flagged'], limit: 0 })],
    ];
    try {
      const page = base({ filter: noticeFilters(state, today), sort: noticeSort(state), page: state.page, hitsPerPage: config.perPage, attributesToRetrieve: [...NOTICE_HIT_ATTRIBUTES] });
      const answer = await client.multiSearch({ queries: [page, ...countQueries.map(([, q]) => q)] });
      if (ticket !== latest) return;
      const first = answer.results[0] as { hits: Hit[]; totalHits?: number };
      const counts = new Map<NoticeFacetKey, Record<string, number>>();
      answer.results.slice(1).forEach((r, i) => {
        const dist = (r.facetDistribution ?? {}) as Record<string, Record<string, number>>;
        for (const key of countQueries[i][0]) {
          counts.set(key, key === 'flag' ? { ...dist.flags, any: dist.flagged?.true ?? 0 } : dist[key === 'institution' ? NOTICE_FACETS.institution : 'regionCodes'] ?? {});
        }
      });
      render(first.hits, first.totalHits ?? first.hits.length, counts);
    } catch (error) {
      if (ticket !== latest) return;
      console.error('[notice finder]', error);
      root.removeAttribute('aria-busy');
      status.textContent = s.error;
      results.replaceChildren();
      pager.hidden = true;
      if (staticList) staticList.hidden = false;
    }
  }

  function render(hits: Hit[], total: number, counts: Map<NoticeFacetKey, Record<string, number>>): void {
    if (staticList) staticList.hidden = true;
    root.removeAttribute('aria-busy');
    const pages = pagesOf(Math.min(total, MAX_TOTAL_HITS), config.perPage);
    status.textContent = total === 0 ? s.statusNone : fill(s.status, { n: number.format(total), page: number.format(state.page), pages: number.format(pages) });
    results.replaceChildren(...hits.map(card));
    pager.hidden = pages <= 1;
    pageNow.textContent = fill(s.pageOf, { page: number.format(state.page), pages: number.format(pages) });
    pager.querySelector<HTMLButtonElement>('[data-page-step="-1"]')!.disabled = state.page <= 1;
    pager.querySelector<HTMLButtonElement>('[data-page-step="1"]')!.disabled = state.page >= pages;
    for (const [key, select] of facetSelects) updateOptions(key, select, counts.get(key));
  }

  function updateOptions(key: NoticeFacetKey, select: HTMLSelectElement, counts: Record<string, number> | undefined): void {
    if (!counts) return;
    if (key === 'institution') {
      const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, INSTITUTION_OPTIONS);
      const options = entries.map(([raw, n]) => {
        const id = raw.split(' ')[0];
        const name = raw.slice(id.length + 1);
        institutionNames.set(id, name);
        const o = new Option(fill(s.count, { label: name, n: number.format(n) }), id);
        o.dataset.label = name;
        return o;
      });
      if (state.institution && !options.some((o) => o.value === state.institution)) {
        options.unshift(new Option(institutionNames.get(state.institution) ?? state.institution, state.institution));
      }
      select.replaceChildren(select.options[0], ...options);
      select.value = state.institution;
      return;
    }
    for (const o of select.options) {
      if (!o.value) continue;
      o.textContent = fill(s.count, { label: o.dataset.label ?? o.value, n: number.format(counts[o.value] ?? 0) });
    }
  }

  function card(hit: Hit): HTMLElement {
    const node = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
    const slot = (name: string) => node.querySelector<HTMLElement>(`[data-slot="${name}"]`)!;
    const title = slot('title') as HTMLAnchorElement;
    title.href = `${config.noticeBase}${String(hit.globalId)}/`;
    title.textContent = String(hit.title);
    slot('demo').hidden = !hit.isDemo;
    slot('number').textContent = String(hit.number);
    slot('bureau').textContent = String(hit.bureauName);
    slot('institution').textContent = hit.institutionName ? String(hit.institutionName) : '—';
    if (hit.institutionId && hit.institutionName) institutionNames.set(String(hit.institutionId), String(hit.institutionName));
    slot('published').textContent = formatDate(config.lang, String(hit.publishedOn));
    slot('status').textContent = s.statuses[noticeStatusOn({ withdrawn: Boolean(hit.withdrawn), objectionUntil: String(hit.objectionUntil) }, today)];
    slot('lines').textContent = number.format(Number(hit.lineCount));
    slot('total').textContent = fill(s.yuan, { n: number.format(Number(hit.totalAmount)) });
    const flags = (hit.flags as string[] | undefined) ?? [];
    slot('flags').textContent = flags.length ? flags.map((f) => s.flags[f] ?? f).join(config.lang === 'en' ? ', ' : '、') : s.noFlags;
    return node;
  }

  function go(next: NoticeFinderState, history: 'push' | 'replace'): void {
    state = next;
    showInAddress(noticeQuery(state), history);
    showState();
    void search();
  }

  wireFinder({
    root, form, input, pager, status, readForm, go,
    current: () => state,
    reset: () => ({ ...EMPTY_NOTICE_STATE }),
    fromAddress() {
      state = parseNoticeState(new URLSearchParams(location.search));
      showState();
      void search();
    },
    changed(next, target) {
      // A new 州市 clears the county of the old one.
      if (target === facetSelects.get('prefecture')) next.county = '';
      return next;
    },
  });
  showState();
  void search();
}

const root = document.querySelector<HTMLElement>('[data-notice-finder]');
if (root) void start(root);
