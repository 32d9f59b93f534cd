/**
 * What each kind of public event writes into the disclosure log: small, public facts only (a
 * notice's number and a revision's hash, never its lines; an objection's line number and the
 * hash of its text, never the text), as RFC 8785 canonical JSON. Anyone holding the published
 * record can rebuild an entry and find it in the log.
 */
import crypto from 'node:crypto';
import { canonicalize } from 'json-canonicalize';

/** Every kind of entry, with the clause or rule that makes the event public. */
export const LOG_KINDS = {
  'notice.revision': '人社厅发〔2022〕50号 (十九): 补贴名单公示; revisions hashed (notice-revision.rules.ts)',
  'notice.withdrawal': 'a published notice withdrawn, with its reason',
  'objection.recorded': '人社厅发〔2022〕50号 (十九): objections during the 公示 period',
  'objection.decided': '人社厅发〔2022〕50号 (十九): an objection upheld (claim cancelled) or rejected',
  'institution.blacklisted': '云人社发〔2022〕8号 四(三): an institution blacklisted for three years',
  'institution.blacklisting-lifted': 'a blacklisting lifted before its end, with the decision',
  'institution.licence-revocation': "人社厅发〔2022〕50号 (十九): an institution's licence revoked",
  'directory.edition': "a year's edition of the subsidised occupation directory published",
  'directory.entry-added': 'an occupation, certificate and level admitted to an edition, with its standard',
  'directory.entry-ended': 'an entry taken out of an edition, with the reason',
  'agency.draw': "a class's assessing agency drawn at its approval: the seed (SHA-256 of the inputs) and the result",
  'target.figure':
    '云人社通〔2022〕8号 二(二) (任务分解详见附件): a figure of a published target table set, or corrected with its previous value',
} as const;

/** One kind of log entry. */
export type LogKind = keyof typeof LOG_KINDS;

/** One event to log: its kind, what it is about (for lookups) and its public content. */
export interface LogEvent {
  kind: LogKind;
  /** A notice's number, an institution's credit code …: what the entry is about. */
  subject: string;
  /** The entry as written: canonical JSON of `{ kind, …content }`. */
  body: string;
}

function event(kind: LogKind, subject: string, content: Record<string, unknown>): LogEvent {
  return { kind, subject, body: canonicalize({ kind, ...content }) };
}

/** SHA-256 (hex) of text that the log binds without publishing. */
function textHash(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * A notice revision published (revision 1 on publication, n + 1 on a correction).
 * @example noticeRevisionEvent({ notice: '530100-2026-0001', revision: 1, sha256, previousSha256: null, bureau: '530100', publishedOn: '2026-11-20', at })
 */
export function noticeRevisionEvent(r: {
  notice: string;
  revision: number;
  sha256: string;
  previousSha256: string | null;
  bureau: string;
  publishedOn: string;
  at: Date;
}): LogEvent {
  return event('notice.revision', r.notice, { ...r, at: r.at.toISOString() });
}

/** A notice withdrawn from a day, with the reason the public reads. */
export function noticeWithdrawalEvent(w: { notice: string; withdrawnOn: string; reason: string; at: Date }): LogEvent {
  return event('notice.withdrawal', w.notice, { ...w, at: w.at.toISOString() });
}

/** An objection received (its text is bound by hash: it may name a person). */
export function objectionRecordedEvent(o: {
  notice: string;
  objection: number;
  lineSeq: number | null;
  receivedOn: string;
  summary: string;
  at: Date;
}): LogEvent {
  const { summary, ...rest } = o;
  return event('objection.recorded', o.notice, { ...rest, summarySha256: textHash(summary), at: o.at.toISOString() });
}

/** An objection decided: upheld or rejected, on a day, its finding bound by hash. */
export function objectionDecidedEvent(o: {
  notice: string;
  objection: number;
  lineSeq: number | null;
  status: string;
  decidedOn: string;
  outcome: string;
  at: Date;
}): LogEvent {
  const { outcome, ...rest } = o;
  return event('objection.decided', o.notice, { ...rest, outcomeSha256: textHash(outcome), at: o.at.toISOString() });
}

/** What identifies an institution publicly: its unified social credit code (its name when it has none). */
export interface InstitutionRef {
  institution: string;
  name: string;
  region: string;
}

/**
 * A standing decision on an institution: blacklisted from a day until three years later, a
 * blacklisting lifted early, or its licence revoked; with the decision's document and reason.
 * @example standingEvent('institution.blacklisted', ref, { from: '2026-11-20', until: '2029-11-19', document, reason, at })
 */
export function standingEvent(
  kind: 'institution.blacklisted' | 'institution.blacklisting-lifted' | 'institution.licence-revocation',
  ref: InstitutionRef,
  decision: { from?: string; until?: string; on?: string; document: string; reason: string; at: Date },
): LogEvent {
  return event(kind, ref.institution, { ...ref, ...decision, at: decision.at.toISOString() });
}

/** A year's edition of the directory published. */
export function directoryEditionEvent(e: {
  year: number;
  documentNumber: string;
  title: string;
  publishedOn: string;
  at: Date;
}): LogEvent {
  return event('directory.edition', String(e.year), { ...e, at: e.at.toISOString() });
}

/** An entry of the directory admitted (with its standard) or taken out (with the reason). */
export function directoryEntryEvent(
  kind: 'directory.entry-added' | 'directory.entry-ended',
  e: {
    year: number;
    occupation: string;
    certificateType: string;
    level: string;
    subsidyPerTrainee?: number;
    minHours?: number;
    effectiveFrom?: string;
    lastDay?: string;
    reason?: string;
    at: Date;
  },
): LogEvent {
  return event(kind, String(e.year), { ...e, at: e.at.toISOString() });
}

/**
 * The draw of a class's assessing agency, recorded at its approval: anyone can re-run it from
 * the inputs the class publishes (their SHA-256 is the seed).
 */
export function agencyDrawEvent(d: {
  classNumber: string;
  drawnOn: string;
  rule: string;
  seed: string;
  eligibleCount: number;
  chosenAgency: string;
  at: Date;
}): LogEvent {
  return event('agency.draw', d.classNumber, { ...d, at: d.at.toISOString() });
}

/**
 * A figure of a published target table (任务计划) set, or corrected (`previousValue` then holds
 * what it replaced), keyed as the catalogue keys it (year|table|unit|州市|metric).
 * @example targetFigureEvent({ key: '2022|PREFECTURE_PLAN|昆明市|530100|total', value: '6.2', unit: '万人次', previousValue: null, source, at, … })
 */
export function targetFigureEvent(f: {
  key: string;
  year: number;
  table: string;
  unitName: string;
  region: string | null;
  metric: string;
  value: string;
  unit: string;
  previousValue: string | null;
  source: string;
  at: Date;
}): LogEvent {
  return event('target.figure', f.key, { ...f, at: f.at.toISOString() });
}
