/**
 * Writes of classes: approval (with the verifiable draw of the assessing agency), changes and
 * cancellation. Approval runs the year's course rules (course.rules `checkCourse`) on the class
 * as it would stand, with the drawn agency, and reports every failing rule with its clause;
 * nothing is written then. Otherwise the class, its draw, the audit entry and the search update
 * are written in one transaction.
 */
import { appendToLog } from '../db/log-store';
import { agencyDrawEvent } from '../log/log-entries';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { audit } from '../audit/audit';
import { isIsoDate } from '../common/dates';
import { CertificateType, CourseCategory, CourseMode, Enrolment, SkillLevel, type TargetGroup } from '../common/enums';
import { citation } from '../common/rule-check';
import type { WriteProblem } from '../common/write-problem';
import { DirectoryEntry } from '../directory/directory.entity';
import type { Context } from '../context';
import { createLoaders } from '../db/loaders';
import { findRows, type Row } from '../db/rows';
import { Institution } from '../institutions/institution.entity';
import { canWrite, levelOf } from '../publishers/publisher.rules';
import type { Writer } from '../publishers/writer';
import { Region } from '../regions/region.entity';
import { queueSearch } from '../search/search-outbox.entity';
import { AgencyDraw } from './agency-draw.entity';
import { drawAgency, DRAW_CLAUSE, DRAW_RULE_VERSION, drawText, type DrawInputs } from './agency-draw.rules';
import { eligibleOnRecord, newestRevision } from './draw-records';
import { textProblems } from '../db/column-lengths';
import { lockRow, lockTableAgainstInserts } from '../db/row-lock';
import { SubsidyNoticeRevision } from '../subsidies/subsidy-notice.entity';
import { Course, targetGroupsToText } from './course.entity';
import { courseFacts } from './course-facts';
import { checkCourse } from './course.rules';

/** A class as a bureau approves it. */
export interface CourseDraft {
  classNumber: string;
  title: string;
  institution: number;
  projectUnit: number | null;
  occupationCode: string;
  certificateType: CertificateType;
  level: SkillLevel;
  category: CourseCategory;
  county: string;
  address: string | null;
  mode: CourseMode;
  platform: number | null;
  startDate: string;
  endDate: string;
  /** Day of assessment: the agency is drawn among those recorded on it. Default: the end date. */
  examDate: string | null;
  /** Last day to enrol; null or absent: the day before the start (course-status.rules). */
  enrolmentCloses?: string | null;
  hoursPerDay: number;
  totalHours: number;
  capacity: number;
  enrolled: number;
  feeYuan: number;
  subsidyPerTrainee: number;
  targetGroups: readonly TargetGroup[];
  programmeKey: string;
  theoryTeacherRef: string | null;
  practicalTeacherRef: string | null;
  textbook: string | null;
  soleAgencyExemption: boolean;
  acceptsVouchers: boolean;
  enrolment: Enrolment;
}

export type CourseWriteResult = { ok: true; course: Row<Course> } | { ok: false; problems: WriteProblem[] };

type WriteContext = Pick<Context, 'em' | 'today' | 'reference'>;

/** The directory entry the class's subsidy falls under: the one in force on its start date. */
async function directoryEntryFor(
  em: EntityManager,
  d: Pick<CourseDraft, 'occupationCode' | 'level' | 'certificateType' | 'startDate'>,
): Promise<Row<DirectoryEntry> | null> {
  const entries = (
    await findRows(
      em,
      DirectoryEntry,
      { occupation: d.occupationCode, level: d.level, certificateType: d.certificateType },
      { effectiveFrom: 'desc', id: 'desc' },
    )
  ).filter((e) => e.effectiveFrom <= d.startDate && (!e.effectiveTo || e.effectiveTo >= d.startDate));
  return entries[0] ?? null;
}

/**
 * The inputs of the draw as they stand now, with the beacon revision's row id. Read inside the
 * draw's transaction after locking the revisions against inserts: the newest revision stays the
 * newest until the draw is recorded.
 */
