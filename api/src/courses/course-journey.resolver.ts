/**
 * The fields of a worker's journey with one class (issue 12 §3): how to join, the subsidy's
 * conditions and a verdict for the worker's answers, and the outcomes. Thin: load the facts
 * (batched across a page of classes), call the rules, map.
 */
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { EnrolmentStatus, NoticeStatus } from '../common/enums';
import type { Context } from '../context';
import { citation } from '../common/rule-check';
import { inputError } from '../graphql/errors';
import { findColumns, type Row } from '../db/rows';
import { finishedClassesOf } from '../db/institution-classes';
import { DirectoryEntry } from '../directory/directory.entity';
import { Institution } from '../institutions/institution.entity';
import { SubsidyNotice } from '../subsidies/subsidy-notice.entity';
import { noticeStatus } from '../subsidies/notice-lifecycle.rules';
import { Course, targetGroupsOf } from './course.entity';
import { enrolmentClosesOn, enrolmentStatus, joiningNeeds, seatsLeft, type JoinItem } from './course-status.rules';
import {
  checkEligibility,
  EligibilityAnswerError,
  subsidyConditions,
  type EligibilityFacts,
} from './eligibility.rules';
import { classOutcomes, institutionOutcomes, outcomeWindow, type ClassCounts } from './outcomes.rules';
import { CourseObject } from './course.type';
import {
  CourseOutcomesObject,
  EligibilityAnswersInput,
  EligibilityConditionObject,
  EligibilityReasonObject,
  EligibilityVerdictObject,
  EnrolmentDeadlineSource,
  HowToJoinObject,
  InstitutionOccupationOutcomesObject,
  JoinItemObject,
  SubsidyConditionsObject,
  SuppressedCountObject,
  SuppressedRateObject,
} from './course-journey.type';

/** The status facts of a row. */
const statusFacts = (c: Row<Course>) => ({
  startDate: c.startDate,
  endDate: c.endDate,
  cancelledOn: c.cancelledOn ?? null,
  capacity: c.capacity,
  enrolled: c.enrolled,
  enrolmentCloses: c.enrolmentCloses ?? null,
});

const joinItem = (i: JoinItem) => JoinItemObject.of(i.id, i.text, i.textEn, i.clause);

/** What the outcomes of a class read of each of its notices. */
const NOTICE_COUNTS = [
  'course',
  'publishedOn',
  'objectionUntil',
  'withdrawnOn',
  'lineCount',
  'certifiedTrainees',
  'paidTrainees',
] as const;
type NoticeCounts = Pick<Row<SubsidyNotice>, (typeof NOTICE_COUNTS)[number]>;

/** Notices that count as published today: published on or before today and not withdrawn. */
const publishedToday = (n: NoticeCounts, today: string) =>
  n.publishedOn <= today &&
  noticeStatus(
    { publishedOn: n.publishedOn, objectionUntil: n.objectionUntil, withdrawnOn: n.withdrawnOn ?? null },
    today,
  ) !== NoticeStatus.WITHDRAWN;

const countsOf = (notices: readonly NoticeCounts[]): ClassCounts => ({
  listed: notices.reduce((s, n) => s + n.lineCount, 0),
  certified: notices.reduce((s, n) => s + n.certifiedTrainees, 0),
  subsidised: notices.reduce((s, n) => s + n.paidTrainees, 0),
});

