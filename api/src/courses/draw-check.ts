/**
 * Re-runs recorded agency draws: the seed from the published inputs, the choice from the seed,
 * and the inputs themselves from the records (the eligible agencies as recorded on the exam
 * date, the beacon as the newest revision in publication order when the draw was recorded).
 * What `npm run draws:verify` reports.
 */
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { findRows, type Row } from '../db/rows';
import { AgencyDraw } from './agency-draw.entity';
import { drawAgency, drawText, type DrawInputs } from './agency-draw.rules';
import { eligibleOnRecord, publishedBefore, revisionById } from './draw-records';
import { Course } from './course.entity';

/** One thing wrong with a recorded draw. */
export interface DrawProblem {
  classNumber: string;
  rule: string;
  message: string;
}

/**
 * Checks every recorded draw (or one class's).
 * @example const { draws, problems } = await checkDraws(em); // problems.length === 0 when all hold
 */
export async function checkDraws(
  em: EntityManager,
  classNumber?: string,
): Promise<{ draws: number; problems: DrawProblem[] }> {
  const courses = classNumber ? await findRows(em, Course, { classNumber }) : [];
  const draws = await findRows(em, AgencyDraw, classNumber ? { course: { $in: courses.map((c) => c.id) } } : {}, {
    id: 'asc',
  });
  const problems: DrawProblem[] = [];
  // The newest beacon revision of the draws checked so far, in the order they were recorded.
  let newestSoFar = 0;
  if (classNumber && draws.length) {
    const earlier = await findRows(
      em,
      AgencyDraw,
      { id: { $lt: draws[0].id }, beaconRevisionId: { $ne: null } },
      { beaconRevisionId: 'desc' },
      1,
    );
    newestSoFar = earlier[0]?.beaconRevisionId ?? 0;
  }
  for (const d of draws) {
    const [course] = await findRows(em, Course, { id: d.course });
    const bad = (rule: string, message: string) =>
      problems.push({ classNumber: course?.classNumber ?? String(d.course), rule, message });
    let inputs: DrawInputs;
    try {
      inputs = JSON.parse(d.inputsJson) as DrawInputs;
    } catch {
      bad('draw.inputs', 'the recorded inputs are not JSON');
      continue;
    }
    if (drawText(inputs) !== d.inputsJson)
      bad('draw.canonical', 'the recorded inputs are not in canonical form: they were edited');
    const again = inputs.eligible.length ? drawAgency(inputs) : null;
    if (!again || again.seed !== d.seed)
      bad('draw.seed', `SHA-256 of the inputs is ${again?.seed ?? '-'}, the record says ${d.seed}`);
    else if (again.chosen.agencyId !== d.chosenAgency)
      bad('draw.choice', `the seed chooses agency ${again.chosen.agencyId}, the record says ${d.chosenAgency}`);
    if (course && course.assessingAgency !== d.chosenAgency)
      bad(
        'draw.course',
        `the class is assessed by agency ${course.assessingAgency ?? 'none'}, not the one drawn (${d.chosenAgency})`,
      );
    if (
      course &&
      (inputs.classNumber !== course.classNumber ||
        inputs.occupationCode !== course.occupation ||
        inputs.level !== course.level)
    )
      bad('draw.class', 'the inputs do not describe this class');
    // The inputs themselves, from the records: who was eligible on the exam date, and the beacon.
    const eligible = course
      ? await eligibleOnRecord(em, {
          occupationCode: inputs.occupationCode,
          level: inputs.level,
          examDate: inputs.examDate,
          trainerInstitutionId: course.institution,
          exemption: course.soleAgencyExemption,
        })
      : [];
    const ids = (xs: { agencyId: number }[]) => xs.map((x) => x.agencyId).join(',');
    if (ids(eligible) !== ids([...inputs.eligible].sort((a, b) => a.agencyId - b.agencyId)))
      bad(
        'draw.eligible',
        `the records make agencies [${ids(eligible)}] eligible, the draw used [${ids(inputs.eligible)}]`,
      );
    const beaconProblem = await checkBeacon(em, d, inputs, newestSoFar);
    if (beaconProblem) bad('draw.beacon', beaconProblem);
    newestSoFar = Math.max(newestSoFar, d.beaconRevisionId ?? 0);
  }
  return { draws: draws.length, problems };
}

/**
 * What is wrong with a draw's beacon, or null. draw-v2: the recorded revision carries the hash
 * the inputs name, and it is no older than the beacon of any draw recorded before (draws and
 * revisions are written in turn: a draw sees every revision an earlier draw saw). draw-v1 (the
 * newest revision by printed date before the day) is not re-derivable once a notice dated back
 * is published, so only its hash's revision is checked to have been published before the day.
 */
async function checkBeacon(
  em: EntityManager,
  d: Row<AgencyDraw>,
  inputs: DrawInputs,
  newestSoFar: number,
): Promise<string | null> {
  if (inputs.rule === 'draw-v1') {
    if (inputs.beacon === null || (await publishedBefore(em, inputs.beacon, inputs.drawnOn))) return null;
    return `no revision published before ${inputs.drawnOn} has hash ${inputs.beacon}`;
  }
  if (d.beaconRevisionId == null) {
    if (inputs.beacon !== null) return `the draw used hash ${inputs.beacon} but records no beacon revision`;
    return newestSoFar > 0 ? `the draw records no beacon, but an earlier draw saw revision ${newestSoFar}` : null;
  }
  const revision = await revisionById(em, d.beaconRevisionId);
  if (!revision || revision.sha256 !== inputs.beacon)
    return `the recorded beacon revision ${d.beaconRevisionId} has hash ${revision?.sha256 ?? 'none'}, the draw used ${inputs.beacon ?? 'none'}`;
  if (d.beaconRevisionId < newestSoFar)
    return `the beacon is revision ${d.beaconRevisionId}, older than revision ${newestSoFar} an earlier draw already saw: it was not the newest when the draw was recorded`;
  return null;
}
