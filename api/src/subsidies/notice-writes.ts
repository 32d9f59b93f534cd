/**
 * The writes of a notice's life after publication: withdrawal, correction (a new revision, never
 * a rewrite), objections and their decisions. Each checks the writer's scope and the lifecycle
 * rules, reports every problem at once and writes nothing then; otherwise it writes in one
 * transaction with its audit entry, the notice's paid totals and its stored red flags, and
 * queues the notice for search.
 */
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { audit } from '../audit/audit';
import { ObjectionStatus } from '../common/enums';
import { Course } from '../courses/course.entity';
import { createLoaders } from '../graphql/loaders';
import { ReferenceData } from '../graphql/reference';
import { findRows, type Row } from '../graphql/rows';
import { canWrite } from '../publishers/publisher.rules';
import type { Writer } from '../publishers/writer';
import { SearchOutbox } from '../search/search-outbox.entity';
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
async function noticeFor(em: EntityManager, writer: Writer, number: string): Promise<{ notice: Row<SubsidyNotice> } | { problems: WriteProblem[] }> {
  const [notice] = await findRows(em, SubsidyNotice, { number: number.trim() });
  if (!notice) return { problems: [{ field: 'number', rule: 'notice.exists', message: `no published notice numbered "${number}"` }] };
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
  await tx.nativeUpdate(SubsidyNotice, { id: notice.id }, {
    revision, lineCount: lines.length, totalAmount: lines.reduce((s, l) => s + l.amount, 0),
    paidTrainees: paid.length, paidAmount: paid.reduce((s, l) => s + l.amount, 0),
    certifiedTrainees: lines.filter((l) => l.certificateNumber != null).length,
  });
}

/** What a notice looks like to the audit trail: its state, never its personal data. */
function auditState(n: Row<SubsidyNotice>, extra: Record<string, unknown> = {}) {
  return { number: n.number, revision: n.revision, withdrawnOn: n.withdrawnOn ?? null, withdrawnReason: n.withdrawnReason ?? null, paidTrainees: n.paidTrainees, paidAmount: n.paidAmount, ...extra };
}

/** After a write: stored flags current, the notice queued for search. */
async function afterWrite(tx: EntityManager, today: string, noticeId: number): Promise<void> {
  await storeNoticeFlags({ em: tx, today, loaders: createLoaders(tx), reference: await ReferenceData.load(tx) }, [noticeId]);
  await tx.insert(SearchOutbox, { indexName: 'notices', documentKey: String(noticeId), queuedAt: new Date(), attempts: 0 });
}

/**
 * Withdraws a notice (已撤回) from a day, with the reason the public will read.
 * @example await withdrawNotice(em, writer, { number, on: '2026-11-20', reason: '培训班学员名单有误，核实后重新公示' }, today);
 */
export async function withdrawNotice(em: EntityManager, writer: Writer, input: { number: string; on: string; reason: string }, today: string): Promise<WriteResult<Row<SubsidyNotice>>> {
  const found = await noticeFor(em, writer, input.number);
  if ('problems' in found) return { ok: false, problems: found.problems };
  const { notice } = found;
  const problems = checkWithdrawal({ publishedOn: notice.publishedOn, withdrawnOn: notice.withdrawnOn ?? null }, input);
  if (problems.length) return { ok: false, problems };
  await em.transactional(async (tx) => {
    await tx.nativeUpdate(SubsidyNotice, { id: notice.id }, { withdrawnOn: input.on, withdrawnReason: input.reason.trim() });
    await afterWrite(tx as EntityManager, today, notice.id);
    await audit(tx, writer, {
      action: 'notice.withdraw', entityType: 'SubsidyNotice', entityKey: notice.number, region: notice.bureau,
      before: auditState(notice), after: auditState({ ...notice, withdrawnOn: input.on, withdrawnReason: input.reason.trim() }),
      summary: `withdrawn from ${input.on}: ${input.reason.trim()}`,
    });
  });
  const [after] = await findRows(em, SubsidyNotice, { id: notice.id });
  return { ok: true, value: after };
}