/** The facts the eligibility rules need; loads are batched across a page. */
async function eligibilityFacts(c: Row<Course>, ctx: Context): Promise<EligibilityFacts> {
  const [institution, entry] = await Promise.all([
    ctx.loaders
      .byKey(Institution)
      .load(c.institution)
      .then((i) => i!),
    c.directoryEntry != null ? ctx.loaders.byKey(DirectoryEntry).load(c.directoryEntry) : null,
  ]);
  const matches =
    entry &&
    entry.occupation === c.occupation &&
    entry.level === c.level &&
    entry.certificateType === c.certificateType &&
    entry.effectiveFrom <= c.startDate &&
    (!entry.effectiveTo || entry.effectiveTo >= c.startDate);
  return {
    startDate: c.startDate,
    endDate: c.endDate,
    certificateType: c.certificateType,
    targetGroups: targetGroupsOf(c.targetGroupsText),
    enrolment: c.enrolment,
    ownerCompany: institution.ownerCompany ?? null,
    subsidyPerTrainee: c.subsidyPerTrainee,
    directoryStandard: matches ? entry!.subsidyPerTrainee : null,
    institution: {
      blacklistedFrom: institution.blacklistedFrom ?? null,
      blacklistedUntil: institution.blacklistedUntil ?? null,
      licenceRevokedOn: institution.licenceRevokedOn ?? null,
    },
  };
}

/**
 * An institution's finished classes in an occupation over the window, with their notices
 * (key `institution|occupation`): two queries for a whole page of classes.
 */
function institutionRecord(ctx: Context) {
  const { from, to } = outcomeWindow(ctx.today);
  return ctx.loaders.memo<string, { classes: number; withNotice: ClassCounts[] }>(
    'journey.institutionRecord',
    async (keys) => {
      const pairs = [...new Set(keys)].map((k) => {
        const [institution, occupation] = k.split('|');
        return [Number(institution), occupation] as const;
      });
      // Only the columns counted, of the pairs asked: a scale-5 slice's pages read 91,500
      // classes (and their notices) in 1.2 s of SQL as institutions × occupations, 19,200 in
      // 0.43 s as pairs (issue 16).
      const courses = await finishedClassesOf(ctx.em, pairs, { from, to });
      const notices = courses.length
        ? await findColumns(ctx.em, SubsidyNotice, NOTICE_COUNTS, { course: { $in: courses.map((c) => c.id) } })
        : [];
      const byCourse = new Map<number, NoticeCounts[]>();
      for (const n of notices)
        if (n.course != null && publishedToday(n, ctx.today))
          byCourse.set(n.course, [...(byCourse.get(n.course) ?? []), n]);
      const byKey = new Map<string, (typeof courses)[number][]>();
      for (const c of courses) {
        const key = `${c.institution}|${c.occupation}`;
        const group = byKey.get(key);
        if (group) group.push(c);
        else byKey.set(key, [c]);
      }
      return keys.map((k) => {
        const mine = byKey.get(k) ?? [];
        return {
          classes: mine.length,
          withNotice: mine.filter((c) => byCourse.has(c.id)).map((c) => countsOf(byCourse.get(c.id)!)),
        };
      });
    },
  );
}

@Resolver(() => CourseObject)
export class CourseJourneyResolver {
  @FieldResolver(() => EnrolmentStatus, {
    description:
      'Whether a worker can join today: enrolling, full, enrolment closed, running, finished or cancelled (computed for the day, never stored; see `howToJoin`).',
  })
  enrolmentStatus(@Root() c: CourseObject, @Ctx() ctx: Context): EnrolmentStatus {
    return enrolmentStatus(statusFacts(c.row), ctx.today);
  }

  @FieldResolver(() => HowToJoinObject, {
    description:
      'How to join the class: status today, enrolment deadline, places left, who may enrol, whom to ask, what to bring — each with its clause where one exists.',
  })
  async howToJoin(@Root() c: CourseObject, @Ctx() ctx: Context): Promise<HowToJoinObject> {
    const row = c.row;
    const institution = (await ctx.loaders.byKey(Institution).load(row.institution))!;
    const deadline = enrolmentClosesOn(statusFacts(row));
    const county = ctx.regions.get(row.county)!;
    const needs = joiningNeeds({
      startDate: row.startDate,
      enrolment: row.enrolment,
      ownerCompany: institution.ownerCompany ?? null,
      acceptsVouchers: row.acceptsVouchers,
    });
    return Object.assign(new HowToJoinObject(), {
      status: enrolmentStatus(statusFacts(row), ctx.today),
      enrolmentCloses: deadline.date,
      enrolmentClosesSource: deadline.source as EnrolmentDeadlineSource,
      seatsLeft: seatsLeft(row),
      institutionName: institution.name,
      address: institution.address ?? null,
      phone: institution.phone ?? null,
      askBureau: `${county.name}人力资源和社会保障局`,
      whoMayEnrol: joinItem(needs.whoMayEnrol),
      bring: needs.bring.map(joinItem),
    });
  }

