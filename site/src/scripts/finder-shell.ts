/**
 * What the finders (courses, notices, institutions) share in the browser: where to search,
 * keeping the page's address in step with the search, and how their controls are wired.
 */

/** Where the finders search, and the catalogue's day when it is fixed (a demo made for a given day). */
export interface SearchEndpoint {
  url: string;
  searchKey: string;
  today?: string;
}

/** Meilisearch's address and search-only key as the site serves them; null when search is off or unreachable. */
export async function readEndpoint(url: string): Promise<SearchEndpoint | null> {
  try {
    const res = await fetch(url, { cache: 'no-cache' });
    return res.ok ? ((await res.json()) as SearchEndpoint | null) : null;
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
  if (url !== `${location.pathname}${location.search}`) window.history[history === 'push' ? 'pushState' : 'replaceState'](null, '', url);
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
    const step = Number((e.target as HTMLElement).closest<HTMLButtonElement>('[data-page-step]')?.dataset.pageStep ?? 0);
    if (!step) return;
    w.go({ ...w.current(), page: w.current().page + step }, 'push');
    // Back to the top of the results, where a screen reader also hears the new status.
    w.status.setAttribute('tabindex', '-1');
    w.status.focus();
  });
  window.addEventListener('popstate', () => w.fromAddress());
  w.root.querySelector<HTMLFieldSetElement>('[data-finder-controls]')!.disabled = false;
}
