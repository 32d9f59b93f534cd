/**
 * Writes of evaluation agencies (评价机构): registering one, recording (备案) an occupation ×
 * level it may certify from a day, ending such a record, and publishing its fee schedule
 * (50号 (十二)). Scope: the agency's region. The draw of a class's agency reads these records,
 * so a record is never rewritten: it is ended, and a new one starts.
 */
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { lockRow } from '../db/row-lock';
import { audit } from '../audit/audit';
import { validateCreditCode } from '../common/credit-code';
import { isIsoDate } from '../common/dates';
import type { AgencyType, CertificateType, SkillLevel } from '../common/enums';
import type { WriteProblem } from '../common/write-problem';
import { findRows, type Row } from '../db/rows';
import { Institution } from '../institutions/institution.entity';
import { Occupation } from '../occupations/occupation.entity';
import { canWrite, levelOf } from '../publishers/publisher.rules';
import type { Writer } from '../publishers/writer';
import { Region } from '../regions/region.entity';
import { queueSearch } from '../search/search-outbox.entity';
import { AgencyFee, AgencyScope, EvaluationAgency } from './agency.entity';

export type AgencyWriteResult = { ok: true; agency: Row<EvaluationAgency> } | { ok: false; problems: WriteProblem[] };

/** Registers an agency. */
export async function createAgency(
  em: EntityManager,
  writer: Writer,
  a: { name: string; type: AgencyType; creditCode: string | null; region: string; institution: number | null },
): Promise<AgencyWriteResult> {
  const problems: WriteProblem[] = [];
  if (a.name.trim().length < 2 || a.name.length > 128)
    problems.push({
      field: 'input.name',
      rule: 'agency.name',
      message: 'a registered name of 2–128 characters is required',
    });
  if (a.creditCode) {
    const v = validateCreditCode(a.creditCode);
    if (!v.valid)
      problems.push({
        field: 'input.creditCode',
        rule: 'institution.credit-code',
        message: `not a valid unified social credit code: ${v.reason}`,
      });
    else if ((await findRows(em, EvaluationAgency, { creditCode: a.creditCode })).length)
      problems.push({
        field: 'input.creditCode',
        rule: 'agency.credit-code-unique',
        message: `an agency is registered with ${a.creditCode} already`,
      });
  }
  const [region] = await findRows(em, Region, { code: a.region });
  if (!region) problems.push({ field: 'input.region', rule: 'agency.region', message: 'not a Yunnan region code' });
  else {
    const scope = canWrite(writer, a.region);
    if (!scope.allowed) problems.push({ field: 'input.region', rule: 'scope.region', message: scope.messageEn });
  }
  if (a.institution !== null && !(await findRows(em, Institution, { id: a.institution })).length)
    problems.push({ field: 'input.institution', rule: 'agency.institution', message: 'no such institution' });
  if (problems.length) return { ok: false, problems };
  const id = await em.transactional(async (t) => {
    const tx = t as EntityManager;
    const agencyId = Number(
      await tx.insert(EvaluationAgency, {
        name: a.name.trim(),
        type: a.type,
        creditCode: a.creditCode,
        region: a.region,
        institution: a.institution,
        isDemo: false,
        source: `${writer.name}（经本目录 API 录入）`,
      }),
    );
    await queueSearch(tx, 'agencies', agencyId);
    await audit(tx, writer, {
      action: 'agency.create',
      entityType: 'EvaluationAgency',
      entityKey: a.creditCode ?? a.name,
      region: a.region,
      before: null,
      after: a,
      summary: `registered ${a.name.trim()} (${levelOf(a.region)})`,
    });
    return agencyId;
  });
  return { ok: true, agency: (await findRows(em, EvaluationAgency, { id }))[0] };
}

/** Loads an agency and checks the writer may touch it. */
async function agencyFor(
  em: EntityManager,
  writer: Writer,
  id: number,
): Promise<{ agency: Row<EvaluationAgency> } | { problems: WriteProblem[] }> {
  const [agency] = await findRows(em, EvaluationAgency, { id });
  if (!agency) return { problems: [{ field: 'agency', rule: 'agency.exists', message: 'no such agency' }] };
  const scope = canWrite(writer, agency.region);
  return scope.allowed
    ? { agency }
    : { problems: [{ field: 'agency', rule: 'scope.region', message: scope.messageEn }] };
}

/** Records (备案) an occupation × certificate × level the agency may certify, from a day. */
export async function recordAgencyScope(
  em: EntityManager,
  writer: Writer,
  agencyId: number,
  s: { occupationCode: string; certificateType: CertificateType; level: SkillLevel; recordedFrom: string },
): Promise<AgencyWriteResult> {
  const found = await agencyFor(em, writer, agencyId);
  if ('problems' in found) return { ok: false, problems: found.problems };
  const problems: WriteProblem[] = [];
  if (!(await findRows(em, Occupation, { code: s.occupationCode })).length)
    problems.push({
      field: 'input.occupationCode',
      rule: 'agency.occupation',
      message: 'not an occupation code of the 2022 classification',
    });
  if (!isIsoDate(s.recordedFrom))
    problems.push({ field: 'input.recordedFrom', rule: 'agency.date', message: 'must be a YYYY-MM-DD date' });
  if (problems.length) return { ok: false, problems };
  // The overlap is checked under the agency's lock: the same record sent twice at once is made once.
  const refused = await em.transactional(async (t) => {
    const tx = t as EntityManager;
    await lockRow(tx, EvaluationAgency, agencyId);
    const open = (
      await findRows(tx, AgencyScope, {
        agency: agencyId,
        occupation: s.occupationCode,
        level: s.level,
        certificateType: s.certificateType,
      })
    ).filter((x) => !x.recordedUntil || x.recordedUntil >= s.recordedFrom);
    if (open.length)
      return [
        {
          field: 'input',
          rule: 'agency.scope-overlap',
          message: `already recorded from ${open[0].recordedFrom}${open[0].recordedUntil ? ` to ${open[0].recordedUntil}` : ''}`,
        },
      ];
    await tx.insert(AgencyScope, {
      agency: agencyId,
      occupation: s.occupationCode,
      certificateType: s.certificateType,
      level: s.level,
      recordedFrom: s.recordedFrom,
      recordedUntil: null,
    });
    await queueSearch(tx, 'agencies', agencyId);
    await audit(tx, writer, {
      action: 'agency.scope-record',
      entityType: 'EvaluationAgency',
      entityKey: found.agency.creditCode ?? found.agency.name,
      region: found.agency.region,
      before: null,
      after: s,
      summary: `recorded ${s.occupationCode} ${s.level} from ${s.recordedFrom}`,
    });
    return [];
  });
  if (refused.length) return { ok: false, problems: refused };
  return { ok: true, agency: found.agency };
}

