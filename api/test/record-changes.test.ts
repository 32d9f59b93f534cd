/**
 * The feed of changed records (issue 16, first part): every write through the API puts the
 * records whose pages it touches in `recordChanges`, in the write's own transaction; the feed
 * pages with cursors that nothing written later is placed before, including on PostgreSQL when
 * a transaction that began first commits last; it is never cached; a cursor it did not write is
 * refused, naming `after`.
 */
import 'reflect-metadata';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { beforeAll, describe, expect, it } from 'vitest';
import { completeCreditCode } from '../src/common/credit-code';
import { toGlobalId } from '../src/graphql/node';
import { noteChanges, readChanges } from '../src/db/record-changes';
import { PUBLISH, notice, withPublishing } from './publishing-helpers';
import type { TestApi } from './helpers';

const { env, keys, as } = withPublishing({ search: false });
let api: TestApi;
beforeAll(() => {
  ({ api } = env);
});

const FEED = `query($after: String, $first: Int, $newest: Boolean! = false) {
  recordChanges(after: $after, first: $first, newestFirst: $newest) {
    totalCount nodes { recordType recordId at } pageInfo { hasNextPage endCursor }
  }
}`;

interface FeedPage {
  totalCount: number;
  nodes: { recordType: string; recordId: string; at: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function feed(variables: Record<string, unknown> = {}): Promise<FeedPage> {
  const { body } = await as(null, FEED, variables);
  expect(body.errors).toBeUndefined();
  return body.data.recordChanges;
}

/** Every change after `after`, walked page by page. */
async function walk(after: string | null, first = 3): Promise<{ ids: string[]; end: string | null }> {
  const ids: string[] = [];
  let cursor = after;
  for (;;) {
    const page = await feed({ after: cursor, first });
    ids.push(...page.nodes.map((n) => `${n.recordType} ${n.recordId}`));
    if (page.nodes.length) cursor = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) return { ids, end: cursor };
  }
}

/** The newest position: where a fresh reader starts. */
async function now(): Promise<string | null> {
  return (await feed({ newest: true, first: 1 })).pageInfo.endCursor;
}

describe('recordChanges', () => {
  it('lists each record a write touched, after the position read before it, in the order written', async () => {
    const start = await now();
    const institution = await as(
      keys.wuhua,
      `mutation($input: InstitutionInput!) { createInstitution(input: $input) { institution { id } problems { rule } } }`,
      {
        input: {
          name: '昆明市五华区变更测试职业技能培训学校',
          type: 'PRIVATE_TRAINING_INSTITUTION',
          creditCode: completeCreditCode('52530102MJ0000077'),
          region: '530102',
          scope: ['4-10-01-05'],
        },
      },
    );
    const institutionId = institution.body.data.createInstitution.institution.id;
    await as(
      keys.wuhua,
      `mutation($id: ID!) { blacklistInstitution(institution: $id, from: "2026-11-20", document: "五华人社发〔2026〕77号", reason: "虚报培训人数，骗取补贴资金") { problems { rule } } }`,
      { id: institutionId },
    );
    const agency = await as(
      keys.wuhua,
      `mutation($input: AgencyInput!) { createEvaluationAgency(input: $input) { agency { id } problems { rule } } }`,
      {
        input: {
          name: '五华区变更测试职业技能等级认定中心',
          type: 'SOCIAL_TRAINING_EVALUATOR',
          creditCode: completeCreditCode('52530102MJ0000078'),
          region: '530102',
        },
      },
    );
    const agencyId = agency.body.data.createEvaluationAgency.agency.id;
    const published = await as(keys.wuhua, PUBLISH, notice('（变更测试）五华人社培公〔2026〕第7号', '530102'));
    expect(published.body.data.publishNotice.problems).toEqual([]);
    const noticeId = published.body.data.publishNotice.notice.id;
    await as(
      keys.wuhua,
      'mutation($input: RecordObjectionInput!) { recordObjection(input: $input) { problems { rule } } }',
      {
        input: {
          number: '（变更测试）五华人社培公〔2026〕第7号',
          receivedOn: '2026-11-18',
          lineSeq: 2,
          summary: '反映该学员实际未参加培训',
        },
      },
    );

    // On PostgreSQL a change is readable once every transaction older than it has ended, in any
    // database of the server (other test files run beside this one): it may take a moment.
    await expect
      .poll(async () => (await walk(start)).ids, { timeout: 30_000 })
      .toEqual([
        `INSTITUTION ${institutionId}`,
        `INSTITUTION ${institutionId}`,
        `EVALUATION_AGENCY ${agencyId}`,
        `SUBSIDY_NOTICE ${noticeId}`,
        `SUBSIDY_NOTICE ${noticeId}`,
      ]);
    const { end } = await walk(start);
    expect(institutionId).toBe(
      toGlobalId('Institution', Number(Buffer.from(institutionId, 'base64url').toString().split(':')[1])),
    );
    // Read from where the walk ended: nothing new, and the newest position is that end.
    expect((await feed({ after: end })).nodes).toEqual([]);
    expect(await now()).toBe(end);
    const first = (await feed({ after: start, first: 1 })).nodes[0];
    expect(new Date(first.at).getTime()).toBeGreaterThan(Date.now() - 120_000);
  });

  it('notes nothing for a refused write', async () => {
    const start = await now();
    const refused = await as(
      keys.panlong,
      `mutation($n: String!) { withdrawNotice(number: $n, on: "2026-11-18", reason: "盘龙区试图撤回五华区的公示") { problems { rule } } }`,
      { n: '（变更测试）五华人社培公〔2026〕第7号' },
    );
    expect(refused.body.data.withdrawNotice.problems.length).toBeGreaterThan(0);
    expect((await feed({ after: start })).nodes).toEqual([]);
  });

  it('reads the same changes newest first, and counts what lies beyond a position', async () => {
    const oldest = await walk(null, 100);
    const newest: string[] = [];
    for (let after: string | null = null; ; ) {
      const page = await feed({ newest: true, after, first: 100 });
      newest.push(...page.nodes.map((n) => `${n.recordType} ${n.recordId}`));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(oldest.ids.length).toBeGreaterThan(0);
    expect(newest).toEqual([...oldest.ids].reverse());
    expect((await feed({ first: 1 })).totalCount).toBe(oldest.ids.length);
    const second = await feed({ after: (await feed({ first: 1 })).pageInfo.endCursor, first: 1 });
    expect(second.totalCount).toBe(oldest.ids.length - 1);
    expect((await feed({ newest: true, after: oldest.end, first: 1 })).totalCount).toBe(oldest.ids.length - 1);
  });

  it('starts afresh with a load: the reference data loaded through the write paths is not in it', async () => {
    const first = (await feed({ first: 1 })).nodes[0];
    expect(first.recordType).toBe('INSTITUTION');
  });

  it('is never cached, and refuses a cursor it did not write, naming `after`', async () => {
    const got = await api.http
      .get('/graphql')
      .query({ query: '{ recordChanges(first: 1) { totalCount } }' })
      .set('apollo-require-preflight', 'true');
    expect(got.status).toBe(200);
    expect(got.headers['cache-control']).toBe('no-store');
    for (const bad of [
      'nonsense',
      Buffer.from('1:2:3').toString('base64url'),
      Buffer.from('-1:2').toString('base64url'),
      Buffer.from('9223372036854775808:1').toString('base64url'),
      Buffer.from('1:2147483648').toString('base64url'),
    ]) {
      const { body } = await as(null, FEED, { after: bad });
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });
});

describe('on PostgreSQL, a transaction that began first and commits last', () => {
  it('is not skipped: a later commit is not readable until the earlier transaction ends', async () => {
    if (api.config.database.kind !== 'postgresql') return;
    const em = () => api.orm.em.fork() as SqlEntityManager;
    const start = (await readChanges(em(), null, 1, true))[0] ?? null;
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((r) => {
      releaseFirst = r;
    });
    let firstWrote!: () => void;
    const firstHasWritten = new Promise<void>((r) => {
      firstWrote = r;
    });
    const first = em().transactional(async (tx) => {
      await noteChanges(tx, 'Course', 900001);
      firstWrote();
      await firstMayCommit;
    });
    await firstHasWritten;
    await em().transactional(async (tx) => noteChanges(tx, 'Course', 900002));
    // The second is committed, but the first, which began before it, still runs: neither is readable.
    const during = await readChanges(em(), start, 10);
    expect(during.map((c) => c.key)).toEqual([]);
    releaseFirst();
    await first;
    await expect
      .poll(async () => (await readChanges(em(), start, 10)).map((c) => c.key), { timeout: 30_000 })
      .toEqual(['900001', '900002']);
  });
});
