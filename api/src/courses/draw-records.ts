/**
 * The draw's inputs as the records show them: who is eligible on the exam date, and the beacon.
 * Approval reads them to draw; `draws:verify` reads them again to confirm a past draw, so both
 * go through these two functions.
 */
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { AgencyScope, EvaluationAgency } from '../agencies/agency.entity';
import type { SkillLevel } from '../common/enums';
import { findRows } from '../graphql/rows';
import { SubsidyNoticeRevision } from '../subsidies/subsidy-notice.entity';
import { eligibleAgencies, type DrawCandidate } from './agency-draw.rules';

/** The agencies eligible for a class on its exam date, from the recorded scopes. */
export async function eligibleOnRecord(
  em: EntityManager,
  c: { occupationCode: string; level: string; examDate: string; trainerInstitutionId: number; exemption: boolean },
): Promise<DrawCandidate[]> {
  const scopes = await findRows(em, AgencyScope, { occupation: c.occupationCode, level: c.level as SkillLevel });
  const agencies = new Map((await findRows(em, EvaluationAgency, { id: { $in: [...new Set(scopes.map((s) => s.agency))] } })).map((a) => [a.id, a]));
  return eligibleAgencies(scopes.map((s) => ({
    agencyId: s.agency, name: agencies.get(s.agency)?.name ?? String(s.agency), institutionId: agencies.get(s.agency)?.institution ?? null,
    occupationCode: s.occupation, level: s.level, recordedFrom: s.recordedFrom, recordedUntil: s.recordedUntil ?? null,
  })), c);
}

/** The beacon of a draw on `day`: SHA-256 of the newest notice revision published before it (null when none). */
export async function beaconBefore(em: EntityManager, day: string): Promise<string | null> {
  const [revision] = await findRows(em, SubsidyNoticeRevision, { publishedOn: { $lt: day } }, { publishedOn: 'desc', id: 'desc' }, 1);
  return revision?.sha256 ?? null;
}
