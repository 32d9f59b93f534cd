/**
 * The life of a subsidy notice (培训补贴公示): published, open to objections for a period counted
 * in working days, then closed (公示期满) — or withdrawn (已撤回) with a reason. Pure: dates and
 * `today` in, answers out; the working-day calendar is mainland China's (common/working-days).
 */
import { NoticeStatus } from '../common/enums';
import { DOCUMENTS, type Clause } from '../common/rule-check';
import {
  calendarCovers,
  firstWorkingDayFrom,
  nthWorkingDayFrom,
  workingDaysAfter,
  isWorkingDay,
} from '../common/working-days';
import { addDays, type IsoDate } from '../common/dates';
import type { RevisionLine } from './notice-revision.rules';

/** How long a notice stays open to objections, and on what authority. */
export interface ObjectionPeriodConfig {
  /** Working days, the day of publication counting when it is a working day. */
  workingDays: number;
  clause: Clause;
  /** Where the length comes from, in plain words (the documents require the notice, not its length). */
  basis: string;
}

/**
 * 5 working days. 云人社通〔2022〕50号 (十九) requires subsidies to be published (“按规定向社会公示”)
 * and an objection that is upheld to cancel the claim, but sets no length; 5 working days is the
 * period Yunnan's bureaus print on their training-subsidy notices, and is this catalogue's
 * default until a document fixes one.
 */
export const OBJECTION_PERIOD_2022: ObjectionPeriodConfig = {
  workingDays: 5,
  clause: { document: DOCUMENTS.NOTICE_2022_50, clause: '(十九)' },
  basis:
    '50号 (十九) requires public notice and cancels claims upheld on objection; the length (5 working days) is the one Yunnan bureaus publish, not a clause.',
};

/** The objection period of a notice published on `publishedOn`. */
export interface ObjectionPeriod {
  /** First day (the publication day, or the next working day). */
  from: IsoDate;
  /** Last day, inclusive. */
  until: IsoDate;
  workingDays: number;
  /** False when the period reaches a year whose holidays are not announced yet (counted Monday to Friday). */
  calendarConfirmed: boolean;
}

/**
 * The objection period: `workingDays` working days from publication, the publication day first
 * when it is a working day.
 * @example objectionPeriod('2026-09-28').until // '2026-10-09' (National Day in between)
 */
export function objectionPeriod(
  publishedOn: IsoDate,
  config: ObjectionPeriodConfig = OBJECTION_PERIOD_2022,
): ObjectionPeriod {
  const from = firstWorkingDayFrom(publishedOn);
  const until = nthWorkingDayFrom(publishedOn, config.workingDays);
  return {
    from,
    until,
    workingDays: config.workingDays,
    calendarConfirmed: calendarCovers(from) && calendarCovers(until),
  };
}

/**
 * The working days from publication to the end of the period, in order.
 * @example objectionWorkingDates('2026-09-28', '2026-10-09') // ['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09']
 */
export function objectionWorkingDates(publishedOn: IsoDate, objectionUntil: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = firstWorkingDayFrom(publishedOn); d <= objectionUntil; d = firstWorkingDayFrom(addDays(d, 1)))
    out.push(d);
  return out;
}

/** What the status depends on. */
export interface NoticeDates {
  publishedOn: IsoDate;
  objectionUntil: IsoDate;
  /** Day of withdrawal, or null. */
  withdrawnOn: IsoDate | null;
}

/**
 * 公示中 until the last day of the period (inclusive), 公示期满 after it, 已撤回 from the day of
 * withdrawal.
 * @example noticeStatus({ publishedOn: '2026-11-16', objectionUntil: '2026-11-20', withdrawnOn: null }, '2026-11-21') // NoticeStatus.CLOSED
 */
export function noticeStatus(n: NoticeDates, today: IsoDate): NoticeStatus {
  if (n.withdrawnOn && n.withdrawnOn <= today) return NoticeStatus.WITHDRAWN;
  return today <= n.objectionUntil ? NoticeStatus.IN_OBJECTION_PERIOD : NoticeStatus.CLOSED;
}

/**
 * Working days left to object, today included when it is a working day (0 once the period is
 * over; the whole period when today is before publication): what a countdown shows.
 * @example objectionDaysLeft({ publishedOn: '2026-11-16', objectionUntil: '2026-11-20', withdrawnOn: null }, '2026-11-18') // 3
 */
