/**
 * Step 6 of the demo generator: the subsidy notice of each finished subsidised class
 * (培训补贴公示, 50号 (十九)), one line per trainee with generated people masked before they are
 * kept, its revisions with their SHA-256 chain, withdrawals and objections; streamed to the
 * database in batches so that scale 5 runs in constant memory.
 */

import { addDays, daysInclusive } from '../../common/dates';
import { ObjectionStatus, type CertificateType, type SkillLevel } from '../../common/enums';
import { maskName, maskResidentId } from '../../common/masking';
import type { Prng } from '../../common/prng';
import { residentIdCheckDigit } from '../../common/resident-id';
import { workingDaysAfter } from '../../common/working-days';
import { objectionPeriod } from '../../subsidies/notice-lifecycle.rules';
import { revisionHash, type RevisionContent } from '../../subsidies/notice-revision.rules';
import { claimDeadlineFor } from '../../subsidies/red-flags.rules';
import type { Lookups } from './lookups';
import { appendToLog } from '../log-store';
import {
  noticeRevisionEvent,
  noticeWithdrawalEvent,
  objectionDecidedEvent,
  objectionRecordedEvent,
  type LogEvent,
} from '../../log/log-entries';
import {
  LEVEL_DIGIT,
  MAX_BOUND_VARIABLES,
  insertRows,
  pad,
  type County,
  type DemoWriter,
  type Inst,
  type Row,
} from './model';
import {
  CERTIFICATE_PREFIX,
  COMPOUND_SURNAMES_USED,
  CORRECTION_REASONS,
  GIVEN_NAME_CHARS,
  OBJECTION_OUTCOMES,
  OBJECTION_SUMMARIES,
  SURNAMES,
  WITHDRAWN_REASONS,
} from './names';

/** Rows made but not yet written, and the running ids. */
interface NoticeState {
  revisions: Row[];
  objections: Row[];
  revisionId: number;
  objectionId: number;
}

/**
 * Makes and writes notices class by class: `add` a finished class, and the notice, its lines,
 * revisions and objections are written once enough lines are pending (and at `flush`).
 */
export class NoticeStream {
  readonly counts = { subsidyNotices: 0, subsidyNoticeLines: 0, subsidyNoticeRevisions: 0, subsidyObjections: 0 };
  private notices: Row[] = [];
  private lines: Row[] = [];
  private events: DatedEvent[] = [];
  private readonly state: NoticeState = { revisions: [], objections: [], revisionId: 0, objectionId: 0 };
  private readonly make: (course: Row, noticeId: number, lines: Row[]) => Row | null;
  private readonly lineChunk: number;

  constructor(
    private readonly w: DemoWriter,
    L: Lookups,
    insts: readonly Inst[],
    root: Prng,
    today: string,
  ) {
    this.make = noticeMaker(L, new Map(insts.map((x) => [x.id, x])), root.fork('notices'), this.state, today);
    this.lineChunk = Math.max(1, Math.min(w.batchSize, Math.floor(MAX_BOUND_VARIABLES / 9)));
  }

  /** Makes the notice of a finished subsidised class, if published by today; writes a batch when enough lines wait. */
  async add(course: Row): Promise<void> {
    const notice = this.make(course, this.counts.subsidyNotices + 1, this.lines);
    if (!notice) return;
    this.counts.subsidyNotices++;
    this.notices.push(notice);
    if (this.lines.length >= this.lineChunk) await this.flush();
  }

  /** Writes everything pending. */
  async flush(): Promise<void> {
    const { w, state } = this;
    this.noteEvents();
    if (this.notices.length) await insertRows(w, 'SubsidyNotice', this.notices);
    this.notices = [];
    if (state.revisions.length) await insertRows(w, 'SubsidyNoticeRevision', state.revisions);
    this.counts.subsidyNoticeRevisions += state.revisions.length;
    state.revisions = [];
    if (state.objections.length) await insertRows(w, 'SubsidyObjection', state.objections);
    this.counts.subsidyObjections += state.objections.length;
    state.objections = [];
    if (this.lines.length) await insertRows(w, 'SubsidyNoticeLine', this.lines);
    this.counts.subsidyNoticeLines += this.lines.length;
    this.lines = [];
  }

