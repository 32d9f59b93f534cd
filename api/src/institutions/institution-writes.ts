/**
 * Writes of institutions: registering, changing the record, blacklisting and lifting it,
 * revoking the licence. Each checks the writer's scope (the institution's region) and the rules,
 * reports every problem at once and writes nothing then; otherwise it writes in one transaction
 * with its audit entry and the search updates. A change of standing also refreshes the stored
 * red flags of the institution's notices (a class run while blacklisted is flagged).
 */
import { appendToLog } from '../db/log-store';
import { standingEvent } from '../log/log-entries';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { audit } from '../audit/audit';
import type { WriteProblem } from '../common/write-problem';
import { Course } from '../courses/course.entity';
import { createLoaders } from '../db/loaders';
import { ReferenceData } from '../db/reference';
import { findRows, type Row } from '../db/rows';
import { Occupation } from '../occupations/occupation.entity';
import { canWrite, levelOf } from '../publishers/publisher.rules';
import type { Writer } from '../publishers/writer';
import { Region } from '../regions/region.entity';
import { queueSearch } from '../search/search-outbox.entity';
import { storeNoticeFlags } from '../subsidies/notice-flags';
import { validatePhone } from '../common/phone';
import { textProblems } from '../db/column-lengths';
import { lockRow } from '../db/row-lock';
import { Blacklisting } from './blacklisting.entity';
import { Institution } from './institution.entity';
import {
  blacklistPeriod,
  checkBlacklisting,
  checkInstitutionDraft,
  checkLicenceRevocation,
  checkLift,
  type InstitutionDraft,
  type StandingFacts,
} from './institution.rules';

export type InstitutionWriteResult =
  | { ok: true; institution: Row<Institution> }
  | { ok: false; problems: WriteProblem[] };

/** The phone as stored: normalised (the draft was checked); undefined stays undefined (unchanged). */
const storedPhone = (phone: string | null | undefined): string | null | undefined => {
  if (phone == null) return phone;
  const p = validatePhone(phone);
  return p.valid ? p.normalized : phone;
};

const standingOf = (i: Row<Institution>): StandingFacts => ({
  blacklistedFrom: i.blacklistedFrom ?? null,
  blacklistedUntil: i.blacklistedUntil ?? null,
  licenceRevokedOn: i.licenceRevokedOn ?? null,
});

/** The record as the audit trail hashes it. */
function auditState(i: Row<Institution>, scope: readonly string[]) {
  return {
    name: i.name,
    type: i.type,
    creditCode: i.creditCode ?? null,
    licenceNumber: i.licenceNumber ?? null,
    region: i.region,
    address: i.address ?? null,
    phone: i.phone ?? null,
    ownerCompany: i.ownerCompany ?? null,
    scope: [...scope].sort(),
    blacklistedFrom: i.blacklistedFrom ?? null,
    blacklistedUntil: i.blacklistedUntil ?? null,
    blacklistReason: i.blacklistReason ?? null,
    blacklistDocument: i.blacklistDocument ?? null,
    blacklistLiftedOn: i.blacklistLiftedOn ?? null,
    licenceRevokedOn: i.licenceRevokedOn ?? null,
  };
}

async function scopeOf(em: EntityManager, id: number): Promise<string[]> {
  const rows = (await em
    .getConnection()
    .execute(
      'select occupation_code from institution_scope where institution_id = ?',
      [id],
      'all',
      em.getTransactionContext(),
    )) as { occupation_code: string }[];
  return rows.map((r) => r.occupation_code);
}

const creditCodeTaken = (code: string | null): WriteProblem => ({
  field: 'creditCode',
  rule: 'institution.credit-code-unique',
  message: `another institution is registered with ${code}`,
});

/** Checks a draft against the catalogue: region, credit code unique, occupations known. */
async function draftProblems(
  em: EntityManager,
  writer: Writer,
  d: InstitutionDraft,
  self: number | null,
): Promise<WriteProblem[]> {
  const [region] = await findRows(em, Region, { code: d.region });
  const taken = d.creditCode
    ? (await findRows(em, Institution, { creditCode: d.creditCode })).some((i) => i.id !== self)
    : false;
  const known = new Set((await findRows(em, Occupation, { code: { $in: [...d.scope] } })).map((o) => o.code));
  const problems: WriteProblem[] = checkInstitutionDraft(d, {
    regionLevel: region ? levelOf(region.code) : null,
    creditCodeTaken: taken,
    unknownOccupations: d.scope.filter((c) => !known.has(c)),
  });
  problems.push(...textProblems(em, Institution, { ownerCompany: ['ownerCompany', d.ownerCompany] }));
  if (region) {
    const scope = canWrite(writer, d.region);
    if (!scope.allowed) problems.push({ field: 'region', rule: 'scope.region', message: scope.messageEn });
  }
  return problems;
}

