/**
 * Subsidy notices people can trust (issue 5, first part): the objection period in working days,
 * status computed for today, withdrawals, objections whose upholding cancels a claim, and
 * revisions chained by SHA-256 — verified through the API, by the chain check and by the
 * `notices:verify` command, including tampered data being caught.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nthWorkingDayFrom, workingDaysAfter } from '../src/common/working-days';
import { checkAllChains } from '../src/subsidies/chain-check';
import { findResidentIds } from '../src/common/personal-data';
import { ReferenceData } from '../src/db/reference';
import { dumpYear } from '../src/subsidies/notice-dumps';
import { startTestApi, type TestApi } from './helpers';

const CLI = path.resolve(__dirname, '..', 'dist', 'cli', 'verify-notices.js');

/** The day of this file's demo and of its answers. */
const TODAY = '2026-11-21';
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ scale: 1, today: TODAY });
});
afterAll(async () => {
  await api?.close();
});

const em = () => api.orm.em.fork() as SqlEntityManager;
const sql = (text: string, params: unknown[] = []) => em().getConnection().execute(text, params);

/** Runs the compiled `notices:verify` against the test's database. */
function verifyCommand(...args: string[]) {
  const db = api.config.database;
  const env = { ...process.env, DATABASE_URL: db.kind === 'postgresql' ? db.url : `sqlite:${db.file}` };
  return spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
}

describe('the objection period and status', () => {
  it('ends 5 working days after publication, holidays and make-up days counted', async () => {
    const { data, errors } = await api.gql(
      '{ subsidyNotices(first: 100) { nodes { publishedOn objectionUntil objectionWorkingDays } } }',
    );
    expect(errors).toBeUndefined();
    for (const n of data.subsidyNotices.nodes) {
      expect(n.objectionWorkingDays).toBe(5);
      expect(n.objectionUntil, n.publishedOn).toBe(nthWorkingDayFrom(n.publishedOn, 5));
    }
  });

  it('computes the status for today, and each status filter finds exactly its notices', async () => {
    const { data } = await api.gql(`{
      all: subsidyNotices(first: 1) { totalCount }
      open: subsidyNotices(first: 100, filter: { status: IN_OBJECTION_PERIOD }) { totalCount nodes { status objectionUntil objectionDaysLeft withdrawnOn } }
      closed: subsidyNotices(first: 100, filter: { status: CLOSED }) { totalCount nodes { status objectionUntil objectionDaysLeft } }
      withdrawn: subsidyNotices(first: 100, filter: { status: WITHDRAWN }) { totalCount nodes { status withdrawnOn withdrawnReason objectionDaysLeft } }
    }`);
    expect(data.open.totalCount + data.closed.totalCount + data.withdrawn.totalCount).toBe(data.all.totalCount);
    // The demo is made for today: some notices are still open to objections.
    expect(data.open.totalCount).toBeGreaterThan(0);
    expect(data.withdrawn.totalCount).toBeGreaterThan(0);
    for (const n of data.open.nodes) {
      expect(n.status).toBe('IN_OBJECTION_PERIOD');
      expect(n.objectionUntil >= TODAY).toBe(true);
      expect(n.objectionDaysLeft).toBeGreaterThan(0);
      expect(n.objectionDaysLeft).toBeLessThanOrEqual(5);
    }
    for (const n of data.closed.nodes)
      expect([n.status, n.objectionUntil < TODAY, n.objectionDaysLeft]).toEqual(['CLOSED', true, 0]);
    for (const n of data.withdrawn.nodes) {
      expect(n.status).toBe('WITHDRAWN');
      expect(n.withdrawnOn <= TODAY).toBe(true);
      expect(n.withdrawnReason).toBeTruthy();
      expect(n.objectionDaysLeft).toBe(0);
    }
  });
});

