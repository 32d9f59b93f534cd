/**
 * The subsidy notices (公示) with all their lines, and the events of the Atom feed.
 */
import pLimit from 'p-limit';
import { query, queryAll } from '../api';
import { pageSize } from '../../config';
import type { NoticeList } from '../notice-archive';
import { graphql, type ResultOf } from './graphql';

const NoticeLineFields = graphql(`
  fragment SiteNoticeLine on SubsidyNoticeLine {
    seq maskedName maskedId level certificateNumber attendanceRate amount eligible cancelled
    eligibility(passed: false) { ruleId passed message messageEn clause }
  }`);

/** One line of a notice. `cancelled`: an upheld objection cancelled the claim on this line. */
export type NoticeLine = ResultOf<typeof NoticeLineFields>;
/** One eligibility check of a notice line. */
export type NoticeLineCheck = NoticeLine['eligibility'][number];

/**
 * Notices with their lines, revisions, objections and red flags: 18 notices × 70 lines stay
 * under the cost limit of 5,000 (the API reports each request's cost in `extensions.cost`), and
 * no notice has more than 70 lines at scale 1, so 2,586 notices take 144 requests (after 26
 * for their IDs). A notice with more lines than that gets its remaining lines with follow-up
 * requests.
 */
const NOTICES_PER_REQUEST = 18;
const NOTICE_LINES_PER_REQUEST = 70;

/** What the notice list and a notice's page show of a notice, apart from its lines. */
const NoticeHeaderFields = graphql(`
  fragment SiteNoticeHeader on SubsidyNotice {
    id number title publishedOn objectionUntil status withdrawnOn withdrawnReason totalAmount lineCount isDemo
    objectionWorkingDays objectionWorkingDates revision
    revisions { revision publishedOn reason lineCount totalAmount sha256 previousSha256 logEntry { index } }
    objections { lineSeq receivedOn summary status decidedOn outcome }
    redFlags { flagId message messageEn clause documentTitle lineSeqs }
    bureau { name }
    course { id title classNumber }
  }`);

/** The notices named, each with its first lines (what a partial build re-reads). */
export const NOTICES_BY_ID = graphql(
  `
  query SiteNoticesById($ids: [ID!]!, $lines: Int!) {
    nodes(ids: $ids) {
      ... on SubsidyNotice {
        ...SiteNoticeHeader
        lines(first: $lines) {
          pageInfo { hasNextPage endCursor }
          nodes { ...SiteNoticeLine }
        }
      }
    }
  }`,
  [NoticeHeaderFields, NoticeLineFields],
);

/** What the notice list shows of each notice. */
const NoticeSummaryFields = graphql(`
  fragment SiteNoticeSummary on SubsidyNotice {
    id number title publishedOn status totalAmount lineCount isDemo bureau { name }
  }`);

/** A notice as the notice list shows it. */
export type NoticeListItem = ResultOf<typeof NoticeSummaryFields>;

/** Every notice as the list shows it, newest first: the lists of a partial build, 100 a request. */
export const NOTICE_SUMMARIES = graphql(
  `
  query SiteNoticeSummaries($first: Int!, $after: String) {
    subsidyNotices(first: $first, after: $after, orderBy: PUBLISHED_DESC) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...SiteNoticeSummary }
    }
  }`,
  [NoticeSummaryFields],
);

/** The IDs of a class's notices. */
export const CLASS_NOTICES = graphql(`
  query SiteClassNotices($course: ID!, $first: Int!, $after: String) {
    subsidyNotices(first: $first, after: $after, filter: { course: $course }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id }
    }
  }`);

/** The lines of one notice after the first page of them. */
export const NOTICE_MORE_LINES = graphql(
  `
  query SiteNoticeMoreLines($id: ID!, $after: String) {
    node(id: $id) {
      ... on SubsidyNotice {
        lines(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor }
          nodes { ...SiteNoticeLine }
        }
      }
    }
  }`,
  [NoticeLineFields],
);

type RawNotice = Extract<ResultOf<typeof NOTICES_BY_ID>['nodes'][number], { id: string }>;

/** A notice with all its lines, in line order. */
export type NoticeDetail = Omit<RawNotice, 'lines'> & { lines: NoticeLine[] };
/** One published revision of a notice, with the hashes of the chain. */
export type NoticeRevision = RawNotice['revisions'][number];
/** A red flag: what to look at twice, and its clause. */
export type NoticeRedFlag = RawNotice['redFlags'][number];
/** An objection and its outcome. */
export type NoticeObjection = RawNotice['objections'][number];

/** The lines of a notice after `after`, to its last line. */
async function remainingLines(id: string, after: string | null): Promise<NoticeLine[]> {
  const lines: NoticeLine[] = [];
  for (let cursor = after; ; ) {
    const { node } = await query(NOTICE_MORE_LINES, { id, after: cursor });
    if (!node || !('lines' in node))
      throw new Error(`The catalogue API has no subsidy notice ${id}, although it just listed it.`);
    lines.push(...node.lines.nodes);
    if (!node.lines.pageInfo.hasNextPage) return lines;
    cursor = node.lines.pageInfo.endCursor;
  }
}

