import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { RegionLevel } from '../common/enums';
import type { Context } from '../context';
import { inputError } from '../graphql/errors';
import { RegionObject } from './region.type';

@Resolver(() => RegionObject)
export class RegionResolver {
  @Query(() => [RegionObject], {
    description: 'Regions of Yunnan in code order, optionally of one level or under one parent.',
  })
  regions(
    @Ctx() ctx: Context,
    @Arg('level', () => RegionLevel, { nullable: true, description: 'Only this level.' }) level?: RegionLevel | null,
    @Arg('parent', () => String, { nullable: true, description: 'Only the direct children of this region code.' })
    parent?: string | null,
  ): RegionObject[] {
    if (parent != null && !ctx.regions.get(parent))
      throw inputError('parent', `"${parent}" is not a Yunnan region code`);
    return ctx.regions
      .all()
      .filter((r) => (level == null || r.level === level) && (parent == null || r.parentCode === parent))
      .sort((a, b) => a.code.localeCompare(b.code))
      .map(RegionObject.from);
  }

  @Query(() => RegionObject, {
    nullable: true,
    description: 'One region by its GB/T 2260 code; null when no such code.',
  })
  region(
    @Ctx() ctx: Context,
    @Arg('code', () => String, { description: 'Six-digit code, e.g. `530100`.' }) code: string,
  ): RegionObject | null {
    const r = ctx.regions.get(code);
    return r ? RegionObject.from(r) : null;
  }

  @FieldResolver(() => RegionObject, { nullable: true, description: 'The region one level up; null for the province.' })
  parent(@Root() region: RegionObject, @Ctx() ctx: Context): RegionObject | null {
    const p = region.parentCode ? ctx.regions.get(region.parentCode) : undefined;
    return p ? RegionObject.from(p) : null;
  }

  @FieldResolver(() => [RegionObject], { description: 'The regions one level down, in code order.' })
  children(@Root() region: RegionObject, @Ctx() ctx: Context): RegionObject[] {
    return ctx.regions
      .all()
      .filter((r) => r.parentCode === region.code)
      .sort((a, b) => a.code.localeCompare(b.code))
      .map(RegionObject.from);
  }
}
