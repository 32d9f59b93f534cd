/**
 * What the finders (courses, notices, institutions) share in the browser: where to search,
 * keeping the page's address in step with the search, and how their controls are wired.
 *
 * The course and notice finders run on {@link startFinder}: it reads the form, keeps the state
 * in the URL (lib/finder-url.ts), makes the search call, writes the status line, the result
 * list, the pager and the counts of the facet selects, and falls back to the static list when
 * search fails. Each finder only declares a {@link FinderSpec}: its URL state, its facets, its
 * search queries and its result card.
 */
import { Meilisearch, type MultiSearchQuery, type MultiSearchResult, type SearchParams } from 'meilisearch';
import { MAX_TOTAL_HITS, pagesOf } from '../lib/finder';
import { formParams, type FinderStateBase } from '../lib/finder-url';
import { fill } from '../lib/fill';
import { todayInChina } from '../lib/notice-finder';

/** Where the finders search, and the catalogue's day when it is fixed (a demo made for a given day). */
export interface SearchEndpoint {
  url: string;
  searchKey: string;
  today?: string;
}

function isSearchEndpoint(value: unknown): value is SearchEndpoint {
  if (typeof value !== 'object' || value === null) return false;
  const v = new Map(Object.entries(value));
  return (
    typeof v.get('url') === 'string' &&
    typeof v.get('searchKey') === 'string' &&
    ['string', 'undefined'].includes(typeof v.get('today'))
  );
}

/** Meilisearch's address and search-only key as the site serves them; null when search is off or unreachable. */
export async function readEndpoint(url: string): Promise<SearchEndpoint | null> {
  try {
    const res = await fetch(url, { cache: 'no-cache' });
    if (!res.ok) return null;
    const body: unknown = await res.json();
    return isSearchEndpoint(body) ? body : null;
  } catch {
    return null;
  }
}

/**
 * Puts a search's query string in the address: a new history entry (`push`, so Back returns to
 * the previous search) or in place (`replace`, while typing). Nothing when it is already there.
 * @example showInAddress('q=养老&page=2', 'push');
 */
export function showInAddress(query: string, history: 'push' | 'replace'): void {
  const url = `${location.pathname}${query ? `?${query}` : ''}`;
  if (url !== `${location.pathname}${location.search}`)
    window.history[history === 'push' ? 'pushState' : 'replaceState'](null, '', url);
}

/** How long typing pauses before the finder searches, in milliseconds. */
export const TYPING_DELAY_MS = 300;

/** What a finder gives {@link wireFinder}: its parts, and how its state is read and applied. */
export interface FinderWiring<S extends { page: number }> {
  root: HTMLElement;
  form: HTMLFormElement;
  /** The text box: searching as one types, after {@link TYPING_DELAY_MS}. */
  input: HTMLInputElement;
  /** The previous/next buttons (`[data-page-step]`). */
  pager: HTMLElement;
  /** The status line, focused after a page step so a screen reader hears the new results. */
  status: HTMLElement;
  /** The state as the form now shows it. */
  readForm(): S;
  /** The state being shown. */
  current(): S;
  /** Applies a state: address (a new history entry, or replaced while typing), form, search. */
  go(next: S, history: 'push' | 'replace'): void;
  /** The state after Reset. */
  reset(): S;
  /** Shows what the address now says (Back and Forward). */
  fromAddress(): void;
  /**
   * A control other than the text box changed: the state to go to (default: the form as read),
   * or null when the finder handles it itself.
   */
  changed?(next: S, target: EventTarget | null): S | null;
}

/**
 * Wires a finder's form, text box, Reset, pager and the browser's history the same way for
 * every finder, then enables its controls (they are disabled until the script runs).
 * @example wireFinder({ root, form, input, pager, status, readForm, current: () => state, go, reset: () => ({ ...EMPTY }), fromAddress });
 */
export function wireFinder<S extends { page: number }>(w: FinderWiring<S>): void {
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  w.form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(typingTimer);
    w.go(w.readForm(), 'push');
  });
  w.input.addEventListener('input', () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => w.go(w.readForm(), 'replace'), TYPING_DELAY_MS);
  });
  w.form.addEventListener('change', (e) => {
    if (e.target === w.input) return;
    const next = w.changed ? w.changed(w.readForm(), e.target) : w.readForm();
    if (next) w.go(next, 'push');
  });
  w.root.querySelector('[data-finder-reset]')!.addEventListener('click', () => {
    w.go(w.reset(), 'push');
    w.input.focus();
  });
  w.pager.addEventListener('click', (e) => {
    const button = e.target instanceof Element ? e.target.closest<HTMLButtonElement>('[data-page-step]') : null;
    const step = Number(button?.dataset.pageStep ?? 0);
    if (!step) return;
    w.go({ ...w.current(), page: w.current().page + step }, 'push');
    // Back to the top of the results, where a screen reader also hears the new status.
    w.status.setAttribute('tabindex', '-1');
    w.status.focus();
  });
  window.addEventListener('popstate', () => w.fromAddress());
  w.root.querySelector<HTMLFieldSetElement>('[data-finder-controls]')!.disabled = false;
}