  @FieldResolver(() => SubsidyConditionsObject, {
    description:
      'The conditions of the training subsidy for this class (versioned by its start date, each with its clause) and the amount a worker meeting all of them receives.',
  })
  async subsidyConditions(@Root() c: CourseObject, @Ctx() ctx: Context): Promise<SubsidyConditionsObject> {
    const offer = subsidyConditions(await eligibilityFacts(c.row, ctx));
    return Object.assign(new SubsidyConditionsObject(), {
      amountYuan: offer.amountYuan,
      amountClause: offer.amountClause ? citation(offer.amountClause) : null,
      conditions: offer.conditions.map(EligibilityConditionObject.from),
    });
  }

  @FieldResolver(() => EligibilityVerdictObject, {
    description:
      'Whether a worker with these answers would be subsidised for this class, how much, and every condition with its clause. A missing or impossible answer is a BAD_USER_INPUT error naming the field.',
  })
  async eligibility(
    @Root() c: CourseObject,
    @Ctx() ctx: Context,
    @Arg('answers', () => EligibilityAnswersInput, { description: "The worker's answers." })
    answers: EligibilityAnswersInput,
  ): Promise<EligibilityVerdictObject> {
    try {
      const v = checkEligibility(await eligibilityFacts(c.row, ctx), answers);
      return Object.assign(new EligibilityVerdictObject(), {
        eligible: v.eligible,
        amountYuan: v.amountYuan,
        reasons: v.reasons.map(EligibilityReasonObject.from),
      });
    } catch (e) {
      if (e instanceof EligibilityAnswerError) throw inputError(`answers.${e.field}`, e.rule);
      throw e;
    }
  }

  @FieldResolver(() => CourseOutcomesObject, {
    nullable: true,
    description:
      'For a finished class with a published notice: trainees listed, certified and subsidised; figures about fewer than 10 people are suppressed. Null otherwise.',
  })
  async outcomes(@Root() c: CourseObject, @Ctx() ctx: Context): Promise<CourseOutcomesObject | null> {
    if (enrolmentStatus(statusFacts(c.row), ctx.today) !== EnrolmentStatus.FINISHED) return null;
    const notices = (await ctx.loaders.childrenOf(SubsidyNotice, 'course').load(c.row.id)).filter((n) =>
      publishedToday(n, ctx.today),
    );
    if (!notices.length) return null;
    const o = classOutcomes(countsOf(notices));
    return Object.assign(new CourseOutcomesObject(), {
      notices: notices.map((n) => n.number),
      listed: SuppressedCountObject.from(o.listed),
      certified: SuppressedCountObject.from(o.certified),
      subsidised: SuppressedCountObject.from(o.subsidised),
    });
  }

  @FieldResolver(() => InstitutionOccupationOutcomesObject, {
    description:
      "The institution's classes in this occupation over the last three years up to today: how many, and the certification rate over those with a published notice; small groups suppressed.",
  })
  async institutionOutcomes(
    @Root() c: CourseObject,
    @Ctx() ctx: Context,
  ): Promise<InstitutionOccupationOutcomesObject> {
    const record = await institutionRecord(ctx).load(`${c.row.institution}|${c.row.occupation}`);
    const o = institutionOutcomes(record.classes, record.withNotice);
    return Object.assign(new InstitutionOccupationOutcomesObject(), {
      ...outcomeWindow(ctx.today),
      classes: o.classes,
      classesWithNotice: o.classesWithNotice,
      listed: SuppressedCountObject.from(o.listed),
      certificationRate: SuppressedRateObject.from(o.certificationRate),
    });
  }
}