  /** The public events of the pending notices, kept until {@link writeLog}. */
  private noteEvents(): void {
    const byId = new Map(this.notices.map((n) => [n.id as number, n]));
    const notice = (id: unknown) => byId.get(id as number)!;
    for (const n of this.notices) if (n.withdrawnOn) this.events.push(...withdrawalEvents(n));
    for (const r of this.state.revisions) this.events.push(revisionEvent(notice(r.notice), r));
    for (const o of this.state.objections) this.events.push(...objectionEvents(notice(o.notice), o));
  }

  /**
   * Appends the public events of every notice written to the disclosure log, in the order they
   * happened (by day; within a day, in the order made), in the generator's transaction, with
   * the demo's other public events (`others`: the institutions' standing decisions).
   * @returns how many entries were appended
   */
  async writeLog(others: readonly DatedEvent[] = []): Promise<number> {
    const ordered = [...others, ...this.events]
      .map((e, i) => ({ ...e, i }))
      .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.i - b.i));
    this.events = [];
    for (let i = 0; i < ordered.length; i += LOG_BATCH)
      await appendToLog(
        this.w.em,
        ordered.slice(i, i + LOG_BATCH).map((e) => e.event),
      );
    return ordered.length;
  }
}

/** Entries appended per call while writing the demo's log. */
const LOG_BATCH = 5_000;

/** A log event of the demo, with the day it happened. */
export interface DatedEvent {
  on: string;
  event: LogEvent;
}

/** When a demo event was recorded: 09:00 in Yunnan (UTC+8) on its day. */
export const recordedAt = (on: string) => new Date(`${on}T01:00:00Z`);

function revisionEvent(n: Row, r: Row): DatedEvent {
  const on = r.publishedOn as string;
  return {
    on,
    event: noticeRevisionEvent({
      notice: n.number as string,
      revision: r.revision as number,
      sha256: r.sha256 as string,
      previousSha256: (r.previousSha256 as string | null) ?? null,
      bureau: n.bureau as string,
      publishedOn: on,
      at: recordedAt(on),
    }),
  };
}

function withdrawalEvents(n: Row): DatedEvent[] {
  const on = n.withdrawnOn as string;
  const reason = n.withdrawnReason as string;
  return [
    { on, event: noticeWithdrawalEvent({ notice: n.number as string, withdrawnOn: on, reason, at: recordedAt(on) }) },
  ];
}

function objectionEvents(n: Row, o: Row): DatedEvent[] {
  const common = {
    notice: n.number as string,
    objection: o.id as number,
    lineSeq: (o.lineSeq as number | null) ?? null,
  };
  const received = o.receivedOn as string;
  const events: DatedEvent[] = [
    {
      on: received,
      event: objectionRecordedEvent({
        ...common,
        receivedOn: received,
        summary: o.summary as string,
        at: recordedAt(received),
      }),
    },
  ];
  const decided = o.decidedOn as string | null;
  if (decided)
    events.push({
      on: decided,
      event: objectionDecidedEvent({
        ...common,
        status: o.status as string,
        decidedOn: decided,
        outcome: o.outcome as string,
        at: recordedAt(decided),
      }),
    });
  return events;
}

/**
 * The notice maker: one closure keeping the per-county notice counters and the last paid trainee
 * per occupation, level and year across classes, in the order the classes are added.
 */
