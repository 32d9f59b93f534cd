import { EvaluationAgency } from '../agencies/agency.entity';
import { DirectoryEntry } from '../directory/directory.entity';
import type { Loaders } from '../db/loaders';
import type { ReferenceData } from '../db/reference';
import type { Row } from '../db/rows';
import { Institution } from '../institutions/institution.entity';
import type { Course } from './course.entity';
import type { CourseFacts } from './course.rules';

/**
 * Gathers the plain facts the course rules need; every load is batched across a page.
 * @example checkCourse(await courseFacts(row, { loaders: createLoaders(em), reference }), today)
 */
export async function courseFacts(
  c: Row<Course>,
  ctx: { loaders: Loaders; reference: ReferenceData },
): Promise<CourseFacts> {
  const { loaders } = ctx;
  const [institution, agency, occupation, entry, agenciesInProvince] = await Promise.all([
    loaders
      .byKey(Institution)
      .load(c.institution)
      .then((i) => i!),
    c.assessingAgency != null ? loaders.byKey(EvaluationAgency).load(c.assessingAgency) : null,
    ctx.reference.occupation(c.occupation)!,
    c.directoryEntry != null ? loaders.byKey(DirectoryEntry).load(c.directoryEntry) : null,
    loaders.agenciesInProvince().load(`${c.occupation}|${c.level}|${c.startDate}`),
  ]);
  return {
    startDate: c.startDate,
    endDate: c.endDate,
    certificateType: c.certificateType,
    level: c.level,
    category: c.category,
    mode: c.mode,
    totalHours: c.totalHours,
    hoursPerDay: c.hoursPerDay,
    capacity: c.capacity,
    enrolled: c.enrolled,
    subsidised: c.subsidyPerTrainee > 0,
    theoryTeacherRef: c.theoryTeacherRef ?? null,
    practicalTeacherRef: c.practicalTeacherRef ?? null,
    enrolment: c.enrolment,
    institution: {
      id: institution.id,
      type: institution.type,
      blacklistedFrom: institution.blacklistedFrom ?? null,
      blacklistedUntil: institution.blacklistedUntil ?? null,
      licenceRevokedOn: institution.licenceRevokedOn ?? null,
    },
    assessingAgency: agency ? { id: agency.id, institutionId: agency.institution ?? null } : null,
    soleAgencyExemption: c.soleAgencyExemption,
    // Unknown counts as absent: admission needs a standard that is known to exist.
    occupation: { hasNationalStandard: occupation.hasNationalStandard === true, agenciesInProvince },
    inDirectory: Boolean(
      entry &&
        entry.effectiveFrom <= c.startDate &&
        (!entry.effectiveTo || entry.effectiveTo >= c.startDate) &&
        entry.occupation === c.occupation &&
        entry.level === c.level &&
        entry.certificateType === c.certificateType,
    ),
  };
}
