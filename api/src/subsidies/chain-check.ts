import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { Course } from '../courses/course.entity';
import { findRows } from '../db/rows';
import { verifyChain, type ChainProblem } from './notice-revision.rules';
import { revisionContent } from './revision-content';
import { SubsidyNotice, SubsidyNoticeLine, SubsidyNoticeRevision } from './subsidy-notice.entity';

/** A problem of one notice's chain. */
export interface NoticeChainProblem extends ChainProblem {
  notice: string;
}

/** What a check of every notice found. */
export interface ChainReport {
  notices: number;
  revisions: number;
  lines: number;
  problems: NoticeChainProblem[];
}

/** Notices read per round trip: a few thousand lines at a time, whatever the scale. */
const BATCH = 200;

/**
 * Re-hashes every published revision of every notice (or of the notice numbered `only`) from
 * the database and checks each chain (notice-revision.rules `verifyChain`). Reads in batches of
 * notices, so memory stays flat at any scale.
 * @example const report = await checkAllChains(orm.em.fork()); report.problems.length === 0
 */
export async function checkAllChains(
  em: EntityManager,
  only?: string,
  onProgress: (done: number) => void = () => undefined,
): Promise<ChainReport> {
  const report: ChainReport = { notices: 0, revisions: 0, lines: 0, problems: [] };
  let after = 0;
  for (;;) {
    const where = only ? { number: only } : { id: { $gt: after } };
    const notices = await findRows(em, SubsidyNotice, where, { id: 'asc' }, BATCH);
    if (notices.length === 0) break;
    const ids = notices.map((n) => n.id);
    const courseIds = notices.map((n) => n.course).filter((c): c is number => c != null);
    const [revisions, lines, courses] = await Promise.all([
      findRows(em, SubsidyNoticeRevision, { notice: { $in: ids } }, { notice: 'asc', revision: 'asc' }),
      findRows(em, SubsidyNoticeLine, { notice: { $in: ids } }, { notice: 'asc', revision: 'asc', seq: 'asc' }),
      findRows(em, Course, { id: { $in: courseIds } }),
    ]);
    const classNumber = new Map(courses.map((c) => [c.id, c.classNumber]));
    const revisionsOf = group(revisions, (r) => r.notice);
    const linesOf = group(lines, (l) => `${l.notice}|${l.revision}`);
    for (const n of notices) {
      const stored = (revisionsOf.get(n.id) ?? []).map((row) => ({
        content: revisionContent(
          n,
          n.course != null ? (classNumber.get(n.course) ?? null) : null,
          row,
          linesOf.get(`${n.id}|${row.revision}`) ?? [],
        ),
        sha256: row.sha256,
      }));
      const problems =
        stored.length === 0
          ? [{ revision: 0, rule: 'revision.sequence' as const, message: 'the notice has no published revision' }]
          : verifyChain(stored);
      if (stored.length > 0 && stored[stored.length - 1].content.revision !== n.revision) {
        problems.push({
          revision: n.revision,
          rule: 'revision.sequence',
          message: `the notice says its current revision is ${n.revision}, but the last published one is ${stored[stored.length - 1].content.revision}`,
        });
      }
      report.problems.push(...problems.map((p) => ({ ...p, notice: n.number })));
      report.revisions += stored.length;
    }
    report.notices += notices.length;
    report.lines += lines.length;
    onProgress(report.notices);
    if (only) break;
    after = notices[notices.length - 1].id;
  }
  return report;
}

function group<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