/** Search documents that show the institution: its own and its classes'. */
async function queueInstitutionSearch(tx: EntityManager, institutionId: number): Promise<void> {
  const courses = await findRows(tx, Course, { institution: institutionId });
  await queueSearch(tx, 'institutions', institutionId);
  await queueSearch(
    tx,
    'courses',
    courses.map((c) => c.id),
  );
}

/** After a change of standing: the institution's notices' stored flags follow. */
async function refreshFlags(tx: EntityManager, institutionId: number, today: string): Promise<void> {
  const ids = (
    (await tx
      .getConnection()
      .execute(
        'select n.id from subsidy_notice n join course c on c.id = n.course_id where c.institution_id = ?',
        [institutionId],
        'all',
        tx.getTransactionContext(),
      )) as { id: number }[]
  ).map((r) => Number(r.id));
  if (ids.length)
    await storeNoticeFlags({ em: tx, today, loaders: createLoaders(tx), reference: await ReferenceData.load(tx) }, ids);
}

/**
 * Registers an institution.
 * @example await createInstitution(em, writer, draft, today);
 */
export async function createInstitution(
  em: EntityManager,
  writer: Writer,
  d: InstitutionDraft,
): Promise<InstitutionWriteResult> {
  const problems = await draftProblems(em, writer, d, null);
  if (problems.length) return { ok: false, problems };
  let id: number;
  try {
    id = await em.transactional(async (t) => {
      const tx = t as EntityManager;
      const fields = {
        name: d.name.trim(),
        type: d.type,
        creditCode: d.creditCode,
        licenceNumber: d.licenceNumber,
        region: d.region,
        address: d.address,
        phone: storedPhone(d.phone) ?? null,
        ownerCompany: d.ownerCompany,
        isDemo: false,
        source: `${writer.name}（经本目录 API 录入）`,
      };
      const row = { id: Number(await tx.insert(Institution, fields)), ...fields };
      if (d.scope.length)
        await tx.getConnection().execute(
          `insert into institution_scope (institution_id, occupation_code) values ${d.scope.map(() => '(?, ?)').join(', ')}`,
          d.scope.flatMap((c) => [row.id, c]),
          'run',
          tx.getTransactionContext(),
        );
      await queueInstitutionSearch(tx, row.id);
      await audit(tx, writer, {
        action: 'institution.create',
        entityType: 'Institution',
        entityKey: d.creditCode ?? d.name,
        region: d.region,
        before: null,
        after: auditState(row as Row<Institution>, d.scope),
        summary: `registered ${d.name}`,
      });
      return row.id;
    });
  } catch (e) {
    // The same credit code registered twice at once: the unique key lets one in.
    if (e instanceof UniqueConstraintViolationException)
      return { ok: false, problems: [creditCodeTaken(d.creditCode)] };
    throw e;
  }
  return { ok: true, institution: (await findRows(em, Institution, { id }))[0] };
}

/** Loads an institution and checks the writer may touch it. */
async function institutionFor(
  em: EntityManager,
  writer: Writer,
  id: number,
): Promise<{ institution: Row<Institution> } | { problems: WriteProblem[] }> {
  const [institution] = await findRows(em, Institution, { id });
  if (!institution)
    return { problems: [{ field: 'institution', rule: 'institution.exists', message: 'no such institution' }] };
  const scope = canWrite(writer, institution.region);
  if (!scope.allowed) return { problems: [{ field: 'institution', rule: 'scope.region', message: scope.messageEn }] };
  return { institution };
}

