/**
 * What the two finders (courses, notices) share in the browser: where to search, and keeping
 * the page's address in step with the search.
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
