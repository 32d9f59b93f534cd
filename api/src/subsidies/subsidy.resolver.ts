import type { FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import { connectionComplexity, connectionOf, PageArgs, paginate } from '../graphql/connection';
import { inputError, notFound } from '../graphql/errors';
import { intKeyOf } from '../graphql/node';
import { registerNodeLoader } from '../graphql/node-registry';
import { findRows } from '../graphql/rows';
import { Course } from '../courses/course.entity';
import { RuleCheckObject } from '../graphql/rule-check.type';
import { CourseObject } from '../courses/course.type';
import { OccupationObject } from '../occupations/occupation.type';
import { regionCodesFor } from '../regions/region.filters';
import { RegionObject } from '../regions/region.type';
import { SubsidyNotice, SubsidyNoticeLine } from './subsidy-notice.entity';
import { SubsidyNoticeFilter, SubsidyNoticeOrder } from './subsidy.inputs';
import { checkSubsidyEligibility, isEligible } from './subsidy.rules';
import { SubsidyNoticeLineObject, SubsidyNoticeObject } from './subsidy.type';

const NOTICE_ORDERS: Record<SubsidyNoticeOrder, QueryOrderMap<SubsidyNotice>> = {
  [SubsidyNoticeOrder.PUBLISHED_DESC]: { publishedOn: 'desc', id: 'desc' },
  [SubsidyNoticeOrder.PUBLISHED_ASC]: { publishedOn: 'asc', id: 'asc' },
  [SubsidyNoticeOrder.TOTAL_AMOUNT_DESC]: { totalAmount: 'desc', id: 'asc' },
};

export const SubsidyNoticeConnection = connectionOf(SubsidyNoticeObject, 'SubsidyNotice', 'subsidy notices');
export const SubsidyNoticeLineConnection = connectionOf(SubsidyNoticeLineObject, 'SubsidyNoticeLine', 'notice lines');

registerNodeLoader('SubsidyNotice', async (em, key) => {
  const [n] = await findRows(em, SubsidyNotice, { id: Number(key) || -1 });
  return n ? SubsidyNoticeObject.from(n) : null;
});

function noticeWhere(ctx: Context, f: SubsidyNoticeFilter | null | undefined): FilterQuery<SubsidyNotice> {
  const and: FilterQuery<SubsidyNotice>[] = [];
  if (!f) return {};
  if (f.region) and.push({ bureau: { $in: regionCodesFor(ctx, f.region, 'filter.region') } });
  if (f.publishedFrom && f.publishedTo && f.publishedFrom > f.publishedTo) throw inputError('filter.publishedTo', `must not be before filter.publishedFrom (${f.publishedFrom})`);
  if (f.publishedFrom) and.push({ publishedOn: { $gte: f.publishedFrom } });
  if (f.publishedTo) and.push({ publishedOn: { $lte: f.publishedTo } });
  if (f.status) and.push({ status: f.status });
  if (f.course) and.push({ course: intKeyOf(f.course, 'filter.course', 'Course') });
  if (f.isDemo != null) and.push({ isDemo: f.isDemo });
  return and.length ? { $and: and } : {};
}

@Resolver(() => SubsidyNoticeObject)
export class SubsidyNoticeResolver {
  @Query(() => SubsidyNoticeConnection, { complexity: connectionComplexity, description: 'Subsidy disclosure notices (default: newest first).' })
  async subsidyNotices(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => SubsidyNoticeFilter, { nullable: true, description: 'Conditions every returned item meets.' }) filter?: SubsidyNoticeFilter | null,
    @Arg('orderBy', () => SubsidyNoticeOrder, { nullable: true, defaultValue: SubsidyNoticeOrder.PUBLISHED_DESC, description: 'Order of the list.' }) orderBy: SubsidyNoticeOrder = SubsidyNoticeOrder.PUBLISHED_DESC,
  ) {
    return paginate(ctx.em, SubsidyNotice, noticeWhere(ctx, filter), NOTICE_ORDERS[orderBy], page, SubsidyNoticeObject.from, info);
  }

  @Query(() => SubsidyNoticeObject, { description: 'One notice by its published number.' })
  async subsidyNotice(@Ctx() ctx: Context, @Arg('number', () => String, { description: 'Notice number as published.' }) number: string) {
    const [n] = await findRows(ctx.em, SubsidyNotice, { number });
    if (!n) throw notFound('number', number);
    return SubsidyNoticeObject.from(n);
  }

  @FieldResolver(() => RegionObject, { description: "The issuing bureau's region." })
  bureau(@Root() n: SubsidyNoticeObject, @Ctx() ctx: Context) {
    return RegionObject.from(ctx.regions.get(n.row.bureau)!);
  }

  @FieldResolver(() => CourseObject, { nullable: true, description: 'The class the notice is for.' })
  async course(@Root() n: SubsidyNoticeObject, @Ctx() ctx: Context) {
    const c = n.row.course != null ? await ctx.loaders.byKey(Course).load(n.row.course) : null;
    return c ? CourseObject.from(c) : null;
  }

  @FieldResolver(() => SubsidyNoticeLineConnection, { complexity: connectionComplexity, description: 'The trainee lines, in line order.' })
  async lines(@Root() n: SubsidyNoticeObject, @Ctx() ctx: Context, @Args() page: PageArgs, @Info() info: GraphQLResolveInfo) {
    return paginate(ctx.em, SubsidyNoticeLine, { notice: n.row.id }, { seq: 'asc', id: 'asc' }, page, SubsidyNoticeLineObject.from, info);
  }
}

@Resolver(() => SubsidyNoticeLineObject)
export class SubsidyNoticeLineResolver {
  @FieldResolver(() => OccupationObject, { description: 'Occupation certified.' })
  async occupation(@Root() l: SubsidyNoticeLineObject, @Ctx() ctx: Context) {
    return OccupationObject.from(ctx.reference.occupation(l.row.occupation)!);
  }

  @FieldResolver({ description: 'Whether the line meets the eligibility rules (attendance ≥ 80 %, certificate obtained).' })
  eligible(@Root() l: SubsidyNoticeLineObject): boolean {
    return isEligible({ attendanceRate: l.attendanceRate, hasCertificate: l.certificateNumber != null });
  }

  @FieldResolver(() => [RuleCheckObject], { description: 'The eligibility checks with their clauses.' })
  eligibility(@Root() l: SubsidyNoticeLineObject) {
    return checkSubsidyEligibility({ attendanceRate: l.attendanceRate, hasCertificate: l.certificateNumber != null }).map(RuleCheckObject.from);
  }
}
