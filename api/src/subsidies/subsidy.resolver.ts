import type { FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { connectionComplexity, connectionOf, PageArgs, paginate } from '../graphql/connection';
import { inputError, notFound } from '../graphql/errors';
import { intKeyOf } from '../graphql/node';
import { registerNodeLoader } from '../graphql/node-registry';
import { findRows, type Row } from '../db/rows';
import { Course } from '../courses/course.entity';
import { RuleCheckObject } from '../graphql/rule-check.type';
import { CourseObject } from '../courses/course.type';
import { OccupationObject } from '../occupations/occupation.type';
import { regionCodesFor } from '../regions/region.filters';
import { RegionObject } from '../regions/region.type';
import { Int } from 'type-graphql';
import { NoticeStatus, ObjectionStatus } from '../common/enums';
import {
  noticeStatus,
  objectionDaysLeft,
  objectionWorkingDates,
  OBJECTION_PERIOD_2022,
} from './notice-lifecycle.rules';
import { GraphQLLocalDate } from 'graphql-scalars';
import { canonicalRevision } from './notice-revision.rules';
import { revisionContent } from './revision-content';
import { SubsidyNotice, SubsidyNoticeLine, SubsidyNoticeRevision, SubsidyObjection } from './subsidy-notice.entity';
import { SubsidyNoticeFilter, SubsidyNoticeOrder } from './subsidy.inputs';
import { checkSubsidyEligibility, isEligible } from './subsidy.rules';
import {
  RedFlagKindObject,
  RedFlagObject,
  SubsidyNoticeLineObject,
  SubsidyNoticeObject,
  SubsidyNoticeRevisionObject,
  SubsidyObjectionObject,
} from './subsidy.type';
import { FLAG_KINDS, parseFlagIds, type RedFlag } from './red-flags.rules';
import { flagsOfNotices } from './notice-flags';

const NOTICE_ORDERS: Record<SubsidyNoticeOrder, QueryOrderMap<SubsidyNotice>> = {
  [SubsidyNoticeOrder.PUBLISHED_DESC]: { publishedOn: 'desc', id: 'desc' },
  [SubsidyNoticeOrder.PUBLISHED_ASC]: { publishedOn: 'asc', id: 'asc' },
  [SubsidyNoticeOrder.TOTAL_AMOUNT_DESC]: { totalAmount: 'desc', id: 'asc' },
};

/** Objections oldest first: one order, so `objections` and `lines` share one loader. */
const OBJECTION_ORDER: QueryOrderMap<SubsidyObjection> = { receivedOn: 'asc', id: 'asc' };

export const SubsidyNoticeConnection = connectionOf(SubsidyNoticeObject, 'SubsidyNotice', 'subsidy notices');
export const SubsidyNoticeLineConnection = connectionOf(SubsidyNoticeLineObject, 'SubsidyNoticeLine', 'notice lines');

registerNodeLoader('SubsidyNotice', async (em, key) => {
  const [n] = await findRows(em, SubsidyNotice, { id: Number(key) || -1 });
  return n ? SubsidyNoticeObject.from(n) : null;
});

function noticeWhere(ctx: Context, f: SubsidyNoticeFilter | null | undefined): FilterQuery<SubsidyNotice> {
  const and: FilterQuery<SubsidyNotice>[] = [];
  if (!f) return {};
  if (f.region) and.push({ bureau: { $in: regionCodesFor(ctx.regions, f.region, 'filter.region') } });
  if (f.publishedFrom && f.publishedTo && f.publishedFrom > f.publishedTo)
    throw inputError('filter.publishedTo', `must not be before filter.publishedFrom (${f.publishedFrom})`);
  if (f.publishedFrom) and.push({ publishedOn: { $gte: f.publishedFrom } });
  if (f.publishedTo) and.push({ publishedOn: { $lte: f.publishedTo } });
  if (f.status) {
    // Status follows from the dates and today (notice-lifecycle.rules), so it is never stale.
    const notWithdrawn = { $or: [{ withdrawnOn: null }, { withdrawnOn: { $gt: ctx.today } }] };
    if (f.status === NoticeStatus.WITHDRAWN) and.push({ withdrawnOn: { $ne: null, $lte: ctx.today } });
    else if (f.status === NoticeStatus.IN_OBJECTION_PERIOD)
      and.push(notWithdrawn, { objectionUntil: { $gte: ctx.today } });
    else and.push(notWithdrawn, { objectionUntil: { $lt: ctx.today } });
  }
  if (f.course) and.push({ course: intKeyOf(f.course, 'filter.course', 'Course') });
  if (f.institution)
    and.push({ course: { institution: intKeyOf(f.institution, 'filter.institution', 'Institution') } });
  if (f.flag) {
    if (!FLAG_KINDS.some((k) => k.flagId === f.flag))
      throw inputError('filter.flag', `"${f.flag}" is not a red flag id; the ids are listed by the redFlagKinds query`);
    and.push({ flagIds: { $like: `%|${f.flag}|%` } });
  }
  if (f.flagged != null) and.push({ flagIds: f.flagged ? { $ne: '' } : '' });
  if (f.isDemo != null) and.push({ isDemo: f.isDemo });
  return and.length ? { $and: and } : {};
}

/**
 * The red flags of a request's notices, computed together: one notice at a time, a page of 18
 * notices made 18 rounds of the flag queries, more than half of what the page cost (issue 16).
 */
function noticeFlags(ctx: Context) {
  return ctx.loaders.memo<Row<SubsidyNotice>, RedFlag[]>('noticeFlags', async (rows) => {
    const flags = await flagsOfNotices(ctx, rows);
    return rows.map((r) => flags.get(r.id) ?? []);
  });
}

@Resolver(() => SubsidyNoticeObject)
export class SubsidyNoticeResolver {
  @Query(() => SubsidyNoticeConnection, {
    complexity: connectionComplexity,
    description: 'Subsidy disclosure notices (default: newest first).',
  })
  async subsidyNotices(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => SubsidyNoticeFilter, { nullable: true, description: 'Conditions every returned item meets.' })
    filter?: SubsidyNoticeFilter | null,
    @Arg('orderBy', () => SubsidyNoticeOrder, {
      nullable: true,
      defaultValue: SubsidyNoticeOrder.PUBLISHED_DESC,
      description: 'Order of the list.',
    })
    orderBy: SubsidyNoticeOrder = SubsidyNoticeOrder.PUBLISHED_DESC,
  ) {
    return paginate(
      ctx.em,
      SubsidyNotice,
      noticeWhere(ctx, filter),
      NOTICE_ORDERS[orderBy],
      page,
      SubsidyNoticeObject.from,
      info,
    );
  }

  @Query(() => SubsidyNoticeObject, { description: 'One notice by its published number.' })
  async subsidyNotice(
    @Ctx() ctx: Context,
    @Arg('number', () => String, { description: 'Notice number as published.' }) number: string,
  ) {
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

  @FieldResolver(() => NoticeStatus, {
    description:
      '公示中 until the last day of the objection period, 公示期满 after it, 已撤回 once withdrawn; computed for today.',
  })
  status(@Root() n: SubsidyNoticeObject, @Ctx() ctx: Context): NoticeStatus {
    return noticeStatus(n, ctx.today);
  }

  @FieldResolver(() => Int, {
    description:
      'Working days left to object, today included when it is a working day; 0 once the period is over or the notice withdrawn.',
  })
  objectionDaysLeft(@Root() n: SubsidyNoticeObject, @Ctx() ctx: Context): number {
    return objectionDaysLeft(n, ctx.today);
  }

  @FieldResolver(() => [GraphQLLocalDate], {
    description: 'The working days of the objection period, in order (a countdown counts those not yet past).',
  })
  objectionWorkingDates(@Root() n: SubsidyNoticeObject): string[] {
    return objectionWorkingDates(n.publishedOn, n.objectionUntil);
  }

  @FieldResolver(() => Int, {
    description: `Length of the objection period in working days (${OBJECTION_PERIOD_2022.workingDays}; 50号 (十九) requires the notice but sets no length: see the README).`,
  })
  objectionWorkingDays(): number {
    return OBJECTION_PERIOD_2022.workingDays;
  }

  @FieldResolver(() => SubsidyNoticeLineConnection, {
    complexity: connectionComplexity,
    description: 'The trainee lines of the current revision (or of `revision`), in line order.',
  })
  async lines(
    @Root() n: SubsidyNoticeObject,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('revision', () => Int, { nullable: true, description: 'A published revision (default: the current one).' })
    revision?: number | null,
  ) {
    const r = revision ?? n.revision;
    if (r < 1 || r > n.revision)
      throw inputError('revision', `must be between 1 and ${n.revision}, the revisions of this notice`);
    // Claims cancelled by an upheld objection are marked on their lines.
    // Through the loader `objections` uses: one query for a page of notices, none if both are asked.
    const upheld = new Set(
      (await ctx.loaders.childrenOf(SubsidyObjection, 'notice', OBJECTION_ORDER).load(n.row.id))
        .filter((o) => o.status === ObjectionStatus.UPHELD)
        .map((o) => o.lineSeq),
    );
    return paginate(
      ctx.em,
      SubsidyNoticeLine,
      { notice: n.row.id, revision: r },
      { seq: 'asc', id: 'asc' },
      page,
      (l) => Object.assign(SubsidyNoticeLineObject.from(l), { cancelled: upheld.has(l.seq) }),
      info,
    );
  }

  @FieldResolver(() => [SubsidyNoticeRevisionObject], {
    description: 'Every published revision, oldest first: the history of corrections with their hashes.',
  })
  async revisions(@Root() n: SubsidyNoticeObject, @Ctx() ctx: Context) {
    return (await ctx.loaders.childrenOf(SubsidyNoticeRevision, 'notice', { revision: 'asc' }).load(n.row.id)).map(
      (r) => Object.assign(SubsidyNoticeRevisionObject.from(r), { notice: n.row }),
    );
  }

  @FieldResolver(() => [RedFlagObject], {
    complexity: 10,
    description:
      'Red flags, each explained and tied to its clause: paid below 80 % attendance, class over its cap, certificate class under 120 hours, institution blacklisted at the time, assessing agency = trainer without the exemption, amount above the directory standard, the same masked person paid twice for the same occupation and level in a year, claim outside the deadline.',
  })
  async redFlags(@Root() n: SubsidyNoticeObject, @Ctx() ctx: Context) {
    return (await noticeFlags(ctx).load(n.row)).map(RedFlagObject.from);
  }

  @FieldResolver(() => [String], {
    description:
      'The ids of its red flags as last stored (kept current by every write); what the list filter `flag` uses. `redFlags` has the explanations.',
  })
  flagIds(@Root() n: SubsidyNoticeObject): string[] {
    return parseFlagIds(n.row.flagIds);
  }

  @Query(() => [RedFlagKindObject], {
    description: 'Every kind of red flag, with its id (for `SubsidyNoticeFilter.flag`), name and basis.',
  })
  redFlagKinds(): RedFlagKindObject[] {
    return FLAG_KINDS.map((k) => Object.assign(new RedFlagKindObject(), k));
  }

  @FieldResolver(() => [SubsidyObjectionObject], {
    description: 'Objections received, oldest first, with their outcomes.',
  })
  async objections(@Root() n: SubsidyNoticeObject, @Ctx() ctx: Context) {
    return (await ctx.loaders.childrenOf(SubsidyObjection, 'notice', OBJECTION_ORDER).load(n.row.id)).map(
      SubsidyObjectionObject.from,
    );
  }
}

@Resolver(() => SubsidyNoticeRevisionObject)
export class SubsidyNoticeRevisionResolver {
  @FieldResolver(() => String, {
    complexity: 20,
    description:
      'The revision as canonical JSON (RFC 8785: sorted keys, no white space), exactly the text `sha256` is the hash of. Masked personal data only.',
  })
  async canonicalJson(
    @Root() r: SubsidyNoticeRevisionObject & { notice: Row<SubsidyNotice> },
    @Ctx() ctx: Context,
  ): Promise<string> {
    const lines = await findRows(
      ctx.em,
      SubsidyNoticeLine,
      { notice: r.notice.id, revision: r.revision },
      { seq: 'asc' },
    );
    const course = r.notice.course != null ? await ctx.loaders.byKey(Course).load(r.notice.course) : null;
    return canonicalRevision(revisionContent(r.notice, course?.classNumber ?? null, r.row, lines));
  }
}

@Resolver(() => SubsidyNoticeLineObject)
export class SubsidyNoticeLineResolver {
  @FieldResolver(() => OccupationObject, { description: 'Occupation certified.' })
  async occupation(@Root() l: SubsidyNoticeLineObject, @Ctx() ctx: Context) {
    return OccupationObject.from(ctx.reference.occupation(l.row.occupation)!);
  }

  @FieldResolver({ description: 'Whether an upheld objection cancelled the claim on this line (50号 (十九)).' })
  cancelled(@Root() l: SubsidyNoticeLineObject & { cancelled?: boolean }): boolean {
    return l.cancelled ?? false;
  }

  @FieldResolver({
    description: 'Whether the line meets the eligibility rules (attendance ≥ 80 %, certificate obtained).',
  })
  eligible(@Root() l: SubsidyNoticeLineObject): boolean {
    return isEligible({ attendanceRate: l.attendanceRate, hasCertificate: l.certificateNumber != null });
  }

  @FieldResolver(() => [RuleCheckObject], { description: 'The eligibility checks with their clauses.' })
  eligibility(
    @Root() l: SubsidyNoticeLineObject,
    @Arg('passed', () => Boolean, {
      nullable: true,
      description:
        'Only the checks with this outcome: `false` gives what a line fails (empty for an eligible line), which is all a page of the notice needs to show. Default: every check.',
    })
    passed?: boolean | null,
  ) {
    const checks = checkSubsidyEligibility({
      attendanceRate: l.attendanceRate,
      hasCertificate: l.certificateNumber != null,
    });
    return (passed == null ? checks : checks.filter((c) => c.passed === passed)).map(RuleCheckObject.from);
  }
}
