/**
 * The notice list's pages, numbered from the oldest notice so that a page, once full, never
 * changes: page 1 holds the first 20 notices ever published, page 2 the next 20, and so on.
 * Numbered from the newest instead, every new notice would move every notice to another page,
 * and each publish would rewrite all of them (about 5,400 pages at scale 5; BENCHMARKS.md).
 * `/notices/` shows the newest page, with the one before it while the newest is not yet full.
 *
 * Pure. The list is what a build read of it: how many notices there are, and the newest of
 * them, newest first (the API's `PUBLISHED_DESC`: published date, then ID, both descending).
 * A full build reads every notice; a build for changed notices only the newest few pages'
 * worth ({@link hasEnough}). Each page shows its own notices newest first.
 */

/** The notice list as far as it was read. */
export interface NoticeList<T> {
  /** Notices in all. */
  total: number;
  /** The newest of them, newest first: all `total` of them, or fewer. */
  newest: readonly T[];
}

/** The archive pages a list of `total` notices makes: none for an empty list. */
export function archivePageCount(total: number, perPage: number): number {
  return Math.ceil(total / perPage);
}

/**
 * The notices at oldest-first positions `from` up to (not including) `to`, newest first; throws
 * when they were not read.
 */
function newestBetween<T>(list: NoticeList<T>, from: number, to = list.total): T[] {
  const count = list.total - from;
  if (count > list.newest.length)
    throw new Error(`the notice list was read to its ${list.newest.length} newest notices, not the ${count} needed`);
  // Only the page's own notices are copied: copying every newer one first made the 2,660 list
  // pages of scale 5 copy some 70 million entries (4.2 s of a full build, issue 16).
  return list.newest.slice(Math.max(0, list.total - to), count);
}

/** The notices of archive page `page` (1 = the oldest), newest first. */
export function archivePage<T>(list: NoticeList<T>, page: number, perPage: number): T[] {
  return newestBetween(list, (page - 1) * perPage, page * perPage);
}

/** The first archive page `/notices/` shows (see {@link latestNotices}). */
function firstLatestPage(total: number, perPage: number): number {
  const pages = archivePageCount(total, perPage);
  return Math.max(1, total % perPage === 0 ? pages : pages - 1);
}

/**
 * What `/notices/` shows: the newest archive page, and the one before it while the newest holds
 * fewer than `perPage` (so the page never shows a lone notice), newest first; `older` is the
 * archive page a reader goes on to (null when the list starts here).
 * @example latestNotices({ total: 45, newest }, 20) // { notices: the newest 25, older: 1 }
 */
export function latestNotices<T>(list: NoticeList<T>, perPage: number): { notices: T[]; older: number | null } {
  const first = firstLatestPage(list.total, perPage);
  return { notices: newestBetween(list, (first - 1) * perPage), older: first > 1 ? first - 1 : null };
}

/**
 * The first archive page a build for changed notices rewrites; every later one is rewritten
 * too. Notices before the first changed one keep their places (a new notice is a changed one,
 * and it can only move those after it; a notice's published date never changes, a correction
 * has its own), so their pages stay as they are, except the page just before: its link to the
 * next page appears when the changed notice starts a page. A changed notice that is gone
 * (deleted) could have moved any page: all are rewritten. `pages + 1`: none.
 * Needs the list read far enough to find every changed notice ({@link hasEnough}).
 * @example firstChangedArchivePage({ total: 3, newest: ['c', 'b', 'a'] }, ['c'], 2) // 2
 */
export function firstChangedArchivePage(list: NoticeList<string>, changed: readonly string[], perPage: number): number {
  const first = earliestChanged(list, changed);
  if (first === 'unknown') throw new Error('the notice list was not read far enough to find every changed notice');
  if (first === 'gone') return 1;
  if (first === null) return archivePageCount(list.total, perPage) + 1;
  const page = Math.floor(first / perPage) + 1;
  return first % perPage === 0 ? Math.max(1, page - 1) : page;
}

/** The oldest-first position of the earliest changed notice; 'gone' when one is not in the whole list. */
function earliestChanged(list: NoticeList<string>, changed: readonly string[]): number | null | 'gone' | 'unknown' {
  const newestIndex = new Map(list.newest.map((id, j) => [id, j]));
  let first: number | null = null;
  for (const id of changed) {
    const j = newestIndex.get(id);
    if (j === undefined) return list.newest.length >= list.total ? 'gone' : 'unknown';
    first = Math.min(first ?? Number.POSITIVE_INFINITY, list.total - 1 - j);
  }
  return first;
}

/**
 * Whether the newest notices read so far are enough for a build for `changed` notices: every
 * changed one is among them, and so is every notice of the pages it rewrites and of `/notices/`.
 * @example hasEnough({ total: 5_000, newest: the newest 100 IDs }, [a new notice's ID], 20) // true
 */
export function hasEnough(list: NoticeList<string>, changed: readonly string[], perPage: number): boolean {
  if (list.newest.length >= list.total) return true;
  if (earliestChanged(list, changed) === 'unknown') return false;
  const first = Math.min(firstChangedArchivePage(list, changed, perPage), firstLatestPage(list.total, perPage));
  return list.newest.length >= list.total - (first - 1) * perPage;
}
