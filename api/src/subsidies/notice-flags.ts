/**
 * Red flags of many notices at once: the facts are loaded in a few grouped queries, the
 * judgement is the pure `noticeRedFlags`. The API computes flags live from here; the same
 * function keeps the stored `flagIds` of each notice current, so lists, search filters and
 * per-institution counts can use them without recomputing.
 */
import { onPostgres } from '../db/postgres';
import { dateColumn } from '../common/dates';
import { ObjectionStatus } from '../common/enums';
import { courseFacts } from '../courses/course-facts';
import { Course } from '../courses/course.entity';
import { checkCourse } from '../courses/course.rules';
import { DirectoryEntry } from '../directory/directory.entity';
import type { Context } from '../context';
import { createLoaders } from '../db/loaders';
import { findRows, type Row } from '../db/rows';
import { flagIdsText, noticeRedFlags, type RedFlag } from './red-flags.rules';
import { SubsidyNotice, SubsidyObjection } from './subsidy-notice.entity';
import { queueSearch } from '../search/search-outbox.entity';

/** What flag computation needs: a request's context, or one made for a command or the seed. */
export type FlagContext = Pick<Context, 'em' | 'today' | 'loaders' | 'reference'>;

type NoticeRow = Pick<Row<SubsidyNotice>, 'id' | 'revision' | 'publishedOn' | 'course'>;

/** Notices per grouped query: keeps every `in (…)` list under SQLite's bound-variable limit. */
const BATCH = 400;

/** Batches per set of loaders in a whole-table pass (4,800 notices): bounds the rows the loaders keep. */
const LOADER_BATCHES = 12;

/** One line of a notice whose masked person was paid on another notice in the same year. */
interface PaidTwice {
  notice: number;
  seq: number;
  other: number;
  number: string;
}

/**
 * The same masked person paid for the same occupation and level on another notice (both
 * current revisions, the other not withdrawn), for the lines `where` picks. The same year is
 * checked in code: date functions differ between SQLite and PostgreSQL.
 */
async function paidTwiceWhere(ctx: FlagContext, where: string, params: unknown[]): Promise<PaidTwice[]> {
  const found = (await ctx.em.execute(
    `select l.notice_id as notice, l.seq, n1.published_on as published, n2.id as other, n2.number, n2.published_on as other_published
       from subsidy_notice_line l
       join subsidy_notice n1 on n1.id = l.notice_id and n1.revision = l.revision
       join subsidy_notice_line l2 on l2.masked_id = l.masked_id and l2.masked_name = l.masked_name and l2.occupation_code = l.occupation_code
         and l2.level = l.level and l2.notice_id <> l.notice_id and l2.amount > 0
       join subsidy_notice n2 on n2.id = l2.notice_id and n2.revision = l2.revision and n2.withdrawn_on is null
      where ${where} and l.amount > 0
      order by l.notice_id, l.seq, n2.number`,
    params,
  )) as { notice: number; seq: number; published: unknown; other: number; number: string; other_published: unknown }[];
  return found
    .filter((r) => dateColumn(r.published).slice(0, 4) === dateColumn(r.other_published).slice(0, 4))
    .map((r) => ({ notice: Number(r.notice), seq: Number(r.seq), other: Number(r.other), number: r.number }));
}

/**
 * "Paid twice" lines of these notices ('all': of every notice). PostgreSQL gets all ids in
 * one array: run per batch of 400, its planner may hash the whole line table for each batch
 * (it did at demo scale 2), so n notices cost n/400 scans of a table that grows with n.
 * SQLite walks the (masked id, occupation, level) index per line and keeps its batches.
 */
async function paidTwice(ctx: FlagContext, ids: readonly number[] | 'all'): Promise<PaidTwice[]> {
  if (ids === 'all') return paidTwiceWhere(ctx, '1 = 1', []);
  if (onPostgres(ctx.em))
    return ids.length ? paidTwiceWhere(ctx, 'l.notice_id = any(cast(? as integer[]))', [`{${ids.join(',')}}`]) : [];
  const out: PaidTwice[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    // Not push(...rows): a file of the same trainees over and over gives more pairs than a call takes arguments.
    for (const t of await paidTwiceWhere(ctx, `l.notice_id in (${batch.map(() => '?').join(', ')})`, batch))
      out.push(t);
  }
  return out;
}

/** Groups rows by a key, keeping their order. */
function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const group = out.get(k);
    if (group) group.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * Every red flag of each notice (current revision), keyed by notice id.
 * @example const flags = await flagsOfNotices(ctx, [notice]); flags.get(notice.id) // RedFlag[]
 */
export async function flagsOfNotices(ctx: FlagContext, notices: readonly NoticeRow[]): Promise<Map<number, RedFlag[]>> {
  const twice = groupBy(
    await paidTwice(
      ctx,
      notices.map((n) => n.id),
    ),
    (t) => t.notice,
  );
  const out = new Map<number, RedFlag[]>();
  for (let i = 0; i < notices.length; i += BATCH) await computeBatch(ctx, notices.slice(i, i + BATCH), twice, out);
  return out;
}

