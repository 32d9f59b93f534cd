/**
 * Write-once means written once (issue 13, item 1): the same write fired many times at once
 * through the real HTTP API takes effect once, on SQLite and on PostgreSQL (whichever
 * DATABASE_URL selects), leaves a consistent record and one audit entry, and the others are
 * refused with a coded problem naming the rule, never a 500. Text longer than its column is a
 * coded problem on both drivers alike.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import type { SqlEntityManager } from '@mikro-orm/knex';
import BetterSqlite3 from 'better-sqlite3';
import { Client } from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgencyScope, EvaluationAgency } from '../src/agencies/agency.entity';
import { completeCreditCode } from '../src/common/credit-code';
import { checkDraws } from '../src/courses/draw-check';
import { toGlobalId } from '../src/graphql/node';
import { Institution } from '../src/institutions/institution.entity';
import { newApiKey } from '../src/publishers/api-keys';
import { createApi } from '../src/server';
import { lockRow } from '../src/db/row-lock';
import { SubsidyNotice } from '../src/subsidies/subsidy-notice.entity';
import { ApiKey, Publisher } from '../src/publishers/publisher.entity';
import { checkAllChains } from '../src/subsidies/chain-check';
import { startTestApi, type TestApi } from './helpers';

/** How many copies of one write are fired at once. */
const COPIES = 8;
const TODAY = '2026-11-21';
let api: TestApi;
/** The API over the database with this file's fixtures (built after them: it loads its reference data once). */
let http: TestApi['http'];
let stopApi: () => Promise<void> = async () => undefined;
let key = '';
/** The training institution of the classes this file approves, and their occupation (one with a national standard). */
let institutionId = 0;
let courseOccupation = '';
/** An institution this file blacklists. */
let barredId = 0;

const em = () => api.orm.em.fork() as SqlEntityManager;
const rows = async <T>(sql: string, params: unknown[] = []) => (await em().getConnection().execute(sql, params)) as T[];
const auditCount = async (action: string, entityKey: string) =>
  Number(
    (
      await rows<{ n: number | string }>(
        'select count(*) as n from audit_entry where action = ? and entity_key like ?',
        [action, `${entityKey}%`],
      )
    )[0].n,
  );

/** The province's key, for the writes only the province makes. */
let provinceKey = '';

