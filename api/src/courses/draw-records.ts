/**
 * The draw's inputs as the records show them: who is eligible on the exam date, and the beacon.
 * Approval reads them to draw; `draws:verify` reads them again to confirm a past draw, so both
 * go through these functions.
 */
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { AgencyScope, EvaluationAgency } from '../agencies/agency.entity';
import type { SkillLevel } from '../common/enums';
import { findRows } from '../db/rows';
import { SubsidyNoticeRevision } from '../subsidies/subsidy-notice.entity';
import { eligibleAgencies, type DrawCandidate } from './agency-draw.rules';

/** The agencies eligible for a class on its exam date, from the recorded scopes. */
export async function eligibleOnRecord(
  em: EntityManager,
  c: { occupationCode: string; level: string; examDate: string; trainerInstitutionId: number; exemption: boolean },
): Promise<DrawCandidate[]> {
  const scopes = await findRows(em, AgencyScope, { occupation: c.occupationCode, level: c.level as SkillLevel });
  const agencies = new Map(
    (await findRows(em, EvaluationAgency, { id: { $in: [...new Set(scopes.map((s) => s.agency))] } })).map((a) => [
      a.id,
      a,
    ]),
  );
  return eligibleAgencies(
    scopes.map((s) => ({
      agencyId: s.agency,
      name: agencies.get(s.agency)?.name ?? String(s.agency),
      institutionId: agencies.get(s.agency)?.institution ?? null,
      occupationCode: s.occupation,
      level: s.level,
      recordedFrom: s.recordedFrom,
      recordedUntil: s.recordedUntil ?? null,
    })),
    c,
  );
}

/**
 * The beacon of a draw recorded now (draw-v2): the newest notice revision in publication order —
 * the one written last, by its row id — whatever day it prints. A notice published later can
 * neither change it (ids only grow) nor, dated back, slip in before it. Call it in the draw's
 * transaction after `lockTableAgainstInserts(tx, SubsidyNoticeRevision)`, so that no revision
 * is being written meanwhile and the draw sees the last one. Null when there is none.
 */
export async function newestRevision(em: EntityManager): Promise<{ id: number; sha256: string } | null> {
  const [revision] = await findRows(em, SubsidyNoticeRevision, {}, { id: 'desc' }, 1);
  return revision ? { id: revision.id, sha256: revision.sha256 } : null;
}

/** The revision a draw recorded as its beacon, by row id (null when missing). */
export async function revisionById(em: EntityManager, id: number): Promise<{ id: number; sha256: string } | null> {
  const [revision] = await findRows(em, SubsidyNoticeRevision, { id });
  return revision ? { id: revision.id, sha256: revision.sha256 } : null;
}

/**
 * Whether a revision with this hash was published (by its printed day) before `day`: all that can
 * still be checked of a draw-v1 beacon ("the newest revision published before the day"), which a
 * notice published later but dated earlier changes after the draw.
 */
export async function publishedBefore(em: EntityManager, sha256: string, day: string): Promise<boolean> {
  return (await findRows(em, SubsidyNoticeRevision, { sha256, publishedOn: { $lt: day } }, undefined, 1)).length > 0;
}