describe('objections', () => {
  it('records each with its outcome, and an upheld one cancels the claim on its line', async () => {
    const [row] = await sql(
      `select n.number from subsidy_objection o join subsidy_notice n on n.id = o.notice_id where o.status = 'UPHELD' order by o.id limit 1`,
    );
    expect(row, 'the demo data has an upheld objection').toBeTruthy();
    const { data, errors } = await api.gql(
      `query($n: String!) { subsidyNotice(number: $n) {
      objections { lineSeq receivedOn summary status decidedOn outcome }
      lines(first: 100) { nodes { seq amount attendanceRate cancelled eligible } }
    } }`,
      { n: row.number },
    );
    expect(errors).toBeUndefined();
    const upheld = data.subsidyNotice.objections.find((o: any) => o.status === 'UPHELD');
    expect(upheld.decidedOn >= upheld.receivedOn).toBe(true);
    expect(upheld.outcome).toMatch(/取消/);
    const lines = data.subsidyNotice.lines.nodes;
    const cancelled = lines.filter((l: any) => l.cancelled);
    expect(cancelled.map((l: any) => l.seq)).toEqual([upheld.lineSeq]);
    // The cancelled claim is the one paid below 80 % attendance.
    expect(cancelled[0].attendanceRate).toBeLessThan(0.8);
    expect(cancelled[0].eligible).toBe(false);
    const [{ rejected }] = await sql(`select count(*) as rejected from subsidy_objection where status = 'REJECTED'`);
    expect(Number(rejected)).toBeGreaterThan(0);
  });
});

