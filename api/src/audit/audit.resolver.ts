import type { FilterQuery } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Info, Query, Resolver } from 'type-graphql';
import { connectionComplexity, connectionOf, PageArgs, paginate } from '../graphql/connection';
import type { Context } from '../context';
import { AuditEntry } from './audit-entry.entity';
import { AuditEntryObject, AuditFilter } from './audit.type';

export const AuditEntryConnection = connectionOf(AuditEntryObject, 'AuditEntry', 'audit entries');

@Resolver(() => AuditEntryObject)
export class AuditResolver {
  @Authorized('ADMIN')
  @Query(() => AuditEntryConnection, {
    complexity: connectionComplexity,
    description:
      'The audit trail, newest first: every write with who, when, what and the before/after hashes. Provincial administrators only.',
  })
  async auditTrail(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => AuditFilter, { nullable: true, description: 'Conditions every returned entry meets.' })
    filter?: AuditFilter | null,
  ) {
    const where: FilterQuery<AuditEntry> = {};
    if (filter?.entityType) where.entityType = filter.entityType;
    if (filter?.entityKey) where.entityKey = filter.entityKey;
    if (filter?.action) where.action = filter.action;
    if (filter?.region) where.region = filter.region;
    return paginate(ctx.em, AuditEntry, where, { id: 'desc' }, page, AuditEntryObject.from, info);
  }
}