function noticeMaker(L: Lookups, instById: Map<number, Inst>, noticeRng: Prng, state: NoticeState, today: string) {
  const { countyByCode } = L;
  const noticeCounters = new Map<string, number>();
  /** The last paid trainee per occupation, level and year: the source of deliberate repeats. */
  const paidBefore = new Map<string, { maskedName: unknown; maskedId: unknown }>();
  /** The notice for a finished subsidised class, with its lines (masked personal data only). */
  const makeNotice = (course: Row, noticeId: number, lines: Row[]): Row | null => {
    const r = noticeRng.fork(course.id as number);
    const county = countyByCode.get(course.county as string)!;
    const publishedOn = addDays(course.endDate as string, r.int(5, 20));
    // Not published yet: the claim is still within its deadline (or the class has not ended).
    if (publishedOn > today) return null;
    const pubYear = publishedOn.slice(0, 4);
    const counterKey = `${county.code}|${pubYear}`;
    const seq = (noticeCounters.get(counterKey) ?? 0) + 1;
    noticeCounters.set(counterKey, seq);
    const stem = county.name.endsWith('自治县')
      ? county.name.slice(0, 2)
      : county.name.length > 2
        ? county.name.slice(0, -1)
        : county.name;
    const withdrawn = r.chance(0.015);
    const suspicious = r.chance(0.02);
    const { noticeLines, total } = makeLines(L, r, course, county, noticeId, suspicious);
    const number = `（演示）${stem}人社培公〔${pubYear}〕第${seq}号`;
    const title = `关于${instById.get(course.institution as number)!.name}${course.title as string}（${course.classNumber as string}）培训补贴人员名单的公示`;
    const objectionUntil = objectionPeriod(publishedOn).until;
    // Corrections, withdrawals' dates and objections draw from their own stream, so the lines
    // above stay what they were before these existed.
    const life = noticeRng.fork(`lifecycle/${course.id as number}`);
    const withdrawalDay = withdrawn ? addDays(publishedOn, life.int(1, 12)) : null;
    const withdrawnOn = withdrawalDay && withdrawalDay <= today ? withdrawalDay : null;
    const notice: Row = {
      id: noticeId,
      number,
      title,
      bureau: county.code,
      course: course.id,
      publishedOn,
      objectionUntil,
      withdrawnOn,
      withdrawnReason: withdrawnOn ? r.pick(WITHDRAWN_REASONS) : null,
      revision: 1,
      lineCount: course.enrolled,
      totalAmount: total,
      isDemo: true,
    };
    // Two red flags the notice pages must be able to show: an amount above the directory's
    // standard, and the same (masked) person paid twice for one occupation and level in a year.
    const paidLines = noticeLines.filter((l) => (l.amount as number) > 0);
    if (paidLines.length > 0 && life.chance(0.01)) {
      const l = paidLines[life.int(0, paidLines.length - 1)];
      l.amount = (l.amount as number) + 300;
      notice.totalAmount = (notice.totalAmount as number) + 300;
    }
    const repeatKey = `${course.occupation as string}|${course.level as string}|${pubYear}`;
    const earlier = paidBefore.get(repeatKey);
    if (earlier && paidLines.length > 0 && life.chance(0.02)) Object.assign(paidLines[0], earlier);
    if (paidLines.length > 0)
      paidBefore.set(repeatKey, {
        maskedName: paidLines[paidLines.length - 1].maskedName,
        maskedId: paidLines[paidLines.length - 1].maskedId,
      });
    const first: Row[] = noticeLines.map((l) => ({ ...l, revision: 1 }));
    lines.push(...first);
    const header = {
      number,
      title,
      bureau: county.code,
      classNumber: course.classNumber as string,
      publishedOn,
      objectionUntil,
    };
    const draft: NoticeDraft = { course, notice, header, first, withdrawnOn, life, state, today };
    const rev1 = revisionRow(draft, 1, publishedOn, null, null, first);
    state.revisions.push(rev1);
    const currentLines = addCorrection(draft, rev1.sha256, lines) ?? first;
    const upheldSeq = addObjection(draft);
    // What was actually paid: the current revision's amounts, less the claim an upheld objection cancelled.
    const paid = currentLines.filter((l) => (l.amount as number) > 0 && l.seq !== upheldSeq);
    notice.paidTrainees = paid.length;
    notice.paidAmount = paid.reduce((sum, l) => sum + (l.amount as number), 0);
    notice.certifiedTrainees = currentLines.filter((l) => l.certificateNumber != null).length;
    notice.workingDaysToNotice = workingDaysAfter(course.endDate as string, publishedOn);
    notice.withinDeadline =
      (notice.workingDaysToNotice as number) <= claimDeadlineFor(course.endDate as string).workingDays;
    return notice;
  };
  return makeNotice;
}