/**
 * What a finder's page gives its script, as a JSON block in the markup (`[data-finder-config]`):
 * where to search, the language, the results' address, the page size, the sentences the script
 * writes (`{n}`-style holes filled in the browser) and the labels of coded values by kind.
 */
export interface FinderConfig {
  endpoint: string;
  lang: 'zh-CN' | 'en';
  /** A result's page is `${itemBase}${globalId}/`. */
  itemBase: string;
  perPage: number;
  strings: Record<string, string>;
  labels: Record<string, Record<string, string>>;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');
}

/** Whether a parsed JSON block is a {@link FinderConfig} (the guard the script trusts instead of a cast). */
export function isFinderConfig(value: unknown): value is FinderConfig {
  if (typeof value !== 'object' || value === null) return false;
  const c = new Map(Object.entries(value));
  const labels = c.get('labels');
  return (
    typeof c.get('endpoint') === 'string' &&
    (c.get('lang') === 'zh-CN' || c.get('lang') === 'en') &&
    typeof c.get('itemBase') === 'string' &&
    typeof c.get('perPage') === 'number' &&
    isStringRecord(c.get('strings')) &&
    typeof labels === 'object' &&
    labels !== null &&
    Object.values(labels).every(isStringRecord)
  );
}

/** Counts of each value of some facet selects. */
export type FacetCounts<K extends string> = Partial<Record<K, Record<string, number>>>;

/** What one search found: a page of hits, the total, the counts of the facet selects. */
export interface Found<H, K extends string> {
  hits: H[];
  total: number;
  counts: FacetCounts<K>;
  /** Said before the count (the course finder's homophone note). */
  note?: string;
}

/** An option of a select filled from counts: its value, its label and how many it finds. */
export interface Choice {
  value: string;
  label: string;
  n: number;
}

/** What the shell gives a finder when it starts: the search client, the page's config and parts. */
export interface FinderContext<S> {
  root: HTMLElement;
  form: HTMLFormElement;
  config: FinderConfig;
  /** `config.strings`. */
  s: Record<string, string>;
  client: Meilisearch;
  /** The day in China the statuses are for (the catalogue's fixed day, if it has one). */
  today: string;
  number: Intl.NumberFormat;
  /** A facet select by key (`select[data-facet=key]`). */
  select(key: string): HTMLSelectElement | undefined;
  /** The state being shown. */
  state(): S;
  /** Applies a state (address, form, search). */
  go(next: S, history: 'push' | 'replace'): void;
  /** The status line. */
  status: HTMLElement;
  /** A new result node from the `[data-finder-hit]` template, and its `[data-slot]` parts. */
  newCard(): { node: HTMLElement; slot(name: string): HTMLElement };
}

/** What each finder declares; the shell does the rest. */
export interface FinderSpec<S extends FinderStateBase, K extends string, H, F extends Found<H, K> = Found<H, K>> {
  /** The state a URL's query string holds, and the query string of a state. */
  parse(params: URLSearchParams): S;
  toQuery(state: S): string;
  /** The state after Reset. */
  reset(): S;
  /** The facet selects (`select[data-facet]`) whose options show counts. */
  facets: readonly K[];
  /** The choices counted in the filters panel's summary (`[data-finder-filters-summary]`). */
  panelKeys: readonly (keyof S)[];
  /** One search of the state: hits and counts, or null when `isLatest()` turns false meanwhile. */
  search(state: S, isLatest: () => boolean): Promise<F | null>;
  /** One result's node. */
  card(hit: H): HTMLElement;
  /** A `data-dynamic` select's options from its counts, in the order shown. */
  dynamicOptions?(key: K, counts: Record<string, number>): Choice[];
  /** The label of a chosen value its dynamic select does not list (default: the value). */
  chosenLabel?(key: K, value: string): string;
  /** How many an option of a fixed select finds (default: `counts[value]`). */
  countOf?(key: K, value: string, counts: Record<string, number>): number;
  /** The state read from the form, adjusted (e.g. a choice kept while its companion is picked). */
  fromForm?(next: S): S;
  /** A control changed: the state to go to, or null when the finder handles it itself. */
  changed?(next: S, target: EventTarget | null): S | null;
  /** Shows what the generic form filling does not (hidden fields, notes). */
  showState?(state: S): void;
  /** After the results are written (wiring buttons in the cards, other counts). */
  afterRender?(found: F): void;
  /** The state to open on instead of the address's (the course finder's remembered place). */
  opening?(fromAddress: S): S | null;
}