async function drawInputsFor(
  em: EntityManager,
  d: CourseDraft,
  drawnOn: string,
): Promise<{ inputs: DrawInputs; beaconRevisionId: number | null }> {
  const examDate = d.examDate ?? d.endDate;
  const eligible = await eligibleOnRecord(em, {
    occupationCode: d.occupationCode,
    level: d.level,
    examDate,
    trainerInstitutionId: d.institution,
    exemption: d.soleAgencyExemption,
  });
  const beacon = await newestRevision(em);
  return {
    inputs: {
      rule: DRAW_RULE_VERSION,
      classNumber: d.classNumber,
      occupationCode: d.occupationCode,
      level: d.level,
      examDate,
      drawnOn,
      beacon: beacon?.sha256 ?? null,
      eligible,
    },
    beaconRevisionId: beacon?.id ?? null,
  };
}

const classNumberTaken = (classNumber: string): WriteProblem => ({
  field: 'classNumber',
  rule: 'course.class-number-unique',
  message: `a class numbered ${classNumber} exists already`,
});

/** Input checks that come before the rules: references exist, dates and numbers make sense. */
async function draftProblems(
  ctx: WriteContext,
  writer: Writer,
  d: CourseDraft,
  self: number | null,
): Promise<WriteProblem[]> {
  const { em } = ctx;
  const out: WriteProblem[] = [];
  const bad = (field: string, rule: string, message: string) => out.push({ field, rule, message });
  if (!/^[A-Za-z0-9-]{4,32}$/.test(d.classNumber))
    bad('classNumber', 'course.class-number', '4–32 letters, digits and dashes, e.g. KB2026-530102-00001');
  else if ((await findRows(em, Course, { classNumber: d.classNumber })).some((c) => c.id !== self))
    bad('classNumber', 'course.class-number-unique', `a class numbered ${d.classNumber} exists already`);
  if (d.title.trim().length < 2 || d.title.length > 160)
    bad('title', 'course.title', 'a title of 2–160 characters is required');
  out.push(
    ...textProblems(em, Course, {
      address: ['address', d.address],
      theoryTeacherRef: ['theoryTeacherRef', d.theoryTeacherRef],
      practicalTeacherRef: ['practicalTeacherRef', d.practicalTeacherRef],
      textbook: ['textbook', d.textbook],
    }),
  );
  const [institution] = await findRows(em, Institution, { id: d.institution });
  if (!institution) bad('institution', 'course.institution', 'no such institution');
  if (d.projectUnit !== null && !(await findRows(em, Institution, { id: d.projectUnit })).length)
    bad('projectUnit', 'course.project-unit', 'no such project unit');
  const [county] = await findRows(em, Region, { code: d.county });
  if (!county || levelOf(county.code) !== 'COUNTY')
    bad('county', 'course.county', 'the county-level region where the class is held, e.g. 530102');
  else {
    const scope = canWrite(writer, d.county);
    if (!scope.allowed) bad('county', 'scope.region', scope.messageEn);
  }
  if (!ctx.reference.occupation(d.occupationCode))
    bad('occupationCode', 'course.occupation', 'not an occupation code of the 2022 classification');
  else if (
    institution &&
    !(
      await em
        .getConnection()
        .execute(
          'select 1 from institution_scope where institution_id = ? and occupation_code = ?',
          [institution.id, d.occupationCode],
          'all',
          em.getTransactionContext(),
        )
    ).length
  ) {
    bad('occupationCode', 'institution.scope', `${institution.name} is not approved to train ${d.occupationCode}`);
  }
  if (!ctx.reference.programmeByKey(d.programmeKey))
    bad('programme', 'course.programme', `"${d.programmeKey}" is not a programme key (see the programmes query)`);
  if (d.mode !== CourseMode.OFFLINE && (d.platform === null || !ctx.reference.platform(d.platform)))
    bad('platform', 'course.platform', 'an online or mixed class names one of the recommended platforms');
  for (const [field, v] of [
    ['startDate', d.startDate],
    ['endDate', d.endDate],
    ...(d.examDate ? [['examDate', d.examDate]] : []),
  ] as [string, string][]) {
    if (!isIsoDate(v)) bad(field, 'course.date', 'must be a YYYY-MM-DD date');
  }
  if (isIsoDate(d.startDate) && isIsoDate(d.endDate) && d.endDate < d.startDate)
    bad('endDate', 'course.dates', 'the class cannot end before it starts');
  if (d.examDate && isIsoDate(d.examDate) && d.examDate < d.endDate)
    bad('examDate', 'course.exam-date', 'the assessment follows the training');
  if (
    d.enrolmentCloses != null &&
    (!isIsoDate(d.enrolmentCloses) || (isIsoDate(d.startDate) && d.enrolmentCloses >= d.startDate))
  ) {
    bad('enrolmentCloses', 'course.enrolment-closes', 'a YYYY-MM-DD date before the first day of class');
  }
  if (!(d.hoursPerDay > 0) || !Number.isInteger(d.totalHours) || d.totalHours <= 0)
    bad('totalHours', 'course.hours', 'class hours must be positive');
  if (!Number.isInteger(d.capacity) || d.capacity <= 0)
    bad('capacity', 'course.capacity', 'a positive number of places');
  if (!Number.isInteger(d.enrolled) || d.enrolled < 0 || d.enrolled > d.capacity)
    bad('enrolled', 'course.enrolled', 'from 0 to the number of places');
  if (!Number.isInteger(d.feeYuan) || d.feeYuan < 0) bad('feeYuan', 'course.fee', 'whole 元, 0 or more');
  if (!Number.isInteger(d.subsidyPerTrainee) || d.subsidyPerTrainee < 0)
    bad('subsidyPerTrainee', 'course.subsidy', 'whole 元, 0 or more');
  return out;
}

