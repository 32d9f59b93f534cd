/**
 * The writes of a notice's life after publication: withdrawal, correction (a new revision, never
 * a rewrite), objections and their decisions. Each checks the writer's scope and the lifecycle
 * rules, reports every problem at once and writes nothing then; otherwise it writes in one
 * transaction with its audit entry, the notice's paid totals and its stored red flags, and
 * queues the notice for search.
 *
 * Write-once: the lifecycle checks run inside the write's transaction, after it has locked the
 * notice's row (db/row-lock), on rows read under that lock. The same write sent many times at
 * once therefore takes effect once; the others wait, then read what the first wrote and are
 * refused by the rule it broke (e.g. `notice.withdrawn-once`), never by a database error.
 */
import { appendToLog } from '../db/log-store';
import {
  noticeRevisionEvent,
  noticeWithdrawalEvent,
  objectionDecidedEvent,
  objectionRecordedEvent,
} from '../log/log-entries';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { audit } from '../audit/audit';
import { ObjectionStatus } from '../common/enums';
import { Course } from '../courses/course.entity';
import { createLoaders } from '../db/loaders';
import { ReferenceData } from '../db/reference';
import { findRows, type Row } from '../db/rows';
import { canWrite } from '../publishers/publisher.rules';
import type { Writer } from '../publishers/writer';
import { queueSearch } from '../search/search-outbox.entity';
import { textProblems } from '../db/column-lengths';
import { lockRow } from '../db/row-lock';
import type { MaskedLine } from './notice-import.rules';
import { checkCorrection, checkDecision, checkObjection, checkWithdrawal } from './notice-lifecycle.rules';
import { storeNoticeFlags } from './notice-flags';
import { revisionHash } from './notice-revision.rules';
import { SubsidyNotice, SubsidyNoticeLine, SubsidyNoticeRevision, SubsidyObjection } from './subsidy-notice.entity';

export type { WriteProblem } from '../common/write-problem';
import type { WriteProblem } from '../common/write-problem';

/** The outcome of a write. */
export type WriteResult<T> = { ok: true; value: T } | { ok: false; problems: WriteProblem[] };

/** The notice named by `number`, checked against the writer's scope. */
async function noticeFor(
  em: EntityManager,
  writer: Writer,
  number: string,
): Promise<{ notice: Row<SubsidyNotice> } | { problems: WriteProblem[] }> {
  const [notice] = await findRows(em, SubsidyNotice, { number: number.trim() });
  if (!notice)
    return {
      problems: [{ field: 'number', rule: 'notice.exists', message: `no published notice numbered "${number}"` }],
    };
  const scope = canWrite(writer, notice.bureau);
  if (!scope.allowed) return { problems: [{ field: 'number', rule: 'scope.region', message: scope.messageEn }] };
  return { notice };
}

/** Paid trainees and amount of the current revision, less claims cancelled by upheld objections. */
async function refreshPaid(tx: EntityManager, notice: Row<SubsidyNotice>, revision: number): Promise<void> {
  // One after the other: a transaction's connection runs one query at a time.
  const lines = await findRows(tx, SubsidyNoticeLine, { notice: notice.id, revision });
  const upheld = await findRows(tx, SubsidyObjection, { notice: notice.id, status: ObjectionStatus.UPHELD });
  const cancelled = new Set(upheld.map((o) => o.lineSeq));
  const paid = lines.filter((l) => l.amount > 0 && !cancelled.has(l.seq));
  await tx.nativeUpdate(
    SubsidyNotice,
    { id: notice.id },
    {
      revision,
      lineCount: lines.length,
      totalAmount: lines.reduce((s, l) => s + l.amount, 0),
      paidTrainees: paid.length,
      paidAmount: paid.reduce((s, l) => s + l.amount, 0),
      certifiedTrainees: lines.filter((l) => l.certificateNumber != null).length,
    },
  );
}

/** What a notice looks like to the audit trail: its state, never its personal data. */
function auditState(n: Row<SubsidyNotice>, extra: Record<string, unknown> = {}) {
  return {
    number: n.number,
    revision: n.revision,
    withdrawnOn: n.withdrawnOn ?? null,
    withdrawnReason: n.withdrawnReason ?? null,
    paidTrainees: n.paidTrainees,
    paidAmount: n.paidAmount,
    ...extra,
  };
}

/**
 * Runs `write` in a transaction that first locks the notice's row and reads it again: every
 * check `write` makes sees the notice as no other write can change it until this one ends.
 * Problems returned by `write` must come before anything is written.
 */