/**
 * Publishes a correction as revision n+1: every line again (masked), the reason, and the hash
 * chained to revision n. Revision n stays as it was.
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
  const { notice } = found;
  const [latest] = await findRows(em, SubsidyNoticeRevision, { notice: notice.id, revision: notice.revision });
  const problems: WriteProblem[] = checkCorrection({ withdrawnOn: notice.withdrawnOn ?? null }, latest.publishedOn, input);
  if (input.lines.length === 0) problems.push({ field: 'lines', rule: 'notice.lines', message: 'a correction republishes every line: at least one is needed' });
  if (problems.length) return { ok: false, problems };
  const course = notice.course != null ? (await findRows(em, Course, { id: notice.course }))[0] : undefined;
  const revision = notice.revision + 1;
  const reason = input.reason.trim();
  const totalAmount = input.lines.reduce((s, l) => s + l.amount, 0);
  const sha256 = revisionHash({
    notice: { number: notice.number, title: notice.title, bureau: notice.bureau, classNumber: course?.classNumber ?? null, publishedOn: notice.publishedOn, objectionUntil: notice.objectionUntil },
    revision, publishedOn: input.publishedOn, reason, previousSha256: latest.sha256, lines: input.lines.map((l) => ({ ...l })),
  });
  await em.transactional(async (tx) => {
    await tx.insertMany(SubsidyNoticeLine, input.lines.map((l) => ({
      notice: notice.id, revision, seq: l.seq, maskedName: l.maskedName, maskedId: l.maskedId, occupation: l.occupationCode, level: l.level,
      certificateNumber: l.certificateNumber, attendanceRate: l.attendanceRate, amount: l.amount,
    })));
    await tx.insert(SubsidyNoticeRevision, { notice: notice.id, revision, publishedOn: input.publishedOn, reason, lineCount: input.lines.length, totalAmount, sha256, previousSha256: latest.sha256 });
    await refreshPaid(tx as EntityManager, notice, revision);
    await afterWrite(tx as EntityManager, today, notice.id);
    await audit(tx, writer, {
      action: 'notice.correct', entityType: 'SubsidyNotice', entityKey: notice.number, region: notice.bureau,
      before: auditState(notice, { sha256: latest.sha256 }), after: auditState({ ...notice, revision }, { sha256 }),
      summary: `revision ${revision}: ${reason}`,
    });
  });
  const [after] = await findRows(em, SubsidyNotice, { id: notice.id });
  return { ok: true, value: { notice: after, revision, sha256 } };
}

/**
 * Records an objection received during the objection period (status RECEIVED).
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
  const { notice } = found;
  const seqs = (await findRows(em, SubsidyNoticeLine, { notice: notice.id, revision: notice.revision })).map((l) => l.seq);
  const problems = checkObjection({ publishedOn: notice.publishedOn, objectionUntil: notice.objectionUntil, withdrawnOn: notice.withdrawnOn ?? null }, seqs, input);
  if (problems.length) return { ok: false, problems };
  const id = await em.transactional(async (tx) => {
    const objectionId = await tx.insert(SubsidyObjection, { notice: notice.id, lineSeq: input.lineSeq, receivedOn: input.receivedOn, summary: input.summary.trim(), status: ObjectionStatus.RECEIVED, decidedOn: null, outcome: null });
    await tx.insert(SearchOutbox, { indexName: 'notices', documentKey: String(notice.id), queuedAt: new Date(), attempts: 0 });
    await audit(tx, writer, {
      action: 'objection.record', entityType: 'SubsidyObjection', entityKey: `${notice.number}#${objectionId}`, region: notice.bureau,
      before: null, after: { notice: notice.number, lineSeq: input.lineSeq, receivedOn: input.receivedOn, status: ObjectionStatus.RECEIVED },
      summary: `objection received on ${input.receivedOn}${input.lineSeq != null ? ` against line ${input.lineSeq}` : ''}`,
    });
    return objectionId as number;
  });
  const [row] = await findRows(em, SubsidyObjection, { id });
  return { ok: true, value: row };
}

/**
 * Decides an objection: upheld (the claim on its line is cancelled, paid totals and flags follow)
 * or rejected, with the finding.
 * @example await decideObjection(em, writer, { objectionId, status: 'UPHELD', decidedOn: '2026-11-25', outcome: '经查属实，取消该学员补贴' }, today);
 */
export async function decideObjection(
  em: EntityManager,
  writer: Writer,
  input: { objectionId: number; status: ObjectionStatus; decidedOn: string; outcome: string },
  today: string,
): Promise<WriteResult<Row<SubsidyObjection>>> {
  const [objection] = await findRows(em, SubsidyObjection, { id: input.objectionId });
  if (!objection) return { ok: false, problems: [{ field: 'objection', rule: 'objection.exists', message: 'no such objection' }] };
  const [notice] = await findRows(em, SubsidyNotice, { id: objection.notice });
  const scope = canWrite(writer, notice.bureau);
  if (!scope.allowed) return { ok: false, problems: [{ field: 'objection', rule: 'scope.region', message: scope.messageEn }] };
  const problems = checkDecision({ status: objection.status, receivedOn: objection.receivedOn }, input);
  if (problems.length) return { ok: false, problems };
  await em.transactional(async (tx) => {
    await tx.nativeUpdate(SubsidyObjection, { id: objection.id }, { status: input.status, decidedOn: input.decidedOn, outcome: input.outcome.trim() });
    if (input.status === ObjectionStatus.UPHELD) await refreshPaid(tx as EntityManager, notice, notice.revision);
    await afterWrite(tx as EntityManager, today, notice.id);
    await audit(tx, writer, {
      action: 'objection.decide', entityType: 'SubsidyObjection', entityKey: `${notice.number}#${objection.id}`, region: notice.bureau,
      before: { status: objection.status, decidedOn: null }, after: { status: input.status, decidedOn: input.decidedOn },
      summary: `${input.status === ObjectionStatus.UPHELD ? 'upheld: claim cancelled' : 'rejected'} on ${input.decidedOn}`,
    });
  });
  const [row] = await findRows(em, SubsidyObjection, { id: objection.id });
  return { ok: true, value: row };
}