/** The class as a row, for the rules (relations by id). */
function rowOf(
  d: CourseDraft,
  extra: { id: number; directoryEntry: number | null; assessingAgency: number | null; programme: number },
): Row<Course> {
  return {
    id: extra.id,
    classNumber: d.classNumber,
    title: d.title.trim(),
    institution: d.institution,
    projectUnit: d.projectUnit,
    directoryEntry: extra.directoryEntry,
    occupation: d.occupationCode,
    certificateType: d.certificateType,
    level: d.level,
    category: d.category,
    county: d.county,
    address: d.address,
    mode: d.mode,
    platform: d.platform,
    startDate: d.startDate,
    endDate: d.endDate,
    hoursPerDay: d.hoursPerDay,
    totalHours: d.totalHours,
    capacity: d.capacity,
    enrolled: d.enrolled,
    feeYuan: d.feeYuan,
    subsidyPerTrainee: d.subsidyPerTrainee,
    targetGroupsText: targetGroupsToText(d.targetGroups),
    programme: extra.programme,
    theoryTeacherRef: d.theoryTeacherRef,
    practicalTeacherRef: d.practicalTeacherRef,
    textbook: d.textbook,
    assessingAgency: extra.assessingAgency,
    soleAgencyExemption: d.soleAgencyExemption,
    acceptsVouchers: d.acceptsVouchers,
    enrolment: d.enrolment,
    cancelledOn: null,
    cancelReason: null,
    isDemo: false,
    enrolmentCloses: d.enrolmentCloses ?? null,
  } as unknown as Row<Course>;
}