export function objectionDaysLeft(n: NoticeDates, today: IsoDate): number {
  if (noticeStatus(n, today) !== NoticeStatus.IN_OBJECTION_PERIOD) return 0;
  const from = today < n.publishedOn ? n.publishedOn : today;
  return workingDaysAfter(from, n.objectionUntil) + (isWorkingDay(from) ? 1 : 0);
}

/** Why a withdrawal or a correction is refused. */
export interface LifecycleProblem {
  field: string;
  rule: string;
  message: string;
}

/**
 * Checks a withdrawal: a reason is required (the public must know why), the day cannot precede
 * publication, and a withdrawn notice cannot be withdrawn again.
 */
export function checkWithdrawal(
  n: { publishedOn: IsoDate; withdrawnOn: IsoDate | null },
  withdrawal: { on: IsoDate; reason: string },
): LifecycleProblem[] {
  const out: LifecycleProblem[] = [];
  if (n.withdrawnOn)
    out.push({
      field: 'notice',
      rule: 'notice.withdrawn-once',
      message: `the notice was already withdrawn on ${n.withdrawnOn}`,
    });
  if (withdrawal.reason.trim().length < 4)
    out.push({
      field: 'reason',
      rule: 'notice.withdrawal-reason',
      message: 'a withdrawal needs a reason of at least 4 characters',
    });
  if (withdrawal.on < n.publishedOn)
    out.push({
      field: 'on',
      rule: 'notice.withdrawal-date',
      message: `a notice cannot be withdrawn (${withdrawal.on}) before it was published (${n.publishedOn})`,
    });
  return out;
}

/** An objection already on record, as the duplicate check compares it. */
export interface RecordedObjection {
  id: number;
  receivedOn: IsoDate;
  lineSeq: number | null;
  summary: string;
}

/**
 * Checks an objection being recorded: the notice is not withdrawn, the objection arrived within
 * the objection period (after it, it is a complaint, not an objection to the notice), the line
 * it names exists, it says what is objected to, and the same objection is not on record already.
 * It has arrived: an objection dated after `today` is refused (a typing slip would otherwise
 * stand on the public record as an objection that did not yet exist).
 * @example checkObjection({ publishedOn: '2026-11-16', objectionUntil: '2026-11-20', withdrawnOn: null }, [1, 2], { receivedOn: '2026-11-18', lineSeq: 2, summary: '该学员未参加培训' }, '2026-11-20') // []
 */
export function checkObjection(
  n: NoticeDates,
  lineSeqs: readonly number[],
  o: { receivedOn: IsoDate; lineSeq: number | null; summary: string },
  today: IsoDate,
  recorded: readonly RecordedObjection[] = [],
): LifecycleProblem[] {
  const out: LifecycleProblem[] = [];
  // The same objection sent twice (a double submission, a retried request) is recorded once.
  const same = recorded.find(
    (r) => r.receivedOn === o.receivedOn && (r.lineSeq ?? null) === o.lineSeq && r.summary.trim() === o.summary.trim(),
  );
  if (same)
    out.push({
      field: 'summary',
      rule: 'objection.recorded-once',
      message: `this objection (received ${o.receivedOn}, same line and summary) is already recorded as objection ${same.id}`,
    });
  if (n.withdrawnOn)
    out.push({
      field: 'number',
      rule: 'objection.notice-withdrawn',
      message: `the notice was withdrawn on ${n.withdrawnOn}`,
    });
  if (o.receivedOn < n.publishedOn)
    out.push({
      field: 'receivedOn',
      rule: 'objection.date',
      message: `an objection cannot arrive (${o.receivedOn}) before the notice was published (${n.publishedOn})`,
    });
  if (o.receivedOn > today)
    out.push({
      field: 'receivedOn',
      rule: 'objection.arrived',
      message: `an objection received on ${o.receivedOn} has not arrived yet: today is ${today}`,
    });
  if (o.receivedOn > n.objectionUntil)
    out.push({
      field: 'receivedOn',
      rule: 'objection.period',
      message: `the objection period ended on ${n.objectionUntil}; a later complaint is not an objection to the notice`,
    });
  if (o.lineSeq != null && !lineSeqs.includes(o.lineSeq))
    out.push({ field: 'lineSeq', rule: 'objection.line', message: `the current revision has no line ${o.lineSeq}` });
  if (o.summary.trim().length < 4)
    out.push({
      field: 'summary',
      rule: 'objection.summary',
      message: 'say what is objected to, in at least 4 characters (no names or ID numbers)',
    });
  return out;
}