/** The certificate number of a class's trainee: prefix, year the class ended, 53 (Yunnan), level, class, seat. */
function certificateNumber(course: Row, seq: number): string {
  const cert = course.certificateType as CertificateType;
  const endYear = (course.endDate as string).slice(0, 4);
  return `${CERTIFICATE_PREFIX[cert]}${endYear}53${LEVEL_DIGIT[course.level as SkillLevel]}${pad(course.id as number, 6)}${pad(seq, 3)}`;
}

/**
 * The lines of a notice, one per enrolled trainee, drawn from the class's stream `r` (after its
 * publication day, withdrawal and `suspicious` draws, which must stay first). A suspicious class
 * has many lines paid below 80 % attendance; any class may have one by chance.
 */
function makeLines(
  L: Lookups,
  r: Prng,
  course: Row,
  county: County,
  noticeId: number,
  suspicious: boolean,
): { noticeLines: Row[]; total: number } {
  const { counties, countyWeights } = L;
  const subsidy = course.subsidyPerTrainee as number;
  let total = 0;
  const noticeLines: Row[] = [];
  for (let seqNo = 1; seqNo <= (course.enrolled as number); seqNo++) {
    // A raw name and a GB 11643 number exist only inside this loop; only the masked forms are kept.
    const surname = r.chance(0.005)
      ? r.pick(COMPOUND_SURNAMES_USED)
      : r.weighted(
          SURNAMES.map((s) => s[0]),
          SURNAMES.map((s) => s[1]),
        );
    let given = r.pick(GIVEN_NAME_CHARS);
    if (r.chance(0.65)) given += r.pick(GIVEN_NAME_CHARS);
    const region = r.chance(0.8) ? county.code : r.weighted(counties, countyWeights).code;
    const birth = addDays('1965-01-01', r.int(0, daysInclusive('1965-01-01', '2004-12-31') - 1)).replace(/-/g, '');
    const first17 = `${region}${birth}${pad(r.int(1, 999), 3)}`;
    const maskedName = maskName(surname + given);
    const maskedId = maskResidentId(first17 + residentIdCheckDigit(first17));
    const anomaly = suspicious ? r.chance(0.25) : r.chance(0.002);
    let attendance: number;
    let certified: boolean;
    if (anomaly) {
      attendance = r.int(55, 79) / 100;
      certified = true;
    } else {
      attendance = r.chance(0.92) ? r.int(80, 100) / 100 : r.int(60, 79) / 100;
      certified = attendance >= 0.8 ? r.chance(0.93) : r.chance(0.4);
    }
    const amount = anomaly || (attendance >= 0.8 && certified) ? subsidy : 0;
    total += amount;
    noticeLines.push({
      notice: noticeId,
      seq: seqNo,
      maskedName,
      maskedId,
      occupation: course.occupation,
      level: course.level,
      certificateNumber: certified ? certificateNumber(course, seqNo) : null,
      attendanceRate: attendance,
      amount,
    });
  }
  return { noticeLines, total };
}

/** What the revision and lifecycle steps of one notice share. */
interface NoticeDraft {
  course: Row;
  /** The notice row, updated in place when a correction is published. */
  notice: Row;
  header: RevisionContent['notice'];
  /** The lines of revision 1. */
  first: Row[];
  withdrawnOn: string | null;
  /** The notice's lifecycle stream: draws happen in call order, so callers keep that order. */
  life: Prng;
  state: NoticeState;
  today: string;
}

