/**
 * Re-runs recorded agency draws: the seed from the published inputs, the choice from the seed,
 * and the inputs themselves from the records (the eligible agencies as recorded on the exam
 * date, the beacon as published before the draw). What `npm run draws:verify` reports.
 */
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { findRows } from '../graphql/rows';
import { AgencyDraw } from './agency-draw.entity';
import { drawAgency, drawText, type DrawInputs } from './agency-draw.rules';
import { beaconBefore, eligibleOnRecord } from './draw-records';
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
export async function checkDraws(em: EntityManager, classNumber?: string): Promise<{ draws: number; problems: DrawProblem[] }> {
  const courses = classNumber ? await findRows(em, Course, { classNumber }) : [];
  const draws = await findRows(em, AgencyDraw, classNumber ? { course: { $in: courses.map((c) => c.id) } } : {}, { id: 'asc' });
  const problems: DrawProblem[] = [];
  for (const d of draws) {
    const [course] = await findRows(em, Course, { id: d.course });
    const bad = (rule: string, message: string) => problems.push({ classNumber: course?.classNumber ?? String(d.course), rule, message });
    let inputs: DrawInputs;
    try {
      inputs = JSON.parse(d.inputsJson) as DrawInputs;
    } catch {
      bad('draw.inputs', 'the recorded inputs are not JSON');
      continue;
    }
    if (drawText(inputs) !== d.inputsJson) bad('draw.canonical', 'the recorded inputs are not in canonical form: they were edited');
    const again = inputs.eligible.length ? drawAgency(inputs) : null;
    if (!again || again.seed !== d.seed) bad('draw.seed', `SHA-256 of the inputs is ${again?.seed ?? '-'}, the record says ${d.seed}`);
    else if (again.chosen.agencyId !== d.chosenAgency) bad('draw.choice', `the seed chooses agency ${again.chosen.agencyId}, the record says ${d.chosenAgency}`);
    if (course && course.assessingAgency !== d.chosenAgency) bad('draw.course', `the class is assessed by agency ${course.assessingAgency ?? 'none'}, not the one drawn (${d.chosenAgency})`);
    if (course && (inputs.classNumber !== course.classNumber || inputs.occupationCode !== course.occupation || inputs.level !== course.level)) bad('draw.class', 'the inputs do not describe this class');
    // The inputs themselves, from the records: who was eligible on the exam date, and the beacon.
    const eligible = course ? await eligibleOnRecord(em, { occupationCode: inputs.occupationCode, level: inputs.level, examDate: inputs.examDate, trainerInstitutionId: course.institution, exemption: course.soleAgencyExemption }) : [];
    const ids = (xs: { agencyId: number }[]) => xs.map((x) => x.agencyId).join(',');
    if (ids(eligible) !== ids([...inputs.eligible].sort((a, b) => a.agencyId - b.agencyId))) bad('draw.eligible', `the records make agencies [${ids(eligible)}] eligible, the draw used [${ids(inputs.eligible)}]`);
    const beacon = await beaconBefore(em, inputs.drawnOn);
    if (beacon !== inputs.beacon) bad('draw.beacon', `the newest revision published before ${inputs.drawnOn} has hash ${beacon ?? 'none'}, the draw used ${inputs.beacon ?? 'none'}`);
  }
  return { draws: draws.length, problems };
}