/** The year's rules on the class as it would stand: failing checks become problems with their clauses. */
async function ruleProblems(
  ctx: WriteContext,
  row: Row<Course>,
  entry: Row<DirectoryEntry> | null,
): Promise<WriteProblem[]> {
  const facts = await courseFacts(row, { loaders: createLoaders(ctx.em), reference: ctx.reference });
  const out: WriteProblem[] = checkCourse(facts, ctx.today)
    .filter((c) => !c.passed)
    .map((c) => ({ field: 'input', rule: c.ruleId, message: c.messageEn, clause: citation(c.clause) }));
  if (row.subsidyPerTrainee > 0 && entry && row.subsidyPerTrainee > entry.subsidyPerTrainee) {
    out.push({
      field: 'subsidyPerTrainee',
      rule: 'course.subsidy-standard',
      message: `above the directory's standard of ${entry.subsidyPerTrainee} yuan per trainee`,
      clause: '云人社通〔2022〕50号 (四)',
    });
  }
  return out;
}

/**
 * Approves a class: checks it, draws its assessing agency verifiably, and records both.
 * @example const r = await approveCourse(ctx, writer, draft); if (r.ok) r.course.assessingAgency
 */
export async function approveCourse(ctx: WriteContext, writer: Writer, d: CourseDraft): Promise<CourseWriteResult> {
  const { em } = ctx;
  const problems = await draftProblems(ctx, writer, d, null);
  if (problems.length) return { ok: false, problems };
  const entry = d.subsidyPerTrainee > 0 ? await directoryEntryFor(em, d) : null;
  let approval: Approval;
  try {
    approval = await em.transactional((tx) => drawAndRecord({ ...ctx, em: tx as EntityManager }, writer, d, entry));
  } catch (e) {
    // The same class approved twice at once: the unique class number lets one in.
    if (e instanceof UniqueConstraintViolationException)
      return { ok: false, problems: [classNumberTaken(d.classNumber)] };
    throw e;
  }
  if (!approval.ok) return approval;
  return { ok: true, course: (await findRows(em, Course, { id: approval.id }))[0] };
}

/** What the approval's transaction ends with: the new class's id, or the problems that stopped it (nothing written). */
type Approval = { ok: true; id: number } | { ok: false; problems: WriteProblem[] };

/**
 * Inside the approval's transaction: draws the agency from the records as they stand now and
 * records the class with its draw. Notice revisions are locked against inserts first, so the
 * beacon read here is still the newest revision when the draw is committed.
 */
async function drawAndRecord(
  ctx: WriteContext,
  writer: Writer,
  d: CourseDraft,
  entry: Row<DirectoryEntry> | null,
): Promise<Approval> {
  const tx = ctx.em;
  await lockTableAgainstInserts(tx, SubsidyNoticeRevision);
  if ((await findRows(tx, Course, { classNumber: d.classNumber })).length)
    return { ok: false, problems: [classNumberTaken(d.classNumber)] };
  const { inputs, beaconRevisionId } = await drawInputsFor(tx, d, ctx.today);
  if (inputs.eligible.length === 0) {
    return {
      ok: false,
      problems: [
        {
          field: 'input',
          rule: 'course.no-eligible-agency',
          message: `no evaluation agency is recorded for ${d.occupationCode} ${d.level} on ${inputs.examDate}${d.soleAgencyExemption ? '' : ' (other than the trainer)'}: the class cannot be assessed`,
          clause: citation(DRAW_CLAUSE),
        },
      ],
    };
  }
  const draw = drawAgency(inputs);
  const draftRow = rowOf(d, {
    id: 0,
    directoryEntry: entry?.id ?? null,
    assessingAgency: draw.chosen.agencyId,
    programme: ctx.reference.programmeByKey(d.programmeKey)!.id,
  });
  const rules = await ruleProblems(ctx, draftRow, entry);
  if (rules.length) return { ok: false, problems: rules };
  const { id: _id, ...fields } = draftRow as unknown as Record<string, unknown>;
  const courseId = Number(await tx.insert(Course, fields as unknown as Course));
  await tx.insert(AgencyDraw, {
    course: courseId,
    drawnOn: inputs.drawnOn,
    rule: inputs.rule,
    inputsJson: drawText(inputs),
    seed: draw.seed,
    eligibleCount: inputs.eligible.length,
    chosenAgency: draw.chosen.agencyId,
    beaconRevisionId,
  });
  await appendToLog(tx, [
    agencyDrawEvent({
      classNumber: d.classNumber,
      drawnOn: inputs.drawnOn,
      rule: inputs.rule,
      seed: draw.seed,
      eligibleCount: inputs.eligible.length,
      chosenAgency: draw.chosen.name,
      at: new Date(),
    }),
  ]);
  await queueSearch(tx, 'courses', courseId);
  await audit(tx, writer, {
    action: 'course.approve',
    entityType: 'Course',
    entityKey: d.classNumber,
    region: d.county,
    before: null,
    after: { ...fields, draw: { seed: draw.seed, chosen: draw.chosen.agencyId } },
    summary: `approved ${d.classNumber}; assessing agency drawn from ${inputs.eligible.length}: ${draw.chosen.name} (seed ${draw.seed.slice(0, 12)}…)`,
  });
  return { ok: true, id: courseId };
}