/** A revision row of the notice, with the SHA-256 of its canonical content; takes the next revision id. */
function revisionRow(
  d: NoticeDraft,
  n: number,
  on: string,
  reason: string | null,
  previous: string | null,
  rows: Row[],
) {
  const content: RevisionContent = {
    notice: d.header,
    revision: n,
    publishedOn: on,
    reason,
    previousSha256: previous,
    lines: rows.map((l) => ({
      seq: l.seq as number,
      maskedName: l.maskedName as string,
      maskedId: l.maskedId as string,
      occupationCode: l.occupation as string,
      level: l.level as string,
      certificateNumber: (l.certificateNumber as string | null) ?? null,
      attendanceRate: l.attendanceRate as number,
      amount: l.amount as number,
    })),
  };
  const amount = rows.reduce((sum, l) => sum + (l.amount as number), 0);
  return {
    id: ++d.state.revisionId,
    notice: d.notice.id as number,
    revision: n,
    publishedOn: on,
    reason,
    lineCount: rows.length,
    totalAmount: amount,
    sha256: revisionHash(content),
    previousSha256: previous,
  };
}

/**
 * A correction (更正): a line's attendance or certificate was recorded wrongly; revision 2
 * republishes every line with the fix and the reason, revision 1 stays as it was.
 * Returns revision 2's lines (also pushed to `lines`), or null when there is none.
 */
function addCorrection(d: NoticeDraft, rev1Sha256: string, lines: Row[]): Row[] | null {
  const { course, notice, first, life, today } = d;
  const publishedOn = d.header.publishedOn;
  const correctedOn =
    !d.withdrawnOn && first.length > 0 && life.chance(0.02) ? addDays(publishedOn, life.int(1, 4)) : null;
  if (!correctedOn || correctedOn > today) return null;
  const subsidy = course.subsidyPerTrainee as number;
  const fix = life.int(0, first.length - 1);
  const target = first[fix];
  const corrected =
    target.certificateNumber == null
      ? {
          ...target,
          certificateNumber: certificateNumber(course, target.seq as number),
          attendanceRate: Math.max(target.attendanceRate as number, 0.8),
          amount: subsidy,
        }
      : { ...target, attendanceRate: 0.8, amount: subsidy };
  const second: Row[] = first.map((l, i) => ({ ...(i === fix ? corrected : l), revision: 2 }));
  const rev2 = revisionRow(
    d,
    2,
    correctedOn,
    life.pick(CORRECTION_REASONS).replace('{seq}', String(target.seq)),
    rev1Sha256,
    second,
  );
  d.state.revisions.push(rev2);
  lines.push(...second);
  notice.revision = 2;
  notice.totalAmount = rev2.totalAmount;
  return second;
}

/**
 * Objections (异议): most are found groundless; one against a line paid below 80 % attendance
 * is upheld, and that claim is cancelled (50号 (十九)). An objection received today or earlier
 * and not decided by today is still being looked into. Returns the upheld line's seq, or null.
 */
function addObjection(d: NoticeDraft): unknown {
  const { first, life, today, state } = d;
  const receivedOn =
    !d.withdrawnOn && first.length > 0 && life.chance(0.03) ? addDays(d.header.publishedOn, life.int(0, 4)) : null;
  if (!receivedOn || receivedOn > today) return null;
  const underAttended = first.find((l) => (l.amount as number) > 0 && (l.attendanceRate as number) < 0.8);
  const line = underAttended ?? first[life.int(0, first.length - 1)];
  const decidedOn = addDays(receivedOn, life.int(3, 15));
  const decided = decidedOn <= today;
  state.objections.push({
    id: ++state.objectionId,
    notice: d.notice.id,
    lineSeq: line.seq,
    receivedOn,
    summary: underAttended ? OBJECTION_SUMMARIES[0] : life.pick(OBJECTION_SUMMARIES.slice(1)),
    status: !decided ? ObjectionStatus.RECEIVED : underAttended ? ObjectionStatus.UPHELD : ObjectionStatus.REJECTED,
    decidedOn: decided ? decidedOn : null,
    outcome: !decided ? null : underAttended ? OBJECTION_OUTCOMES.upheld : OBJECTION_OUTCOMES.rejected,
  });
  return underAttended && decided ? line.seq : null;
}
