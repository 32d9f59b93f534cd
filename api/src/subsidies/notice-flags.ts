/**
 * Red flags of many notices at once: the facts are loaded in a few grouped queries, the
 * judgement is the pure `noticeRedFlags`. The API computes flags live from here; the same
 * function keeps the stored `flagIds` of each notice current, so lists, search filters and
 * per-institution counts can use them without recomputing.
 */
import { dateColumn } from '../common/dates';
import { ObjectionStatus } from '../common/enums';
import { courseFacts } from '../courses/course-facts';
import { Course } from '../courses/course.entity';
import { checkCourse } from '../courses/course.rules';
import { DirectoryEntry } from '../directory/directory.entity';
import type { Context } from '../context';
import { findRows, type Row } from '../db/rows';
import { flagIdsText, noticeRedFlags, type RedFlag } from './red-flags.rules';
import { SubsidyNotice, SubsidyNoticeLine, SubsidyObjection } from './subsidy-notice.entity';
import { queueSearch } from '../search/search-outbox.entity';

/** What flag computation needs: a request's context, or one made for a command or the seed. */
export type FlagContext = Pick<Context, 'em' | 'today' | 'loaders' | 'reference'>;

type NoticeRow = Pick<Row<SubsidyNotice>, 'id' | 'revision' | 'publishedOn' | 'course'>;

/** Notices per grouped query: keeps every `in (…)` list under SQLite's bound-variable limit. */
const BATCH = 400;

/**
 * Every red flag of each notice (current revision), keyed by notice id.
 * @example const flags = await flagsOfNotices(ctx, [notice]); flags.get(notice.id) // RedFlag[]
 */
export async function flagsOfNotices(ctx: FlagContext, notices: readonly NoticeRow[]): Promise<Map<number, RedFlag[]>> {
  return (await computeFlags(ctx, notices)).flags;
}

/** The flags, and for each notice the other notices its "paid twice" flag points at. */
async function computeFlags(
  ctx: FlagContext,
  notices: readonly NoticeRow[],
): Promise<{ flags: Map<number, RedFlag[]>; partners: Set<number> }> {
  const out = new Map<number, RedFlag[]>();
  const partners = new Set<number>();
  for (let i = 0; i < notices.length; i += BATCH) {
    const batch = notices.slice(i, i + BATCH);
    const ids = batch.map((n) => n.id);
    const marks = ids.map(() => '?').join(', ');
    // One after another: inside a transaction they share one connection.
    const lines = await findRows(ctx.em, SubsidyNoticeLine, { notice: { $in: ids } }, { notice: 'asc', seq: 'asc' });
    const upheld = await findRows(ctx.em, SubsidyObjection, { notice: { $in: ids }, status: ObjectionStatus.UPHELD });
    const twice = await // The same masked person paid for the same occupation and level on another notice in the
    // same year (both current revisions, neither withdrawn).
    ctx.em
      .execute(
        // The same year is checked below: date functions differ between SQLite and PostgreSQL.
        `select l.notice_id as notice, l.seq, n1.published_on as published, n2.id as other, n2.number, n2.published_on as other_published
           from subsidy_notice_line l
           join subsidy_notice n1 on n1.id = l.notice_id and n1.revision = l.revision
           join subsidy_notice_line l2 on l2.masked_id = l.masked_id and l2.masked_name = l.masked_name and l2.occupation_code = l.occupation_code
             and l2.level = l.level and l2.notice_id <> l.notice_id and l2.amount > 0
           join subsidy_notice n2 on n2.id = l2.notice_id and n2.revision = l2.revision and n2.withdrawn_on is null
          where l.notice_id in (${marks}) and l.amount > 0`,
        ids,
      )
      .then((found) =>
        (
          found as {
            notice: number;
            seq: number;
            published: unknown;
            other: number;
            number: string;
            other_published: unknown;
          }[]
        ).filter((r) => dateColumn(r.published).slice(0, 4) === dateColumn(r.other_published).slice(0, 4)),
      );
    for (const t of twice) partners.add(Number(t.other));
    const courses = await Promise.all(
      batch.map((n) => (n.course != null ? ctx.loaders.byKey(Course).load(n.course) : null)),
    );
    const entries = await Promise.all(
      courses.map((c) => (c?.directoryEntry != null ? ctx.loaders.byKey(DirectoryEntry).load(c.directoryEntry) : null)),
    );
    const checks = await Promise.all(
      courses.map((c) => (c ? courseFacts(c, ctx).then((f) => checkCourse(f, ctx.today)) : [])),
    );
    batch.forEach((n, k) => {
      const cancelled = new Set(upheld.filter((o) => o.notice === n.id).map((o) => o.lineSeq));
      out.set(
        n.id,
        noticeRedFlags({
          publishedOn: n.publishedOn,
          classEndDate: courses[k]?.endDate ?? null,
          lines: lines
            .filter((l) => l.notice === n.id && l.revision === n.revision)
            .map((l) => ({
              seq: l.seq,
              attendanceRate: l.attendanceRate,
              amount: l.amount,
              cancelled: cancelled.has(l.seq),
            })),
          directoryStandard: entries[k]?.subsidyPerTrainee ?? null,
          classChecks: checks[k],
          paidElsewhere: twice
            .filter((t) => Number(t.notice) === n.id)
            .map((t) => ({ seq: Number(t.seq), notice: t.number })),
        }),
      );
    });
  }
  return { flags: out, partners };
}

/**
 * Recomputes and stores the flags of these notices and of the notices a "paid twice" flag
 * links them to directly (a repeat flags both). Returns how many notices' stored flags changed.
 * Each changed notice is queued for search (`queueSearch`, default true; a bulk load that
 * reindexes everything afterwards turns it off). Call it after any write that can change a flag: publishing, a revision, an upheld objection,
 * a withdrawal, a change to the class or the institution's standing.
 * @example await storeNoticeFlags(ctx, [newNoticeId]);
 */
export async function storeNoticeFlags(
  ctx: FlagContext,
  noticeIds: readonly number[],
  opts: { queueSearch?: boolean } = {},
): Promise<number> {
  const queue = opts.queueSearch ?? true;
  let changed = 0;
  const seen = new Set<number>();
  let pending = [...new Set(noticeIds)];
  // Two rounds: the notices written, then the notices their repeats point at. A partner's other
  // partners are not affected by this write, so the walk stops there (the whole chain of masked
  // look-alikes would be quadratic).
  for (let round = 0; round < 2 && pending.length; round++) {
    for (const id of pending) seen.add(id);
    const rows: Row<SubsidyNotice>[] = [];
    for (let i = 0; i < pending.length; i += BATCH)
      rows.push(...(await findRows(ctx.em, SubsidyNotice, { id: { $in: pending.slice(i, i + BATCH) } })));
    const { flags, partners } = await computeFlags(ctx, rows);
    for (const n of rows) {
      const text = flagIdsText(flags.get(n.id) ?? []);
      if (text !== (n.flagIds ?? '')) {
        await ctx.em.nativeUpdate(SubsidyNotice, { id: n.id }, { flagIds: text });
        // A native update passes the outbox subscriber by: queue the search document here.
        if (queue) await queueSearch(ctx.em, 'notices', n.id);
        changed++;
      }
    }
    pending = [...partners].filter((id) => !seen.has(id));
  }
  return changed;
}
