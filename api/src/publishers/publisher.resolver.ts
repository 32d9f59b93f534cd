import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { PublisherObject } from './publisher.type';

@Resolver(() => PublisherObject)
export class PublisherResolver {
  @Query(() => PublisherObject, {
    nullable: true,
    description: 'The publisher whose API key made this request (`Authorization: Bearer sy_…`); null without a key.',
  })
  viewer(@Ctx() ctx: Context): PublisherObject | null {
    return ctx.viewer ? PublisherObject.from(ctx.viewer) : null;
  }
}
