/**
 * The classes and notices a full build is split by: a large catalogue's full build is made in
 * slices, each building the own pages of some classes and notices (the bulk of the pages and of
 * the data), then one build of the rest, so that no one process holds every notice's lines.
 */
import { askApi } from './api-client';

/** The IDs of every class and every notice. */
export interface RecordIds {
  courses: string[];
  notices: string[];
}

const COUNTS = `query SiteBuilderCounts { courses(first: 1) { totalCount } subsidyNotices(first: 1) { totalCount } }`;
const COURSE_IDS = `query SiteBuilderCourseIds($after: String) {
  courses(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }
}`;
const NOTICE_IDS = `query SiteBuilderNoticeIds($after: String) {
  subsidyNotices(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }
}`;

interface IdPage {
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function allIds(apiUrl: string, query: string, field: 'courses' | 'subsidyNotices'): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Record<string, IdPage> = await askApi(apiUrl, query, { after }, `the ${field} IDs`);
    const page = data[field];
    for (const node of page.nodes) ids.push(node.id);
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
}

/**
 * Every class's and notice's ID, when there are more than `max` of them together; null (one
 * build will do) otherwise, read with a single request.
 * @example const ids = await readRecordIds('http://127.0.0.1:4000/graphql', 20_000); // null at scale 1
 */
export async function readRecordIds(apiUrl: string, max: number): Promise<RecordIds | null> {
  const counts = await askApi<Record<'courses' | 'subsidyNotices', { totalCount: number }>>(
    apiUrl,
    COUNTS,
    {},
    'the counts of classes and notices',
  );
  if (counts.courses.totalCount + counts.subsidyNotices.totalCount <= max) return null;
  const [courses, notices] = await Promise.all([
    allIds(apiUrl, COURSE_IDS, 'courses'),
    allIds(apiUrl, NOTICE_IDS, 'subsidyNotices'),
  ]);
  return { courses, notices };
}

/**
 * Cuts the classes and notices into ⌈records ÷ size⌉ slices of about `size` records (at most one
 * more), each with an equal share of the classes and of the notices: the notices, holding their
 * lines, weigh most, so no slice gets more of them than another.
 * @example sliceRecords({ courses: ['a', 'b', 'c'], notices: ['x'] }, 2) // [{ courses: ['a'], notices: [] }, { courses: ['b', 'c'], notices: ['x'] }]
 */
export function sliceRecords(ids: RecordIds, size: number): RecordIds[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`slice size must be a whole number ≥ 1, got ${size}`);
  const count = Math.ceil((ids.courses.length + ids.notices.length) / size);
  if (count === 0) return [];
  const share = (list: string[], i: number) =>
    list.slice(Math.floor((list.length * i) / count), Math.floor((list.length * (i + 1)) / count));
  return Array.from({ length: count }, (_, i) => ({ courses: share(ids.courses, i), notices: share(ids.notices, i) }));
}
