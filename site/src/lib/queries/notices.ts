/**
 * The subsidy notices (公示) with all their lines, and the events of the Atom feed.
 */
import { query } from '../api';
import { graphql, type ResultOf } from './graphql';

const NoticeLineFields = graphql(`
  fragment SiteNoticeLine on SubsidyNoticeLine {
    seq maskedName maskedId level certificateNumber attendanceRate amount eligible cancelled
    eligibility { ruleId passed message messageEn clause }
  }`);

/** One line of a notice. `cancelled`: an upheld objection cancelled the claim on this line. */
export type NoticeLine = ResultOf<typeof NoticeLineFields>;
/** One eligibility check of a notice line. */
export type NoticeLineCheck = NoticeLine['eligibility'][number];

/**
 * Notices with their lines, revisions, objections and red flags: 18 notices × 70 lines stay
 * under the cost limit of 5,000 (the API reports each request's cost in `extensions.cost`), and
 * no notice has more than 70 lines at scale 1, so 2,586 notices take 144 requests. A notice
 * with more lines than that gets its remaining lines with follow-up requests.
 */
const NOTICES_PER_REQUEST = 18;
const NOTICE_LINES_PER_REQUEST = 70;

/** A page of notices, each with its first lines. */
export const NOTICES = graphql(
  `
  query SiteNotices($first: Int!, $after: String, $lines: Int!) {
    subsidyNotices(first: $first, after: $after, orderBy: PUBLISHED_DESC) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id number title publishedOn objectionUntil status withdrawnOn withdrawnReason totalAmount lineCount isDemo
        objectionWorkingDays objectionWorkingDates revision
        revisions { revision publishedOn reason lineCount totalAmount sha256 previousSha256 }
        objections { lineSeq receivedOn summary status decidedOn outcome }
        redFlags { flagId message messageEn clause documentTitle lineSeqs }
        bureau { name }
        course { id title classNumber }
        lines(first: $lines) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { ...SiteNoticeLine }
        }
      }
    }
  }`,
  [NoticeLineFields],
);

/** The lines of one notice after the first page of them. */
export const NOTICE_MORE_LINES = graphql(
  `
  query SiteNoticeMoreLines($id: ID!, $after: String) {
    node(id: $id) {
      ... on SubsidyNotice {
        lines(first: 100, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { ...SiteNoticeLine }
        }
      }
    }
  }`,
  [NoticeLineFields],
);

type RawNotice = ResultOf<typeof NOTICES>['subsidyNotices']['nodes'][number];

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

/** Every notice, newest first, with all its lines in line order. */
export async function fetchNotices(): Promise<NoticeDetail[]> {
  const notices: NoticeDetail[] = [];
  let after: string | null = null;
  for (;;) {
    const data: ResultOf<typeof NOTICES> = await query(NOTICES, {
      first: NOTICES_PER_REQUEST,
      after,
      lines: NOTICE_LINES_PER_REQUEST,
    });
    for (const raw of data.subsidyNotices.nodes) {
      const lines = [...raw.lines.nodes];
      if (raw.lines.pageInfo.hasNextPage) lines.push(...(await remainingLines(raw.id, raw.lines.pageInfo.endCursor)));
      notices.push({ ...raw, lines });
    }
    if (!data.subsidyNotices.pageInfo.hasNextPage) break;
    after = data.subsidyNotices.pageInfo.endCursor;
  }
  return notices;
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
