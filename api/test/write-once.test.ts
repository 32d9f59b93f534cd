/**
 * Write-once means written once (issue 13, item 1): the same write fired many times at once
 * through the real HTTP API takes effect once, on SQLite and on PostgreSQL (whichever
 * DATABASE_URL selects), leaves a consistent record and one audit entry, and the others are
 * refused with a coded problem naming the rule, never a 500. Text longer than its column is a
 * coded problem on both drivers alike. This file: notices, objections, text length and the row
 * lock; write-once-registers.test.ts: the agency draw, blacklistings and the other writes.
 */
import crypto from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import BetterSqlite3 from 'better-sqlite3';
import { Client } from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { lockRow } from '../src/db/row-lock';
import { toGlobalId } from '../src/graphql/node';
import { checkAllChains } from '../src/subsidies/chain-check';
import { SubsidyNotice } from '../src/subsidies/subsidy-notice.entity';
import type { TestApi } from './helpers';
import { COPIES, CORRECT, DECIDE, PUBLISH, RECORD, WITHDRAW, line, outcome, withWriteOnce } from './write-once-helpers';

const { env, em, rows, auditCount, fire, publish } = withWriteOnce();
let api: TestApi;
let barredId = 0;
beforeAll(() => {
  ({ api, barredId } = env);
});

describe('the same write fired at once takes effect once', () => {
  it('publishes a notice number once', async () => {
    const number = `（并发测试）五华人社培公〔2026〕第${crypto.randomInt(1000, 9999)}号`;
    const bodies = await fire(COPIES, PUBLISH, () => ({
      input: {
        number,
        title: '关于并发测试培训班培训补贴人员名单的公示',
        bureau: '530102',
        publishedOn: '2026-11-16',
        lines: [0, 1, 2].map((i) => line(i)),
      },
    }));
    const { won, refused } = outcome(bodies, 'publishNotice', 'notice');
    expect(won).toHaveLength(1);
    expect(refused).toEqual(Array(COPIES - 1).fill('notice.number-unique'));
    expect(await rows('select id from subsidy_notice where number = ?', [number])).toHaveLength(1);
    expect(await auditCount('notice.publish', number)).toBe(1);
  });

  it('withdraws a notice once: one withdrawal, one audit entry, the others told it was already withdrawn', async () => {
    const number = await publish('1');
    const bodies = await fire(COPIES, WITHDRAW, (i) => ({
      n: number,
      reason: `学员名单有误，核实后重新公示（第${i}次提交）`,
    }));
    const { won, refused } = outcome(bodies, 'withdrawNotice', 'notice');
    expect(won).toHaveLength(1);
    expect(refused).toEqual(Array(COPIES - 1).fill('notice.withdrawn-once'));
    const losers = bodies.filter((b) => b.data.withdrawNotice.notice === null);
    expect(losers[0].data.withdrawNotice.problems[0].message).toBe('the notice was already withdrawn on 2026-11-20');
    expect(await auditCount('notice.withdraw', number)).toBe(1);
    // The reason stored is the winner's, and the audit summary says the same.
    const [n] = await rows<{ withdrawn_reason: string }>(
      'select withdrawn_reason from subsidy_notice where number = ?',
      [number],
    );
    const [a] = await rows<{ summary: string }>('select summary from audit_entry where action = ? and entity_key = ?', [
      'notice.withdraw',
      number,
    ]);
    expect(a.summary).toBe(`withdrawn from 2026-11-20: ${n.withdrawn_reason}`);
  });

  it('takes a revision number once: identical corrections make one revision, different ones a chain', async () => {
    const number = await publish('2');
    const same = await fire(COPIES, CORRECT, () => ({
      input: {
        number,
        publishedOn: '2026-11-17',
        reason: '第3行补贴金额录入有误',
        lines: [line(0), line(1), line(2, 800)],
      },
    }));
    const { won, refused } = outcome(same, 'correctNotice', 'notice');
    expect(won.map((b) => b.data.correctNotice.notice.revision)).toEqual([2]);
    expect(refused).toEqual(Array(COPIES - 1).fill('notice.correction-unchanged'));
    expect(await auditCount('notice.correct', number)).toBe(1);
    // Different corrections at once: each its own revision, numbered in turn and chained.
    const different = await fire(4, CORRECT, (i) => ({
      input: {
        number,
        publishedOn: '2026-11-18',
        reason: `第1行补贴金额更正（${i}）`,
        lines: [line(0, 500 + i), line(1), line(2, 800)],
      },
    }));
    const revisions = outcome(different, 'correctNotice', 'notice')
      .won.map((b) => b.data.correctNotice.notice.revision)
      .sort();
    expect(revisions).toEqual([3, 4, 5, 6]);
    const report = await checkAllChains(em(), number);
    expect(report.problems).toEqual([]);
    expect(report.revisions).toBe(6);
    // The notice shows its newest revision, with that revision's totals.
    const [n] = await rows<{ revision: number; total_amount: number; line_count: number }>(
      'select revision, total_amount, line_count from subsidy_notice where number = ?',
      [number],
    );
    const [last] = await rows<{ total_amount: number }>(
      'select r.total_amount from subsidy_notice_revision r join subsidy_notice n on n.id = r.notice_id where n.number = ? and r.revision = 6',
      [number],
    );
    expect({ revision: n.revision, total: Number(n.total_amount), lines: n.line_count }).toEqual({
      revision: 6,
      total: Number(last.total_amount),
      lines: 3,
    });
  });

  it('records an objection once, and decides it once: the paid totals follow the decision that stands', async () => {
    const number = await publish('3');
    const recorded = await fire(COPIES, RECORD, () => ({
      input: { number, receivedOn: '2026-11-18', lineSeq: 2, summary: '反映该学员实际未参加培训' },
    }));
    const r = outcome(recorded, 'recordObjection', 'objection');
    expect(r.won).toHaveLength(1);
    expect(r.refused).toEqual(Array(COPIES - 1).fill('objection.recorded-once'));
    const objectionId = r.won[0].data.recordObjection.objection.id;
    // Half the copies uphold it, half reject it: whichever comes first stands.
    const decided = await fire(COPIES, DECIDE, (i) => ({
      input: {
        objection: objectionId,
        status: i % 2 ? 'UPHELD' : 'REJECTED',
        decidedOn: '2026-11-21',
        outcome: '经查核实，作出处理决定',
      },
    }));
    const d = outcome(decided, 'decideObjection', 'objection');
    expect(d.won).toHaveLength(1);
    expect(d.refused).toEqual(Array(COPIES - 1).fill('objection.decided-once'));
    const status = d.won[0].data.decideObjection.objection.status;
    const [o] = await rows<{ status: string }>(
      'select status from subsidy_objection o join subsidy_notice n on n.id = o.notice_id where n.number = ?',
      [number],
    );
    expect(o.status).toBe(status);
    const [n] = await rows<{ paid_trainees: number; paid_amount: number }>(
      'select paid_trainees, paid_amount from subsidy_notice where number = ?',
      [number],
    );
    expect({ trainees: Number(n.paid_trainees), amount: Number(n.paid_amount) }).toEqual(
      status === 'UPHELD' ? { trainees: 2, amount: 2000 } : { trainees: 3, amount: 3000 },
    );
    expect(await auditCount('objection.record', number)).toBe(1);
    expect(await auditCount('objection.decide', number)).toBe(1);
  });
});

