/**
 * Publishing through the API (issue 6, first part): publishers and keys made with the CLI, a
 * key's region as the limit of what it may write (50号 (十八)), every problem of a write at once
 * with nothing written, notices published, withdrawn, corrected and objected to through
 * GraphQL, search updated through the outbox, raw personal data never stored, and the audit
 * trail showing each write to administrators only. Institutions, classes, the directory and
 * agencies are published in publishing-registers.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { scanDatabase } from '../src/privacy/personal-data-scan';
import { checkAllChains } from '../src/subsidies/chain-check';
import type { TestApi, TestSearch } from './helpers';
import { PEOPLE, PUBLISH, idOf, keyOf, line, notice, withPublishing } from './publishing-helpers';

const { env, keys, publishers, as, em, count } = withPublishing({ search: true });
let api: TestApi;
let search: TestSearch;
beforeAll(() => {
  ({ api } = env);
  search = env.search!;
});

describe('keys', () => {
  it('are needed for every write: none, a malformed one, or an unknown one is refused with 401', async () => {
    const anonymous = await as(null, PUBLISH, notice('（测试）五华人社培公〔2026〕第1号', '530102'));
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const malformed = await as('not-a-key', '{ viewer { name } }');
    expect(malformed.status).toBe(401);
    expect(malformed.body.errors[0].message).toMatch(/Bearer sy_/);
    const unknown = await as(`sy_aaaaaaaaaaaa_${'A'.repeat(43)}`, '{ viewer { name } }');
    expect(unknown.status).toBe(401);
    // Reads need none.
    expect((await as(null, '{ viewer { name } regions(level: PREFECTURE) { code } }')).body.data.viewer).toBeNull();
    expect((await as(keys.wuhua, '{ viewer { name regionCode isAdmin keyId } }')).body.data.viewer).toMatchObject({
      name: '昆明市五华区人力资源和社会保障局',
      regionCode: '530102',
      isAdmin: false,
    });
  });

  it('are stored only as scrypt hashes, and a revoked or rotated key stops working', async () => {
    const rows = (await em().getConnection().execute('select key_id, secret_hash from api_key')) as {
      key_id: string;
      secret_hash: string;
    }[];
    for (const k of Object.values(keys)) {
      const secret = k.slice(16);
      expect(rows.some((r) => r.secret_hash.includes(secret) || r.key_id.includes(secret))).toBe(false);
    }
    const id = idOf(publishers('create', '--name', '临时测试局', '--region', '530111'));
    const first = keyOf(publishers('key-create', '--publisher', id));
    expect((await as(first, '{ viewer { name } }')).status).toBe(200);
    const rotated = keyOf(publishers('key-rotate', '--key', first.slice(3, 15)));
    expect((await as(first, '{ viewer { name } }')).status).toBe(401);
    expect((await as(rotated, '{ viewer { name } }')).body.data.viewer.name).toBe('临时测试局');
    publishers('key-revoke', '--key', rotated.slice(3, 15));
    const revoked = await as(rotated, '{ viewer { name } }');
    expect(revoked.status).toBe(401);
    expect(revoked.body.errors[0].message).toMatch(/revoked/);
  });
});

describe('publishing a notice', () => {
  const number = '（测试）五华人社培公〔2026〕第1号';

  it('a county key publishes for its county: masked, in the API and in search at once', async () => {
    const r = await as(keys.wuhua, PUBLISH, notice(number, '530102'));
    expect(r.body.errors).toBeUndefined();
    const { notice: n, problems } = r.body.data.publishNotice;
    expect(problems).toEqual([]);
    expect(n).toMatchObject({ number, status: 'CLOSED', lineCount: 3, totalAmount: 3600, revision: 1 });
    expect(n.lines.nodes.map((l: { maskedName: string }) => l.maskedName)).toEqual(['李**', '王*', '赵**']);
    expect(n.lines.nodes[0].maskedId).toBe(`530102********${PEOPLE[0].idNumber.slice(14)}`);
    const worker = search.runtime.worker ?? search.runtime.watch(api.orm, { intervalMs: 60_000 });
    await worker.drain();
    const found = await api.gql(
      '{ search(index: NOTICES, query: "五华人社培公〔2026〕第1号", first: 3) { hits { title } } }',
    );
    expect(found.data.search.hits.length).toBeGreaterThan(0);
  });

  it('never stores, returns or indexes the raw names and ID numbers it was sent', async () => {
    // The project's own scan, over every text column of every table. (Not by reading the SQLite
    // file: opening it in this process would drop SQLite's locks and corrupt the shared WAL.)
    const report = await scanDatabase(
      em(),
      PEOPLE.flatMap((p) => [p.name, p.idNumber]),
    );
    expect(report.looked.rows).toBeGreaterThan(1000);
    expect(report.findings).toEqual([]);
  });

  it("a county key cannot publish for, withdraw or correct another county's notice; a 州市 key can, within its 州市", async () => {
    const before = await count('subsidy_notice');
    const other = await as(keys.wuhua, PUBLISH, notice('（测试）盘龙人社培公〔2026〕第1号', '530103'));
    expect(other.body.data.publishNotice.notice).toBeNull();
    expect(other.body.data.publishNotice.problems).toEqual([
      expect.objectContaining({ field: 'input.bureau', rule: 'scope.region' }),
    ]);
    expect(await count('subsidy_notice')).toBe(before);
    const withdraw = await as(
      keys.panlong,
      'mutation($n: String!) { withdrawNotice(number: $n, on: "2026-11-18", reason: "盘龙区试图撤回五华区的公示") { notice { status } problems { field rule } } }',
      { n: number },
    );
    expect(withdraw.body.data.withdrawNotice).toEqual({
      notice: null,
      problems: [{ field: 'number', rule: 'scope.region' }],
    });
    const qujing = await as(keys.kunming, PUBLISH, notice('（测试）麒麟人社培公〔2026〕第1号', '530302'));
    expect(qujing.body.data.publishNotice.problems[0].rule).toBe('scope.region');
    const kunming = await as(keys.kunming, PUBLISH, notice('（测试）五华人社培公〔2026〕第2号', '530102'));
    expect(kunming.body.data.publishNotice.problems).toEqual([]);
  });

  it('reports every bad cell of a broken notice at once, naming field and rule, and writes nothing', async () => {
    const [notices, lines, audits] = [
      await count('subsidy_notice'),
      await count('subsidy_notice_line'),
      await count('audit_entry'),
    ];
    const broken = notice('（测试）五华人社培公〔2026〕第3号', '5301', [
      line(0, { idNumber: `${PEOPLE[0].idNumber.slice(0, 17)}${PEOPLE[0].idNumber.endsWith('0') ? '1' : '0'}` }),
      line(1, { seq: 1, occupationCode: '9-99-99-99' }),
      line(2, { attendanceRate: 1.5, amount: -5, name: '赵' }),
    ]);
    const r = await as(keys.wuhua, PUBLISH, broken);
    const problems = r.body.data.publishNotice.problems as { field: string; rule: string; message: string }[];
    expect(problems.map((p) => `${p.field} ${p.rule}`)).toEqual([
      'input.bureau notice.bureau',
      'input.lines[0].idNumber line.resident-id',
      'input.lines[1].seq line.seq-unique',
      'input.lines[1].occupationCode line.occupation',
      'input.lines[2].name line.name',
      'input.lines[2].attendanceRate line.attendance',
      'input.lines[2].amount line.amount',
    ]);
    // No message repeats a name or an ID number.
    for (const p of problems) for (const person of PEOPLE) expect(p.message).not.toContain(person.idNumber);
    expect([await count('subsidy_notice'), await count('subsidy_notice_line'), await count('audit_entry')]).toEqual([
      notices,
      lines,
      audits,
    ]);
  });
});

describe('after publication', () => {
  const number = '（测试）五华人社培公〔2026〕第1号';

  it('corrects as revision 2 chained to revision 1, which stays readable', async () => {
    const r = await as(
      keys.wuhua,
      `mutation($input: CorrectNoticeInput!) { correctNotice(input: $input) { notice { revision totalAmount revisions { revision reason sha256 previousSha256 } lines(revision: 1, first: 5) { nodes { amount } } } problems { field rule } } }`,
      {
        input: {
          number,
          publishedOn: '2026-11-17',
          reason: '第3行补贴金额录入有误',
          lines: [line(0), line(1), line(2, { amount: 1000 })],
        },
      },
    );
    const n = r.body.data.correctNotice.notice;
    expect(n.revision).toBe(2);
    expect(n.totalAmount).toBe(3400);
    expect(n.revisions[1]).toMatchObject({
      revision: 2,
      reason: '第3行补贴金额录入有误',
      previousSha256: n.revisions[0].sha256,
    });
    expect(n.lines.nodes.map((l: { amount: number }) => l.amount)).toEqual([1200, 1200, 1200]);
    const report = await checkAllChains(em(), number);
    expect(report.problems).toEqual([]);
    expect(report.revisions).toBe(2);
  });

  it('records an objection, upholds it, and the claim on its line is cancelled in the totals', async () => {
    const recorded = await as(
      keys.wuhua,
      'mutation($input: RecordObjectionInput!) { recordObjection(input: $input) { objection { id status lineSeq } problems { field rule } } }',
      {
        input: { number, receivedOn: '2026-11-18', lineSeq: 2, summary: '反映该学员实际未参加培训' },
      },
    );
    const objection = recorded.body.data.recordObjection.objection;
    expect(objection).toMatchObject({ status: 'RECEIVED', lineSeq: 2 });
    const late = await as(
      keys.wuhua,
      'mutation($input: RecordObjectionInput!) { recordObjection(input: $input) { problems { field rule } } }',
      {
        input: { number, receivedOn: '2026-12-01', lineSeq: 99, summary: '过期' },
      },
    );
    expect(late.body.data.recordObjection.problems.map((p: { rule: string }) => p.rule)).toEqual([
      'objection.arrived',
      'objection.period',
      'objection.line',
      'objection.summary',
    ]);
    const decided = await as(
      keys.wuhua,
      'mutation($input: DecideObjectionInput!) { decideObjection(input: $input) { objection { status outcome } problems { rule } } }',
      {
        input: {
          objection: objection.id,
          status: 'UPHELD',
          decidedOn: '2026-11-21',
          outcome: '经查属实，取消该学员补贴',
        },
      },
    );
    expect(decided.body.data.decideObjection.objection.status).toBe('UPHELD');
    const after = await api.gql(
      `query($n: String!) { subsidyNotice(number: $n) { paidTrainees paidAmount lines(first: 5) { nodes { seq cancelled } } } }`,
      { n: number },
    );
    expect(after.data.subsidyNotice).toMatchObject({ paidTrainees: 2, paidAmount: 2200 });
    expect(after.data.subsidyNotice.lines.nodes.find((l: { seq: number }) => l.seq === 2).cancelled).toBe(true);
  });

  it('withdraws with a reason, never deletes', async () => {
    const r = await as(
      keys.wuhua,
      'mutation($n: String!) { withdrawNotice(number: $n, on: "2026-11-26", reason: "培训机构申请撤回，核实后重新公示") { notice { status withdrawnReason } problems { rule } } }',
      { n: number },
    );
    expect(r.body.data.withdrawNotice.notice.withdrawnReason).toBe('培训机构申请撤回，核实后重新公示');
    const again = await as(
      keys.wuhua,
      'mutation($n: String!) { withdrawNotice(number: $n, on: "2026-11-27", reason: "再次撤回") { problems { rule } } }',
      { n: number },
    );
    expect(again.body.data.withdrawNotice.problems.map((p: { rule: string }) => p.rule)).toEqual([
      'notice.withdrawn-once',
    ]);
    expect(
      (await api.gql(`query($n: String!) { subsidyNotice(number: $n) { number } }`, { n: number })).data.subsidyNotice
        .number,
    ).toBe(number);
  });
});

describe('the audit trail', () => {
  it('shows each write with who, when and the before/after hashes, to administrators only', async () => {
    const q = `query($k: String) { auditTrail(first: 20, filter: { entityKey: $k }) { totalCount nodes { at actor keyId action entityType beforeSha256 afterSha256 summary } } }`;
    const denied = await as(keys.wuhua, q, { k: '（测试）五华人社培公〔2026〕第1号' });
    expect(denied.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const anonymous = await as(null, q, {});
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const r = await as(keys.admin, q, { k: '（测试）五华人社培公〔2026〕第1号' });
    const entries = r.body.data.auditTrail.nodes as {
      actor: string;
      keyId: string;
      action: string;
      beforeSha256: string | null;
      afterSha256: string;
    }[];
    expect(entries.map((e) => e.action)).toEqual(['notice.withdraw', 'notice.correct', 'notice.publish']);
    expect(
      entries.every((e) => e.actor === '昆明市五华区人力资源和社会保障局' && e.keyId === keys.wuhua.slice(3, 15)),
    ).toBe(true);
    expect(entries[2].beforeSha256).toBeNull();
    expect(entries[0].beforeSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(entries[0].beforeSha256).not.toBe(entries[0].afterSha256);
    const objections = await as(
      keys.admin,
      `{ auditTrail(first: 10, filter: { entityType: "SubsidyObjection" }) { nodes { action } } }`,
    );
    expect(objections.body.data.auditTrail.nodes.map((e: { action: string }) => e.action)).toEqual([
      'objection.decide',
      'objection.record',
    ]);
    const keysTrail = await as(
      keys.admin,
      `{ auditTrail(first: 50, filter: { entityType: "ApiKey" }) { nodes { action actor } } }`,
    );
    expect(keysTrail.body.data.auditTrail.nodes.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['key.create', 'key.rotate', 'key.revoke']),
    );
    // No API key is ever in the trail.
    const all = JSON.stringify(
      (await as(keys.admin, '{ auditTrail(first: 100) { nodes { summary keyId entityKey } } }')).body.data,
    );
    for (const k of Object.values(keys)) expect(all).not.toContain(k.slice(16));
  });
});

describe('two writes in one document', () => {
  it("the second mutation's payload shows what the first wrote (loaders start afresh at each mutation)", async () => {
    const number = '（测试）五华人社培公〔2026〕第7号';
    expect((await as(keys.wuhua, PUBLISH, notice(number, '530102'))).body.data.publishNotice.problems).toEqual([]);
    const correct = (reason: string, amount: number) => ({
      number,
      publishedOn: '2026-11-17',
      reason,
      lines: [line(0), line(1), line(2, { amount })],
    });
    const r = await as(
      keys.wuhua,
      `mutation($a: CorrectNoticeInput!, $b: CorrectNoticeInput!) {
      a: correctNotice(input: $a) { notice { revisions { revision } } problems { rule } }
      b: correctNotice(input: $b) { notice { revisions { revision } } problems { rule } } }`,
      { a: correct('第3行金额有误', 1000), b: correct('第3行金额再次更正', 900) },
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.a.notice.revisions.map((v: { revision: number }) => v.revision)).toEqual([1, 2]);
    expect(r.body.data.b.notice.revisions.map((v: { revision: number }) => v.revision)).toEqual([1, 2, 3]);
  });
});
