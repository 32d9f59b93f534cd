import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { TargetTable } from '../common/enums';
import type { Context } from '../context';
import { registerNodeLoader } from '../graphql/node-registry';
import { InstitutionObject } from '../institutions/institution.type';
import { Institution } from '../institutions/institution.entity';
import { findRows } from '../db/rows';
import { RegionObject } from '../regions/region.type';
import { AnnualTarget } from './annual-target.entity';
import { AnnualTargetObject } from './annual-target.type';

registerNodeLoader('AnnualTarget', async (em, key) => {
  const [t] = await findRows(em, AnnualTarget, { id: Number(key) || -1 });
  return t ? AnnualTargetObject.from(t) : null;
});

@Resolver(() => AnnualTargetObject)
export class AnnualTargetResolver {
  @Query(() => [AnnualTargetObject], {
    description:
      "Every figure of a year's target tables, in table and row order (2022: annexes 1, 2, 4 and 5 of 云人社通〔2022〕8号).",
  })
  async annualTargets(
    @Ctx() ctx: Context,
    @Arg('year', () => Int, { description: 'e.g. 2022' }) year: number,
    @Arg('table', () => TargetTable, { nullable: true, description: 'Only this table.' }) table?: TargetTable | null,
  ) {
    const rows = await findRows(ctx.em, AnnualTarget, table ? { year, table } : { year }, {
      table: 'asc',
      seq: 'asc',
      id: 'asc',
    });
    return rows.map(AnnualTargetObject.from);
  }

  @FieldResolver(() => RegionObject, {
    nullable: true,
    description: 'The 州市 (or the province for total rows) the figure is for, when the table is by region.',
  })
  region(@Root() t: AnnualTargetObject, @Ctx() ctx: Context) {
    const code = t.row.region;
    return code ? RegionObject.from(ctx.regions.get(code)!) : null;
  }

  @FieldResolver(() => InstitutionObject, {
    nullable: true,
    description: 'The technical school (附件2) or provincial project unit (附件4) the figure is for.',
  })
  async institution(@Root() t: AnnualTargetObject, @Ctx() ctx: Context) {
    const i = t.row.institution != null ? await ctx.loaders.byKey(Institution).load(t.row.institution) : null;
    return i ? InstitutionObject.from(i) : null;
  }
}
