import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from './context';
import { Node, fromGlobalId, intKeyOf } from './graphql/node';
import { nodeLoaderFor } from './graphql/node-registry';
import { RegionObject } from './regions/region.type';

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global ID; null when the ID is well-formed but names nothing.',
  })
  async node(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'A global ID from any `id` field.' }) id: string,
  ) {
    const { type, key } = fromGlobalId(id, 'id');
    if (type === 'Region') {
      const r = ctx.regions.get(key);
      return r ? RegionObject.from(r) : null;
    }
    const loader = nodeLoaderFor(type);
    if (!loader) return null;
    return loader.load(ctx.em, loader.key === 'integer' ? String(intKeyOf(id, 'id', type)) : key);
  }
}
