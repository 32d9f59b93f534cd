/**
 * Writes of the annual subsidised directory (年度培训补贴工种目录), which the province issues:
 * a new edition, an entry admitted to it (also mid-year, 动态增补), and an entry taken out from a
 * day (never deleted: classes approved under it keep their basis). Only a key of the province
 * may write the directory (its region is 530000).
 */
import { appendToLog } from '../db/log-store';
import { directoryEditionEvent, directoryEntryEvent } from '../log/log-entries';
import { noteChanges } from '../db/record-changes';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { textProblems } from '../db/column-lengths';
import { lockRow } from '../db/row-lock';
import { AgencyScope } from '../agencies/agency.entity';
import { audit } from '../audit/audit';
import { isIsoDate } from '../common/dates';
import { CertificateType, SkillLevel } from '../common/enums';
import type { WriteProblem } from '../common/write-problem';
import { findRows, type Row } from '../db/rows';
import { Occupation } from '../occupations/occupation.entity';
import { canWrite, PROVINCE_CODE } from '../publishers/publisher.rules';
import type { Writer } from '../publishers/writer';
import { queueSearch } from '../search/search-outbox.entity';
import { DirectoryEdition, DirectoryEntry } from './directory.entity';
import { admissionGaps, describeGapsEn, isGradedCertificate } from './directory.rules';

export type DirectoryWriteResult<T> = { ok: true; value: T } | { ok: false; problems: WriteProblem[] };

/** The directory is the province's: a 州市 or county key may not write it. */
function provinceOnly(writer: Writer): WriteProblem[] {
  const scope = canWrite(writer, PROVINCE_CODE);
  return scope.allowed
    ? []
    : [
        {
          field: 'input',
          rule: 'scope.region',
          message: `the subsidised directory is issued by the province: ${scope.messageEn}`,
        },
      ];
}

/**
 * Publishes a year's edition (its entries follow with `addDirectoryEntry`).
 * @example await publishDirectoryEdition(em, writer, { year: 2027, documentNumber: '云人社发〔2027〕1号', title: '…', publishedOn: '2027-01-10' });
 */
export async function publishDirectoryEdition(
  em: EntityManager,
  writer: Writer,
  e: { year: number; documentNumber: string; title: string; publishedOn: string },
): Promise<DirectoryWriteResult<Row<DirectoryEdition>>> {
  const problems = provinceOnly(writer);
  if (!Number.isInteger(e.year) || e.year < 2000 || e.year > 2100)
    problems.push({ field: 'input.year', rule: 'directory.year', message: 'a year such as 2027' });
  else if ((await findRows(em, DirectoryEdition, { year: e.year })).length)
    problems.push({
      field: 'input.year',
      rule: 'directory.edition-unique',
      message: `the ${e.year} edition is published already: add or take out entries instead`,
    });
  if (e.documentNumber.trim().length < 4)
    problems.push({
      field: 'input.documentNumber',
      rule: 'directory.document',
      message: "the issuing document's number is required",
    });
  if (e.title.trim().length < 4)
    problems.push({ field: 'input.title', rule: 'directory.title', message: 'the title as published is required' });
  problems.push(
    ...textProblems(em, DirectoryEdition, {
      documentNumber: ['input.documentNumber', e.documentNumber],
      title: ['input.title', e.title],
    }),
  );
  if (!isIsoDate(e.publishedOn))
    problems.push({ field: 'input.publishedOn', rule: 'directory.date', message: 'must be a YYYY-MM-DD date' });
  if (problems.length) return { ok: false, problems };
  try {
    await em.transactional(async (tx) => {
      await tx.insert(DirectoryEdition, {
        year: e.year,
        documentNumber: e.documentNumber.trim(),
        title: e.title.trim(),
        publishedOn: e.publishedOn,
        isDemo: false,
        source: `${e.documentNumber.trim()}（经本目录 API 录入）`,
      });
      await noteChanges(tx, 'DirectoryEdition', e.year);
      await appendToLog(tx, [
        directoryEditionEvent({
          year: e.year,
          documentNumber: e.documentNumber.trim(),
          title: e.title.trim(),
          publishedOn: e.publishedOn,
          at: new Date(),
        }),
      ]);
      await audit(tx, writer, {
        action: 'directory.publish',
        entityType: 'DirectoryEdition',
        entityKey: String(e.year),
        region: PROVINCE_CODE,
        before: null,
        after: e,
        summary: `${e.year} edition published (${e.documentNumber.trim()})`,
      });
    });
  } catch (err) {
    // The same edition published twice at once: the year is the key, one gets in.
    if (!(err instanceof UniqueConstraintViolationException)) throw err;
    return {
      ok: false,
      problems: [
        {
          field: 'input.year',
          rule: 'directory.edition-unique',
          message: `the ${e.year} edition is published already: add or take out entries instead`,
        },
      ],
    };
  }
  return { ok: true, value: (await findRows(em, DirectoryEdition, { year: e.year }))[0] };
}

