import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { connectionComplexity, connectionOf, PageArgs, pageFrom, pageSize, selectsField } from '../graphql/connection';
import { inputError } from '../graphql/errors';
import { toGlobalId } from '../graphql/node';
import { doNotCache } from '../graphql/response-cache';
import { countChanges, readChanges, type ChangePosition, type ChangeRow } from '../db/record-changes';
import { ChangedRecordType, RecordChangeObject } from './record-change.type';

export const RecordChangeConnection = connectionOf(RecordChangeObject, 'RecordChange', 'record changes');

const MAX_BIGINT = 2n ** 63n - 1n;
const MAX_INTEGER = 2 ** 31 - 1;

/** A position in the feed as an opaque cursor: base64url of `txid:id`. */
const cursorOf = (p: ChangePosition) => Buffer.from(`${p.txid}:${p.id}`, 'utf8').toString('base64url');

/** The position a cursor names. @throws BAD_USER_INPUT naming `after` for anything this feed did not write. */
function positionOf(cursor: string): ChangePosition {
  const m = /^(\d{1,19}):(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  // Within the columns' ranges (bigint, integer): PostgreSQL refuses anything beyond with an error of its own.
  const fits = m && BigInt(m[1]) <= MAX_BIGINT && Number(m[2]) <= MAX_INTEGER;
  if (!m || !fits || cursorOf({ txid: m[1], id: Number(m[2]) }) !== cursor.replace(/=+$/, ''))
    throw inputError('after', `"${cursor.slice(0, 80)}" is not a cursor of this list`);
  return { txid: m[1], id: Number(m[2]) };
}

const objectOf = (r: ChangeRow) =>
  Object.assign(new RecordChangeObject(), {
    recordType: r.type as ChangedRecordType,
    recordId: toGlobalId(r.type, r.key),
    at: r.at,
  });

@Resolver(() => RecordChangeObject)
export class RecordChangeResolver {
  @Query(() => RecordChangeConnection, {
    complexity: connectionComplexity,
    description:
      'Every record whose public data changed, oldest first (or newest first), one item per write that touched it: what a site builder or a mirror re-reads. Keep the last `endCursor` and ask `after` it next time: nothing written later is ever placed before it. A fresh copy starts from `newestFirst: true, first: 1` (its cursor is "now"). Loads of demo or reference data are not in it (they change the `loaded.at` that `/health` reports: re-read everything then). Never cached.',
  })
  async recordChanges(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('newestFirst', () => Boolean, {
      defaultValue: false,
      description: 'Newest first (the latest position, a feed) instead of oldest first (what a mirror replays).',
    })
    newestFirst: boolean,
  ) {
    // A change becomes readable when older transactions end, which need not change the data version.
    doNotCache(ctx);
    const size = pageSize(page.first);
    const after = page.after ? positionOf(page.after) : null;
    const rows = await readChanges(ctx.em, after, size + 1, newestFirst);
    const total = selectsField(info, 'totalCount') ? await countChanges(ctx.em, after, newestFirst) : 0;
    return pageFrom(rows, size, page.after, cursorOf, objectOf, total);
  }
}
