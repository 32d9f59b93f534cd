import type { FilterQuery } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { connectionComplexity, connectionOf, PageArgs, paginate } from '../graphql/connection';
import { inputError } from '../graphql/errors';
import { registerNodeLoader } from '../graphql/node-registry';
import { containsPattern, findRows } from '../db/rows';
import { DirectoryEntry } from '../directory/directory.entity';
import { Occupation } from './occupation.entity';
import { OccupationFilter } from './occupation.inputs';
import { OccupationGroupObject, OccupationObject } from './occupation.type';

export const OccupationConnection = connectionOf(OccupationObject, 'Occupation', 'occupations');

registerNodeLoader(
  'Occupation',
  async (em, key) => {
    const [o] = await findRows(em, Occupation, { code: key });
    return o ? OccupationObject.from(o) : null;
  },
  'text',
);

/** Where-clause for an occupation filter (the directory condition costs one extra query). */
async function occupationWhere(ctx: Context, f: OccupationFilter | null | undefined): Promise<FilterQuery<Occupation>> {
  const and: FilterQuery<Occupation>[] = [];
  if (f?.search) {
    const s = f.search.trim();
    if (s.length > 64) throw inputError('filter.search', 'must be at most 64 characters');
    const like = containsPattern(s);
    and.push(/^\d(-\d{0,2}){0,3}$/.test(s) ? { code: { $like: `${s}%` } } : { name: { $like: like } });
  }
  if (f?.group) {
    if (!/^\d(-\d{2}){0,2}$/.test(f.group))
      throw inputError('filter.group', `"${f.group}" is not a group code like 4, 4-10 or 4-10-01`);
    and.push({ code: { $like: `${f.group}-%` } });
  }
  if (f?.hasNationalStandard != null) and.push({ hasNationalStandard: f.hasNationalStandard });
  if (f?.certificateType) and.push({ certificateTypesText: { $like: `%${f.certificateType}%` } });
  if (f?.inDirectoryYear != null) {
    const entries = await findRows(ctx.em, DirectoryEntry, { edition: f.inDirectoryYear });
    and.push({ code: { $in: [...new Set(entries.map((e) => e.occupation))] } });
  }
  return and.length ? { $and: and } : {};
}

@Resolver(() => OccupationObject)
export class OccupationResolver {
  @Query(() => OccupationConnection, {
    complexity: connectionComplexity,
    description: 'The 1,639 occupations of the 2022 classification, in code order.',
  })
  async occupations(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => OccupationFilter, { nullable: true, description: 'Conditions every returned item meets.' })
    filter?: OccupationFilter | null,
  ) {
    return paginate(
      ctx.em,
      Occupation,
      await occupationWhere(ctx, filter),
      { code: 'asc' },
      page,
      OccupationObject.from,
      info,
    );
  }

  @Query(() => OccupationObject, {
    nullable: true,
    description: 'One occupation by its classification code; null when no such code.',
  })
  async occupation(@Ctx() ctx: Context, @Arg('code', () => String, { description: 'e.g. `4-10-01-05`' }) code: string) {
    const o = ctx.reference.occupation(code);
    return o ? OccupationObject.from(o) : null;
  }

  @FieldResolver(() => [OccupationGroupObject], { description: 'Major, middle and minor group, broadest first.' })
  groups(@Root() o: OccupationObject, @Ctx() ctx: Context): OccupationGroupObject[] {
    const minor = ctx.reference.occupationGroup(o.row.group);
    const middle = minor?.parent ? ctx.reference.occupationGroup(minor.parent) : null;
    const major = middle?.parent ? ctx.reference.occupationGroup(middle.parent) : null;
    return [major, middle, minor].filter((g) => g != null).map(OccupationGroupObject.from);
  }
}