/** An entry as the province admits it. */
export interface EntryDraft {
  year: number;
  occupationCode: string;
  certificateType: CertificateType;
  level: SkillLevel;
  minHours: number;
  subsidyPerTrainee: number;
  isKeyOccupation: boolean;
  effectiveFrom: string;
}

/**
 * Admits an occupation × certificate × level to an edition: graded certificates need a national
 * standard (50号 (四)), every entry an evaluation agency recorded in the province (50号 (十三)),
 * certificate classes at least 120 class hours (8号 三(五)).
 */
export async function addDirectoryEntry(
  em: EntityManager,
  writer: Writer,
  d: EntryDraft,
): Promise<DirectoryWriteResult<Row<DirectoryEntry>>> {
  const problems = provinceOnly(writer);
  const [edition] = await findRows(em, DirectoryEdition, { year: d.year });
  if (!edition)
    problems.push({
      field: 'input.year',
      rule: 'directory.edition',
      message: `no ${d.year} edition: publish it first`,
    });
  const [occupation] = await findRows(em, Occupation, { code: d.occupationCode });
  if (!occupation)
    problems.push({
      field: 'input.occupationCode',
      rule: 'directory.occupation',
      message: 'not an occupation code of the 2022 classification',
    });
  if (!isIsoDate(d.effectiveFrom))
    problems.push({ field: 'input.effectiveFrom', rule: 'directory.date', message: 'must be a YYYY-MM-DD date' });
  else if (edition && !d.effectiveFrom.startsWith(String(d.year)))
    problems.push({
      field: 'input.effectiveFrom',
      rule: 'directory.date',
      message: `an entry of the ${d.year} edition takes effect in ${d.year}`,
    });
  if (!Number.isInteger(d.subsidyPerTrainee) || d.subsidyPerTrainee <= 0)
    problems.push({
      field: 'input.subsidyPerTrainee',
      rule: 'directory.subsidy',
      message: 'a subsidy standard in whole 元, above 0',
    });
  if (!Number.isInteger(d.minHours) || d.minHours <= 0)
    problems.push({ field: 'input.minHours', rule: 'directory.hours', message: 'minimum class hours, above 0' });
  else if (isGradedCertificate(d.certificateType) && d.minHours < 120)
    problems.push({
      field: 'input.minHours',
      rule: 'course.min-certificate-hours',
      message: 'a certificate class has at least 120 class hours',
      clause: '云人社通〔2022〕8号 三(五)',
    });
  if (occupation && isIsoDate(d.effectiveFrom)) {
    const scopes = await findRows(em, AgencyScope, { occupation: d.occupationCode, level: d.level });
    const agencies = new Set(
      scopes
        .filter((s) => s.recordedFrom <= d.effectiveFrom && (!s.recordedUntil || s.recordedUntil >= d.effectiveFrom))
        .map((s) => s.agency),
    ).size;
    const gaps = admissionGaps({
      certificateType: d.certificateType,
      hasNationalStandard: occupation.hasNationalStandard === true,
      agenciesInProvince: agencies,
    });
    if (gaps.length)
      problems.push({
        field: 'input.occupationCode',
        rule: 'directory.admission',
        message: `cannot be admitted: ${describeGapsEn(gaps)}`,
        clause: gaps.includes('national-standard') ? '云人社通〔2022〕50号 (四)' : '云人社通〔2022〕50号 (十三)',
      });
  }
  if (
    edition &&
    occupation &&
    (
      await findRows(em, DirectoryEntry, {
        edition: d.year,
        occupation: d.occupationCode,
        certificateType: d.certificateType,
        level: d.level,
        effectiveTo: null,
      })
    ).length
  ) {
    problems.push({
      field: 'input',
      rule: 'directory.entry-unique',
      message: 'this occupation, certificate and level is in the edition already: take it out first to change it',
    });
  }
  if (problems.length) return { ok: false, problems };
  const id = await em.transactional(async (t) => {
    const tx = t as EntityManager;
    // Under the edition's lock: the same entry admitted twice at once is admitted once.
    await lockRow(tx, DirectoryEdition, d.year);
    if (
      (
        await findRows(tx, DirectoryEntry, {
          edition: d.year,
          occupation: d.occupationCode,
          certificateType: d.certificateType,
          level: d.level,
          effectiveTo: null,
        })
      ).length
    )
      return null;
    const entryId = Number(
      await tx.insert(DirectoryEntry, {
        edition: d.year,
        occupation: d.occupationCode,
        certificateType: d.certificateType,
        level: d.level,
        minHours: d.minHours,
        subsidyPerTrainee: d.subsidyPerTrainee,
        isKeyOccupation: d.isKeyOccupation,
        effectiveFrom: d.effectiveFrom,
        effectiveTo: null,
        isDemo: false,
      }),
    );
    await queueSearch(tx, 'occupations', d.occupationCode);
    await noteChanges(tx, 'DirectoryEntry', entryId);
    await appendToLog(tx, [
      directoryEntryEvent('directory.entry-added', {
        year: d.year,
        occupation: d.occupationCode,
        certificateType: d.certificateType,
        level: d.level,
        subsidyPerTrainee: d.subsidyPerTrainee,
        minHours: d.minHours,
        effectiveFrom: d.effectiveFrom,
        at: new Date(),
      }),
    ]);
    await audit(tx, writer, {
      action: 'directory.add',
      entityType: 'DirectoryEntry',
      entityKey: `${d.year}/${d.occupationCode}/${d.certificateType}/${d.level}`,
      region: PROVINCE_CODE,
      before: null,
      after: d,
      summary: `admitted ${d.occupationCode} ${d.level} to ${d.year} from ${d.effectiveFrom}, ${d.subsidyPerTrainee} yuan`,
    });
    return entryId;
  });
  if (id === null)
    return {
      ok: false,
      problems: [
        {
          field: 'input',
          rule: 'directory.entry-unique',
          message: 'this occupation, certificate and level is in the edition already: take it out first to change it',
        },
      ],
    };
  return { ok: true, value: (await findRows(em, DirectoryEntry, { id }))[0] };
}

