import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { isIsoDate } from '../common/dates';
import { Course } from '../courses/course.entity';
import { findRows } from '../db/rows';
import { Region } from '../regions/region.entity';
import type { ImportProblem, MaskedLine } from './notice-import.rules';
import { objectionPeriod } from './notice-lifecycle.rules';
import { revisionHash } from './notice-revision.rules';
import { claimDeadlineFor } from './red-flags.rules';
import { workingDaysAfter } from '../common/working-days';
import { appendToLog } from '../db/log-store';
import { noticeRevisionEvent } from '../log/log-entries';
import { SubsidyNotice, SubsidyNoticeLine, SubsidyNoticeRevision } from './subsidy-notice.entity';
import { storeNoticeFlags } from './notice-flags';
import { queueSearch } from '../search/search-outbox.entity';
import { audit } from '../audit/audit';
import { canWrite } from '../publishers/publisher.rules';
import { SERVER_WRITER, type Writer } from '../publishers/writer';
import { createLoaders } from '../db/loaders';
import { ReferenceData } from '../db/reference';

/** The header of a notice to publish. */
export interface NoticeHeader {
  number: string;
  title: string;
  /** Code of the issuing bureau's region (a county, a 州市 or 530000). */
  bureau: string;
  /** Class number of the class the notice is for (optional). */
  classNumber?: string | null;
  publishedOn: string;
}

/** What publishing did. */
export type PublishResult =
  | {
      ok: true;
      id: number;
      number: string;
      objectionUntil: string;
      lineCount: number;
      totalAmount: number;
      sha256: string;
    }
  | { ok: false; problems: ImportProblem[] };

/**
 * Publishes a notice as revision 1 in one transaction: the header, its lines (already masked,
 * see notice-import.rules) and the revision with its SHA-256. Checks the header first and
 * returns every problem without writing anything; a notice number already published is refused
 * (a correction is a new revision, never a second notice or a rewrite). The notice reaches the
 * search index through the outbox, like every application write.
 * Its red flags (and those of notices a repeat links it to) are stored in the same transaction.
 * The writer must answer for the bureau's region and the class's (50号 (十八)); the write is
 * audited in the same transaction.
 * @example const r = await publishNotice(em, header, parsed.lines, { today: '2026-11-22', writer }); if (!r.ok) console.error(r.problems);
 */
export async function publishNotice(
  em: EntityManager,
  header: NoticeHeader,
  lines: readonly MaskedLine[],
  opts: { today: string; writer?: Writer; reference?: ReferenceData; deferFlags?: boolean },
): Promise<PublishResult> {
  const { today } = opts;
  const writer = opts.writer ?? SERVER_WRITER;
  const problems: ImportProblem[] = [];
  const bad = (column: string, rule: string, message: string, value?: string) =>
    problems.push({ row: 0, column, rule, message, value });
  if (!header.number.trim() || header.number.length > 64)
    bad('number', 'notice.number', 'a notice number of 1–64 characters is required', header.number);
  if (!header.title.trim() || header.title.length > 256)
    bad('title', 'notice.title', 'a title of 1–256 characters is required', header.title);
  if (!isIsoDate(header.publishedOn))
    bad('publishedOn', 'notice.date', 'must be a YYYY-MM-DD date', header.publishedOn);
  if (lines.length === 0) bad('lines', 'notice.lines', 'a notice needs at least one trainee line');
  const [region] = await findRows(em, Region, { code: header.bureau });
  if (!region) bad('bureau', 'notice.bureau', 'not a Yunnan region code (GB/T 2260), e.g. 530102', header.bureau);
  else {
    const scope = canWrite(writer, header.bureau);
    if (!scope.allowed) bad('bureau', 'scope.region', scope.messageEn, header.bureau);
  }
  let courseId: number | null = null;
  let classEnd: string | null = null;
  if (header.classNumber) {
    const [course] = await findRows(em, Course, { classNumber: header.classNumber });
    if (!course) bad('classNumber', 'notice.class', 'no class with this class number', header.classNumber);
    else {
      courseId = course.id;
      classEnd = course.endDate;
      const scope = canWrite(writer, course.county);
      if (!scope.allowed)
        bad('classNumber', 'scope.region', `the class is in ${course.county}: ${scope.messageEn}`, header.classNumber);
    }
  }
  if (header.number.trim() && (await findRows(em, SubsidyNotice, { number: header.number.trim() })).length > 0) {
    bad(
      'number',
      'notice.number-unique',
      'this notice is already published: a correction is published as a new revision of it',
      header.number,
    );
  }
  if (problems.length) return { ok: false, problems };

  const number = header.number.trim();
  const { until } = objectionPeriod(header.publishedOn);
  const totalAmount = lines.reduce((sum, l) => sum + l.amount, 0);
  const sha256 = revisionHash({
    notice: {
      number,
      title: header.title.trim(),
      bureau: header.bureau,
      classNumber: header.classNumber ?? null,
      publishedOn: header.publishedOn,
      objectionUntil: until,
    },
    revision: 1,
    publishedOn: header.publishedOn,
    reason: null,
    previousSha256: null,
    lines: lines.map((l) => ({ ...l })),
  });
  let id: number;
  try {
    id = await insertNotice(em, {
      header,
      lines,
      number,
      until,
      totalAmount,
      sha256,
      courseId,
      classEnd,
      writer,
      today,
      opts,
    });
  } catch (e) {
    // Two publications of one number at once: both passed the check above, the unique key lets one in.
    if (!(e instanceof UniqueConstraintViolationException)) throw e;
    return {
      ok: false,
      problems: [
        {
          row: 0,
          column: 'number',
          rule: 'notice.number-unique',
          message: 'this notice is already published: a correction is published as a new revision of it',
          value: header.number,
        },
      ],
    };
  }
  return { ok: true, id, number, objectionUntil: until, lineCount: lines.length, totalAmount, sha256 };
}

