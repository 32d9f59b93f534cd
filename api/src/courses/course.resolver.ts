import { raw, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { CourseStatus, EnrolmentStatus } from '../common/enums';
import { EvaluationAgencyObject } from '../agencies/agency.type';
import { DirectoryEntryObject } from '../directory/directory.type';
import type { Context } from '../context';
import { connectionComplexity, connectionOf, PageArgs, paginate } from '../graphql/connection';
import { inputError, notFound } from '../graphql/errors';
import { intKeyOf } from '../graphql/node';
import { registerNodeLoader } from '../graphql/node-registry';
import { RuleCheckObject } from '../graphql/rule-check.type';
import { standingWhere } from '../institutions/institution.filters';
import { InstitutionObject } from '../institutions/institution.type';
import { OccupationObject } from '../occupations/occupation.type';
import { OnlinePlatformObject } from '../platforms/platform.type';
import { ProgrammeObject } from '../programmes/programme.type';
import { regionCodesFor } from '../regions/region.filters';
import { RegionObject } from '../regions/region.type';
import { Course } from './course.entity';
import { courseFacts } from './course-facts';
import { EvaluationAgency } from '../agencies/agency.entity';
import { DirectoryEntry } from '../directory/directory.entity';
import { findRows } from '../db/rows';
import { Institution } from '../institutions/institution.entity';
import { CourseFilter, CourseOrder } from './course.inputs';
import { checkCourse, courseStatus } from './course.rules';
import { CourseObject } from './course.type';

export const CourseConnection = connectionOf(CourseObject, 'Course', 'courses');

/** Most courses one `compareCourses` call takes (the compare page shows 2–4 side by side). */
export const MAX_COMPARE = 4;

registerNodeLoader('Course', async (em, key) => {
  const [c] = await findRows(em, Course, { id: Number(key) || -1 });
  return c ? CourseObject.from(c) : null;
});

const ORDERS: Record<CourseOrder, QueryOrderMap<Course>> = {
  [CourseOrder.START_DATE_ASC]: { startDate: 'asc', id: 'asc' },
  [CourseOrder.START_DATE_DESC]: { startDate: 'desc', id: 'desc' },
  [CourseOrder.SUBSIDY_DESC]: { subsidyPerTrainee: 'desc', id: 'asc' },
};

/** The SQL form of `courseStatus` on `today`. */
function statusWhere(status: CourseStatus, today: string): FilterQuery<Course> {
  switch (status) {
    case CourseStatus.CANCELLED:
      return { cancelledOn: { $ne: null } };
    case CourseStatus.PLANNED:
      return { cancelledOn: null, startDate: { $gt: today } };
    case CourseStatus.IN_PROGRESS:
      return { cancelledOn: null, startDate: { $lte: today }, endDate: { $gte: today } };
    case CourseStatus.FINISHED:
      return { cancelledOn: null, endDate: { $lt: today } };
  }
}

/**
 * The SQL form of `enrolmentStatus` on `today` (course-status.rules). Before the start the
 * default deadline (the day before) is never past, so only a recorded deadline can close
 * enrolment early.
 */
function enrolmentStatusWhere(status: EnrolmentStatus, today: string): FilterQuery<Course> {
  const ahead = { cancelledOn: null, startDate: { $gt: today } };
  // Compared column to column; `enrolled` is unambiguous (no joined table has such a column).
  const placesLeft = { capacity: { $gt: raw('enrolled') } };
  switch (status) {
    case EnrolmentStatus.CANCELLED:
      return { cancelledOn: { $ne: null } };
    case EnrolmentStatus.FINISHED:
      return { cancelledOn: null, endDate: { $lt: today } };
    case EnrolmentStatus.RUNNING:
      return { cancelledOn: null, startDate: { $lte: today }, endDate: { $gte: today } };
    case EnrolmentStatus.FULL:
      return { ...ahead, capacity: { $lte: raw('enrolled') } };
    case EnrolmentStatus.ENROLMENT_CLOSED:
      return { ...ahead, ...placesLeft, enrolmentCloses: { $lt: today } };
    case EnrolmentStatus.ENROLLING:
      return { ...ahead, ...placesLeft, $or: [{ enrolmentCloses: null }, { enrolmentCloses: { $gte: today } }] };
  }
}

function courseWhere(ctx: Context, f: CourseFilter | null | undefined): FilterQuery<Course> {
  const and: FilterQuery<Course>[] = [];
  if (!f) return {};
  if (f.region) and.push({ county: { $in: regionCodesFor(ctx.regions, f.region, 'filter.region') } });
  if (f.occupation) and.push({ occupation: f.occupation });
  if (f.level) and.push({ level: f.level });
  if (f.certificateType) and.push({ certificateType: f.certificateType });
  if (f.mode) and.push({ mode: f.mode });
  if (f.category) and.push({ category: f.category });
  if (f.startFrom && f.startTo && f.startFrom > f.startTo)
    throw inputError('filter.startTo', `must not be before filter.startFrom (${f.startFrom})`);
  if (f.startFrom) and.push({ startDate: { $gte: f.startFrom } });
  if (f.startTo) and.push({ startDate: { $lte: f.startTo } });
  if (f.programme) and.push({ programme: { key: f.programme } });
  if (f.targetGroup) and.push({ targetGroupsText: { $like: `%|${f.targetGroup}|%` } });
  if (f.institution) and.push({ institution: intKeyOf(f.institution, 'filter.institution', 'Institution') });
  if (f.institutionType) and.push({ institution: { type: f.institutionType } });
  if (f.institutionStanding)
    // biome-ignore lint/suspicious/noExplicitAny: a filter on the related Institution, typed by standingWhere
    and.push({ institution: standingWhere(f.institutionStanding, ctx.today) as FilterQuery<any> });
  if (f.status) and.push(statusWhere(f.status, ctx.today));
  if (f.enrolmentStatus) and.push(enrolmentStatusWhere(f.enrolmentStatus, ctx.today));
  if (f.subsidised != null) and.push({ subsidyPerTrainee: f.subsidised ? { $gt: 0 } : 0 });
  if (f.acceptsVouchers != null) and.push({ acceptsVouchers: f.acceptsVouchers });
  if (f.isDemo != null) and.push({ isDemo: f.isDemo });
  return and.length ? { $and: and } : {};
}

@Resolver(() => CourseObject)
export class CourseResolver {
  @Query(() => CourseConnection, {
    complexity: connectionComplexity,
    description: 'Training classes, filtered and ordered (default: earliest start first).',
  })
  async courses(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => CourseFilter, { nullable: true, description: 'Conditions every returned item meets.' })
    filter?: CourseFilter | null,
    @Arg('orderBy', () => CourseOrder, {
      nullable: true,
      defaultValue: CourseOrder.START_DATE_ASC,
      description: 'Order of the list.',
    })
    orderBy: CourseOrder = CourseOrder.START_DATE_ASC,
  ) {
    return paginate(ctx.em, Course, courseWhere(ctx, filter), ORDERS[orderBy], page, CourseObject.from, info);
  }

  @Query(() => CourseObject, { description: 'One class by global ID.' })
  async course(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Global ID of the class.' }) id: string) {
    const c = await ctx.loaders.byKey(Course).load(intKeyOf(id, 'id', 'Course'));
    if (!c) throw notFound('id', id);
    return CourseObject.from(c);
  }

  @Query(() => [CourseObject], { description: `2 to ${MAX_COMPARE} classes side by side, in the order given.` })
  async compareCourses(
    @Ctx() ctx: Context,
    @Arg('ids', () => [ID], { description: `2–${MAX_COMPARE} distinct course IDs.` }) ids: string[],
  ) {
    if (ids.length < 2 || ids.length > MAX_COMPARE)
      throw inputError('ids', `give 2 to ${MAX_COMPARE} course IDs, got ${ids.length}`);
    const keys = ids.map((id, i) => intKeyOf(id, `ids[${i}]`, 'Course'));
    const dup = keys.findIndex((k, i) => keys.indexOf(k) !== i);
    if (dup >= 0) throw inputError(`ids[${dup}]`, `"${ids[dup]}" is given twice`);
    const found = new Map((await findRows(ctx.em, Course, { id: { $in: keys } })).map((c) => [c.id, c]));
    return keys.map((k, i) => {
      const c = found.get(k);
      if (!c) throw notFound(`ids[${i}]`, ids[i]);
      return CourseObject.from(c);
    });
  }

  @FieldResolver(() => InstitutionObject, { description: 'The institution running the class.' })
  async institution(@Root() c: CourseObject, @Ctx() ctx: Context) {
    return InstitutionObject.from((await ctx.loaders.byKey(Institution).load(c.row.institution))!);
  }

  @FieldResolver(() => InstitutionObject, {
    nullable: true,
    description: 'The provincial project unit that contracted the class (省级项目), if any.',
  })
  async projectUnit(@Root() c: CourseObject, @Ctx() ctx: Context) {
    const u = c.row.projectUnit != null ? await ctx.loaders.byKey(Institution).load(c.row.projectUnit) : null;
    return u ? InstitutionObject.from(u) : null;
  }

  @FieldResolver(() => OccupationObject, { description: 'The occupation taught.' })
  async occupation(@Root() c: CourseObject, @Ctx() ctx: Context) {
    return OccupationObject.from(ctx.reference.occupation(c.row.occupation)!);
  }

  @FieldResolver(() => DirectoryEntryObject, {
    nullable: true,
    description: 'The directory entry the subsidy is claimed under; null for unsubsidised classes.',
  })
  async directoryEntry(@Root() c: CourseObject, @Ctx() ctx: Context) {
    const e = c.row.directoryEntry != null ? await ctx.loaders.byKey(DirectoryEntry).load(c.row.directoryEntry) : null;
    return e ? DirectoryEntryObject.from(e) : null;
  }

  @FieldResolver(() => RegionObject, { description: 'The county-level unit where the class is held.' })
  region(@Root() c: CourseObject, @Ctx() ctx: Context) {
    return RegionObject.from(ctx.regions.get(c.row.county)!);
  }

  @FieldResolver(() => RegionObject, { description: 'The 州市 of the class county.' })
  prefecture(@Root() c: CourseObject, @Ctx() ctx: Context) {
    const county = ctx.regions.get(c.row.county)!;
    return RegionObject.from(ctx.regions.get(county.parentCode ?? county.code)!);
  }

  @FieldResolver(() => OnlinePlatformObject, {
    nullable: true,
    description: 'Platform of the online part, for online and mixed classes.',
  })
  async platform(@Root() c: CourseObject, @Ctx() ctx: Context) {
    const p = c.row.platform != null ? ctx.reference.platform(c.row.platform) : null;
    return p ? OnlinePlatformObject.from(p) : null;
  }

  @FieldResolver(() => ProgrammeObject, { description: 'The 技能云南 programme the class belongs to.' })
  async programme(@Root() c: CourseObject, @Ctx() ctx: Context) {
    return ProgrammeObject.from(ctx.reference.programme(c.row.programme)!);
  }

  @FieldResolver(() => EvaluationAgencyObject, {
    nullable: true,
    description: 'The agency drawn at random to assess the trainees (50号 (十一)).',
  })
  async assessingAgency(@Root() c: CourseObject, @Ctx() ctx: Context) {
    const a =
      c.row.assessingAgency != null ? await ctx.loaders.byKey(EvaluationAgency).load(c.row.assessingAgency) : null;
    return a ? EvaluationAgencyObject.from(a) : null;
  }

  @FieldResolver(() => CourseStatus, { description: 'State today: planned, in progress, finished or cancelled.' })
  status(@Root() c: CourseObject, @Ctx() ctx: Context) {
    return courseStatus({ startDate: c.startDate, endDate: c.endDate, cancelledOn: c.cancelledOn }, ctx.today);
  }

  @FieldResolver(() => [RuleCheckObject], {
    description:
      'Each rule of the source documents in force on the start date, applied to this class, with its clause.',
  })
  async compliance(@Root() c: CourseObject, @Ctx() ctx: Context) {
    return checkCourse(await courseFacts(c.row, ctx), ctx.today).map(RuleCheckObject.from);
  }
}
