/**
 * The site builder's reading of the API's change feed (`recordChanges`), over HTTP like any
 * other client of the API, so the builder may run on another machine (docker-compose's
 * site-builder service).
 */
import { askApi } from './api-client';

/**
 * Changed records: global IDs by the feed's `ChangedRecordType` (`SUBSIDY_NOTICE`, `COURSE`, …),
 * as the API sends them; the site maps them to the pages that show them (site/src/lib/build-plan.ts).
 */
export type ChangedRecords = Record<string, string[]>;

/** What the feed holds after a position. */
export interface FeedRead {
  /** The position after the last change read (the newest one when only the head was asked for). */
  cursor: string | null;
  /** Distinct records changed (0 when only the head was asked for). */
  count: number;
  /** The records by type; null when there were more than asked for. */
  changed: ChangedRecords | null;
}

const HEAD = `query SiteBuilderFeedHead { recordChanges(newestFirst: true, first: 1) { pageInfo { endCursor } } }`;
const PAGE = `query SiteBuilderFeed($after: String) {
  recordChanges(after: $after, first: 100) { nodes { recordType recordId } pageInfo { hasNextPage endCursor } }
}`;

interface FeedPage {
  recordChanges: {
    nodes?: { recordType: string; recordId: string }[];
    pageInfo: { hasNextPage?: boolean; endCursor: string | null };
  };
}

/**
 * Reads the records changed after `after` (from the start when null), at most `max` distinct
 * records; with `max` 0 only the feed's newest position. Duplicates (a record written twice)
 * count once.
 * @example const { cursor, changed } = await readFeed('http://127.0.0.1:4000/graphql', manifest.cursor, 5000);
 */
export async function readFeed(apiUrl: string, after: string | null, max: number): Promise<FeedRead> {
  if (max === 0) {
    const head = await askApi<FeedPage>(apiUrl, HEAD, {}, "the API's change feed");
    return { cursor: head.recordChanges.pageInfo.endCursor ?? after, count: 0, changed: {} };
  }
  const seen = new Map<string, Set<string>>();
  let count = 0;
  let cursor = after;
  for (;;) {
    const { recordChanges: page } = await askApi<FeedPage>(apiUrl, PAGE, { after: cursor }, "the API's change feed");
    for (const { recordType, recordId } of page.nodes ?? []) {
      const ids = seen.get(recordType) ?? new Set<string>();
      if (!ids.has(recordId)) count += 1;
      ids.add(recordId);
      seen.set(recordType, ids);
    }
    cursor = page.pageInfo.endCursor ?? cursor;
    if (count > max) return { cursor, count, changed: null };
    if (!page.pageInfo.hasNextPage) break;
  }
  return { cursor, count, changed: Object.fromEntries([...seen].map(([t, ids]) => [t, [...ids]])) };
}