async function underNoticeLock<T>(
  em: EntityManager,
  noticeId: number,
  write: (tx: EntityManager, notice: Row<SubsidyNotice>) => Promise<WriteResult<T>>,
): Promise<WriteResult<T>> {
  return em.transactional(async (t) => {
    const tx = t as EntityManager;
    await lockRow(tx, SubsidyNotice, noticeId);
    const [notice] = await findRows(tx, SubsidyNotice, { id: noticeId });
    return write(tx, notice);
  });
}

/** The revision's lines as a correction compares them. */
async function revisionLines(tx: EntityManager, noticeId: number, revision: number): Promise<MaskedLine[]> {
  const rows = await findRows(tx, SubsidyNoticeLine, { notice: noticeId, revision }, { seq: 'asc' });
  return rows.map((l) => ({
    seq: l.seq,
    maskedName: l.maskedName,
    maskedId: l.maskedId,
    occupationCode: l.occupation,
    level: l.level,
    certificateNumber: l.certificateNumber ?? null,
    attendanceRate: l.attendanceRate,
    amount: l.amount,
  }));
}

/** After a write: stored flags current, the notice queued for search. */
async function afterWrite(tx: EntityManager, today: string, noticeId: number): Promise<void> {
  await storeNoticeFlags({ em: tx, today, loaders: createLoaders(tx), reference: await ReferenceData.load(tx) }, [
    noticeId,
  ]);
  await queueSearch(tx, 'notices', noticeId);
}

/**
 * Withdraws a notice (已撤回) from a day, with the reason the public will read. Once: a second
 * withdrawal, however close behind the first, is refused with `notice.withdrawn-once`.
 * @example await withdrawNotice(em, writer, { number, on: '2026-11-20', reason: '培训班学员名单有误，核实后重新公示' }, today);
 */
export async function withdrawNotice(
  em: EntityManager,
  writer: Writer,
  input: { number: string; on: string; reason: string },
  today: string,
): Promise<WriteResult<Row<SubsidyNotice>>> {
  const found = await noticeFor(em, writer, input.number);
  if ('problems' in found) return { ok: false, problems: found.problems };
  const tooLong = textProblems(em, SubsidyNotice, { withdrawnReason: ['reason', input.reason] });
  if (tooLong.length) return { ok: false, problems: tooLong };
  const reason = input.reason.trim();
  const result = await underNoticeLock(em, found.notice.id, async (tx, notice) => {
    const problems = checkWithdrawal(
      { publishedOn: notice.publishedOn, withdrawnOn: notice.withdrawnOn ?? null },
      input,
    );
    if (problems.length) return { ok: false, problems };
    await tx.nativeUpdate(SubsidyNotice, { id: notice.id }, { withdrawnOn: input.on, withdrawnReason: reason });
    await appendToLog(tx, [
      noticeWithdrawalEvent({ notice: notice.number, withdrawnOn: input.on, reason, at: new Date() }),
    ]);
    await afterWrite(tx, today, notice.id);
    await audit(tx, writer, {
      action: 'notice.withdraw',
      entityType: 'SubsidyNotice',
      entityKey: notice.number,
      region: notice.bureau,
      before: auditState(notice),
      after: auditState({ ...notice, withdrawnOn: input.on, withdrawnReason: reason }),
      summary: `withdrawn from ${input.on}: ${reason}`,
    });
    return { ok: true, value: notice };
  });
  if (!result.ok) return result;
  const [after] = await findRows(em, SubsidyNotice, { id: found.notice.id });
  return { ok: true, value: after };
}

/**
 * Publishes a correction as revision n+1: every line again (masked), the reason, and the hash
 * chained to revision n. Revision n stays as it was. The revision number is taken under the
 * notice's lock, so two corrections at once become n+1 and n+2 (or, when the second changes
 * nothing, `notice.correction-unchanged`), never two revisions n+1.
 * @example await correctNotice(em, writer, { number, publishedOn: '2026-11-19', reason: '第3行出勤率录入有误', lines }, today);
 */
