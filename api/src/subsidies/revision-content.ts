import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { Course } from '../courses/course.entity';
import { findRows, type Row } from '../db/rows';
import type { RevisionContent } from './notice-revision.rules';
import { SubsidyNotice, SubsidyNoticeLine, SubsidyNoticeRevision } from './subsidy-notice.entity';

/**
 * Rebuilds what a revision published from the rows that store it: the notice's header, the
 * revision's own fields and the lines of that revision. The API (`canonicalJson`) and the
 * verification command (`npm run notices:verify`) both use it, so they hash the same thing.
 * @example revisionContent(notice, 'KB2022-530102-00001', revision, lines).lines.length // lines of that revision
 */
export function revisionContent(
  notice: Row<SubsidyNotice>,
  classNumber: string | null,
  revision: Row<SubsidyNoticeRevision>,
  lines: readonly Row<SubsidyNoticeLine>[],
): RevisionContent {
  return {
    notice: {
      number: notice.number,
      title: notice.title,
      bureau: notice.bureau,
      classNumber,
      publishedOn: notice.publishedOn,
      objectionUntil: notice.objectionUntil,
    },
    revision: revision.revision,
    publishedOn: revision.publishedOn,
    reason: revision.reason ?? null,
    previousSha256: revision.previousSha256 ?? null,
    lines: lines.map((l) => ({
      seq: l.seq,
      maskedName: l.maskedName,
      maskedId: l.maskedId,
      occupationCode: l.occupation,
      level: l.level,
      certificateNumber: l.certificateNumber ?? null,
      attendanceRate: l.attendanceRate,
      amount: l.amount,
    })),
  };
}

/** Every revision of one notice with its content, oldest first (for the chain check and the API). */
export async function loadRevisions(
  em: EntityManager,
  notice: Row<SubsidyNotice>,
): Promise<{ row: Row<SubsidyNoticeRevision>; content: RevisionContent }[]> {
  const [revisions, lines, course] = await Promise.all([
    findRows(em, SubsidyNoticeRevision, { notice: notice.id }, { revision: 'asc' }),
    findRows(em, SubsidyNoticeLine, { notice: notice.id }, { revision: 'asc', seq: 'asc' }),
    notice.course != null ? findRows(em, Course, { id: notice.course }) : Promise.resolve([]),
  ]);
  const classNumber = course[0]?.classNumber ?? null;
  return revisions.map((row) => ({
    row,
    content: revisionContent(
      notice,
      classNumber,
      row,
      lines.filter((l) => l.revision === row.revision),
    ),
  }));
}