/** Locks the class's row for the rest of the transaction; the day it was cancelled by now, or null. */
async function lockedCancelledOn(tx: EntityManager, id: number): Promise<string | null> {
  await lockRow(tx, Course, id);
  return (await findRows(tx, Course, { id }))[0]?.cancelledOn ?? null;
}

const cancelledProblem = (on: string, again: boolean): WriteProblem => ({
  field: 'classNumber',
  rule: 'course.cancelled',
  message: `the class was ${again ? 'already ' : ''}cancelled on ${on}`,
});

/** Loads a class by number and checks the writer may touch it. */
async function courseFor(
  em: EntityManager,
  writer: Writer,
  classNumber: string,
): Promise<{ course: Row<Course> } | { problems: WriteProblem[] }> {
  const [course] = await findRows(em, Course, { classNumber });
  if (!course)
    return { problems: [{ field: 'classNumber', rule: 'course.exists', message: `no class numbered ${classNumber}` }] };
  const scope = canWrite(writer, course.county);
  if (!scope.allowed) return { problems: [{ field: 'classNumber', rule: 'scope.region', message: scope.messageEn }] };
  return { course };
}

/** What may change after approval: dates, place, places and enrolment, teachers. The draw stands. */
export interface CourseChange {
  startDate?: string;
  endDate?: string;
  address?: string | null;
  capacity?: number;
  enrolled?: number;
  theoryTeacherRef?: string | null;
  practicalTeacherRef?: string | null;
}

/**
 * Changes an approved class; the rules run again on the class as it would stand.
 * @example await changeCourse(ctx, writer, 'KB2026-530102-00001', { enrolled: 42 });
 */
