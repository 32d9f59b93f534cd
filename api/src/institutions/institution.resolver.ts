import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { InstitutionStanding, InstitutionType } from '../common/enums';
import { checkProjectCertificateShare } from '../targets/target.rules';
import { validateCreditCode } from '../common/credit-code';
import type { Context } from '../context';
import { connectionComplexity, connectionOf, PageArgs, paginate } from '../graphql/connection';
import { inputError, notFound } from '../graphql/errors';
import { intKeyOf } from '../graphql/node';
import { registerNodeLoader } from '../graphql/node-registry';
import { containsPattern, findRows } from '../db/rows';
import { RuleCheckObject } from '../graphql/rule-check.type';
import { OccupationObject } from '../occupations/occupation.type';
import { regionCodesFor } from '../regions/region.filters';
import { RegionObject } from '../regions/region.type';
import { AnnualTarget } from '../targets/annual-target.entity';
import { AnnualTargetObject } from '../targets/annual-target.type';
import { Blacklisting } from './blacklisting.entity';
import { Institution } from './institution.entity';
import { standingWhere } from './institution.filters';
import { InstitutionFilter } from './institution.inputs';
import { checkInstitution, institutionStanding } from './institution.rules';
import { BlacklistingObject, InstitutionObject } from './institution.type';

/** The year whose project plans the 附件4 rule of 云人社通〔2022〕8号 governs. */
const PROJECT_PLAN_YEAR = 2022;

export const InstitutionConnection = connectionOf(InstitutionObject, 'Institution', 'institutions');

registerNodeLoader('Institution', async (em, key) => {
  const [i] = await findRows(em, Institution, { id: Number(key) || -1 });
  return i ? InstitutionObject.from(i) : null;
});

/** Checks a credit code given as an argument, naming the field and the GB 32100-2015 rule it breaks. */
export function assertCreditCode(code: string, field: string): void {
  const v = validateCreditCode(code);
  if (!v.valid)
    throw inputError(field, `"${code}" is not a valid unified social credit code (GB 32100-2015): ${v.reason}`);
}

/** Ids of the institutions approved to train an occupation (the scope pivot table). */
async function idsTraining(ctx: Context, occupation: string): Promise<number[]> {
  const rows: { institution_id: number }[] = await (ctx.em as SqlEntityManager)
    .getKnex()('institution_scope')
    .select('institution_id')
    .where('occupation_code', occupation);
  return rows.map((r) => r.institution_id);
}

async function institutionWhere(
  ctx: Context,
  f: InstitutionFilter | null | undefined,
): Promise<FilterQuery<Institution>> {
  const and: FilterQuery<Institution>[] = [];
  if (f?.region) and.push({ region: { $in: regionCodesFor(ctx.regions, f.region, 'filter.region') } });
  if (f?.type) and.push({ type: f.type });
  if (f?.standing) and.push(standingWhere(f.standing, ctx.today));
  if (f?.occupation) and.push({ id: { $in: await idsTraining(ctx, f.occupation) } });
  if (f?.search) and.push({ name: { $like: containsPattern(f.search) } });
  if (f?.creditCode) {
    assertCreditCode(f.creditCode, 'filter.creditCode');
    and.push({ creditCode: f.creditCode });
  }
  if (f?.isDemo != null) and.push({ isDemo: f.isDemo });
  return and.length ? { $and: and } : {};
}