/** Changes an institution's record (name, licence, address, phone, company, scope; not its standing). A draft without `phone` (undefined) leaves the phone as it is. */
export async function updateInstitution(
  em: EntityManager,
  writer: Writer,
  id: number,
  d: InstitutionDraft,
): Promise<InstitutionWriteResult> {
  const found = await institutionFor(em, writer, id);
  if ('problems' in found) return { ok: false, problems: found.problems };
  const problems = await draftProblems(em, writer, d, id);
  if (problems.length) return { ok: false, problems };
  try {
    await em.transactional(async (t) => {
      const tx = t as EntityManager;
      // Under the row's lock: the audit entry's "before" is the record this change replaces.
      await lockRow(tx, Institution, id);
      const [before] = await findRows(tx, Institution, { id });
      const oldScope = await scopeOf(tx, id);
      await tx.nativeUpdate(
        Institution,
        { id },
        {
          name: d.name.trim(),
          type: d.type,
          creditCode: d.creditCode,
          licenceNumber: d.licenceNumber,
          region: d.region,
          address: d.address,
          ownerCompany: d.ownerCompany,
          ...(d.phone !== undefined ? { phone: storedPhone(d.phone) } : {}),
        },
      );
      await tx
        .getConnection()
        .execute('delete from institution_scope where institution_id = ?', [id], 'run', tx.getTransactionContext());
      if (d.scope.length)
        await tx.getConnection().execute(
          `insert into institution_scope (institution_id, occupation_code) values ${d.scope.map(() => '(?, ?)').join(', ')}`,
          d.scope.flatMap((c) => [id, c]),
          'run',
          tx.getTransactionContext(),
        );
      await queueInstitutionSearch(tx, id);
      const [after] = await findRows(tx, Institution, { id });
      await audit(tx, writer, {
        action: 'institution.update',
        entityType: 'Institution',
        entityKey: before.creditCode ?? before.name,
        region: d.region,
        before: auditState(before, oldScope),
        after: auditState(after, d.scope),
        summary: `record of ${d.name} changed`,
      });
    });
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException)
      return { ok: false, problems: [creditCodeTaken(d.creditCode)] };
    throw e;
  }
  return { ok: true, institution: (await findRows(em, Institution, { id }))[0] };
}

/** A change of standing: blacklisting, lifting it, or revoking the licence. */
export type StandingChange =
  | { kind: 'blacklist'; from: string; document: string; reason: string }
  | { kind: 'lift'; on: string; document: string; reason: string }
  | { kind: 'revoke'; on: string; document: string; reason: string };

/** The columns a standing change writes, with the input field each comes from. */
function standingTexts(em: EntityManager, c: StandingChange): WriteProblem[] {
  if (c.kind === 'blacklist')
    return textProblems(em, Blacklisting, { document: ['document', c.document], reason: ['reason', c.reason] });
  if (c.kind === 'lift')
    return textProblems(em, Blacklisting, { liftDocument: ['document', c.document], liftReason: ['reason', c.reason] });
  return textProblems(em, Institution, {
    licenceRevocationDocument: ['document', c.document],
    licenceRevocationReason: ['reason', c.reason],
  });
}

/** The problems with a standing change, given the institution and its decisions as they stand under lock. */
function standingProblems(
  before: Row<Institution>,
  recorded: readonly Row<Blacklisting>[],
  c: StandingChange,
  today: string,
): WriteProblem[] {
  const current = standingOf(before);
  if (c.kind === 'blacklist') {
    const periods = recorded.map((r) => ({ from: r.from, until: r.until, document: r.document ?? null }));
    // A decision kept only on the institution's columns (written outside this module) counts too.
    if (before.blacklistedFrom && !recorded.some((r) => r.from === before.blacklistedFrom)) {
      periods.push({
        from: before.blacklistedFrom,
        until: before.blacklistedUntil ?? blacklistPeriod(before.blacklistedFrom).until,
        document: before.blacklistDocument ?? null,
      });
    }
    return checkBlacklisting(current, c, today, periods);
  }
  return c.kind === 'lift' ? checkLift(current, c) : checkLicenceRevocation(current, c, today);
}

/**
 * Writes a standing change's decision: a blacklisting is a new row of its own (never a rewrite
 * of an earlier one), repeated on the institution only when it is the latest; a lift completes
 * the row of the blacklisting it ends. Returns the patch for the institution's columns.
 */