/** POSTs one GraphQL operation with a key (the bureau's by default); status and body. */
async function as(query: string, variables: Record<string, unknown>, withKey = key) {
  const res = await http
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${withKey}`)
    .send({ query, variables });
  return { status: res.status, body: res.body };
}

/** Fires `n` copies (or `n` variants) of a write at once and waits for every answer. */
async function fire(n: number, query: string, variables: (i: number) => Record<string, unknown>, withKey = key) {
  const answers = await Promise.all(Array.from({ length: n }, (_, i) => as(query, variables(i), withKey)));
  for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
  return answers.map((a) => a.body);
}

/** GB 11643 check digit appended to 17 digits. */
function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}
const line = (i: number, amount = 1000) => ({
  seq: i + 1,
  name: ['李建国', '王芳', '赵小明'][i],
  idNumber: residentId(`53010219900101${123 + i}`),
  occupationCode: '4-10-01-05',
  level: 'LEVEL_5',
  certificateNumber: null,
  attendanceRate: 0.9,
  amount,
});

const PUBLISH =
  'mutation($input: PublishNoticeInput!) { publishNotice(input: $input) { notice { number } problems { field rule message } } }';
const WITHDRAW =
  'mutation($n: String!, $reason: String!) { withdrawNotice(number: $n, on: "2026-11-20", reason: $reason) { notice { status withdrawnOn } problems { field rule message } } }';
const CORRECT =
  'mutation($input: CorrectNoticeInput!) { correctNotice(input: $input) { notice { revision } problems { field rule message } } }';
const RECORD =
  'mutation($input: RecordObjectionInput!) { recordObjection(input: $input) { objection { id } problems { field rule message } } }';
const DECIDE =
  'mutation($input: DecideObjectionInput!) { decideObjection(input: $input) { objection { status } problems { field rule message } } }';

/** Publishes a three-line notice of 1,000 元 a line; its number. */
async function publish(suffix: string): Promise<string> {
  const number = `（并发测试）五华人社培公〔2026〕第${suffix}号`;
  const [r] = await fire(1, PUBLISH, () => ({
    input: {
      number,
      title: '关于并发测试培训班培训补贴人员名单的公示',
      bureau: '530102',
      publishedOn: '2026-11-16',
      lines: [0, 1, 2].map((i) => line(i)),
    },
  }));
  expect(r.data.publishNotice.problems).toEqual([]);
  return number;
}

/** Splits answers into the one that took effect and the rules that refused the others. */
function outcome(bodies: any[], field: string, value: string) {
  for (const b of bodies) expect(b.errors, JSON.stringify(b.errors)).toBeUndefined();
  const won = bodies.filter((b) => b.data[field][value] !== null);
  const refused = bodies
    .filter((b) => b.data[field][value] === null)
    .flatMap((b) => b.data[field].problems.map((p: { rule: string }) => p.rule));
  return { won, refused };
}

beforeAll(async () => {
  api = await startTestApi({ scale: 0, today: TODAY });
  // A bureau and its key, written as the publishers command writes them.
  const fork = em();
  const publisherId = Number(
    await fork.insert(Publisher, {
      name: '昆明市五华区人力资源和社会保障局',
      region: '530102',
      isAdmin: false,
      createdAt: new Date(),
    }),
  );
  const k = await newApiKey();
  await fork.insert(ApiKey, {
    publisher: publisherId,
    keyId: k.keyId,
    secretHash: k.secretHash,
    label: 'write-once',
    createdAt: new Date(),
  });
  key = k.key;
  const provinceId = Number(
    await fork.insert(Publisher, {
      name: '云南省人力资源和社会保障厅',
      region: '530000',
      isAdmin: true,
      createdAt: new Date(),
    }),
  );
  const pk = await newApiKey();
  await fork.insert(ApiKey, {
    publisher: provinceId,
    keyId: pk.keyId,
    secretHash: pk.secretHash,
    label: 'write-once',
    createdAt: new Date(),
  });
  provinceKey = pk.key;
  // A training institution in 五华区 and three agencies recorded for its occupation: the draw's records.
  // The reference data alone leaves national standards unknown: this file's occupation has one.
  courseOccupation = '4-10-01-05';
  await fork
    .getConnection()
    .execute('update occupation set has_national_standard = ? where code = ?', [
      api.config.database.kind === 'postgresql' ? true : 1,
      courseOccupation,
    ]);
  institutionId = Number(
    await fork.insert(Institution, {
      name: '昆明市五华区并发测试职业培训学校',
      type: 'PRIVATE_TRAINING_INSTITUTION',
      region: '530102',
      isDemo: false,
      source: 'write-once test',
    } as never),
  );
  await fork
    .getConnection()
    .execute('insert into institution_scope (institution_id, occupation_code) values (?, ?)', [
      institutionId,
      courseOccupation,
    ]);
  barredId = Number(
    await fork.insert(Institution, {
      name: '昆明市五华区黑名单测试职业培训学校',
      type: 'PRIVATE_TRAINING_INSTITUTION',
      region: '530102',
      isDemo: false,
      source: 'write-once test',
    } as never),
  );
  for (const n of [1, 2, 3]) {
    const agency = Number(
      await fork.insert(EvaluationAgency, {
        name: `并发测试评价机构${n}`,
        type: 'SOCIAL_TRAINING_EVALUATOR',
        region: '530100',
        isDemo: false,
        source: 'write-once test',
      } as never),
    );
    await fork.insert(AgencyScope, {
      agency,
      occupation: courseOccupation,
      certificateType: 'SKILL_LEVEL',
      level: 'LEVEL_5',
      recordedFrom: '2020-01-01',
      recordedUntil: null,
    } as never);
  }
  // Many writes from one key and address in a minute: the write limits are not what is tested here.
  const built = await createApi(
    api.orm,
    { ...api.config, rateLimits: { ...api.config.rateLimits, writesPerKey: 10_000, writesPerIp: 10_000 } },
    null,
  );
  http = request(built.httpServer);
  stopApi = () => built.apollo.stop();
}, 120_000);
afterAll(async () => {
  await stopApi();
  await api?.close();
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

describe('the draw of the assessing agency', () => {
  const APPROVE =
    'mutation($input: CourseInput!) { approveCourse(input: $input) { course { classNumber assessingAgency { id } agencyDraw { seed } } problems { field rule message } } }';
  let programme = '';
  const course = (classNumber: string) => ({
    classNumber,
    title: '并发测试班',
    institution: toGlobalId('Institution', institutionId),
    occupationCode: courseOccupation,
    certificateType: 'SKILL_LEVEL',
    level: 'LEVEL_5',
    category: 'SKILLS',
    county: '530102',
    mode: 'OFFLINE',
    startDate: '2026-12-01',
    endDate: '2026-12-25',
    hoursPerDay: 6,
    totalHours: 120,
    capacity: 40,
    enrolled: 0,
    feeYuan: 800,
    subsidyPerTrainee: 0,
    programme,
    theoryTeacherRef: 'T530102-101',
    practicalTeacherRef: 'T530102-102',
    targetGroups: [],
    soleAgencyExemption: false,
    acceptsVouchers: false,
    enrolment: 'PUBLIC',
  });
  const approve = async (classNumber: string) => {
    const [r] = await fire(1, APPROVE, () => ({ input: course(classNumber) }));
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect(r.data.approveCourse.problems).toEqual([]);
  };

  beforeAll(async () => {
    programme = (await http.post('/graphql').send({ query: '{ programmes { key } }' })).body.data.programmes[0].key;
  });

  it('is made once for a class approved many times at once: one class, one draw, one audit entry', async () => {
    const bodies = await fire(COPIES, APPROVE, () => ({ input: course('KB2026-530102-97001') }));
    const { won, refused } = outcome(bodies, 'approveCourse', 'course');
    expect(won).toHaveLength(1);
    expect(refused).toEqual(Array(COPIES - 1).fill('course.class-number-unique'));
    expect(
      await rows('select d.id from agency_draw d join course c on c.id = d.course_id where c.class_number = ?', [
        'KB2026-530102-97001',
      ]),
    ).toHaveLength(1);
    expect(await auditCount('course.approve', 'KB2026-530102-97001')).toBe(1);
  });

  it('keeps its beacon when notices are published after it, dated back: draws:verify passes after a session of both', async () => {
    // Draws and publications in turn, each notice dated back (before today) but after the newest
    // printed date so far or between earlier ones: under "the newest revision published before
    // the day" each of them would change the beacon of the draws made before it.
    const dates = ['2026-11-19', '2026-11-17', '2026-11-20', '2026-11-18'];
    for (let i = 0; i < 4; i++) {
      await approve(`KB2026-530102-9710${i}`);
      const number = `（回溯测试）五华人社培公〔2026〕第${i + 1}号`;
      const [r] = await fire(1, PUBLISH, () => ({
        input: {
          number,
          title: '关于回溯测试培训班培训补贴人员名单的公示',
          bureau: '530102',
          publishedOn: dates[i],
          lines: [0, 1].map((j) => line(j)),
        },
      }));
      expect(r.data.publishNotice.problems).toEqual([]);
    }
    // Draws fired at once with a correction fired among them: each sees the revisions written before it.
    const number = '（回溯测试）五华人社培公〔2026〕第1号';
    await Promise.all([
      ...[0, 1, 2].map((i) => fire(1, APPROVE, () => ({ input: course(`KB2026-530102-9720${i}`) }))),
      fire(1, CORRECT, () => ({
        input: { number, publishedOn: '2026-11-20', reason: '第1行补贴金额更正', lines: [line(0, 900), line(1)] },
      })),
    ]);
    const { draws, problems } = await checkDraws(em());
    expect(draws).toBeGreaterThanOrEqual(7);
    expect(problems).toEqual([]);
    // The command says the same, on the same database.
    const db = api.config.database;
    const run = spawnSync(process.execPath, [path.resolve(__dirname, '..', 'dist', 'cli', 'verify-draws.js')], {
      env: { ...process.env, DATABASE_URL: db.kind === 'postgresql' ? db.url : `sqlite:${db.file}` },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/every draw holds/);
    // A draw whose beacon is made older than an earlier draw's is caught.
    const [last] = await rows<{ id: number; beacon_revision_id: number }>(
      'select id, beacon_revision_id from agency_draw order by id desc limit 1',
    );
    const [first] = await rows<{ id: number }>('select min(id) as id from subsidy_notice_revision');
    await em()
      .getConnection()
      .execute('update agency_draw set beacon_revision_id = ? where id = ?', [first.id, last.id]);
    expect((await checkDraws(em())).problems.map((p) => p.rule)).toContain('draw.beacon');
    await em()
      .getConnection()
      .execute('update agency_draw set beacon_revision_id = ? where id = ?', [last.beacon_revision_id, last.id]);
  });
});

describe('blacklistings', () => {
  const BLACKLIST =
    'mutation($i: ID!, $from: LocalDate!, $doc: String!) { blacklistInstitution(institution: $i, from: $from, document: $doc, reason: "虚报培训人数，骗取补贴资金") { institution { blacklisting { from until document } } problems { field rule message } } }';
  const HISTORY =
    'query($i: ID!) { institution(id: $i) { standing blacklisting { from until document } blacklistingHistory { from until document reason status } } }';

  it('are recorded once when fired at once, and never overlapped or overwritten: each decision stays on record with its document', async () => {
    const i = toGlobalId('Institution', barredId);
    const bodies = await fire(COPIES, BLACKLIST, () => ({ i, from: '2026-11-01', doc: '五华人社发〔2026〕7号' }));
    const { won, refused } = outcome(bodies, 'blacklistInstitution', 'institution');
    expect(won).toHaveLength(1);
    expect(refused).toEqual(Array(COPIES - 1).fill('institution.blacklist-overlap'));
    expect(await auditCount('institution.blacklist', '昆明市五华区黑名单测试职业培训学校')).toBe(1);
    // A second decision starting earlier, whose three years would run into the first: refused, the first stands.
    const [earlier] = await fire(1, BLACKLIST, () => ({ i, from: '2025-01-01', doc: '五华人社发〔2025〕3号' }));
    expect(earlier.data.blacklistInstitution.problems).toEqual([
      {
        field: 'from',
        rule: 'institution.blacklist-overlap',
        message:
          'three years from 2025-01-01 would overlap the blacklisting from 2026-11-01 until 2029-11-01 (五华人社发〔2026〕7号)',
      },
    ]);
    // An earlier decision that ended before the first began is recorded beside it, not over it.
    const [older] = await fire(1, BLACKLIST, () => ({ i, from: '2022-06-01', doc: '五华人社发〔2022〕9号' }));
    expect(older.data.blacklistInstitution.problems).toEqual([]);
    const res = await http.post('/graphql').send({ query: HISTORY, variables: { i } });
    expect(res.body.data.institution).toEqual({
      standing: 'BLACKLISTED',
      blacklisting: { from: '2026-11-01', until: '2029-11-01', document: '五华人社发〔2026〕7号' },
      blacklistingHistory: [
        {
          from: '2022-06-01',
          until: '2025-06-01',
          document: '五华人社发〔2022〕9号',
          reason: '虚报培训人数，骗取补贴资金',
          status: 'ENDED',
        },
        {
          from: '2026-11-01',
          until: '2029-11-01',
          document: '五华人社发〔2026〕7号',
          reason: '虚报培训人数，骗取补贴资金',
          status: 'CURRENT',
        },
      ],
    });
    expect(await auditCount('institution.blacklist', '昆明市五华区黑名单测试职业培训学校')).toBe(2);
  });
});

describe('the other writes fired at once', () => {
  const count = async (sql: string, params: unknown[]) =>
    Number((await rows<{ n: number | string }>(sql, params))[0].n);

  it('cancel a class once', async () => {
    const APPROVE = 'mutation($input: CourseInput!) { approveCourse(input: $input) { problems { rule } } }';
    const programme = (await http.post('/graphql').send({ query: '{ programmes { key } }' })).body.data.programmes[0]
      .key;
    const [approved] = await fire(1, APPROVE, () => ({
      input: {
        classNumber: 'KB2026-530102-97300',
        title: '取消测试班',
        institution: toGlobalId('Institution', institutionId),
        occupationCode: courseOccupation,
        certificateType: 'SKILL_LEVEL',
        level: 'LEVEL_5',
        category: 'SKILLS',
        county: '530102',
        mode: 'OFFLINE',
        startDate: '2026-12-01',
        endDate: '2026-12-25',
        hoursPerDay: 6,
        totalHours: 120,
        capacity: 40,
        enrolled: 0,
        feeYuan: 800,
        subsidyPerTrainee: 0,
        programme,
        theoryTeacherRef: 'T530102-101',
        practicalTeacherRef: 'T530102-102',
        targetGroups: [],
        soleAgencyExemption: false,
        acceptsVouchers: false,
        enrolment: 'PUBLIC',
      },
    }));
    expect(approved.data.approveCourse.problems).toEqual([]);
    const bodies = await fire(
      COPIES,
      'mutation { cancelCourse(classNumber: "KB2026-530102-97300", on: "2026-11-25", reason: "报名人数不足，不能开班") { course { cancelledOn } problems { field rule message } } }',
      () => ({}),
    );
    const { won, refused } = outcome(bodies, 'cancelCourse', 'course');
    expect(won).toHaveLength(1);
    expect(refused).toEqual(Array(COPIES - 1).fill('course.cancelled'));
    expect(await auditCount('course.cancel', 'KB2026-530102-97300')).toBe(1);
  });

  it('register an institution once per credit code', async () => {
    const creditCode = completeCreditCode('52530102MJ0097301');
    const bodies = await fire(
      COPIES,
      'mutation($input: InstitutionInput!) { createInstitution(input: $input) { institution { id } problems { field rule message } } }',
      () => ({
        input: {
          name: '昆明市五华区并发登记测试培训学校',
          type: 'PRIVATE_TRAINING_INSTITUTION',
          creditCode,
          region: '530102',
          scope: [courseOccupation],
        },
      }),
    );
    const { won, refused } = outcome(bodies, 'createInstitution', 'institution');
    expect(won).toHaveLength(1);
    expect(refused).toEqual(Array(COPIES - 1).fill('institution.credit-code-unique'));
    expect(await count('select count(*) as n from institution where credit_code = ?', [creditCode])).toBe(1);
    expect(await auditCount('institution.create', creditCode)).toBe(1);
  });

  it('record an agency scope and publish a directory edition once', async () => {
    const [agency] = await rows<{ id: number }>('select min(id) as id from evaluation_agency');
    const scope = await fire(
      COPIES,
      'mutation($a: ID!, $input: AgencyScopeInput!) { recordAgencyScope(agency: $a, input: $input) { agency { id } problems { field rule message } } }',
      () => ({
        a: toGlobalId('EvaluationAgency', agency.id),
        input: {
          occupationCode: courseOccupation,
          certificateType: 'SKILL_LEVEL',
          level: 'LEVEL_4',
          recordedFrom: '2026-11-01',
        },
      }),
      provinceKey,
    );
    const s = outcome(scope, 'recordAgencyScope', 'agency');
    expect(s.won).toHaveLength(1);
    expect(s.refused).toEqual(Array(COPIES - 1).fill('agency.scope-overlap'));
    expect(
      await count('select count(*) as n from agency_scope where agency_id = ? and level = ?', [agency.id, 'LEVEL_4']),
    ).toBe(1);
    const edition = await fire(
      COPIES,
      'mutation($input: DirectoryEditionInput!) { publishDirectoryEdition(input: $input) { edition { year } problems { field rule message } } }',
      () => ({
        input: {
          year: 2031,
          documentNumber: '云人社发〔2030〕99号',
          title: '2031年度培训补贴工种目录（并发测试）',
          publishedOn: '2026-11-20',
        },
      }),
      provinceKey,
    );
    const e = outcome(edition, 'publishDirectoryEdition', 'edition');
    expect(e.won).toHaveLength(1);
    expect(e.refused).toEqual(Array(COPIES - 1).fill('directory.edition-unique'));
    expect(await auditCount('directory.publish', '2031')).toBe(1);
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