/** Ends a scope record (its last day), so later classes cannot draw the agency for it. */
export async function endAgencyScope(
  em: EntityManager,
  writer: Writer,
  agencyId: number,
  s: { occupationCode: string; level: SkillLevel; lastDay: string },
): Promise<AgencyWriteResult> {
  const found = await agencyFor(em, writer, agencyId);
  if ('problems' in found) return { ok: false, problems: found.problems };
  // Checked under the agency's lock: a record is ended once.
  const problems = await em.transactional(async (t) => {
    const tx = t as EntityManager;
    await lockRow(tx, EvaluationAgency, agencyId);
    const [open] = await findRows(tx, AgencyScope, {
      agency: agencyId,
      occupation: s.occupationCode,
      level: s.level,
      recordedUntil: null,
    });
    const refused: WriteProblem[] = [];
    if (!open)
      refused.push({
        field: 'input',
        rule: 'agency.scope',
        message: `no current record of ${s.occupationCode} ${s.level}`,
      });
    if (!isIsoDate(s.lastDay))
      refused.push({ field: 'input.lastDay', rule: 'agency.date', message: 'must be a YYYY-MM-DD date' });
    else if (open && s.lastDay < open.recordedFrom)
      refused.push({
        field: 'input.lastDay',
        rule: 'agency.date',
        message: `before the record started (${open.recordedFrom})`,
      });
    if (refused.length || !open) return refused;
    await tx.nativeUpdate(AgencyScope, { id: open.id }, { recordedUntil: s.lastDay });
    await queueSearch(tx, 'agencies', agencyId);
    await audit(tx, writer, {
      action: 'agency.scope-end',
      entityType: 'EvaluationAgency',
      entityKey: found.agency.creditCode ?? found.agency.name,
      region: found.agency.region,
      before: open,
      after: { ...open, recordedUntil: s.lastDay },
      summary: `record of ${s.occupationCode} ${s.level} ended after ${s.lastDay}`,
    });
    return [];
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, agency: found.agency };
}

/**
 * Publishes the agency's fee schedule (50号 (十二)), replacing the previous one as a whole; the
 * previous lines stay on record, marked replaced on `today`.
 */
export async function setAgencyFees(
  em: EntityManager,
  writer: Writer,
  agencyId: number,
  fees: readonly { level: SkillLevel; item: string; feeYuan: number }[],
  today: string,
): Promise<AgencyWriteResult> {
  const found = await agencyFor(em, writer, agencyId);
  if ('problems' in found) return { ok: false, problems: found.problems };
  const problems: WriteProblem[] = [];
  fees.forEach((f, i) => {
    if (f.item.trim().length < 2 || f.item.length > 64)
      problems.push({
        field: `input.fees[${i}].item`,
        rule: 'agency.fee-item',
        message: 'what the fee covers, 2–64 characters (e.g. 理论考试)',
      });
    if (!Number.isInteger(f.feeYuan) || f.feeYuan < 0)
      problems.push({ field: `input.fees[${i}].feeYuan`, rule: 'agency.fee', message: 'whole 元, 0 or more' });
  });
  const keys = fees.map((f) => `${f.level}|${f.item.trim()}`);
  keys.forEach((k, i) => {
    if (keys.indexOf(k) !== i)
      problems.push({
        field: `input.fees[${i}]`,
        rule: 'agency.fee-unique',
        message: `the same level and item as fees[${keys.indexOf(k)}]`,
      });
  });
  if (problems.length) return { ok: false, problems };
  await em.transactional(async (t) => {
    const tx = t as EntityManager;
    // Under the agency's lock: the schedule replaced is the one in force when this one is written.
    await lockRow(tx, EvaluationAgency, agencyId);
    const before = await findRows(tx, AgencyFee, { agency: agencyId, replacedOn: null }, { id: 'asc' });
    // The old schedule is kept, marked replaced: published records are never deleted.
    await tx.nativeUpdate(AgencyFee, { agency: agencyId, replacedOn: null }, { replacedOn: today });
    if (fees.length)
      await tx.insertMany(
        AgencyFee,
        fees.map((f) => ({ agency: agencyId, level: f.level, item: f.item.trim(), feeYuan: f.feeYuan })),
      );
    await queueSearch(tx, 'agencies', agencyId);
    await audit(tx, writer, {
      action: 'agency.fees',
      entityType: 'EvaluationAgency',
      entityKey: found.agency.creditCode ?? found.agency.name,
      region: found.agency.region,
      before: before.map(({ level, item, feeYuan }) => ({ level, item, feeYuan })),
      after: fees,
      summary: `fee schedule published: ${fees.length} lines`,
    });
  });
  return { ok: true, agency: found.agency };
}
