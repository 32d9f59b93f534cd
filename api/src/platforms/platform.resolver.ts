import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { registerNodeLoader } from '../graphql/node-registry';
import { OnlinePlatform } from './platform.entity';
import { OnlinePlatformObject } from './platform.type';

registerNodeLoader('OnlinePlatform', async (em, key) => {
  const p = await em.findOne(OnlinePlatform, { id: Number(key) || -1 });
  return p ? OnlinePlatformObject.from(p) : null;
});

@Resolver(() => OnlinePlatformObject)
export class OnlinePlatformResolver {
  @Query(() => [OnlinePlatformObject], { description: 'The 7 recommended online training platforms, in annex order.' })
  async onlinePlatforms(@Ctx() ctx: Context) {
    return (await ctx.em.find(OnlinePlatform, {}, { orderBy: { id: 'asc' } })).map(OnlinePlatformObject.from);
  }
}