describe('red flags', () => {
  const flagsOf = async (number: string) => {
    const { data, errors } = await api.gql(
      'query($n: String!) { subsidyNotice(number: $n) { redFlags { flagId message messageEn clause documentTitle lineSeqs } } }',
      { n: number },
    );
    expect(errors).toBeUndefined();
    return data.subsidyNotice.redFlags as { flagId: string; message: string; clause: string; lineSeqs: number[] }[];
  };

  it('flags a paid line below 80 % attendance (50号 (十四)), naming the line', async () => {
    const [row] =
      await sql(`select n.number, l.seq from subsidy_notice_line l join subsidy_notice n on n.id = l.notice_id and l.revision = n.revision
      where l.amount > 0 and l.attendance_rate < 0.8 and not exists (select 1 from subsidy_objection o where o.notice_id = n.id and o.line_seq = l.seq and o.status = 'UPHELD') order by n.id limit 1`);
    const flag = (await flagsOf(row.number)).find((f) => f.flagId === 'flag.paid-below-attendance')!;
    expect(flag.lineSeqs).toContain(Number(row.seq));
    expect(flag.clause).toBe('云人社通〔2022〕50号 (十四)');
  });

  it('flags an amount above the directory standard (50号 (四))', async () => {
    const [row] =
      await sql(`select n.number, l.seq from subsidy_notice_line l join subsidy_notice n on n.id = l.notice_id and l.revision = n.revision
      join course c on c.id = n.course_id join directory_entry d on d.id = c.directory_entry_id where l.amount > d.subsidy_per_trainee order by n.id limit 1`);
    expect(row, 'the demo data has one').toBeTruthy();
    const flag = (await flagsOf(row.number)).find((f) => f.flagId === 'flag.amount-above-standard')!;
    expect(flag.lineSeqs).toContain(Number(row.seq));
  });

  it('flags the same masked person paid twice for one occupation and level in a year (50号 (十九))', async () => {
    const rows =
      await sql(`select n.number, n2.number as other, l.seq from subsidy_notice_line l join subsidy_notice n on n.id = l.notice_id and l.revision = n.revision
      join subsidy_notice_line l2 on l2.masked_id = l.masked_id and l2.masked_name = l.masked_name and l2.occupation_code = l.occupation_code and l2.level = l.level and l2.notice_id <> l.notice_id and l2.amount > 0
      join subsidy_notice n2 on n2.id = l2.notice_id and n2.revision = l2.revision and n2.withdrawn_on is null
      where l.amount > 0 and n.published_on >= '2022-01-01' and n.published_on <= '2022-12-31' and n2.published_on >= '2022-01-01' and n2.published_on <= '2022-12-31' order by n.id limit 1`);
    expect(rows.length, 'the demo data has one').toBe(1);
    const flag = (await flagsOf(rows[0].number)).find((f) => f.flagId === 'flag.paid-twice')!;
    expect(flag.lineSeqs).toContain(Number(rows[0].seq));
    expect(flag.message).toContain(rows[0].other);
  });

  it("flags the class's own problems: over its cap, blacklisted institution", async () => {
    // 60 a class (2021 notice 二(七), 8号), entrepreneurship classes 30 then 35.
    const [over] = await sql(`select n.number from subsidy_notice n join course c on c.id = n.course_id
      where (c.category <> 'ENTREPRENEURSHIP' and c.capacity > 60) or (c.category = 'ENTREPRENEURSHIP' and c.capacity > 35) order by n.id limit 1`);
    expect(over, 'the demo data has a class over its cap').toBeTruthy();
    expect((await flagsOf(over.number)).map((f) => f.flagId)).toContain('flag.class-over-cap');
    const [black] =
      await sql(`select n.number from subsidy_notice n join course c on c.id = n.course_id join institution i on i.id = c.institution_id
      where i.blacklisted_from is not null and c.start_date >= i.blacklisted_from and c.start_date <= i.blacklisted_until order by n.id limit 1`);
    expect(black, 'the demo data has a class run while blacklisted').toBeTruthy();
    expect((await flagsOf(black.number)).map((f) => f.flagId)).toContain('flag.institution-blacklisted');
  });

  it('flags a 2021 claim made more than 10 working days after the class ended (2021 notice 二(八))', async () => {
    const rows =
      await sql(`select n.number, n.published_on, c.end_date from subsidy_notice n join course c on c.id = n.course_id
      where c.end_date >= '2021-01-01' and c.end_date < '2022-02-11' order by n.id limit 400`);
    const late = rows.find(
      (r: any) => workingDaysAfter(String(r.end_date).slice(0, 10), String(r.published_on).slice(0, 10)) > 10,
    );
    const onTime = rows.find(
      (r: any) => workingDaysAfter(String(r.end_date).slice(0, 10), String(r.published_on).slice(0, 10)) <= 10,
    );
    if (!late || !onTime) throw new Error('the demo data lacks a late or an on-time 2021 claim');
    expect((await flagsOf(late.number)).map((f) => f.flagId)).toContain('flag.late-claim');
    expect((await flagsOf(onTime.number)).map((f) => f.flagId)).not.toContain('flag.late-claim');
  });
});

