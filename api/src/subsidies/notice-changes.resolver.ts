import { Cursor } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { connectionComplexity, connectionOf, PageArgs, pageFrom, pageSize, selectsField } from '../graphql/connection';
import { isIsoDate } from '../common/dates';
import { inputError } from '../graphql/errors';
import { findRows } from '../db/rows';
import { NoticeChangeKind, NoticeChangeObject } from './notice-changes.type';
import { SubsidyNotice, SubsidyObjection } from './subsidy-notice.entity';
import { SubsidyNoticeObject, SubsidyObjectionObject } from './subsidy.type';

export const NoticeChangeConnection = connectionOf(NoticeChangeObject, 'NoticeChange', 'notice changes');

/** Every event of every notice, one row each, in a stable order (day, kind, notice, sub-record). */
const EVENTS = `
  select r.published_on as on_day, 1 as rank, r.notice_id as notice_id, r.revision as sub_id,
         case when r.revision = 1 then 'PUBLISHED' else 'REVISED' end as kind, r.reason as reason
    from subsidy_notice_revision r
  union all
  select n.withdrawn_on, 2, n.id, 0, 'WITHDRAWN', n.withdrawn_reason from subsidy_notice n where n.withdrawn_on is not null
  union all
  select o.received_on, 3, o.notice_id, o.id, 'OBJECTION_RECEIVED', null from subsidy_objection o
  union all
  select o.decided_on, 4, o.notice_id, o.id, 'OBJECTION_DECIDED', null from subsidy_objection o where o.decided_on is not null`;

interface EventRow {
  on_day: string | Date;
  rank: number | string;
  notice_id: number | string;
  sub_id: number | string;
  kind: NoticeChangeKind;
  reason: string | null;
}

/** The calendar day in China of an instant: notices are dated by day there. */
function chinaDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
}

const day = (v: string | Date) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

@Resolver(() => NoticeChangeObject)
export class NoticeChangeResolver {
  @Query(() => NoticeChangeConnection, {
    complexity: connectionComplexity,
    description:
      'What happened to notices since a moment, oldest first (or newest first): publications, corrections, withdrawals, objections received and decided. Events are dated by day (China time), so `since` counts from the start of its day there. For mirrors and feeds; withdrawals are included so a copy never keeps what was withdrawn.',
  })
  async changes(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('since', () => GraphQLDateTime, { description: 'An instant, e.g. `2026-11-01T00:00:00+08:00`.' }) since: Date,
    @Arg('newestFirst', () => Boolean, {
      defaultValue: false,
      description: 'Newest first (what a feed shows) instead of oldest first (what a mirror replays).',
    })
    newestFirst: boolean,
  ) {
    const size = pageSize(page.first);
    const from = chinaDay(since);
    const params: unknown[] = [from];
    let after = '';
    if (page.after) {
      let values: unknown[];
      try {
        values = Cursor.decode(page.after) as unknown[];
      } catch {
        values = [];
      }
      // [day, rank, notice id, sub id], as cursorOf writes it: anything else would reach SQL as it came.
      const fits =
        Array.isArray(values) &&
        values.length === 4 &&
        typeof values[0] === 'string' &&
        isIsoDate(values[0]) &&
        values.slice(1).every((v) => Number.isSafeInteger(v));
      if (!fits) throw inputError('after', `"${page.after.slice(0, 80)}" is not a cursor of this list`);
      const gt = newestFirst ? '<' : '>';
      after = ` and (e.on_day ${gt} ? or (e.on_day = ? and (e.rank ${gt} ? or (e.rank = ? and (e.notice_id ${gt} ? or (e.notice_id = ? and e.sub_id ${gt} ?))))))`;
      params.push(values[0], values[0], values[1], values[1], values[2], values[2], values[3]);
    }
    const conn = ctx.em.getConnection();
    const rows = (await conn.execute(
      `select * from (${EVENTS}) e where e.on_day >= ?${after} order by ${['e.on_day', 'e.rank', 'e.notice_id', 'e.sub_id'].map((k) => (newestFirst ? `${k} desc` : k)).join(', ')} limit ${size + 1}`,
      params,
    )) as EventRow[];
    const pageRows = rows.slice(0, size);
    const objectionIds = pageRows.filter((r) => r.kind.startsWith('OBJECTION')).map((r) => Number(r.sub_id));
    const objections = new Map(
      (objectionIds.length ? await findRows(ctx.em, SubsidyObjection, { id: { $in: objectionIds } }) : []).map((o) => [
        o.id,
        o,
      ]),
    );
    const nodeOf = (r: EventRow) => {
      const objection = r.kind.startsWith('OBJECTION') ? objections.get(Number(r.sub_id)) : undefined;
      return Object.assign(new NoticeChangeObject(), {
        kind: r.kind,
        on: day(r.on_day),
        noticeId: Number(r.notice_id),
        revision:
          r.kind === NoticeChangeKind.PUBLISHED || r.kind === NoticeChangeKind.REVISED ? Number(r.sub_id) : null,
        reason: r.reason ?? null,
        objection: objection ? SubsidyObjectionObject.from(objection) : null,
      });
    };
    const cursorOf = (r: EventRow) =>
      Cursor.encode([day(r.on_day), Number(r.rank), Number(r.notice_id), Number(r.sub_id)]);
    const totalCount = selectsField(info, 'totalCount')
      ? Number(
          (
            (await conn.execute(`select count(*) as n from (${EVENTS}) e where e.on_day >= ?`, [from])) as {
              n: number | string;
            }[]
          )[0].n,
        )
      : 0;
    return pageFrom(rows, size, page.after, cursorOf, nodeOf, totalCount);
  }

  @FieldResolver(() => SubsidyNoticeObject, { description: 'The notice concerned.' })
  async notice(@Root() c: NoticeChangeObject, @Ctx() ctx: Context) {
    const n = await ctx.loaders.byKey(SubsidyNotice).load(c.noticeId);
    return SubsidyNoticeObject.from(n!);
  }
}
