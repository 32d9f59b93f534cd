import type { FilterQuery } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { BlacklistingStatus } from '../common/enums';
import type { Context } from '../context';
import { connectionComplexity, connectionOf, PageArgs, paginate } from '../graphql/connection';
import { regionCodesFor } from '../regions/region.filters';
import { blacklistingStatus } from './blacklisting.rules';
import { Institution } from './institution.entity';
import { blacklistingWhere } from './institution.filters';
import { BlacklistingFilter } from './institution.inputs';
import { BlacklistingObject, InstitutionObject } from './institution.type';

export const BlacklistingConnection = connectionOf(BlacklistingObject, 'Blacklisting', 'blacklistings');

function where(ctx: Context, f: BlacklistingFilter | null | undefined): FilterQuery<Institution> {
  const and: FilterQuery<Institution>[] = [blacklistingWhere(f?.status, ctx.today)];
  if (f?.region) and.push({ region: { $in: regionCodesFor(ctx.regions, f.region, 'filter.region') } });
  if (f?.isDemo != null) and.push({ isDemo: f.isDemo });
  return { $and: and };
}

/** The published blacklist: every institution's latest blacklisting, with its status today. */
@Resolver(() => BlacklistingObject)
export class BlacklistingResolver {
  @Query(() => BlacklistingConnection, {
    complexity: connectionComplexity,
    description:
      'Every blacklisting in force by today (三年内不得参与政府补贴性培训, 云人社通〔2022〕8号 四(三)), the latest of each institution: ' +
      'current ones first, then ended or lifted ones, each group by its end, latest first. Published so workers can check an institution (50号 (十七)).',
  })
  async blacklistings(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => BlacklistingFilter, { nullable: true, description: 'Conditions every returned item meets.' })
    filter?: BlacklistingFilter | null,
  ) {
    // A current bar ends after today and an ended one on or before it, so "end, latest first"
    // puts the current ones first without a computed column; id breaks ties for the cursor.
    return paginate(
      ctx.em,
      Institution,
      where(ctx, filter),
      { blacklistedUntil: 'desc', id: 'asc' },
      page,
      (r) => BlacklistingObject.from(r)!,
      info,
    );
  }

  @FieldResolver(() => InstitutionObject, { description: 'The institution blacklisted.' })
  institution(@Root() b: BlacklistingObject) {
    return InstitutionObject.from(b.row);
  }

  @FieldResolver(() => BlacklistingStatus, {
    nullable: true,
    description:
      'Status today: CURRENT, ENDED (three years passed) or LIFTED (ended early); null when its first day is still ahead.',
  })
  status(@Root() b: BlacklistingObject, @Ctx() ctx: Context) {
    return blacklistingStatus({ from: b.from, until: b.until, liftedOn: b.liftedOn }, ctx.today);
  }
}