describe('totals and targets', () => {
  const paidSql = `select coalesce(sum(case when l.amount > 0 and not exists (select 1 from subsidy_objection o where o.notice_id = n.id and o.line_seq = l.seq and o.status = 'UPHELD') then 1 else 0 end), 0) as trainees,
      coalesce(sum(case when not exists (select 1 from subsidy_objection o where o.notice_id = n.id and o.line_seq = l.seq and o.status = 'UPHELD') then l.amount else 0 end), 0) as amount
    from subsidy_notice n join subsidy_notice_line l on l.notice_id = n.id and l.revision = n.revision
   where n.withdrawn_on is null and n.published_on >= '2022-01-01' and n.published_on <= '2022-12-31'`;

  it('sums the 2022 notices by 州市, equal to the lines themselves, with the 附件1 target', async () => {
    const { data, errors } = await api.gql(
      '{ subsidyTotals(year: 2022, groupBy: PREFECTURE) { key label notices trainees amount target { source metricLabel value unit persons share } } }',
    );
    expect(errors).toBeUndefined();
    const rows = data.subsidyTotals;
    const [expected] = await sql(paidSql);
    expect(rows.reduce((s: number, r: any) => s + r.trainees, 0)).toBe(Number(expected.trainees));
    expect(rows.reduce((s: number, r: any) => s + r.amount, 0)).toBe(Number(expected.amount));
    const kunming = rows.find((r: any) => r.key === '530100');
    expect(kunming.label).toBe('昆明市');
    expect(kunming.target).toMatchObject({
      metricLabel: '完成培训人数',
      value: '15.50',
      unit: '万人次',
      persons: 155000,
    });
    expect(kunming.target.share).toBeCloseTo(kunming.trainees / 155000, 10);
    // Largest first.
    expect(rows.map((r: any) => r.trainees)).toEqual([...rows.map((r: any) => r.trainees)].sort((a, b) => b - a));
  });

  it('gives the same grand total whatever it is grouped by', async () => {
    const groups = ['PREFECTURE', 'COUNTY', 'INSTITUTION', 'OCCUPATION', 'PROGRAMME', 'CERTIFICATE_TYPE'];
    const { data } = await api.gql(
      `{ ${groups.map((g) => `${g}: subsidyTotals(year: 2022, groupBy: ${g}) { key label trainees amount }`).join(' ')} }`,
    );
    const sums = groups.map((g) => data[g].reduce((s: number, r: any) => s + r.amount, 0));
    expect(new Set(sums).size).toBe(1);
    expect(data.PROGRAMME.every((r: any) => /^[A-Z_0-9]+$/.test(r.key) && r.label.length > 2)).toBe(true);
    expect(data.CERTIFICATE_TYPE.map((r: any) => r.label)).toContain('职业技能等级证书');
  });

  it('compares outcomes and timeliness: certified and subsidised shares, working days to notice, share on time', async () => {
    const { data, errors } = await api.gql(
      '{ y2021: subsidyTotals(year: 2021, groupBy: PREFECTURE) { key listed certified trainees certifiedShare subsidisedShare averageWorkingDaysToNotice onTimeShare } occ: subsidyTotals(year: 2022, groupBy: OCCUPATION) { key listed certified certifiedShare } }',
    );
    expect(errors).toBeUndefined();
    const [sums] =
      await sql(`select count(*) as listed, sum(case when l.certificate_number is not null then 1 else 0 end) as certified
      from subsidy_notice n join subsidy_notice_line l on l.notice_id = n.id and l.revision = n.revision
      where n.withdrawn_on is null and n.published_on >= '2022-01-01' and n.published_on <= '2022-12-31'`);
    expect(data.occ.reduce((s: number, r: any) => s + r.listed, 0)).toBe(Number(sums.listed));
    expect(data.occ.reduce((s: number, r: any) => s + r.certified, 0)).toBe(Number(sums.certified));
    for (const r of [...data.y2021, ...data.occ]) expect(r.certifiedShare).toBeCloseTo(r.certified / r.listed, 10);
    for (const r of data.y2021) {
      expect(r.subsidisedShare).toBeCloseTo(r.trainees / r.listed, 10);
      expect(r.averageWorkingDaysToNotice).toBeGreaterThan(2);
      expect(r.onTimeShare).toBeGreaterThanOrEqual(0);
      expect(r.onTimeShare).toBeLessThanOrEqual(1);
    }
    // Notices are published 5–20 days after the class in the demo data: in 2021 (10 working days) some are late.
    expect(data.y2021.some((r: any) => r.onTimeShare < 1)).toBe(true);
    const one = await api.gql(
      '{ subsidyNotices(first: 5, filter: { publishedFrom: "2021-06-01", publishedTo: "2021-12-31" }) { nodes { workingDaysToNotice withinDeadline certifiedTrainees lineCount } } }',
    );
    for (const n of one.data.subsidyNotices.nodes) expect(n.withinDeadline).toBe(n.workingDaysToNotice <= 10);
  });

  it("names each 州市's top five institutions by subsidised volume (8号 四(二))", async () => {
    const { data, errors } = await api.gql(
      '{ topInstitutions(year: 2022, prefecture: "530100") { key label trainees amount } all: subsidyTotals(year: 2022, groupBy: INSTITUTION, filter: { region: "530100" }) { key trainees } }',
    );
    expect(errors).toBeUndefined();
    expect(data.topInstitutions.length).toBeLessThanOrEqual(5);
    expect(data.topInstitutions.length).toBeGreaterThan(0);
    expect(data.topInstitutions.map((r: any) => r.key)).toEqual(
      data.all.slice(0, data.topInstitutions.length).map((r: any) => r.key),
    );
    const bad = await api.gql('{ topInstitutions(year: 2022, prefecture: "530102") { key } }');
    expect(bad.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'prefecture' });
    const year = await api.gql('{ subsidyTotals(year: 22, groupBy: COUNTY) { key } }');
    expect(year.errors[0].extensions.field).toBe('year');
  });
});