/** A select's option by value. */
function hasOption(select: HTMLSelectElement, value: string): boolean {
  return [...select.options].some((o) => o.value === value);
}

/** The state's fields by name, for filling the form's controls of the same names. */
function fieldsOf(state: object): Map<string, unknown> {
  return new Map(Object.entries(state));
}

/**
 * `code name` facet values (one value carrying its own label) as options, the most frequent
 * first, at most `limit`.
 * @example labelledChoices({ '4-10-01-05 养老护理员': 3 }, 150) // [{ value: '4-10-01-05', label: '养老护理员', n: 3 }]
 */
export function labelledChoices(counts: Record<string, number>, limit: number): Choice[] {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([raw, n]) => {
      const value = raw.split(' ')[0];
      return { value, label: raw.slice(value.length + 1), n };
    });
}

/** How many hits a search found: exact when paged by `page`, estimated with `limit`. */
export function totalOf(result: MultiSearchResult<unknown>): number {
  return result.totalHits ?? result.estimatedTotalHits ?? result.hits.length;
}

/**
 * One query of a multi-search for the typed words; Chinese words are tokenised as Mandarin.
 * @example wordsQuery('notices', '五华', { filter: [], limit: 0 }).locales // ['cmn']
 */
export function wordsQuery(indexUid: string, q: string, params: SearchParams): MultiSearchQuery {
  return { indexUid, q, locales: /\p{Script=Han}/u.test(q) ? ['cmn'] : undefined, ...params };
}

/** One facet-count query: the selects it counts, and the query (without their own choices). */
export interface CountQuery<K extends string> {
  keys: readonly K[];
  query: MultiSearchQuery;
}

/**
 * The counts of each select from the answers to its count queries, in the same order.
 * @param read a select's counts from its query's facet distribution
 */
export function countsFrom<K extends string>(
  queries: readonly CountQuery<K>[],
  results: readonly MultiSearchResult<unknown>[],
  read: (key: K, distribution: Record<string, Record<string, number>>) => Record<string, number>,
): FacetCounts<K> {
  const counts: FacetCounts<K> = {};
  queries.forEach((q, i) => {
    for (const key of q.keys) counts[key] = read(key, results[i]?.facetDistribution ?? {});
  });
  return counts;
}

/**
 * Starts the finder of `root` (a section holding `[data-finder-config]`, the form, the results
 * list and the pager) with what `declare` says of it; says so in the status line and leaves the
 * static list when search is off or unreachable.
 * @example startFinder(root, (ctx) => ({ parse, toQuery, reset, facets: [], panelKeys: [], search, card }));
 */
export async function startFinder<S extends FinderStateBase, K extends string, H, F extends Found<H, K>>(
  root: HTMLElement,
  define: (ctx: FinderContext<S>) => FinderSpec<S, K, H, F>,
): Promise<void> {
  const configText = root.querySelector('[data-finder-config]')?.textContent;
  const config: unknown = configText ? JSON.parse(configText) : null;
  if (!isFinderConfig(config)) return;
  const status = root.querySelector<HTMLElement>('[data-finder-status]')!;
  const endpoint = await readEndpoint(config.endpoint);
  if (!endpoint) {
    // Search is off or unreachable: say so, and leave the static list as the way to browse.
    status.textContent = config.strings.error;
    return;
  }
  const client = new Meilisearch({ host: endpoint.url, apiKey: endpoint.searchKey, timeout: 15_000 });
  new Finder<S, K, H, F>(root, config, client, endpoint.today ?? todayInChina(), define).start();
}

/** One running finder: its parts, its state and the search in flight. */
class Finder<S extends FinderStateBase, K extends string, H, F extends Found<H, K>> {
  private readonly form: HTMLFormElement;
  private readonly input: HTMLInputElement;
  private readonly status: HTMLElement;
  private readonly results: HTMLUListElement;
  private readonly pager: HTMLElement;
  private readonly staticList: HTMLElement | null;
  private readonly selects = new Map<string, HTMLSelectElement>();
  /** Every county of the form's `option[data-prefecture]`: the county select lists those of the chosen 州市. */
  private readonly counties: { value: string; prefecture: string; label: string }[];
  private readonly number: Intl.NumberFormat;
  private readonly spec: FinderSpec<S, K, H, F>;
  private state: S;
  /** The latest search: an answer to an older one is dropped. */
  private latest = 0;