/** A notice with the rest of its lines read after the first page of them. */
async function withAllLines(raw: RawNotice): Promise<NoticeDetail> {
  const lines = [...raw.lines.nodes];
  if (raw.lines.pageInfo.hasNextPage) lines.push(...(await remainingLines(raw.id, raw.lines.pageInfo.endCursor)));
  return { ...raw, lines };
}

/** The notices' IDs, newest first: cheap, 100 a request. */
export const NOTICE_IDS = graphql(`
  query SiteNoticeIds($first: Int!, $after: String) {
    subsidyNotices(first: $first, after: $after, orderBy: PUBLISHED_DESC) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id }
    }
  }`);

/**
 * Requests for notices in flight at once: the build parses one answer while the API makes the
 * next; more than this only queues in the API's one thread (measured: BENCHMARKS.md, site build).
 */
const NOTICE_REQUESTS_IN_FLIGHT = 2;

/**
 * Every notice, newest first, with all its lines in line order: the IDs first, then the notices
 * by {@link fetchNoticesById}.
 */
export async function fetchNotices(): Promise<NoticeDetail[]> {
  return fetchNoticesById((await queryAll(NOTICE_IDS, {}, (d) => d.subsidyNotices)).map((n) => n.id));
}

/**
 * The notices named (global IDs) with all their lines, in the order named; those gone are left
 * out. {@link NOTICES_PER_REQUEST} a request, {@link NOTICE_REQUESTS_IN_FLIGHT} requests at once.
 */
export async function fetchNoticesById(ids: readonly string[]): Promise<NoticeDetail[]> {
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += NOTICES_PER_REQUEST) batches.push(ids.slice(i, i + NOTICES_PER_REQUEST));
  const limit = pLimit(NOTICE_REQUESTS_IN_FLIGHT);
  const read = await Promise.all(batches.map((batch) => limit(() => fetchNoticeBatch(batch))));
  return read.flat();
}

async function fetchNoticeBatch(ids: string[]): Promise<NoticeDetail[]> {
  const { nodes } = await query(NOTICES_BY_ID, { ids, lines: NOTICE_LINES_PER_REQUEST });
  const notices: NoticeDetail[] = [];
  for (const raw of nodes) if (raw && 'id' in raw) notices.push(await withAllLines(raw as RawNotice));
  return notices;
}

/** Every notice as the list shows it, newest first. */
export function fetchNoticeSummaries(): Promise<NoticeListItem[]> {
  return queryAll(NOTICE_SUMMARIES, {}, (d) => d.subsidyNotices);
}

/**
 * The newest notices as the list shows them, newest first, 100 a request until `enough` says
 * those read will do, with how many notices there are (as the first request found: a notice
 * published meanwhile is in the next build).
 * @example await fetchNewestNoticeSummaries((list) => list.newest.length >= 40) // { total: 53182, newest: [100 notices] }
 */
export async function fetchNewestNoticeSummaries(
  enough: (read: NoticeList<NoticeListItem>) => boolean,
): Promise<NoticeList<NoticeListItem>> {
  const newest: NoticeListItem[] = [];
  let total: number | undefined;
  for (let after: string | null = null; ; ) {
    const page: ResultOf<typeof NOTICE_SUMMARIES>['subsidyNotices'] = (
      await query(NOTICE_SUMMARIES, { first: pageSize, after })
    ).subsidyNotices;
    total ??= page.totalCount;
    newest.push(...page.nodes);
    // Read to its end, the list is whole whatever was published or deleted meanwhile.
    if (!page.pageInfo.hasNextPage) return { total: newest.length, newest };
    if (enough({ total, newest })) return { total, newest };
    after = page.pageInfo.endCursor;
  }
}

/** The IDs of the notices of each class named. */
export async function fetchClassNotices(courseIds: readonly string[]): Promise<Map<string, string[]>> {
  const byClass = new Map<string, string[]>();
  for (const course of courseIds)
    byClass.set(
      course,
      (await queryAll(CLASS_NOTICES, { course }, (d) => d.subsidyNotices)).map((n) => n.id),
    );
  return byClass;
}

/** The latest events of notices (published, revised, withdrawn, objections). */
export const CHANGES = graphql(`
  query SiteChanges($first: Int!) {
    changes(since: "2000-01-01T00:00:00+08:00", first: $first, newestFirst: true) {
      nodes {
        kind on revision reason
        objection { status outcome lineSeq }
        notice { id number title isDemo bureau { name } }
      }
    }
  }`);

/** One event in the life of a notice. */
export type NoticeChange = ResultOf<typeof CHANGES>['changes']['nodes'][number];

/** The latest `first` events, newest first (what the feed lists). */
export async function fetchLatestChanges(first = 100): Promise<NoticeChange[]> {
  return (await query(CHANGES, { first })).changes.nodes;
}