describe('open data', () => {
  it('streams a notice as CSV with a BOM, so Excel shows the Chinese, masked data only', async () => {
    const [row] = await sql(
      `select n.id, n.line_count, o.line_seq from subsidy_notice n join subsidy_objection o on o.notice_id = n.id and o.status = 'UPHELD' order by n.id limit 1`,
    );
    const id = Buffer.from(`SubsidyNotice:${row.id}`).toString('base64url');
    const res = await api.http
      .get(`/downloads/notices/${id}.csv`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = body.subarray(3).toString('utf8').trim().split('\n');
    expect(rows[0]).toBe(
      '序号,姓名（脱敏）,身份证号码（脱敏）,职业（工种）编码,职业（工种）,等级,证书编号,出勤率,补贴金额（元）,异议查实取消,版本',
    );
    expect(rows).toHaveLength(Number(row.line_count) + 1);
    for (const line of rows.slice(1)) expect(line).toMatch(/^\d+,\p{Script=Han}+\*+,\d{6}\*{8}[\dX]{4},/u);
    expect(rows.filter((l) => l.includes(',是,'))).toHaveLength(1);
    expect(rows.find((l) => l.includes(',是,'))!.split(',')[0]).toBe(String(row.line_seq));
  });

  it('gives the same notice as JSON with its revisions and objections, and 404 for an unknown one', async () => {
    const [row] = await sql('select id, number from subsidy_notice where revision = 2 order by id limit 1');
    const id = Buffer.from(`SubsidyNotice:${row.id}`).toString('base64url');
    const res = await api.http.get(`/downloads/notices/${id}.json`);
    expect(res.status).toBe(200);
    expect(res.body.number).toBe(row.number);
    expect(res.body.revisions.map((r: any) => r.revision)).toEqual([1, 2]);
    expect(res.body.revisions[1].previousSha256).toBe(res.body.revisions[0].sha256);
    expect(res.body.lines.every((l: any) => l.revision === 2)).toBe(true);
    expect((await api.http.get('/downloads/notices/nope.json')).status).toBe(404);
  });

  it('dumps a whole year as CSV and JSON Lines with a SHA256SUMS that sha256sum -c accepts', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-dump-'));
    try {
      const result = await dumpYear(em(), await ReferenceData.load(em()), 2022, out);
      const [expected] =
        await sql(`select count(distinct n.id) as notices, count(*) as lines from subsidy_notice n join subsidy_notice_line l on l.notice_id = n.id and l.revision = n.revision
        where n.published_on >= '2022-01-01' and n.published_on <= '2022-12-31'`);
      expect(result.notices).toBe(Number(expected.notices));
      expect(result.lines).toBe(Number(expected.lines));
      const check = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' });
      expect(check.status, check.stdout + check.stderr).toBe(0);
      expect(check.stdout).toContain('notices-2022.csv: OK');
      const csv = fs.readFileSync(path.join(out, 'notices-2022.csv'));
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = csv.toString('utf8');
      expect(text.trim().split('\n')).toHaveLength(result.lines + 1);
      expect(findResidentIds(text)).toEqual([]);
      const jsonl = fs
        .readFileSync(path.join(out, 'notices-2022.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(jsonl).toHaveLength(result.notices);
      expect(jsonl.every((n) => n.revisions.length >= 1 && n.lines.length > 0)).toBe(true);
      // A changed byte is caught by the checksum file.
      fs.appendFileSync(path.join(out, 'notices-2022.csv'), ' ');
      expect(spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out }).status).toBe(1);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('lists what changed since a moment, oldest first, paged without gaps, withdrawals included', async () => {
    const seen = new Map<string, number>();
    let after: string | null = null;
    let previous = '';
    let total = 0;
    const keys = new Set<string>();
    for (let i = 0; i < 80; i++) {
      const { data, errors }: any = await api.gql(
        'query($after: String) { changes(since: "2022-01-01T00:00:00+08:00", first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { kind on revision reason objection { status } notice { number } } } } }',
        { after },
      );
      expect(errors).toBeUndefined();
      total = data.changes.totalCount;
      for (const { cursor, node } of data.changes.edges) {
        expect(node.on >= '2022-01-01').toBe(true);
        expect(node.on >= previous).toBe(true);
        previous = node.on;
        expect(keys.has(cursor)).toBe(false);
        keys.add(cursor);
        seen.set(node.kind, (seen.get(node.kind) ?? 0) + 1);
        if (node.kind === 'WITHDRAWN') expect(node.reason).toBeTruthy();
        if (node.kind === 'REVISED') expect(node.revision).toBeGreaterThan(1);
        if (node.kind === 'OBJECTION_DECIDED') expect(['UPHELD', 'REJECTED']).toContain(node.objection.status);
      }
      if (!data.changes.pageInfo.hasNextPage) break;
      after = data.changes.pageInfo.endCursor;
    }
    expect([...seen.keys()].sort()).toEqual([
      'OBJECTION_DECIDED',
      'OBJECTION_RECEIVED',
      'PUBLISHED',
      'REVISED',
      'WITHDRAWN',
    ]);
    expect(keys.size).toBe(total);
    const newest = await api.gql(
      '{ changes(since: "2021-01-01T00:00:00+08:00", first: 50, newestFirst: true) { pageInfo { endCursor } nodes { on } } }',
    );
    const days = newest.data.changes.nodes.map((n: any) => n.on);
    expect(days).toEqual([...days].sort().reverse());
    const next = await api.gql(
      'query($a: String) { changes(since: "2021-01-01T00:00:00+08:00", first: 5, newestFirst: true, after: $a) { nodes { on } } }',
      { a: newest.data.changes.pageInfo.endCursor },
    );
    expect(next.data.changes.nodes[0].on <= days[days.length - 1]).toBe(true);
    const bad = await api.gql('{ changes(since: "2022-01-01T00:00:00Z", after: "x") { totalCount } }');
    expect(bad.errors[0].extensions.field).toBe('after');
  });
});

describe('revisions, never rewrites', () => {
  let number: string;
  beforeAll(async () => {
    const [row] = await sql(`select n.number from subsidy_notice n where n.revision = 2 order by n.id limit 1`);
    number = row.number;
  });

  it('publishes a correction as revision 2, keeping revision 1 and its lines', async () => {
    const { data, errors } = await api.gql(
      `query($n: String!) { subsidyNotice(number: $n) {
      revision totalAmount
      revisions { revision publishedOn reason lineCount totalAmount sha256 previousSha256 canonicalJson }
      current: lines(first: 100) { nodes { seq attendanceRate amount certificateNumber revision } }
      first: lines(first: 100, revision: 1) { nodes { seq attendanceRate amount certificateNumber revision } }
    } }`,
      { n: number },
    );
    expect(errors).toBeUndefined();
    const n = data.subsidyNotice;
    expect(n.revision).toBe(2);
    const [r1, r2] = n.revisions;
    expect([r1.revision, r2.revision]).toEqual([1, 2]);
    expect(r1.reason).toBeNull();
    expect(r2.reason).toMatch(/更正|补录/);
    expect(r2.publishedOn >= r1.publishedOn).toBe(true);
    expect(n.totalAmount).toBe(r2.totalAmount);
    // The chain: revision 2 names revision 1's hash; each hash is SHA-256 of its canonical JSON.
    expect(r1.previousSha256).toBeNull();
    expect(r2.previousSha256).toBe(r1.sha256);
    for (const r of n.revisions) {
      expect(crypto.createHash('sha256').update(r.canonicalJson, 'utf8').digest('hex')).toBe(r.sha256);
      const doc = JSON.parse(r.canonicalJson);
      expect(doc.revision).toBe(r.revision);
      expect(doc.lines).toHaveLength(r.lineCount);
      // Masked personal data only, in the published JSON too.
      for (const l of doc.lines) {
        expect(l.maskedId).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
        expect(l.maskedName).toMatch(/^\p{Script=Han}+\*+$/u);
      }
    }
    const changed = n.current.nodes.filter(
      (l: any, i: number) =>
        JSON.stringify({ ...l, revision: 0 }) !== JSON.stringify({ ...n.first.nodes[i], revision: 0 }),
    );
    expect(changed).toHaveLength(1);
    expect(n.current.nodes.every((l: any) => l.revision === 2)).toBe(true);
    expect(n.first.nodes.every((l: any) => l.revision === 1)).toBe(true);
  });

  it('refuses a revision the notice does not have, naming the argument', async () => {
    const { errors } = await api.gql(
      'query($n: String!) { subsidyNotice(number: $n) { lines(first: 5, revision: 3) { totalCount } } }',
      { n: number },
    );
    expect(errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(errors[0].extensions.field).toBe('revision');
  });

  it('verifies every chain of the demo data, with the check and with the command', async () => {
    const report = await checkAllChains(em());
    expect(report.problems).toEqual([]);
    expect(report.notices).toBeGreaterThan(2000);
    expect(report.revisions).toBeGreaterThan(report.notices);
    const run = verifyCommand();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/every chain holds/);
  });

  it('catches a published line changed afterwards, a rewritten reason and a deleted revision', async () => {
    const [{ id: noticeId }] = await sql('select id from subsidy_notice where number = ?', [number]);
    const [line] = await sql(
      'select id, amount from subsidy_notice_line where notice_id = ? and revision = 1 order by seq limit 1',
      [noticeId],
    );
    const [other] = await sql(
      'select n.id, n.number from subsidy_notice n where n.revision = 1 and n.id <> ? order by n.id limit 1',
      [noticeId],
    );
    try {
      await sql('update subsidy_notice_line set amount = amount + 500 where id = ?', [line.id]);
      await sql(`update subsidy_notice_revision set reason = '更正' where notice_id = ? and revision = 2`, [noticeId]);
      await sql('delete from subsidy_notice_revision where notice_id = ?', [other.id]);
      const report = await checkAllChains(em());
      const found = report.problems.map((p) => `${p.notice}|${p.revision}|${p.rule}`).sort();
      expect(found).toEqual(
        [`${number}|1|revision.hash`, `${number}|2|revision.hash`, `${other.number}|0|revision.sequence`].sort(),
      );
      const run = verifyCommand();
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`${number} revision 1: revision.hash`);
      expect(run.stderr).toMatch(/3 problem\(s\) in 2 notice\(s\)/);
      const one = verifyCommand('--notice', number);
      expect(one.status).toBe(1);
      expect(one.stdout).toMatch(/^\[verify\] 1 notices, 2 revisions/m);
    } finally {
      // Leave the database as the other tests of this file expect it.
      await sql('update subsidy_notice_line set amount = ? where id = ?', [line.amount, line.id]);
    }
  });
});