  private readonly root: HTMLElement;
  private readonly config: FinderConfig;

  constructor(
    root: HTMLElement,
    config: FinderConfig,
    client: Meilisearch,
    today: string,
    define: (ctx: FinderContext<S>) => FinderSpec<S, K, H, F>,
  ) {
    this.root = root;
    this.config = config;
    this.form = root.querySelector<HTMLFormElement>('[data-finder-form]')!;
    this.input = this.form.querySelector<HTMLInputElement>('input[name="q"]')!;
    this.status = root.querySelector<HTMLElement>('[data-finder-status]')!;
    this.results = root.querySelector<HTMLUListElement>('[data-finder-results]')!;
    this.pager = root.querySelector<HTMLElement>('[data-finder-pages]')!;
    this.staticList = document.querySelector<HTMLElement>('[data-static-list]');
    for (const select of this.form.querySelectorAll<HTMLSelectElement>('select[data-facet]'))
      this.selects.set(select.dataset.facet ?? '', select);
    this.counties = [...this.form.querySelectorAll<HTMLOptionElement>('option[data-prefecture]')].map((o) => ({
      value: o.value,
      prefecture: o.dataset.prefecture ?? '',
      label: o.dataset.label ?? o.text,
    }));
    this.number = new Intl.NumberFormat(config.lang === 'en' ? 'en-GB' : 'zh-CN');
    const template = root.querySelector<HTMLTemplateElement>('[data-finder-hit]')!;
    this.spec = define({
      root,
      form: this.form,
      config,
      s: config.strings,
      client,
      today,
      number: this.number,
      status: this.status,
      select: (key) => this.selects.get(key),
      state: () => this.state,
      go: (next, history) => this.go(next, history),
      newCard() {
        const node = template.content.firstElementChild?.cloneNode(true);
        if (!(node instanceof HTMLElement)) throw new Error('[data-finder-hit] holds no element');
        return { node, slot: (name) => node.querySelector<HTMLElement>(`[data-slot="${name}"]`)! };
      },
    });
    this.state = this.spec.parse(new URLSearchParams(location.search));
  }

  start(): void {
    const opening = this.spec.opening?.(this.state);
    if (opening) {
      this.state = opening;
      showInAddress(this.spec.toQuery(opening), 'replace');
    }
    wireFinder<S>({
      root: this.root,
      form: this.form,
      input: this.input,
      pager: this.pager,
      status: this.status,
      readForm: () => this.readForm(),
      current: () => this.state,
      go: (next, history) => this.go(next, history),
      reset: () => this.spec.reset(),
      fromAddress: () => {
        this.state = this.spec.parse(new URLSearchParams(location.search));
        this.show();
      },
      changed: (next, target) => (this.spec.changed ? this.spec.changed(next, target) : next),
    });
    // A new 州市 clears the county of the old one (before the form is read for the change).
    this.selects.get('prefecture')?.addEventListener('change', () => {
      const county = this.selects.get('county');
      if (county) county.value = '';
    });
    this.show();
  }

  /** Applies a new state: address (a new history entry, or replaced while typing), form, search. */
  private go(next: S, history: 'push' | 'replace'): void {
    this.state = next;
    showInAddress(this.spec.toQuery(next), history);
    this.show();
  }

  private show(): void {
    this.showState();
    void this.search();
  }

  /** The state as the form now shows it (page 1: a new search starts at its beginning). */
  private readForm(): S {
    const next = this.spec.parse(formParams(new FormData(this.form)));
    return this.spec.fromForm ? this.spec.fromForm(next) : next;
  }

  /** Writes the state into the form: every control named as a field of the state. */
  private showState(): void {
    const fields = fieldsOf(this.state);
    this.fillCounties(String(fields.get('prefecture') ?? ''));
    for (const control of this.form.querySelectorAll<HTMLInputElement | HTMLSelectElement>(
      'input[name], select[name]',
    )) {
      const value = fields.get(control.name);
      if (typeof value !== 'string') continue;
      if (
        control instanceof HTMLSelectElement &&
        control.hasAttribute('data-dynamic') &&
        value &&
        !hasOption(control, value)
      ) {
        control.append(new Option(this.chosenLabel(control.dataset.facet ?? '', value), value));
      }
      control.value = value;
    }
    this.spec.showState?.(this.state);
    const chosen = this.spec.panelKeys.filter((k) => fields.get(String(k))).length;
    const s = this.config.strings;
    this.form.querySelector<HTMLElement>('[data-finder-filters-summary]')!.textContent = chosen
      ? fill(s.filtersActive, { n: chosen })
      : s.filters;
    if (chosen) this.form.querySelector<HTMLDetailsElement>('[data-finder-filters]')!.open = true;
  }

