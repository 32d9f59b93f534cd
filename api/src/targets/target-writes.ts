/**
 * Writes of the published target figures (任务计划): adding a figure and correcting one. Targets
 * are set by the province (8号 二(二): 任务分解详见附件), so only a province key or the server
 * operator writes them. Each write checks the figure (target-table.rules), reports every problem
 * at once and writes nothing then; otherwise the row, its audit entry and its disclosure log
 * entry are written in one transaction. Targets are not searched, so no search update is queued; the change is noted
 * for the site (`recordChanges`).
 */
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { audit } from '../audit/audit';
import type { WriteProblem } from '../common/write-problem';
import { appendToLog } from '../db/log-store';
import { noteChanges } from '../db/record-changes';
import { targetFigureEvent, type LogEvent } from '../log/log-entries';
import { findRows, type Row } from '../db/rows';
import { canWrite, PROVINCE_CODE } from '../publishers/publisher.rules';
import type { Writer } from '../publishers/writer';
import { AnnualTarget } from './annual-target.entity';
import { checkTargetDraft, type TargetDraft } from './target-table.rules';
import { toPersons } from './target.rules';

export type TargetWriteResult = { ok: true; target: Row<AnnualTarget> } | { ok: false; problems: WriteProblem[] };

/** The natural key of a figure: year, table, unit, 州市 and metric. @example targetKey(d) === '2022|PREFECTURE_PLAN|昆明市|530100|total' */
export function targetKey(d: Pick<TargetDraft, 'year' | 'table' | 'unitName' | 'region' | 'metric'>): string {
  return `${d.year}|${d.table}|${d.unitName}|${d.region ?? ''}|${d.metric}`;
}

/** The figure as stored and as the audit trail hashes it. */
function fieldsOf(d: TargetDraft) {
  return {
    year: d.year,
    table: d.table,
    seq: d.seq,
    unitName: d.unitName,
    region: d.region,
    institution: d.institution,
    metric: d.metric,
    metricLabel: d.metricLabel,
    value: d.value,
    unit: d.unit,
    persons: toPersons(d.value, d.unit),
    isTotal: d.isTotal,
    source: d.source,
  };
}

/** The stored row in the same shape. */
function stateOf(r: Row<AnnualTarget>) {
  return {
    year: r.year,
    table: r.table,
    seq: r.seq,
    unitName: r.unitName,
    region: r.region ?? null,
    institution: r.institution ?? null,
    metric: r.metric,
    metricLabel: r.metricLabel,
    value: r.value,
    unit: r.unit,
    persons: r.persons,
    isTotal: r.isTotal,
    source: r.source,
  };
}

/** Scope (the province only) and the figure's own rules. */
function draftProblems(writer: Writer, d: TargetDraft): WriteProblem[] {
  const problems: WriteProblem[] = [];
  const scope = canWrite(writer, PROVINCE_CODE);
  if (!scope.allowed)
    problems.push({
      field: 'table',
      rule: 'scope.region',
      message: `targets are set by the province: ${scope.messageEn}`,
    });
  return [...problems, ...checkTargetDraft(d)];
}

/** How a target write is logged. */
export interface TargetLogging {
  /** When the figure was published (default now). */
  at?: Date;
  /** Where to keep the entry for the caller to append in the same transaction (default: appended at once). */
  deferLog?: LogEvent[];
}

/** The disclosure log's entry for a figure set or corrected. */
function figureEvent(key: string, d: TargetDraft, previousValue: string | null, at: Date) {
  return targetFigureEvent({
    key,
    year: d.year,
    table: d.table,
    unitName: d.unitName,
    region: d.region ?? null,
    metric: d.metric,
    value: d.value,
    unit: d.unit,
    source: d.source,
    previousValue,
    at,
  });
}

/**
 * Adds a figure of a target table, or corrects the stored figure with the same natural key
 * (`existingId`); `note` (e.g. 原文如此 for a printed total that does not add up) goes into the
 * audit entry's summary. Its disclosure log entry is appended in the same transaction, unless
 * `logging.deferLog` takes it for the caller to append (see {@link TargetLogging}).
 * @example await putTarget(em, SERVER_WRITER, { year: 2022, table: TargetTable.TECHNICAL_SCHOOL, seq: 1, unitName: '云南技师学院', region: null, institution: 1, metric: 'target', metricLabel: '目标任务', value: '2', unit: '万人', isTotal: false, source: '云人社通〔2022〕8号 附件2 技工院校2022年职业培训任务计划表' }, null);
 */
export async function putTarget(
  em: EntityManager,
  writer: Writer,
  d: TargetDraft,
  existingId: number | null,
  note = '',
  logging: TargetLogging = {},
): Promise<TargetWriteResult> {
  const problems = draftProblems(writer, d);
  const [before] = existingId != null ? await findRows(em, AnnualTarget, { id: existingId }) : [];
  if (existingId != null && !before)
    problems.push({ field: 'id', rule: 'target.exists', message: `no target figure with id ${existingId}` });
  if (before && targetKey({ ...before, region: before.region ?? null }) !== targetKey(d))
    problems.push({
      field: 'unitName',
      rule: 'target.key',
      message: "a correction keeps the figure's year, table, unit, 州市 and metric",
    });
  if (existingId == null && !problems.length) {
    const same = await findRows(em, AnnualTarget, {
      year: d.year,
      table: d.table,
      unitName: d.unitName,
      region: d.region,
      metric: d.metric,
    });
    if (same.length)
      problems.push({
        field: 'metric',
        rule: 'target.unique',
        message: `${targetKey(d)} is stored already (id ${same[0].id}): correct it instead`,
      });
  }
  if (problems.length) return { ok: false, problems };
  const fields = fieldsOf(d);
  const suffix = note.trim() ? ` (${note.trim()})` : '';
  const id = await em.transactional(async (t) => {
    const tx = t as EntityManager;
    const key = targetKey(d);
    const event = figureEvent(key, d, before?.value ?? null, logging.at ?? new Date());
    if (logging.deferLog) logging.deferLog.push(event);
    else await appendToLog(tx, [event]);
    if (before) {
      await tx.nativeUpdate(AnnualTarget, { id: before.id }, fields);
      await noteChanges(tx, 'AnnualTarget', before.id);
      await audit(tx, writer, {
        action: 'target.update',
        entityType: 'AnnualTarget',
        entityKey: key,
        region: d.region ?? PROVINCE_CODE,
        before: stateOf(before),
        after: fields,
        summary: `${key}: ${before.value} → ${d.value} ${d.unit}${suffix}`,
      });
      return before.id;
    }
    const newId = Number(await tx.insert(AnnualTarget, fields as unknown as AnnualTarget));
    await noteChanges(tx, 'AnnualTarget', newId);
    await audit(tx, writer, {
      action: 'target.create',
      entityType: 'AnnualTarget',
      entityKey: key,
      region: d.region ?? PROVINCE_CODE,
      before: null,
      after: fields,
      summary: `${key}: ${d.value} ${d.unit}${suffix}`,
    });
    return newId;
  });
  return { ok: true, target: (await findRows(em, AnnualTarget, { id }))[0] };
}