describe('text longer than its column', () => {
  it('is a coded problem naming the field and the limit, on both drivers, and nothing is written', async () => {
    const number = await publish('4');
    const long = '学员名单有误'.repeat(100); // 600 characters; the columns hold 512
    const [withdraw] = await fire(1, WITHDRAW, () => ({ n: number, reason: long }));
    expect(withdraw.data.withdrawNotice.problems).toEqual([
      { field: 'reason', rule: 'text.length', message: 'reason: at most 512 characters, got 600' },
    ]);
    const [objection] = await fire(1, RECORD, () => ({
      input: { number, receivedOn: '2026-11-18', lineSeq: 1, summary: long },
    }));
    expect(objection.data.recordObjection.problems).toEqual([
      { field: 'input.summary', rule: 'text.length', message: 'summary: at most 512 characters, got 600' },
    ]);
    const [correction] = await fire(1, CORRECT, () => ({
      input: { number, publishedOn: '2026-11-17', reason: long, lines: [line(0, 10), line(1), line(2)] },
    }));
    expect(correction.data.correctNotice.problems.map((p: { rule: string }) => p.rule)).toEqual(['text.length']);
    for (const action of ['notice.withdraw', 'notice.correct', 'objection.record'])
      expect(await auditCount(action, number)).toBe(0);
    // The same rule guards the other writes' text, e.g. a blacklisting's document and reason.
    const [blacklist] = await fire(
      1,
      'mutation($i: ID!, $doc: String!, $reason: String!) { blacklistInstitution(institution: $i, from: "2026-11-01", document: $doc, reason: $reason) { problems { field rule message } } }',
      () => ({
        i: toGlobalId('Institution', barredId),
        doc: '五华人社发'.repeat(30),
        reason: long,
      }),
    );
    expect(blacklist.data.blacklistInstitution.problems).toEqual([
      { field: 'document', rule: 'text.length', message: 'document: at most 128 characters, got 150' },
      { field: 'reason', rule: 'text.length', message: 'reason: at most 512 characters, got 600' },
    ]);
    const [n] = await rows<{ withdrawn_on: string | null; revision: number }>(
      'select withdrawn_on, revision from subsidy_notice where number = ?',
      [number],
    );
    expect(n).toMatchObject({ withdrawn_on: null, revision: 1 });
  });
});

describe('the lock a write takes first', () => {
  it('holds off every other connection (another process, e.g. an import) until the write ends', async () => {
    const [notice] = await rows<{ id: number }>('select min(id) as id from subsidy_notice');
    const db = api.config.database;
    await em().transactional(async (t) => {
      await lockRow(t as SqlEntityManager, SubsidyNotice, notice.id);
      if (db.kind === 'postgresql') {
        const other = new Client({ connectionString: db.url });
        await other.connect();
        try {
          await other.query('begin');
          await expect(
            other.query('select 1 from subsidy_notice where id = $1 for update nowait', [notice.id]),
          ).rejects.toMatchObject({ code: '55P03' });
        } finally {
          await other.end();
        }
      } else {
        const other = new BetterSqlite3(db.file, { timeout: 50 });
        try {
          expect(() => other.exec('begin immediate')).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
        } finally {
          other.close();
        }
      }
    });
  });
});