/** Takes an entry out of the directory from a day (its last day in force), with the reason. */
export async function endDirectoryEntry(
  em: EntityManager,
  writer: Writer,
  entryId: number,
  lastDay: string,
  reason: string,
): Promise<DirectoryWriteResult<Row<DirectoryEntry>>> {
  const problems = provinceOnly(writer);
  const [entry] = await findRows(em, DirectoryEntry, { id: entryId });
  if (!entry) problems.push({ field: 'entry', rule: 'directory.entry', message: 'no such entry' });
  else if (entry.effectiveTo)
    problems.push({
      field: 'entry',
      rule: 'directory.entry-ended',
      message: `the entry was taken out on ${entry.effectiveTo}`,
    });
  if (!isIsoDate(lastDay))
    problems.push({ field: 'lastDay', rule: 'directory.date', message: 'must be a YYYY-MM-DD date' });
  else if (entry && lastDay < entry.effectiveFrom)
    problems.push({
      field: 'lastDay',
      rule: 'directory.date',
      message: `before the entry took effect (${entry.effectiveFrom})`,
    });
  if (reason.trim().length < 4)
    problems.push({
      field: 'reason',
      rule: 'directory.reason',
      message: 'the reason, as it will be published, is required (at least 4 characters)',
    });
  if (problems.length || !entry) return { ok: false, problems };
  const endedOn = await em.transactional(async (t) => {
    const tx = t as EntityManager;
    // Under the entry's lock: taken out once.
    await lockRow(tx, DirectoryEntry, entryId);
    const [current] = await findRows(tx, DirectoryEntry, { id: entryId });
    if (current.effectiveTo) return current.effectiveTo;
    await tx.nativeUpdate(DirectoryEntry, { id: entryId }, { effectiveTo: lastDay });
    await queueSearch(tx, 'occupations', entry.occupation);
    await noteChanges(tx, 'DirectoryEntry', entryId);
    await appendToLog(tx, [
      directoryEntryEvent('directory.entry-ended', {
        year: entry.edition,
        occupation: entry.occupation,
        certificateType: entry.certificateType,
        level: entry.level,
        lastDay,
        reason: reason.trim(),
        at: new Date(),
      }),
    ]);
    await audit(tx, writer, {
      action: 'directory.end',
      entityType: 'DirectoryEntry',
      entityKey: `${entry.edition}/${entry.occupation}/${entry.certificateType}/${entry.level}`,
      region: PROVINCE_CODE,
      before: entry,
      after: { ...entry, effectiveTo: lastDay },
      summary: `taken out after ${lastDay}: ${reason.trim()}`,
    });
    return null;
  });
  if (endedOn)
    return {
      ok: false,
      problems: [{ field: 'entry', rule: 'directory.entry-ended', message: `the entry was taken out on ${endedOn}` }],
    };
  return { ok: true, value: (await findRows(em, DirectoryEntry, { id: entryId }))[0] };
}
