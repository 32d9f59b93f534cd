/**
 * Institution search in the browser: the state from the URL, one Meilisearch search per change
 * on the `institutions` index (name, pinyin, initials, credit code), results written in place
 * of the page's static list, the URL kept in step. The rules are in lib/institutions-dir.ts.
 */
import { Meilisearch } from 'meilisearch';
import {
  EMPTY_INSTITUTION_SEARCH,
  INSTITUTION_HIT_ATTRIBUTES,
  institutionFilters,
  institutionSearchQuery,
  isActiveSearch,
  parseInstitutionSearch,
  standingOnDay,
  standingSlug,
  typeSlug,
  type InstitutionSearch,
} from '../lib/institutions-dir';
import { dayNumber } from '@skills-yunnan/search/vocabulary';
import { todayInChina } from '../lib/notice-finder';
import { pagesOf } from '../lib/finder';
import { fill } from '../lib/fill';
import { readEndpoint, showInAddress, wireFinder } from './finder-shell';

interface Config {
  endpoint: string;
  lang: 'zh-CN' | 'en';
  institutionBase: string;
  perPage: number;
  strings: Record<string, string> & { types: Record<string, string>; standings: Record<string, string> };
}

type Hit = Record<(typeof INSTITUTION_HIT_ATTRIBUTES)[number], unknown>;

const dayOrNull = (v: unknown) => (typeof v === 'number' ? v : null);

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
  const today = dayNumber(endpoint.today ?? todayInChina());

  const form = root.querySelector<HTMLFormElement>('[data-finder-form]')!;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const selects = {
    prefecture: form.querySelector<HTMLSelectElement>('select[name="prefecture"]')!,
    type: form.querySelector<HTMLSelectElement>('select[name="type"]')!,
    standing: form.querySelector<HTMLSelectElement>('select[name="standing"]')!,
  };
  const results = root.querySelector<HTMLUListElement>('[data-finder-results]')!;
  const pager = root.querySelector<HTMLElement>('[data-finder-pages]')!;
  const pageNow = pager.querySelector<HTMLElement>('[data-page-now]')!;
  const template = root.querySelector<HTMLTemplateElement>('[data-finder-hit]')!;
  // What the search replaces while it shows results: the page's own list and its page links.
  const staticParts = [...document.querySelectorAll<HTMLElement>('[data-static-section]')];

  let state: InstitutionSearch = parseInstitutionSearch(new URLSearchParams(location.search));
  let latest = 0;

  function showState(): void {
    input.value = state.q;
    selects.prefecture.value = state.prefecture;
    selects.type.value = state.type ? typeSlug(state.type) : '';
    selects.standing.value = state.standing ? standingSlug(state.standing) : '';
  }

  function readForm(): InstitutionSearch {
    const params = new URLSearchParams({ q: input.value });
    for (const [key, select] of Object.entries(selects)) params.set(key, select.value);
    return parseInstitutionSearch(params);
  }

  function showStatic(show: boolean): void {
    for (const part of staticParts) part.hidden = !show;
  }

  function clear(): void {
    latest++;
    root.removeAttribute('aria-busy');
    status.textContent = '';
    results.replaceChildren();
    pager.hidden = true;
    showStatic(true);
  }

  async function search(): Promise<void> {
    if (!isActiveSearch(state)) return clear();
    const ticket = ++latest;
    root.setAttribute('aria-busy', 'true');
    status.textContent = s.searching;
    try {
      const answer = await client.index('institutions').search(state.q, {
        filter: institutionFilters(state, today),
        page: state.page,
        hitsPerPage: config.perPage,
        attributesToRetrieve: [...INSTITUTION_HIT_ATTRIBUTES],
        locales: /\p{Script=Han}/u.test(state.q) ? ['cmn'] : undefined,
        // With no words typed, list by id (stable) rather than in index order.
        sort: state.q ? undefined : ['id:asc'],
      });
      if (ticket !== latest) return;
      render(answer.hits as Hit[], answer.totalHits ?? answer.hits.length);
    } catch (error) {
      if (ticket !== latest) return;
      console.error('[institution finder]', error);
      root.removeAttribute('aria-busy');
      status.textContent = s.error;
      results.replaceChildren();
      pager.hidden = true;
      showStatic(true);
    }
  }

  function render(hits: Hit[], total: number): void {
    showStatic(false);
    root.removeAttribute('aria-busy');
    const pages = pagesOf(total, config.perPage);
    status.textContent =
      total === 0
        ? s.statusNone
        : fill(s.status, { n: number.format(total), page: number.format(state.page), pages: number.format(pages) });
    results.replaceChildren(...hits.map(line));
    pager.hidden = pages <= 1;
    pageNow.textContent = fill(s.pageOf, { page: number.format(state.page), pages: number.format(pages) });
    pager.querySelector<HTMLButtonElement>('[data-page-step="-1"]')!.disabled = state.page <= 1;
    pager.querySelector<HTMLButtonElement>('[data-page-step="1"]')!.disabled = state.page >= pages;
  }

  function line(hit: Hit): HTMLElement {
    const node = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
    const slot = (name: string) => node.querySelector<HTMLElement>(`[data-slot="${name}"]`)!;
    const name = slot('name') as HTMLAnchorElement;
    name.href = `${config.institutionBase}${String(hit.globalId)}/`;
    name.textContent = String(hit.name);
    slot('demo').hidden = !hit.isDemo;
    slot('type').textContent = s.types[String(hit.type)] ?? String(hit.type);
    const county = hit.countyName ? String(hit.countyName) : '';
    const prefecture = hit.prefectureName ? String(hit.prefectureName) : '';
    slot('place').textContent =
      county && prefecture ? fill(s.placeJoin, { county, prefecture }) : prefecture || county || '—';
    const standing = standingOnDay(
      {
        blacklistedFromDay: dayOrNull(hit.blacklistedFromDay),
        blacklistedUntilDay: dayOrNull(hit.blacklistedUntilDay),
        licenceRevokedDay: dayOrNull(hit.licenceRevokedDay),
      },
      today,
    );
    const standingEl = slot('standing');
    standingEl.textContent = `${standing === 'GOOD' ? '' : '✗ '}${s.standings[standing]}`;
    standingEl.classList.toggle('standing--bad', standing !== 'GOOD');
    standingEl.dataset.standing = standing;
    // The credit code is shown when the words typed are part of it, so the match is visible.
    const code = hit.creditCode ? String(hit.creditCode) : '';
    if (code && state.q && code.toUpperCase().includes(state.q.toUpperCase())) {
      slot('code').textContent = code;
      slot('code-line').hidden = false;
    }
    return node;
  }

  function go(next: InstitutionSearch, history: 'push' | 'replace'): void {
    state = next;
    showInAddress(institutionSearchQuery(state), history);
    showState();
    void search();
  }

  wireFinder({
    root,
    form,
    input,
    pager,
    status,
    readForm,
    go,
    current: () => state,
    reset: () => ({ ...EMPTY_INSTITUTION_SEARCH }),
    fromAddress() {
      state = parseInstitutionSearch(new URLSearchParams(location.search));
      showState();
      void search();
    },
  });
  showState();
  void search();
}

const root = document.querySelector<HTMLElement>('[data-institution-finder]');
if (root) void start(root);