/** The notice, its lines, revision 1, flags, outbox and audit entry, in one transaction. */
async function insertNotice(
  em: EntityManager,
  p: {
    header: NoticeHeader;
    lines: readonly MaskedLine[];
    number: string;
    until: string;
    totalAmount: number;
    sha256: string;
    courseId: number | null;
    classEnd: string | null;
    writer: Writer;
    today: string;
    opts: { reference?: ReferenceData; deferFlags?: boolean };
  },
): Promise<number> {
  const { header, lines, number, until, totalAmount, sha256, courseId, classEnd, writer, today, opts } = p;
  return em.transactional(async (tx) => {
    // A native insert: no unit of work to grow over a long import (each flush would compare every
    // entity created before it); the search outbox is queued explicitly.
    const notice = { id: 0 };
    notice.id = Number(
      await tx.insert(SubsidyNotice, {
        number,
        title: header.title.trim(),
        bureau: header.bureau,
        course: courseId,
        publishedOn: header.publishedOn,
        objectionUntil: until,
        withdrawnOn: null,
        withdrawnReason: null,
        revision: 1,
        lineCount: lines.length,
        totalAmount,
        isDemo: false,
        paidTrainees: lines.filter((l) => l.amount > 0).length,
        paidAmount: totalAmount,
        certifiedTrainees: lines.filter((l) => l.certificateNumber != null).length,
        workingDaysToNotice: classEnd ? workingDaysAfter(classEnd, header.publishedOn) : null,
        withinDeadline: classEnd
          ? workingDaysAfter(classEnd, header.publishedOn) <= claimDeadlineFor(classEnd).workingDays
          : null,
        flagIds: '',
      }),
    );
    await queueSearch(tx, 'notices', notice.id);
    // In batches: one statement per 1,000 lines keeps under every driver's bound-parameter limit.
    for (let i = 0; i < lines.length; i += 1000) {
      await tx.insertMany(
        SubsidyNoticeLine,
        lines.slice(i, i + 1000).map((l) => ({
          notice: notice.id,
          revision: 1,
          seq: l.seq,
          maskedName: l.maskedName,
          maskedId: l.maskedId,
          occupation: l.occupationCode,
          level: l.level,
          certificateNumber: l.certificateNumber,
          attendanceRate: l.attendanceRate,
          amount: l.amount,
        })),
      );
    }
    await tx.insert(SubsidyNoticeRevision, {
      notice: notice.id,
      revision: 1,
      publishedOn: header.publishedOn,
      reason: null,
      lineCount: lines.length,
      totalAmount,
      sha256,
      previousSha256: null,
    });
    await appendToLog(tx, [
      noticeRevisionEvent({
        notice: number,
        revision: 1,
        sha256,
        previousSha256: null,
        bureau: header.bureau,
        publishedOn: header.publishedOn,
        at: new Date(),
      }),
    ]);
    const sql = tx as EntityManager;
    // A bulk import stores the flags of all its notices at once at the end (`deferFlags`).
    if (!opts.deferFlags)
      await storeNoticeFlags(
        { em: sql, today, loaders: createLoaders(sql), reference: opts.reference ?? (await ReferenceData.load(sql)) },
        [notice.id],
      );
    await audit(tx, writer, {
      action: 'notice.publish',
      entityType: 'SubsidyNotice',
      entityKey: number,
      region: header.bureau,
      before: null,
      after: { sha256, revision: 1 },
      summary: `published revision 1: ${lines.length} lines, ${totalAmount} yuan`,
    });
    return notice.id;
  });
}