async function recordDecision(
  tx: EntityManager,
  before: Row<Institution>,
  c: StandingChange,
): Promise<Partial<Row<Institution>>> {
  if (c.kind === 'blacklist') {
    const until = blacklistPeriod(c.from).until;
    await tx.insert(Blacklisting, {
      institution: before.id,
      from: c.from,
      until,
      reason: c.reason.trim(),
      document: c.document.trim(),
      liftedOn: null,
      liftDocument: null,
      liftReason: null,
      recordedAt: new Date(),
    });
    // An earlier decision recorded late stays on record in its row; the institution shows the latest.
    if (before.blacklistedFrom && c.from < before.blacklistedFrom) return {};
    return {
      blacklistedFrom: c.from,
      blacklistedUntil: until,
      blacklistReason: c.reason.trim(),
      blacklistDocument: c.document.trim(),
      blacklistLiftedOn: null,
      blacklistLiftDocument: null,
      blacklistLiftReason: null,
    };
  }
  if (c.kind === 'lift') {
    await tx.nativeUpdate(
      Blacklisting,
      { institution: before.id, from: before.blacklistedFrom! },
      { until: c.on, liftedOn: c.on, liftDocument: c.document.trim(), liftReason: c.reason.trim() },
    );
    return {
      blacklistedUntil: c.on,
      blacklistLiftedOn: c.on,
      blacklistLiftDocument: c.document.trim(),
      blacklistLiftReason: c.reason.trim(),
    };
  }
  return {
    licenceRevokedOn: c.on,
    licenceRevocationDocument: c.document.trim(),
    licenceRevocationReason: c.reason.trim(),
  };
}

/** The disclosure log's entry of a standing decision. */
function decisionEvent(before: Row<Institution>, c: StandingChange) {
  const ref = { institution: before.creditCode ?? before.name, name: before.name, region: before.region };
  const decision = { document: c.document.trim(), reason: c.reason.trim(), at: new Date() };
  if (c.kind === 'blacklist')
    return standingEvent('institution.blacklisted', ref, {
      from: c.from,
      until: blacklistPeriod(c.from).until,
      ...decision,
    });
  if (c.kind === 'lift')
    return standingEvent('institution.blacklisting-lifted', ref, {
      from: before.blacklistedFrom ?? undefined,
      on: c.on,
      ...decision,
    });
  return standingEvent('institution.licence-revocation', ref, { on: c.on, ...decision });
}

/**
 * Blacklists (three years from `from`, 8号 四(三)), lifts a blacklisting early, or revokes the
 * licence (50号 (十九)); the institution's classes and notices follow. The checks run in the
 * write's transaction on the institution's locked row and its decisions on record, so the same
 * decision sent twice at once is recorded once and the other is refused with its rule
 * (`institution.blacklist-overlap`, `institution.licence-revoked`, …).
 * @example await changeStanding(em, writer, id, { kind: 'blacklist', from: '2026-11-20', document: '昆人社发〔2026〕12号', reason: '虚报培训人数' }, today);
 */
export async function changeStanding(
  em: EntityManager,
  writer: Writer,
  id: number,
  c: StandingChange,
  today: string,
): Promise<InstitutionWriteResult> {
  const found = await institutionFor(em, writer, id);
  if ('problems' in found) return { ok: false, problems: found.problems };
  const tooLong = standingTexts(em, c);
  if (tooLong.length) return { ok: false, problems: tooLong };
  const scope = await scopeOf(em, id);
  const problems = await em.transactional(async (t) => {
    const tx = t as EntityManager;
    await lockRow(tx, Institution, id);
    const [before] = await findRows(tx, Institution, { id });
    const refused = standingProblems(
      before,
      await findRows(tx, Blacklisting, { institution: id }, { from: 'asc' }),
      c,
      today,
    );
    if (refused.length) return refused;
    const patch = await recordDecision(tx, before, c);
    if (Object.keys(patch).length) await tx.nativeUpdate(Institution, { id }, patch);
    await appendToLog(tx, [decisionEvent(before, c)]);
    await queueInstitutionSearch(tx, id);
    await refreshFlags(tx, id, today);
    const [after] = await findRows(tx, Institution, { id });
    const summary =
      c.kind === 'blacklist'
        ? `blacklisted from ${c.from} until ${blacklistPeriod(c.from).until} (${c.document.trim()}): ${c.reason.trim()}`
        : c.kind === 'lift'
          ? `blacklisting lifted on ${c.on} (${c.document.trim()}): ${c.reason.trim()}`
          : `licence revoked on ${c.on} (${c.document.trim()}): ${c.reason.trim()}`;
    await audit(tx, writer, {
      action: `institution.${c.kind}`,
      entityType: 'Institution',
      entityKey: before.creditCode ?? before.name,
      region: before.region,
      before: auditState(before, scope),
      after: auditState(after, scope),
      summary,
    });
    return [];
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, institution: (await findRows(em, Institution, { id }))[0] };
}