/**
 * Checks a decision on an objection: decided once, on or after its arrival, upheld or rejected,
 * with the finding written down.
 * A decision dated after `today` is refused: the totals follow a decision that has been taken.
 * @example checkDecision({ status: 'RECEIVED', receivedOn: '2026-11-18' }, { status: 'UPHELD', decidedOn: '2026-11-25', outcome: '经查属实，取消该学员补贴' }, '2026-11-25') // []
 */
export function checkDecision(
  o: { status: string; receivedOn: IsoDate },
  d: { status: string; decidedOn: IsoDate; outcome: string },
  today: IsoDate,
): LifecycleProblem[] {
  const out: LifecycleProblem[] = [];
  if (o.status !== 'RECEIVED')
    out.push({
      field: 'objection',
      rule: 'objection.decided-once',
      message: `the objection was already decided (${o.status})`,
    });
  if (d.status !== 'UPHELD' && d.status !== 'REJECTED')
    out.push({ field: 'status', rule: 'objection.status', message: 'a decision upholds or rejects the objection' });
  if (d.decidedOn < o.receivedOn)
    out.push({
      field: 'decidedOn',
      rule: 'objection.decision-date',
      message: `a decision (${d.decidedOn}) cannot precede the objection (${o.receivedOn})`,
    });
  if (d.decidedOn > today)
    out.push({
      field: 'decidedOn',
      rule: 'objection.decision-taken',
      message: `a decision dated ${d.decidedOn} has not been taken yet: today is ${today}`,
    });
  if (d.outcome.trim().length < 4)
    out.push({
      field: 'outcome',
      rule: 'objection.outcome',
      message: 'write down the finding, in at least 4 characters',
    });
  return out;
}

/** A line as a correction compares it with the revision before: as a revision publishes it. */
export type CorrectedLine = RevisionLine;

/** Whether two revisions' lines are the same, line by line (order of `seq`). */
export function sameLines(a: readonly CorrectedLine[], b: readonly CorrectedLine[]): boolean {
  if (a.length !== b.length) return false;
  const key = (l: CorrectedLine) =>
    JSON.stringify([
      l.seq,
      l.maskedName,
      l.maskedId,
      l.occupationCode,
      l.level,
      l.certificateNumber ?? null,
      l.attendanceRate,
      l.amount,
    ]);
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.every((k, i) => k === right[i]);
}

/**
 * Checks a correction (a new revision): the notice is not withdrawn, a reason is given, it is
 * not dated before the revision it corrects, and (given the latest revision) it changes a line.
 * @example checkCorrection({ withdrawnOn: null }, '2026-11-16', { publishedOn: '2026-11-18', reason: '第3行出勤率录入有误' }) // []
 */
export function checkCorrection(
  n: { withdrawnOn: IsoDate | null },
  latestRevisionOn: IsoDate,
  c: { publishedOn: IsoDate; reason: string; lines?: readonly CorrectedLine[] },
  latest?: { revision: number; lines: readonly CorrectedLine[] },
): LifecycleProblem[] {
  const out: LifecycleProblem[] = [];
  // A revision that changes no line publishes nothing new: it is the same correction sent twice.
  if (latest && c.lines && sameLines(latest.lines, c.lines))
    out.push({
      field: 'lines',
      rule: 'notice.correction-unchanged',
      message: `revision ${latest.revision} (published ${latestRevisionOn}) already has exactly these lines: a correction changes at least one`,
    });
  if (n.withdrawnOn)
    out.push({
      field: 'number',
      rule: 'notice.correct-withdrawn',
      message: `the notice was withdrawn on ${n.withdrawnOn}: a withdrawn notice is not corrected`,
    });
  if (c.reason.trim().length < 4)
    out.push({
      field: 'reason',
      rule: 'notice.correction-reason',
      message: 'a correction needs a reason of at least 4 characters (revisions, never rewrites)',
    });
  if (c.publishedOn < latestRevisionOn)
    out.push({
      field: 'publishedOn',
      rule: 'notice.correction-date',
      message: `a correction cannot be dated (${c.publishedOn}) before the revision it corrects (${latestRevisionOn})`,
    });
  return out;
}
