import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from './context';
import { inputError } from './graphql/errors';
import { Node, fromGlobalId, intKeyOf } from './graphql/node';
import { nodeLoaderFor } from './graphql/node-registry';
import { RegionObject } from './regions/region.type';

/** The most IDs `nodes(ids:)` takes at once, as a connection's `first`. */
export const MAX_NODE_IDS = 100;

/** The object a global ID names, or null: what `node` and `nodes` answer for each ID. */
async function load(ctx: Context, id: string, field: string): Promise<object | null> {
  const { type, key } = fromGlobalId(id, field);
  if (type === 'Region') {
    const r = ctx.regions.get(key);
    return r ? RegionObject.from(r) : null;
  }
  const loader = nodeLoaderFor(type);
  if (!loader) return null;
  return loader.load(ctx.em, loader.key === 'integer' ? String(intKeyOf(id, field, type)) : key);
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global ID; null when the ID is well-formed but names nothing.',
  })
  node(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'A global ID from any `id` field.' }) id: string) {
    return load(ctx, id, 'id');
  }

  @Query(() => [Node], {
    nullable: 'items',
    // As a connection of that many: each object costs what its selection costs.
    complexity: ({ args, childComplexity }) =>
      1 + Math.min((args.ids as unknown[] | undefined)?.length ?? 0, MAX_NODE_IDS) * Math.max(childComplexity, 1),
    description:
      'Objects by their global IDs (1–100), in the order asked; null where an ID is well-formed but names nothing. What a mirror or the site builder uses to re-read the records `recordChanges` names.',
  })
  nodes(
    @Ctx() ctx: Context,
    @Arg('ids', () => [ID], { description: 'Global IDs from any `id` fields, 1–100 of them.' }) ids: string[],
  ) {
    if (ids.length < 1 || ids.length > MAX_NODE_IDS)
      throw inputError('ids', `must hold 1–${MAX_NODE_IDS} IDs, got ${ids.length}`);
    return Promise.all(ids.map((id) => load(ctx, id, 'ids')));
  }
}
