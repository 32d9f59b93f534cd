/**
 * The notice list's pages, numbered from the oldest notice so that a page, once full, never
 * changes: page 1 holds the first 20 notices ever published, page 2 the next 20, and so on.
 * Numbered from the newest instead, every new notice would move every notice to another page,
 * and each publish would rewrite all of them (about 5,400 pages at scale 5; BENCHMARKS.md).
 * `/notices/` shows the newest page, with the one before it while the newest is not yet full.
 *
 * Pure: the notices come in publication order, oldest first (the API's `PUBLISHED_ASC`:
 * published date, then ID), and each page shows its own newest first.
 */

/** The archive pages a list of `total` notices makes: none for an empty list. */
export function archivePageCount(total: number, perPage: number): number {
  return Math.ceil(total / perPage);
}

/** The notices of archive page `page` (1 = the oldest), newest first. */
export function archivePage<T>(oldestFirst: readonly T[], page: number, perPage: number): T[] {
  return oldestFirst.slice((page - 1) * perPage, page * perPage).reverse();
}

/**
 * What `/notices/` shows: the newest archive page, and the one before it while the newest holds
 * fewer than `perPage` (so the page never shows a lone notice), newest first; `older` is the
 * archive page a reader goes on to (null when the list starts here).
 * @example latestNotices(range(45), 20) // { notices: 44…20 (25 notices), older: 1 }
 */
export function latestNotices<T>(oldestFirst: readonly T[], perPage: number): { notices: T[]; older: number | null } {
  const pages = archivePageCount(oldestFirst.length, perPage);
  const full = oldestFirst.length % perPage === 0;
  const first = Math.max(1, full ? pages : pages - 1);
  return { notices: oldestFirst.slice((first - 1) * perPage).reverse(), older: first > 1 ? first - 1 : null };
}

/**
 * The first archive page a build for changed notices rewrites; every later one is rewritten
 * too. Notices before the first changed one keep their places (a new notice is a changed one,
 * and it can only move those after it), so their pages stay as they are, except the page just
 * before: its link to the next page appears when the changed notice starts a page. A changed
 * notice that is gone (deleted) could have moved any page: all are rewritten. Returns
 * `pages + 1` when none is to be rewritten.
 * @example firstChangedArchivePage(['a', 'b', 'c'], ['c'], 2) // 2
 */
export function firstChangedArchivePage(
  oldestFirstIds: readonly string[],
  changedIds: readonly string[],
  perPage: number,
): number {
  const pages = archivePageCount(oldestFirstIds.length, perPage);
  if (changedIds.length === 0) return pages + 1;
  const index = new Map(oldestFirstIds.map((id, i) => [id, i]));
  let first = Number.POSITIVE_INFINITY;
  for (const id of changedIds) {
    const at = index.get(id);
    if (at === undefined) return 1;
    first = Math.min(first, at);
  }
  const page = Math.floor(first / perPage) + 1;
  return first % perPage === 0 ? Math.max(1, page - 1) : page;
}