  private chosenLabel(key: string, value: string): string {
    const facet = this.spec.facets.find((k) => k === key);
    return facet && this.spec.chosenLabel ? this.spec.chosenLabel(facet, value) : value;
  }

  /** Lists the counties of the chosen 州市 in the county select, which stays off until one is chosen. */
  private fillCounties(prefecture: string): void {
    const select = this.selects.get('county');
    if (!select) return;
    select.replaceChildren(
      select.options[0],
      ...this.counties
        .filter((c) => c.prefecture === prefecture)
        .map((c) => {
          const o = new Option(c.label, c.value);
          o.dataset.label = c.label;
          return o;
        }),
    );
    select.disabled = !prefecture;
    this.form.querySelector<HTMLElement>('[data-county-hint]')!.hidden = Boolean(prefecture);
  }

  private async search(): Promise<void> {
    const ticket = ++this.latest;
    this.root.setAttribute('aria-busy', 'true');
    this.status.textContent = this.config.strings.searching;
    try {
      const found = await this.spec.search(this.state, () => ticket === this.latest);
      if (ticket !== this.latest || !found) return;
      this.render(found);
    } catch (error) {
      if (ticket !== this.latest) return;
      console.error('[finder]', error);
      this.root.removeAttribute('aria-busy');
      this.status.textContent = this.config.strings.error;
      this.results.replaceChildren();
      this.pager.hidden = true;
      if (this.staticList) this.staticList.hidden = false;
    }
  }

  private render(found: F): void {
    const s = this.config.strings;
    const format = (n: number) => this.number.format(n);
    if (this.staticList) this.staticList.hidden = true;
    this.root.removeAttribute('aria-busy');
    const { page } = this.state;
    const pages = pagesOf(Math.min(found.total, MAX_TOTAL_HITS), this.config.perPage);
    const capped = found.total > MAX_TOTAL_HITS && s.capped ? ` ${s.capped}` : '';
    const count =
      found.total === 0
        ? s.statusNone
        : fill(s.status, { n: format(found.total), page: format(page), pages: format(pages) }) + capped;
    this.status.textContent = (found.note ?? '') + count;
    this.results.replaceChildren(...found.hits.map((hit) => this.spec.card(hit)));
    this.pager.hidden = pages <= 1;
    this.pager.querySelector<HTMLElement>('[data-page-now]')!.textContent = fill(s.pageOf, {
      page: format(page),
      pages: format(pages),
    });
    this.pager.querySelector<HTMLButtonElement>('[data-page-step="-1"]')!.disabled = page <= 1;
    this.pager.querySelector<HTMLButtonElement>('[data-page-step="1"]')!.disabled = page >= pages;
    for (const key of this.spec.facets) {
      const select = this.selects.get(key);
      const counts = found.counts[key];
      if (select && counts) this.showCounts(key, select, counts);
    }
    this.spec.afterRender?.(found);
  }

  /** Writes counts into a select's options; a dynamic select gets its options from them. */
  private showCounts(key: K, select: HTMLSelectElement, counts: Record<string, number>): void {
    const s = this.config.strings;
    if (select.hasAttribute('data-dynamic') && this.spec.dynamicOptions) {
      const chosen = String(fieldsOf(this.state).get(key) ?? '');
      const options = this.spec.dynamicOptions(key, counts).map((c) => {
        const o = new Option(fill(s.count, { label: c.label, n: this.number.format(c.n) }), c.value);
        o.dataset.label = c.label;
        return o;
      });
      if (chosen && !options.some((o) => o.value === chosen))
        options.unshift(new Option(this.chosenLabel(key, chosen), chosen));
      select.replaceChildren(select.options[0], ...options);
      select.value = chosen;
      return;
    }
    for (const o of select.options) {
      if (!o.value) continue;
      const n = this.spec.countOf ? this.spec.countOf(key, o.value, counts) : (counts[o.value] ?? 0);
      o.textContent = fill(s.count, { label: o.dataset.label ?? o.value, n: this.number.format(n) });
    }
  }
}