export async function changeCourse(
  ctx: WriteContext,
  writer: Writer,
  classNumber: string,
  change: CourseChange,
): Promise<CourseWriteResult> {
  const found = await courseFor(ctx.em, writer, classNumber);
  if ('problems' in found) return { ok: false, problems: found.problems };
  const before = found.course;
  if (before.cancelledOn)
    return {
      ok: false,
      problems: [
        { field: 'classNumber', rule: 'course.cancelled', message: `the class was cancelled on ${before.cancelledOn}` },
      ],
    };
  const after = {
    ...before,
    ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
  } as Row<Course>;
  const problems: WriteProblem[] = textProblems(ctx.em, Course, {
    address: ['input.address', change.address],
    theoryTeacherRef: ['input.theoryTeacherRef', change.theoryTeacherRef],
    practicalTeacherRef: ['input.practicalTeacherRef', change.practicalTeacherRef],
  });
  if (!isIsoDate(after.startDate) || !isIsoDate(after.endDate) || after.endDate < after.startDate)
    problems.push({
      field: 'input.endDate',
      rule: 'course.dates',
      message: 'valid dates, the end not before the start',
    });
  if (!Number.isInteger(after.capacity) || after.capacity <= 0)
    problems.push({ field: 'input.capacity', rule: 'course.capacity', message: 'a positive number of places' });
  if (!Number.isInteger(after.enrolled) || after.enrolled < 0 || after.enrolled > after.capacity)
    problems.push({ field: 'input.enrolled', rule: 'course.enrolled', message: 'from 0 to the number of places' });
  if (problems.length) return { ok: false, problems };
  const entry =
    after.directoryEntry != null
      ? ((await findRows(ctx.em, DirectoryEntry, { id: after.directoryEntry }))[0] ?? null)
      : null;
  const rules = await ruleProblems(ctx, after, entry);
  if (rules.length) return { ok: false, problems: rules };
  const cancelled = await ctx.em.transactional(async (t) => {
    const tx = t as EntityManager;
    // Under the class's lock: a cancellation that got in first stands.
    const cancelledOn = await lockedCancelledOn(tx, before.id);
    if (cancelledOn) return cancelledProblem(cancelledOn, false);
    await tx.nativeUpdate(Course, { id: before.id }, change);
    await queueSearch(tx, 'courses', before.id);
    await audit(tx, writer, {
      action: 'course.change',
      entityType: 'Course',
      entityKey: classNumber,
      region: before.county,
      before,
      after,
      summary: `changed ${Object.keys(change).join(', ')}`,
    });
    return null;
  });
  if (cancelled) return { ok: false, problems: [cancelled] };
  return { ok: true, course: (await findRows(ctx.em, Course, { id: before.id }))[0] };
}

/**
 * Cancels a class before it ends, with the reason; it stays on record as cancelled.
 * @example await cancelCourse(ctx, writer, 'KB2026-530102-00001', '2026-12-01', '报名人数不足，不能开班');
 */
export async function cancelCourse(
  ctx: WriteContext,
  writer: Writer,
  classNumber: string,
  on: string,
  reason: string,
): Promise<CourseWriteResult> {
  const found = await courseFor(ctx.em, writer, classNumber);
  if ('problems' in found) return { ok: false, problems: found.problems };
  const before = found.course;
  const problems: WriteProblem[] = [];
  if (before.cancelledOn)
    problems.push({
      field: 'classNumber',
      rule: 'course.cancelled',
      message: `the class was already cancelled on ${before.cancelledOn}`,
    });
  if (!isIsoDate(on)) problems.push({ field: 'on', rule: 'course.date', message: 'must be a YYYY-MM-DD date' });
  else if (on > before.endDate)
    problems.push({
      field: 'on',
      rule: 'course.cancel-date',
      message: `a class that ended (${before.endDate}) cannot be cancelled`,
    });
  if (reason.trim().length < 4)
    problems.push({
      field: 'reason',
      rule: 'course.cancel-reason',
      message: 'the reason, as it will be published, is required (at least 4 characters)',
    });
  problems.push(...textProblems(ctx.em, Course, { cancelReason: ['reason', reason] }));
  if (problems.length) return { ok: false, problems };
  const cancelled = await ctx.em.transactional(async (t) => {
    const tx = t as EntityManager;
    // Under the class's lock: cancelled once, however many times it is sent at once.
    const cancelledOn = await lockedCancelledOn(tx, before.id);
    if (cancelledOn) return cancelledProblem(cancelledOn, true);
    await tx.nativeUpdate(Course, { id: before.id }, { cancelledOn: on, cancelReason: reason.trim() });
    await queueSearch(tx, 'courses', before.id);
    await audit(tx, writer, {
      action: 'course.cancel',
      entityType: 'Course',
      entityKey: classNumber,
      region: before.county,
      before,
      after: { ...before, cancelledOn: on, cancelReason: reason.trim() },
      summary: `cancelled from ${on}: ${reason.trim()}`,
    });
    return null;
  });
  if (cancelled) return { ok: false, problems: [cancelled] };
  return { ok: true, course: (await findRows(ctx.em, Course, { id: before.id }))[0] };
}
