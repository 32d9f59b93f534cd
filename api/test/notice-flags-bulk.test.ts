/**
 * The demo load stores every notice's red flags in one whole-table pass (`storeAllNoticeFlags`);
 * a publish stores them notice by notice (`storeNoticeFlags`), and a notice page computes them
 * live (`flagsOfNotices`). All three must agree on every notice, or lists and search filters
 * would show other flags than the notice page. Runs on SQLite, or PostgreSQL with DATABASE_URL.
 */
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoaders } from '../src/db/loaders';
import { openOrm } from '../src/db/orm';
import { ReferenceData } from '../src/db/reference';
import { findRows } from '../src/db/rows';
import { prepareDatabase } from '../src/db/seed';
import { flagsOfNotices, storeAllNoticeFlags, storeNoticeFlags } from '../src/subsidies/notice-flags';
import { flagIdsText, parseFlagIds } from '../src/subsidies/red-flags.rules';
import { SubsidyNotice } from '../src/subsidies/subsidy-notice.entity';
import { createTestDatabase, type TestDatabase } from './helpers';

const TODAY = '2026-11-21';
let db: TestDatabase;
let orm: MikroORM;
/** What the demo load stored: notice id → `flag_ids`. */
let stored: Map<number, string>;

const flagIdsIn = async (em: SqlEntityManager) =>
  new Map(
    (
      (await em.execute('select id, flag_ids from subsidy_notice order by id')) as { id: number; flag_ids: string }[]
    ).map((r) => [Number(r.id), r.flag_ids ?? '']),
  );
const contextOf = async (em: SqlEntityManager) => ({
  em,
  today: TODAY,
  loaders: createLoaders(em),
  reference: await ReferenceData.load(em),
});
/** Notices queued for search after outbox row `since`, in id order. */
const queuedSince = async (em: SqlEntityManager, since: number) =>
  (
    (await em.execute(`select document_key from search_outbox where index_name = 'notices' and id > ?`, [since])) as {
      document_key: string;
    }[]
  )
    .map((q) => Number(q.document_key))
    .sort((x, y) => x - y);
const lastOutboxId = async (em: SqlEntityManager) =>
  Number(((await em.execute('select coalesce(max(id), 0) as id from search_outbox')) as { id: number }[])[0].id);
/** Runs `body` in a transaction that is always rolled back, so each test starts from the loaded demo. */
async function rolledBack(body: (em: SqlEntityManager) => Promise<void>): Promise<void> {
  const rollback = new Error('rollback');
  await orm.em
    .fork()
    .transactional(async (em) => {
      await body(em as SqlEntityManager);
      throw rollback;
    })
    .catch((e) => {
      if (e !== rollback) throw e;
    });
}

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm(db.config);
  await prepareDatabase(orm, { scale: 1, seed: 20220211, today: TODAY });
  stored = await flagIdsIn(orm.em.fork() as SqlEntityManager);
});
afterAll(async () => {
  await orm?.close(true);
  await db?.drop();
});

describe('red flags stored by the demo load', () => {
  it('cover every kind the demo makes, so the comparisons below compare something', () => {
    const kinds = new Set([...stored.values()].flatMap((t) => parseFlagIds(t)));
    for (const kind of [
      'flag.paid-twice',
      'flag.paid-below-attendance',
      'flag.amount-above-standard',
      'flag.late-claim',
    ])
      expect(kinds).toContain(kind);
    expect([...stored.values()].filter((t) => t === '').length).toBeGreaterThan(0);
  });

  it('are, on every notice, the flags computed live for all notices together and for a notice alone', async () => {
    const em = orm.em.fork() as SqlEntityManager;
    const ctx = await contextOf(em);
    const notices = await findRows(em, SubsidyNotice, {}, { id: 'asc' });
    expect(notices.length).toBe(stored.size);
    const together = await flagsOfNotices(ctx, notices);
    expect(new Map(notices.map((n) => [n.id, flagIdsText(together.get(n.id) ?? [])]))).toEqual(stored);
    // Alone: every flagged notice and every tenth of the others (all of them would take a minute).
    const mismatches: string[] = [];
    for (const [k, n] of notices.entries()) {
      if (stored.get(n.id) === '' && k % 10) continue;
      const alone = flagIdsText((await flagsOfNotices(ctx, [n])).get(n.id) ?? []);
      if (alone !== stored.get(n.id)) mismatches.push(`${n.number}: stored ${stored.get(n.id)}, alone ${alone}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('are what the incremental path stores for the same notices', async () => {
    await rolledBack(async (em) => {
      await em.execute(`update subsidy_notice set flag_ids = ''`, [], 'run');
      const ids = [...stored.keys()];
      const changed = await storeNoticeFlags(await contextOf(em), ids, { queueSearch: false });
      expect(changed).toBe([...stored.values()].filter((t) => t !== '').length);
      expect(await flagIdsIn(em)).toEqual(stored);
    });
  });

  it('are restored by one publish on both notices of a repeat (the notice and the one it points at)', async () => {
    const [pair] = (await orm.em
      .fork()
      .getConnection()
      .execute(
        `select l.notice_id as a, l2.notice_id as b from subsidy_notice_line l
           join subsidy_notice_line l2 on l2.masked_id = l.masked_id and l2.masked_name = l.masked_name
             and l2.occupation_code = l.occupation_code and l2.level = l.level and l2.notice_id > l.notice_id
          join subsidy_notice n on n.id = l.notice_id and n.flag_ids like '%|flag.paid-twice|%'
          join subsidy_notice n2 on n2.id = l2.notice_id and n2.flag_ids like '%|flag.paid-twice|%'
          order by l.notice_id limit 1`,
      )) as { a: number; b: number }[];
    await rolledBack(async (em) => {
      await em.execute(`update subsidy_notice set flag_ids = '' where id in (?, ?)`, [pair.a, pair.b], 'run');
      const since = await lastOutboxId(em);
      expect(await storeNoticeFlags(await contextOf(em), [Number(pair.b)])).toBe(2);
      expect(await flagIdsIn(em)).toEqual(stored);
      expect(await queuedSince(em, since)).toEqual([Number(pair.a), Number(pair.b)]);
    });
  });

  it('are rewritten by the whole-table pass only where they differ, each rewrite queued for search', async () => {
    const flagged = [...stored].filter(([, t]) => t !== '').map(([id]) => id);
    const cleared = flagged.slice(0, 3);
    const wrong = [...stored].find(([, t]) => t === '')![0];
    await rolledBack(async (em) => {
      await em.execute(`update subsidy_notice set flag_ids = '' where id in (?, ?, ?)`, cleared, 'run');
      await em.execute(`update subsidy_notice set flag_ids = '|flag.late-claim|' where id = ?`, [wrong], 'run');
      const since = await lastOutboxId(em);
      const done: number[] = [];
      expect(await storeAllNoticeFlags(await contextOf(em), { onProgress: (n) => done.push(n) })).toBe(4);
      expect(done.at(-1)).toBe(stored.size);
      expect(await flagIdsIn(em)).toEqual(stored);
      expect(await queuedSince(em, since)).toEqual([...cleared, wrong].sort((x, y) => x - y));
    });
  });
});
