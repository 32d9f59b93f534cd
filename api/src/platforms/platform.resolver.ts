import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { registerNodeLoader } from '../graphql/node-registry';
import { findRows } from '../db/rows';
import { OnlinePlatform } from './platform.entity';
import { OnlinePlatformObject } from './platform.type';

registerNodeLoader('OnlinePlatform', async (em, key) => {
  const [p] = await findRows(em, OnlinePlatform, { id: Number(key) || -1 });
  return p ? OnlinePlatformObject.from(p) : null;
});

@Resolver(() => OnlinePlatformObject)
export class OnlinePlatformResolver {
  @Query(() => [OnlinePlatformObject], { description: 'The 7 recommended online training platforms, in annex order.' })
  async onlinePlatforms(@Ctx() ctx: Context) {
    return (await findRows(ctx.em, OnlinePlatform, {}, { id: 'asc' })).map(OnlinePlatformObject.from);
  }
}
