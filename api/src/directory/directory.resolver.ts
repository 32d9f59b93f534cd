import type { FilterQuery } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { connectionComplexity, connectionOf, PageArgs, paginate } from '../graphql/connection';
import { notFound } from '../graphql/errors';
import { registerNodeLoader } from '../graphql/node-registry';
import { findRows } from '../db/rows';
import { OccupationObject } from '../occupations/occupation.type';
import { DirectoryEdition, DirectoryEntry } from './directory.entity';
import { DirectoryEntryFilter } from './directory.inputs';
import { DirectoryEditionObject, DirectoryEntryObject } from './directory.type';

export const DirectoryEntryConnection = connectionOf(DirectoryEntryObject, 'DirectoryEntry', 'directory entries');

registerNodeLoader('DirectoryEdition', async (em, key) => {
  const [e] = await findRows(em, DirectoryEdition, { year: Number(key) || -1 });
  return e ? DirectoryEditionObject.from(e) : null;
});
registerNodeLoader('DirectoryEntry', async (em, key) => {
  const [e] = await findRows(em, DirectoryEntry, { id: Number(key) || -1 });
  return e ? DirectoryEntryObject.from(e) : null;
});

@Resolver(() => DirectoryEditionObject)
export class DirectoryEditionResolver {
  @Query(() => [DirectoryEditionObject], { description: 'Every directory edition, newest first.' })
  async directoryEditions(@Ctx() ctx: Context) {
    return (await findRows(ctx.em, DirectoryEdition, {}, { year: 'desc' })).map(DirectoryEditionObject.from);
  }

  @Query(() => DirectoryEditionObject, { description: "One year's directory edition." })
  async directory(@Ctx() ctx: Context, @Arg('year', () => Int, { description: 'e.g. 2022' }) year: number) {
    const [e] = await findRows(ctx.em, DirectoryEdition, { year });
    if (!e) throw notFound('year', String(year));
    return DirectoryEditionObject.from(e);
  }

  @FieldResolver(() => DirectoryEntryConnection, {
    complexity: connectionComplexity,
    description: 'The entries, in directory order.',
  })
  async entries(
    @Root() edition: DirectoryEditionObject,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => DirectoryEntryFilter, { nullable: true, description: 'Conditions every returned item meets.' })
    filter?: DirectoryEntryFilter | null,
  ) {
    const where: FilterQuery<DirectoryEntry> = { edition: edition.year };
    if (filter?.occupation) where.occupation = filter.occupation;
    if (filter?.certificateType) where.certificateType = filter.certificateType;
    if (filter?.level) where.level = filter.level;
    if (filter?.keyOnly) where.isKeyOccupation = true;
    return paginate(ctx.em, DirectoryEntry, where, { id: 'asc' }, page, DirectoryEntryObject.from, info);
  }
}

@Resolver(() => DirectoryEntryObject)
export class DirectoryEntryResolver {
  @FieldResolver(() => OccupationObject, { description: 'The occupation.' })
  async occupation(@Root() e: DirectoryEntryObject, @Ctx() ctx: Context) {
    return OccupationObject.from(ctx.reference.occupation(e.row.occupation)!);
  }
}
