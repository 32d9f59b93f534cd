/**
 * What the finders need at build time: the regions for their selects, and where the browser
 * searches.
 */
import { query } from '../api';
import { graphql, type ResultOf } from './graphql';

/** The 州市 and their counties. */
export const FINDER_REGIONS = graphql(`
  query SiteFinderRegions {
    regions(level: PREFECTURE) { code name children { code name } }
  }`);

/** A 州市 with its counties, for the finder's region selects. */
export interface PrefectureOption {
  code: string;
  name: string;
  counties: ResultOf<typeof FINDER_REGIONS>['regions'][number]['children'];
}

/** The 16 州市 and their counties in code order. */
export async function fetchPrefectures(): Promise<PrefectureOption[]> {
  const data = await query(FINDER_REGIONS);
  return data.regions.map((p) => ({ code: p.code, name: p.name, counties: p.children }));
}

/** Meilisearch's public URL and its search-only key. */
export const SEARCH_ENDPOINT = graphql(`
  query SiteSearchEndpoint {
    searchEndpoint { url searchKey }
  }`);

/** Where browsers search: Meilisearch's public URL and its search-only key. */
export type SearchEndpoint = ResultOf<typeof SEARCH_ENDPOINT>['searchEndpoint'];

/**
 * The search endpoint, or null when the API runs without search (`SEARCH=off`, or
 * Meilisearch down): the course list then stays the static, paginated one.
 */
export async function fetchSearchEndpoint(): Promise<SearchEndpoint | null> {
  try {
    return (await query(SEARCH_ENDPOINT)).searchEndpoint;
  } catch (error) {
    if (error instanceof Error && error.message.includes('SEARCH_UNAVAILABLE')) {
      console.warn(`[site] no search island: ${error.message}`);
      return null;
    }
    throw error;
  }
}