export async function correctNotice(
  em: EntityManager,
  writer: Writer,
  input: { number: string; publishedOn: string; reason: string; lines: readonly MaskedLine[] },
  today: string,
): Promise<WriteResult<{ notice: Row<SubsidyNotice>; revision: number; sha256: string }>> {
  const found = await noticeFor(em, writer, input.number);
  if ('problems' in found) return { ok: false, problems: found.problems };
  // The lines were checked against their columns when they were masked (notice-import.rules).
  const tooLong = textProblems(em, SubsidyNoticeRevision, { reason: ['reason', input.reason] });
  if (tooLong.length) return { ok: false, problems: tooLong };
  const course = found.notice.course != null ? (await findRows(em, Course, { id: found.notice.course }))[0] : undefined;
  const reason = input.reason.trim();
  const totalAmount = input.lines.reduce((s, l) => s + l.amount, 0);
  const result = await underNoticeLock(em, found.notice.id, async (tx, notice) => {
    const [latest] = await findRows(tx, SubsidyNoticeRevision, { notice: notice.id, revision: notice.revision });
    const problems: WriteProblem[] = checkCorrection(
      { withdrawnOn: notice.withdrawnOn ?? null },
      latest.publishedOn,
      input,
      { revision: latest.revision, lines: await revisionLines(tx, notice.id, latest.revision) },
    );
    if (input.lines.length === 0)
      problems.push({
        field: 'lines',
        rule: 'notice.lines',
        message: 'a correction republishes every line: at least one is needed',
      });
    if (problems.length) return { ok: false, problems };
    const revision = notice.revision + 1;
    const sha256 = revisionHash({
      notice: {
        number: notice.number,
        title: notice.title,
        bureau: notice.bureau,
        classNumber: course?.classNumber ?? null,
        publishedOn: notice.publishedOn,
        objectionUntil: notice.objectionUntil,
      },
      revision,
      publishedOn: input.publishedOn,
      reason,
      previousSha256: latest.sha256,
      lines: input.lines.map((l) => ({ ...l })),
    });
    await tx.insertMany(
      SubsidyNoticeLine,
      input.lines.map((l) => ({
        notice: notice.id,
        revision,
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
    await tx.insert(SubsidyNoticeRevision, {
      notice: notice.id,
      revision,
      publishedOn: input.publishedOn,
      reason,
      lineCount: input.lines.length,
      totalAmount,
      sha256,
      previousSha256: latest.sha256,
    });
    await appendToLog(tx, [
      noticeRevisionEvent({
        notice: notice.number,
        revision,
        sha256,
        previousSha256: latest.sha256,
        bureau: notice.bureau,
        publishedOn: input.publishedOn,
        at: new Date(),
      }),
    ]);
    await refreshPaid(tx, notice, revision);
    await afterWrite(tx, today, notice.id);
    await audit(tx, writer, {
      action: 'notice.correct',
      entityType: 'SubsidyNotice',
      entityKey: notice.number,
      region: notice.bureau,
      before: auditState(notice, { sha256: latest.sha256 }),
      after: auditState({ ...notice, revision }, { sha256 }),
      summary: `revision ${revision}: ${reason}`,
    });
    return { ok: true, value: { revision, sha256 } };
  });
  if (!result.ok) return result;
  const [after] = await findRows(em, SubsidyNotice, { id: found.notice.id });
  return { ok: true, value: { notice: after, ...result.value } };
}

/**
 * Records an objection received during the objection period (status RECEIVED); the same
 * objection (day, line and summary) sent again is refused with `objection.recorded-once`.
 * @example await recordObjection(em, writer, { number, receivedOn: '2026-11-18', lineSeq: 3, summary: '该学员未参加培训' }, today);
 */
export async function recordObjection(
  em: EntityManager,
  writer: Writer,
  input: { number: string; receivedOn: string; lineSeq: number | null; summary: string },
  today: string,
): Promise<WriteResult<Row<SubsidyObjection>>> {
  const found = await noticeFor(em, writer, input.number);
  if ('problems' in found) return { ok: false, problems: found.problems };
  const tooLong = textProblems(em, SubsidyObjection, { summary: ['summary', input.summary] });
  if (tooLong.length) return { ok: false, problems: tooLong };
  const summary = input.summary.trim();
  const result = await underNoticeLock(em, found.notice.id, async (tx, notice) => {
    const seqs = (await findRows(tx, SubsidyNoticeLine, { notice: notice.id, revision: notice.revision })).map(
      (l) => l.seq,
    );
    const recorded = (await findRows(tx, SubsidyObjection, { notice: notice.id })).map((o) => ({
      id: o.id,
      receivedOn: o.receivedOn,
      lineSeq: o.lineSeq ?? null,
      summary: o.summary,
    }));
    const problems = checkObjection(
      {
        publishedOn: notice.publishedOn,
        objectionUntil: notice.objectionUntil,
        withdrawnOn: notice.withdrawnOn ?? null,
      },
      seqs,
      input,
      today,
      recorded,
    );
    if (problems.length) return { ok: false, problems };
    const objectionId = Number(
      await tx.insert(SubsidyObjection, {
        notice: notice.id,
        lineSeq: input.lineSeq,
        receivedOn: input.receivedOn,
        summary,
        status: ObjectionStatus.RECEIVED,
        decidedOn: null,
        outcome: null,
      }),
    );
    await appendToLog(tx, [
      objectionRecordedEvent({
        notice: notice.number,
        objection: objectionId,
        lineSeq: input.lineSeq,
        receivedOn: input.receivedOn,
        summary,
        at: new Date(),
      }),
    ]);
    await queueSearch(tx, 'notices', notice.id);
    await audit(tx, writer, {
      action: 'objection.record',
      entityType: 'SubsidyObjection',
      entityKey: `${notice.number}#${objectionId}`,
      region: notice.bureau,
      before: null,
      after: {
        notice: notice.number,
        lineSeq: input.lineSeq,
        receivedOn: input.receivedOn,
        status: ObjectionStatus.RECEIVED,
      },
      summary: `objection received on ${input.receivedOn}${input.lineSeq != null ? ` against line ${input.lineSeq}` : ''}`,
    });
    return { ok: true, value: objectionId };
  });
  if (!result.ok) return result;
  const [row] = await findRows(em, SubsidyObjection, { id: result.value });
  return { ok: true, value: row };
}

/**
 * Decides an objection: upheld (the claim on its line is cancelled, paid totals and flags follow)
 * or rejected, with the finding. Once: under the notice's lock, so a second decision reads the
 * first one's status and is refused with `objection.decided-once`, and the paid totals always
 * follow the decision that stands.
 * @example await decideObjection(em, writer, { objectionId, status: 'UPHELD', decidedOn: '2026-11-25', outcome: '经查属实，取消该学员补贴' }, today);
 */
export async function decideObjection(
  em: EntityManager,
  writer: Writer,
  input: { objectionId: number; status: ObjectionStatus; decidedOn: string; outcome: string },
  today: string,
): Promise<WriteResult<Row<SubsidyObjection>>> {
  const [first] = await findRows(em, SubsidyObjection, { id: input.objectionId });
  if (!first)
    return { ok: false, problems: [{ field: 'objection', rule: 'objection.exists', message: 'no such objection' }] };
  const [owner] = await findRows(em, SubsidyNotice, { id: first.notice });
  const scope = canWrite(writer, owner.bureau);
  if (!scope.allowed)
    return { ok: false, problems: [{ field: 'objection', rule: 'scope.region', message: scope.messageEn }] };
  const tooLong = textProblems(em, SubsidyObjection, { outcome: ['outcome', input.outcome] });
  if (tooLong.length) return { ok: false, problems: tooLong };
  const outcome = input.outcome.trim();
  const result = await underNoticeLock(em, owner.id, async (tx, notice) => {
    const [objection] = await findRows(tx, SubsidyObjection, { id: input.objectionId });
    const problems = checkDecision({ status: objection.status, receivedOn: objection.receivedOn }, input, today);
    if (problems.length) return { ok: false, problems };
    await tx.nativeUpdate(
      SubsidyObjection,
      { id: objection.id },
      { status: input.status, decidedOn: input.decidedOn, outcome },
    );
    await appendToLog(tx, [
      objectionDecidedEvent({
        notice: notice.number,
        objection: objection.id,
        lineSeq: objection.lineSeq ?? null,
        status: input.status,
        decidedOn: input.decidedOn,
        outcome,
        at: new Date(),
      }),
    ]);
    if (input.status === ObjectionStatus.UPHELD) await refreshPaid(tx, notice, notice.revision);
    await afterWrite(tx, today, notice.id);
    await audit(tx, writer, {
      action: 'objection.decide',
      entityType: 'SubsidyObjection',
      entityKey: `${notice.number}#${objection.id}`,
      region: notice.bureau,
      before: { status: objection.status, decidedOn: null },
      after: { status: input.status, decidedOn: input.decidedOn },
      summary: `${input.status === ObjectionStatus.UPHELD ? 'upheld: claim cancelled' : 'rejected'} on ${input.decidedOn}`,
    });
    return { ok: true, value: objection.id };
  });
  if (!result.ok) return result;
  const [row] = await findRows(em, SubsidyObjection, { id: result.value });
  return { ok: true, value: row };
}
