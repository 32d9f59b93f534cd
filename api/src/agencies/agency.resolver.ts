import type { FilterQuery } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { connectionComplexity, connectionOf, PageArgs, paginate } from '../graphql/connection';
import { registerNodeLoader } from '../graphql/node-registry';
import { InstitutionObject } from '../institutions/institution.type';
import { OccupationObject } from '../occupations/occupation.type';
import { regionCodesFor } from '../regions/region.filters';
import { RegionObject } from '../regions/region.type';
import { AgencyFee, AgencyScope, EvaluationAgency } from './agency.entity';
import { containsPattern, findRows } from '../db/rows';
import { Institution } from '../institutions/institution.entity';
import { EvaluationAgencyFilter } from './agency.inputs';
import { AgencyFeeObject, AgencyScopeObject, EvaluationAgencyObject } from './agency.type';

export const EvaluationAgencyConnection = connectionOf(
  EvaluationAgencyObject,
  'EvaluationAgency',
  'evaluation agencies',
);

registerNodeLoader('EvaluationAgency', async (em, key) => {
  const [a] = await findRows(em, EvaluationAgency, { id: Number(key) || -1 });
  return a ? EvaluationAgencyObject.from(a) : null;
});

async function agencyWhere(
  ctx: Context,
  f: EvaluationAgencyFilter | null | undefined,
): Promise<FilterQuery<EvaluationAgency>> {
  const and: FilterQuery<EvaluationAgency>[] = [];
  if (f?.region) and.push({ region: { $in: regionCodesFor(ctx.regions, f.region, 'filter.region') } });
  if (f?.type) and.push({ type: f.type });
  if (f?.occupation || f?.level) {
    // Agencies with a matching scope row; asked first so the page query needs no join that could repeat rows.
    const scope: FilterQuery<AgencyScope> = {};
    if (f.occupation) scope.occupation = f.occupation;
    if (f.level) scope.level = f.level;
    const rows = await findRows(ctx.em, AgencyScope, scope);
    and.push({ id: { $in: [...new Set(rows.map((r) => r.agency))] } });
  }
  if (f?.alsoTrains != null) and.push(f.alsoTrains ? { institution: { $ne: null } } : { institution: null });
  if (f?.search) and.push({ name: { $like: containsPattern(f.search) } });
  if (f?.isDemo != null) and.push({ isDemo: f.isDemo });
  return and.length ? { $and: and } : {};
}

@Resolver(() => EvaluationAgencyObject)
export class EvaluationAgencyResolver {
  @Query(() => EvaluationAgencyConnection, {
    complexity: connectionComplexity,
    description: 'Evaluation agencies recorded in Yunnan, by id.',
  })
  async evaluationAgencies(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => EvaluationAgencyFilter, {
      nullable: true,
      description: 'Conditions every returned item meets.',
    })
    filter?: EvaluationAgencyFilter | null,
  ) {
    return paginate(
      ctx.em,
      EvaluationAgency,
      await agencyWhere(ctx, filter),
      { id: 'asc' },
      page,
      EvaluationAgencyObject.from,
      info,
    );
  }

  @FieldResolver(() => RegionObject, { description: 'Where the agency is registered.' })
  region(@Root() a: EvaluationAgencyObject, @Ctx() ctx: Context) {
    return RegionObject.from(ctx.regions.get(a.row.region)!);
  }

  @FieldResolver(() => InstitutionObject, {
    nullable: true,
    description: 'The training institution the agency belongs to, when it also trains.',
  })
  async trainingInstitution(@Root() a: EvaluationAgencyObject, @Ctx() ctx: Context) {
    const i = a.row.institution != null ? await ctx.loaders.byKey(Institution).load(a.row.institution) : null;
    return i ? InstitutionObject.from(i) : null;
  }

  @FieldResolver(() => [AgencyScopeObject], { description: 'Recorded scope: occupation × level with dates.' })
  async scope(@Root() a: EvaluationAgencyObject, @Ctx() ctx: Context) {
    return (await ctx.loaders.childrenOf(AgencyScope, 'agency').load(a.row.id)).map(AgencyScopeObject.from);
  }

  @FieldResolver(() => [AgencyFeeObject], { description: 'Published fee schedule.' })
  async fees(@Root() a: EvaluationAgencyObject, @Ctx() ctx: Context) {
    // Lines replaced by a later schedule stay on record but are not the published schedule.
    return (await ctx.loaders.childrenOf(AgencyFee, 'agency').load(a.row.id))
      .filter((f) => !f.replacedOn)
      .map(AgencyFeeObject.from);
  }
}

@Resolver(() => AgencyScopeObject)
export class AgencyScopeResolver {
  @FieldResolver(() => OccupationObject, { description: 'The occupation.' })
  async occupation(@Root() s: AgencyScopeObject, @Ctx() ctx: Context) {
    return OccupationObject.from(ctx.reference.occupation(s.row.occupation)!);
  }
}