/** The flags of one batch of notices (at most {@link BATCH}), given their "paid twice" lines, into `out`. */
async function computeBatch(
  ctx: FlagContext,
  batch: readonly NoticeRow[],
  twice: ReadonlyMap<number, PaidTwice[]>,
  out: Map<number, RedFlag[]>,
): Promise<void> {
  const ids = batch.map((n) => n.id);
  // One after another: inside a transaction they share one connection.
  // Only the columns the rules read: a batch is some 20,000 lines, and whole rows cost more to
  // send and map than the rest of the batch's work.
  const lines = groupBy(
    (await ctx.em.execute(
      `select notice_id as notice, revision, seq, attendance_rate as rate, amount from subsidy_notice_line
        where notice_id in (${ids.map(() => '?').join(', ')}) order by notice_id, seq`,
      ids,
    )) as { notice: number; revision: number; seq: number; rate: number; amount: number }[],
    (l) => Number(l.notice),
  );
  const upheld = groupBy(
    await findRows(ctx.em, SubsidyObjection, { notice: { $in: ids }, status: ObjectionStatus.UPHELD }),
    (o) => o.notice,
  );
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
    const cancelled = new Set((upheld.get(n.id) ?? []).map((o) => o.lineSeq));
    out.set(
      n.id,
      noticeRedFlags({
        publishedOn: n.publishedOn,
        classEndDate: courses[k]?.endDate ?? null,
        lines: (lines.get(n.id) ?? [])
          .filter((l) => Number(l.revision) === n.revision)
          .map((l) => ({
            seq: Number(l.seq),
            attendanceRate: Number(l.rate),
            amount: Number(l.amount),
            cancelled: cancelled.has(l.seq),
          })),
        directoryStandard: entries[k]?.subsidyPerTrainee ?? null,
        classChecks: checks[k],
        paidElsewhere: (twice.get(n.id) ?? []).map((t) => ({ seq: t.seq, notice: t.number })),
      }),
    );
  });
}

/**
 * Stores the flags of these notices where they differ from what is stored: one UPDATE for the
 * batch (a CASE on the id, which both databases run), one search-outbox insert when `queue`.
 * Returns how many changed.
 */
async function writeBatch(
  ctx: FlagContext,
  rows: readonly Pick<Row<SubsidyNotice>, 'id' | 'flagIds'>[],
  flags: ReadonlyMap<number, RedFlag[]>,
  queue: boolean,
): Promise<number> {
  const changed = rows
    .map((n) => ({ id: n.id, text: flagIdsText(flags.get(n.id) ?? []), was: n.flagIds ?? '' }))
    .filter((c) => c.text !== c.was);
  if (!changed.length) return 0;
  await ctx.em.execute(
    `update subsidy_notice set flag_ids = case id ${changed.map(() => 'when ? then ?').join(' ')} end
      where id in (${changed.map(() => '?').join(', ')})`,
    [...changed.flatMap((c) => [c.id, c.text]), ...changed.map((c) => c.id)],
    'run',
  );
  // A native update passes the outbox subscriber by: queue the search documents here.
  if (queue)
    await queueSearch(
      ctx.em,
      'notices',
      changed.map((c) => c.id),
    );
  return changed.length;
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
    const found = await paidTwice(ctx, pending);
    const twice = groupBy(found, (t) => t.notice);
    for (let i = 0; i < pending.length; i += BATCH) {
      const rows = await findRows(ctx.em, SubsidyNotice, { id: { $in: pending.slice(i, i + BATCH) } });
      const flags = new Map<number, RedFlag[]>();
      await computeBatch(ctx, rows, twice, flags);
      changed += await writeBatch(ctx, rows, flags, queue);
    }
    pending = [...new Set(found.map((t) => t.other))].filter((id) => !seen.has(id));
  }
  return changed;
}

/**
 * Recomputes and stores the flags of every notice, for a bulk load (the demo generator): the
 * same judgement as {@link storeNoticeFlags} over all ids, but the "paid twice" pairs come
 * from one join over the whole line table, whatever the planner does with id lists, and the
 * notices are read in id order. Returns how many notices' stored flags changed.
 * @example const changed = await storeAllNoticeFlags(ctx, { queueSearch: false, onProgress: (done) => log(done) });
 */
export async function storeAllNoticeFlags(
  ctx: FlagContext,
  opts: { queueSearch?: boolean; onProgress?: (done: number) => void } = {},
): Promise<number> {
  const twice = groupBy(await paidTwice(ctx, 'all'), (t) => t.notice);
  let changed = 0;
  let done = 0;
  let loaders = ctx.loaders;
  for (let after = 0; ; ) {
    const rows = await findRows(ctx.em, SubsidyNotice, { id: { $gt: after } }, { id: 'asc' }, BATCH);
    if (!rows.length) break;
    const flags = new Map<number, RedFlag[]>();
    await computeBatch({ ...ctx, loaders }, rows, twice, flags);
    changed += await writeBatch(ctx, rows, flags, opts.queueSearch ?? true);
    after = rows[rows.length - 1].id;
    done += rows.length;
    if ((done / BATCH) % LOADER_BATCHES === 0) {
      loaders = createLoaders(ctx.em);
      opts.onProgress?.(done);
    }
  }
  opts.onProgress?.(done);
  return changed;
}