@Resolver(() => InstitutionObject)
export class InstitutionResolver {
  @Query(() => InstitutionConnection, {
    complexity: connectionComplexity,
    description: 'Training institutions and provincial project units, by id.',
  })
  async institutions(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => InstitutionFilter, { nullable: true, description: 'Conditions every returned item meets.' })
    filter?: InstitutionFilter | null,
  ) {
    return paginate(
      ctx.em,
      Institution,
      await institutionWhere(ctx, filter),
      { id: 'asc' },
      page,
      InstitutionObject.from,
      info,
    );
  }

  @Query(() => InstitutionObject, {
    description: 'One institution by global ID or by unified social credit code (give exactly one).',
  })
  async institution(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true, description: 'Global ID.' }) id?: string | null,
    @Arg('creditCode', () => String, { nullable: true, description: 'Unified social credit code (18 characters).' })
    creditCode?: string | null,
  ) {
    if ((id == null) === (creditCode == null)) throw inputError('id', 'give exactly one of id and creditCode');
    if (creditCode != null) assertCreditCode(creditCode, 'creditCode');
    const where = id != null ? { id: intKeyOf(id, 'id', 'Institution') } : { creditCode: creditCode! };
    const [i] = await findRows(ctx.em, Institution, where);
    if (!i) throw notFound(id != null ? 'id' : 'creditCode', (id ?? creditCode)!);
    return InstitutionObject.from(i);
  }

  @FieldResolver(() => RegionObject, { description: 'Where the institution is registered.' })
  region(@Root() i: InstitutionObject, @Ctx() ctx: Context) {
    return RegionObject.from(ctx.regions.get(i.row.region)!);
  }

  @FieldResolver(() => InstitutionStanding, {
    description: 'Standing today: GOOD, BLACKLISTED (three-year bar) or LICENCE_REVOKED.',
  })
  standing(@Root() i: InstitutionObject, @Ctx() ctx: Context) {
    const e = i.row;
    return institutionStanding(
      {
        blacklistedFrom: e.blacklistedFrom ?? null,
        blacklistedUntil: e.blacklistedUntil ?? null,
        licenceRevokedOn: e.licenceRevokedOn ?? null,
      },
      ctx.today,
    );
  }

  @FieldResolver(() => [RuleCheckObject], {
    description:
      'Checks of the institution record: credit code check character and standing; for a provincial project unit also the 60 % certificate-class share of its 2022 plan (附件4 说明).',
  })
  async compliance(@Root() i: InstitutionObject, @Ctx() ctx: Context) {
    const e = i.row;
    const checks = checkInstitution(
      {
        creditCode: e.creditCode ?? null,
        type: e.type,
        blacklistedFrom: e.blacklistedFrom ?? null,
        blacklistedUntil: e.blacklistedUntil ?? null,
        licenceRevokedOn: e.licenceRevokedOn ?? null,
      },
      ctx.today,
    );
    if (e.type === InstitutionType.PROVINCIAL_PROJECT_UNIT)
      checks.push(checkProjectCertificateShare(await ctx.loaders.projectPlan(PROJECT_PLAN_YEAR).load(e.id)));
    return checks.map(RuleCheckObject.from);
  }

  @FieldResolver(() => [OccupationObject], {
    description: 'Occupations the institution is approved to train, by code.',
  })
  async scope(@Root() i: InstitutionObject, @Ctx() ctx: Context) {
    const codes = await ctx.loaders
      .memo<number, string[]>('institutionScope', async (ids) => {
        const rows: { institution_id: number; occupation_code: string }[] = await (ctx.em as SqlEntityManager)
          .getKnex()('institution_scope')
          .select('institution_id', 'occupation_code')
          .whereIn('institution_id', [...new Set(ids)])
          .orderBy('occupation_code');
        return ids.map((id) => rows.filter((r) => r.institution_id === id).map((r) => r.occupation_code));
      })
      .load(i.row.id);
    return codes.flatMap((code) => {
      const o = ctx.reference.occupation(code);
      return o ? [OccupationObject.from(o)] : [];
    });
  }

  @FieldResolver(() => [BlacklistingObject], {
    description:
      'Every blacklisting decision on record, oldest first, each with its document and, if lifted early, the lift: ' +
      'a later decision adds one, never rewrites one (云人社通〔2022〕8号 四(三)). `blacklisting` is the latest of them.',
  })
  async blacklistingHistory(@Root() i: InstitutionObject, @Ctx() ctx: Context) {
    const rows = await ctx.loaders.childrenOf(Blacklisting, 'institution', { from: 'asc', id: 'asc' }).load(i.row.id);
    return rows.map((b) => BlacklistingObject.fromRecord(b, i.row));
  }

  @FieldResolver(() => [AnnualTargetObject], {
    description: 'Published targets naming this institution (附件2 for technical schools, 附件4 for project units).',
  })
  async targets(@Root() i: InstitutionObject, @Ctx() ctx: Context) {
    const rows = await ctx.loaders
      .childrenOf(AnnualTarget, 'institution', { year: 'asc', table: 'asc', seq: 'asc', id: 'asc' })
      .load(i.row.id);
    return rows.map(AnnualTargetObject.from);
  }
}
