/**
 * Publishing through the API (issue 6, first part): publishers and keys made with the CLI, a
 * key's region as the limit of what it may write (50号 (十八)), every problem of a write at once
 * with nothing written, notices published, withdrawn, corrected and objected to through
 * GraphQL, search updated through the outbox, raw personal data never stored, and the audit
 * trail showing each write to administrators only.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkAllChains } from '../src/subsidies/chain-check';
import { completeCreditCode } from '../src/common/credit-code';
import { scanDatabase } from '../src/privacy/personal-data-scan';
import { withSearchApi, type TestApi, type TestSearch } from './helpers';

const CLI = path.resolve(__dirname, '..', 'dist', 'cli', 'publishers.js');
const env = withSearchApi();
let api: TestApi;
let search: TestSearch;
const keys: Record<'wuhua' | 'panlong' | 'kunming' | 'admin', string> = {
  wuhua: '',
  panlong: '',
  kunming: '',
  admin: '',
};

/** Runs the publishers command against the test's database. */
function publishers(...args: string[]) {
  const db = api.config.database;
  const dbEnv = { ...process.env, DATABASE_URL: db.kind === 'postgresql' ? db.url : `sqlite:${db.file}` };
  const run = spawnSync(process.execPath, [CLI, ...args], { env: dbEnv, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`publishers ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}
const idOf = (out: string) => /^publisher (\d+):/m.exec(out)![1];
const keyOf = (out: string) => /^(sy_[a-z0-9]{12}_[\w-]{43})$/m.exec(out)![1];

/** POSTs GraphQL with a key (or none). */
async function as(key: string | null, query: string, variables: Record<string, unknown> = {}) {
  const req = api.http.post('/graphql').set('content-type', 'application/json');
  if (key) req.set('authorization', `Bearer ${key}`);
  const res = await req.send({ query, variables });
  return { status: res.status, body: res.body };
}

const em = () => api.orm.em.fork() as SqlEntityManager;
const count = async (table: string) =>
  Number(((await em().getConnection().execute(`select count(*) as n from ${table}`)) as { n: number }[])[0].n);

// Resident identity numbers valid under GB 11643 (check digits computed), and one that is not.
const PEOPLE = [
  { name: '李建国', idNumber: '530102199001011234' },
  { name: '王芳', idNumber: '53010219920315002X' },
  { name: '赵小明', idNumber: '530103198807070016' },
];
const line = (i: number, over: Record<string, unknown> = {}) => ({
  seq: i + 1,
  ...PEOPLE[i],
  occupationCode: '4-10-01-05',
  level: 'LEVEL_5',
  certificateNumber: `S20265300000000${i}`,
  attendanceRate: 0.9,
  amount: 1200,
  ...over,
});
const PUBLISH = `mutation($input: PublishNoticeInput!) { publishNotice(input: $input) { notice { id number status lineCount totalAmount revision lines(first: 10) { nodes { seq maskedName maskedId } } } problems { field rule message } } }`;
const notice = (number: string, bureau: string, lines = [0, 1, 2].map((i) => line(i))) => ({
  input: { number, title: '关于测试培训班培训补贴人员名单的公示', bureau, publishedOn: '2026-11-16', lines },
});

beforeAll(async () => {
  ({ api, search } = env);
  // Check digits: make each test ID valid whatever was typed above.
  for (const p of PEOPLE) p.idNumber = withCheckDigit(p.idNumber.slice(0, 17));
  keys.wuhua = keyOf(
    publishers(
      'key-create',
      '--publisher',
      idOf(publishers('create', '--name', '昆明市五华区人力资源和社会保障局', '--region', '530102')),
    ),
  );
  keys.panlong = keyOf(
    publishers(
      'key-create',
      '--publisher',
      idOf(publishers('create', '--name', '昆明市盘龙区人力资源和社会保障局', '--region', '530103')),
    ),
  );
  keys.kunming = keyOf(
    publishers(
      'key-create',
      '--publisher',
      idOf(publishers('create', '--name', '昆明市人力资源和社会保障局', '--region', '530100')),
    ),
  );
  keys.admin = keyOf(
    publishers(
      'key-create',
      '--publisher',
      idOf(publishers('create', '--name', '云南省人力资源和社会保障厅（管理员）', '--region', '530000', '--admin')),
      '--label',
      '测试',
    ),
  );
}, 60_000);

/** GB 11643 check digit for 17 digits. */
function withCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

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

describe('institutions', () => {
  const CREATE = `mutation($input: InstitutionInput!) { createInstitution(input: $input) { institution { id name creditCode standing } problems { field rule message clause } } }`;
  const school = (over: Record<string, unknown> = {}) => ({
    input: {
      name: '昆明市五华区测试职业技能培训学校',
      type: 'PRIVATE_TRAINING_INSTITUTION',
      creditCode: completeCreditCode('52530102MJ0000001'),
      region: '530102',
      scope: ['4-10-01-05', '4-10-01-06'],
      ...over,
    },
  });

  it('a county key registers an institution in its county; the same credit code twice, another county or bad cells are refused with every problem', async () => {
    const created = await as(keys.wuhua, CREATE, school());
    expect(created.body.data.createInstitution).toMatchObject({
      institution: { name: '昆明市五华区测试职业技能培训学校', standing: 'GOOD' },
      problems: [],
    });
    const again = await as(keys.wuhua, CREATE, school({ name: '另一所学校' }));
    expect(again.body.data.createInstitution.problems.map((p: { rule: string }) => p.rule)).toEqual([
      'institution.credit-code-unique',
    ]);
    const elsewhere = await as(keys.wuhua, CREATE, school({ creditCode: null, region: '530103' }));
    expect(elsewhere.body.data.createInstitution.problems).toEqual([
      expect.objectContaining({ field: 'input.region', rule: 'scope.region', clause: '云人社通〔2022〕50号 (十八)' }),
    ]);
    const broken = await as(
      keys.wuhua,
      CREATE,
      school({
        name: 'x',
        creditCode: '52530102MJ00000019',
        type: 'ENTERPRISE_TRAINING_CENTRE',
        scope: ['9-99-99-99'],
      }),
    );
    expect(
      broken.body.data.createInstitution.problems.map((p: { field: string; rule: string }) => `${p.field} ${p.rule}`),
    ).toEqual([
      'input.name institution.name',
      'input.creditCode institution.credit-code',
      'input.ownerCompany institution.owner-company',
      'input.scope institution.scope',
    ]);
    expect(broken.body.data.createInstitution.problems[1].clause).toMatch(/GB 32100/);
  });

  it('blacklists with document and reason (8号 四(三)): the classes it ran while barred get the red flag; a county key cannot touch another county', async () => {
    const [inst] = (await em()
      .getConnection()
      .execute(
        `select i.id from institution i join course c on c.institution_id = i.id join subsidy_notice n on n.course_id = c.id
        where i.region_code = '530102' and i.blacklisted_from is null and i.licence_revoked_on is null and n.flag_ids not like '%institution-blacklisted%'
        group by i.id order by count(*) desc limit 1`,
      )) as { id: number }[];
    const id = Buffer.from(`Institution:${inst.id}`).toString('base64url');
    const BLACKLIST = `mutation($id: ID!, $from: LocalDate!) { blacklistInstitution(institution: $id, from: $from, document: "五华人社发〔2026〕7号", reason: "虚报培训人数，骗取补贴资金") { institution { blacklisting { from until document reason } } problems { field rule clause } } }`;
    const refused = await as(keys.panlong, BLACKLIST, { id, from: '2021-01-01' });
    expect(refused.body.data.blacklistInstitution.problems).toEqual([
      { field: 'institution', rule: 'scope.region', clause: '云人社通〔2022〕50号 (十八)' },
    ]);
    const done = await as(keys.wuhua, BLACKLIST, { id, from: '2021-01-01' });
    expect(done.body.data.blacklistInstitution.institution.blacklisting).toEqual({
      from: '2021-01-01',
      until: '2024-01-01',
      document: '五华人社发〔2026〕7号',
      reason: '虚报培训人数，骗取补贴资金',
    });
    const flagged = await as(
      null,
      `query($id: ID!) { subsidyNotices(first: 5, filter: { institution: $id, flag: "flag.institution-blacklisted" }) { totalCount nodes { redFlags { flagId } } } }`,
      { id },
    );
    expect(flagged.body.data.subsidyNotices.totalCount).toBeGreaterThan(0);
    expect(flagged.body.data.subsidyNotices.nodes[0].redFlags.map((f: { flagId: string }) => f.flagId)).toContain(
      'flag.institution-blacklisted',
    );
    const twice = await as(keys.wuhua, BLACKLIST, { id, from: '2022-01-01' });
    expect(twice.body.data.blacklistInstitution.problems.map((p: { rule: string }) => p.rule)).toEqual([
      'institution.blacklist-overlap',
    ]);
    const lift = await as(
      keys.kunming,
      `mutation($id: ID!) { liftBlacklisting(institution: $id, on: "2021-06-01", document: "昆人社发〔2021〕30号", reason: "经复核，整改到位，提前移出") { institution { blacklisting { until liftedOn liftDocument } } problems { rule } } }`,
      { id },
    );
    expect(lift.body.data.liftBlacklisting.institution.blacklisting).toEqual({
      until: '2021-06-01',
      liftedOn: '2021-06-01',
      liftDocument: '昆人社发〔2021〕30号',
    });
  });
});

describe('classes and the draw of the assessing agency', () => {
  const APPROVE = `mutation($input: CourseInput!) { approveCourse(input: $input) { course { id classNumber assessingAgency { id name }
    agencyDraw { seed inputsJson index eligibleCount chosen { id } clause } } problems { field rule message clause } } }`;
  let input: Record<string, unknown>;

  beforeAll(async () => {
    const [pick] = (await em()
      .getConnection()
      .execute(
        `select s.occupation_code as occupation, s.level, s.certificate_type as certificate from agency_scope s join occupation o on o.code = s.occupation_code
        where s.recorded_from <= '2026-12-20' and (s.recorded_until is null or s.recorded_until >= '2026-12-20') and o.has_national_standard
        group by s.occupation_code, s.level, s.certificate_type having count(distinct s.agency_id) >= 2 order by count(distinct s.agency_id) desc, s.occupation_code limit 1`,
      )) as { occupation: string; level: string; certificate: string }[];
    const created = await as(
      keys.wuhua,
      `mutation($input: InstitutionInput!) { createInstitution(input: $input) { institution { id } problems { rule } } }`,
      {
        input: {
          name: '昆明市五华区抽签测试培训学校',
          type: 'PRIVATE_TRAINING_INSTITUTION',
          creditCode: completeCreditCode('52530102MJ0000002'),
          region: '530102',
          scope: [pick.occupation],
        },
      },
    );
    const programme = (await as(null, '{ programmes { key } }')).body.data.programmes[0].key;
    input = {
      classNumber: 'KB2026-530102-90001',
      title: '抽签测试班',
      institution: created.body.data.createInstitution.institution.id,
      occupationCode: pick.occupation,
      certificateType: pick.certificate,
      level: pick.level,
      category: 'SKILLS',
      county: '530102',
      mode: 'OFFLINE',
      startDate: '2026-12-01',
      endDate: '2026-12-20',
      hoursPerDay: 6,
      totalHours: 120,
      capacity: 40,
      feeYuan: 800,
      subsidyPerTrainee: 0,
      programme,
      theoryTeacherRef: 'T530102-001',
      practicalTeacherRef: 'T530102-002',
    };
  });

  it('approves a class and draws its agency in a way anyone can repeat', async () => {
    const r = await as(keys.wuhua, APPROVE, { input });
    const { course, problems } = r.body.data.approveCourse;
    expect(problems).toEqual([]);
    const draw = course.agencyDraw;
    expect(draw.seed).toBe(crypto.createHash('sha256').update(draw.inputsJson, 'utf8').digest('hex'));
    const inputs = JSON.parse(draw.inputsJson);
    expect(inputs.eligible.length).toBe(draw.eligibleCount);
    expect(draw.eligibleCount).toBeGreaterThanOrEqual(2);
    expect(Number(BigInt(`0x${draw.seed}`) % BigInt(draw.eligibleCount))).toBe(draw.index);
    expect(Buffer.from(draw.chosen.id, 'base64url').toString()).toBe(
      `EvaluationAgency:${inputs.eligible[draw.index].agencyId}`,
    );
    expect(course.assessingAgency.id).toBe(draw.chosen.id);
    expect(draw.clause).toBe('云人社通〔2022〕50号 (十一)');
    expect(inputs.beacon).toMatch(/^[0-9a-f]{64}$/);
  });

  it('re-runs the draw with the documented command, and catches a changed result', async () => {
    const db = api.config.database;
    const dbEnv = { ...process.env, DATABASE_URL: db.kind === 'postgresql' ? db.url : `sqlite:${db.file}` };
    const VERIFY = path.resolve(__dirname, '..', 'dist', 'cli', 'verify-draws.js');
    const ok = spawnSync(process.execPath, [VERIFY, '--class', 'KB2026-530102-90001'], {
      env: dbEnv,
      encoding: 'utf8',
    });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/every draw holds/);
    const [{ chosen, other }] = (await em()
      .getConnection()
      .execute(
        `select d.chosen_agency_id as chosen, (select min(id) from evaluation_agency where id <> d.chosen_agency_id) as other from agency_draw d`,
      )) as { chosen: number; other: number }[];
    await em().getConnection().execute('update agency_draw set chosen_agency_id = ?', [other]);
    const caught = spawnSync(process.execPath, [VERIFY], { env: dbEnv, encoding: 'utf8' });
    await em().getConnection().execute('update agency_draw set chosen_agency_id = ?', [chosen]);
    expect(caught.status).toBe(1);
    expect(caught.stderr).toMatch(/KB2026-530102-90001: draw\.choice/);
  });

  it("refuses a class outside the key's region, and one breaking the year's rules, with every rule and clause", async () => {
    const elsewhere = await as(keys.wuhua, APPROVE, {
      input: { ...input, classNumber: 'KB2026-530103-90002', county: '530103' },
    });
    expect(elsewhere.body.data.approveCourse.problems).toEqual([
      expect.objectContaining({ field: 'input.county', rule: 'scope.region' }),
    ]);
    // Over the class cap and the daily hours; the same teacher twice is allowed only because the class is unsubsidised.
    const broken = await as(keys.wuhua, APPROVE, {
      input: {
        ...input,
        classNumber: 'KB2026-530102-90003',
        capacity: 100,
        practicalTeacherRef: 'T530102-001',
        hoursPerDay: 10,
      },
    });
    const problems = broken.body.data.approveCourse.problems as { rule: string; clause: string }[];
    expect(problems.map((p) => p.rule).sort()).toEqual(['course.class-size', 'course.daily-hours']);
    for (const p of problems) expect(p.clause).toMatch(/云人社通〔2022〕/);
    expect(
      Number(
        (
          await em()
            .getConnection()
            .execute(`select count(*) as n from course where class_number = 'KB2026-530102-90003'`)
        )[0].n,
      ),
    ).toBe(0);
  });

  it('cancels with a reason, once', async () => {
    const CANCEL = `mutation { cancelCourse(classNumber: "KB2026-530102-90001", on: "2026-11-25", reason: "报名人数不足，不能开班") { course { status } problems { rule } } }`;
    expect((await as(keys.wuhua, CANCEL)).body.data.cancelCourse).toEqual({
      course: { status: 'CANCELLED' },
      problems: [],
    });
    expect((await as(keys.wuhua, CANCEL)).body.data.cancelCourse.problems).toEqual([{ rule: 'course.cancelled' }]);
  });
});

describe('the directory and evaluation agencies', () => {
  it('only the province publishes the directory; an entry needs a standard, an agency and 120 hours for a certificate', async () => {
    const EDITION = `mutation($input: DirectoryEditionInput!) { publishDirectoryEdition(input: $input) { edition { year } problems { field rule clause } } }`;
    const edition = {
      input: {
        year: 2027,
        documentNumber: '云人社发〔2027〕1号',
        title: '2027年云南省职业培训补贴工种目录',
        publishedOn: '2027-01-10',
      },
    };
    expect((await as(keys.kunming, EDITION, edition)).body.data.publishDirectoryEdition.problems).toEqual([
      { field: 'input', rule: 'scope.region', clause: '云人社通〔2022〕50号 (十八)' },
    ]);
    expect((await as(keys.admin, EDITION, edition)).body.data.publishDirectoryEdition).toEqual({
      edition: { year: 2027 },
      problems: [],
    });
    expect((await as(keys.admin, EDITION, edition)).body.data.publishDirectoryEdition.problems[0].rule).toBe(
      'directory.edition-unique',
    );
    const [pick] = (await em()
      .getConnection()
      .execute(
        `select s.occupation_code as occupation, s.level from agency_scope s join occupation o on o.code = s.occupation_code
        where s.recorded_until is null and s.recorded_from <= '2027-01-15' and s.certificate_type = 'SKILL_LEVEL' and o.has_national_standard
        order by s.occupation_code, s.level limit 1`,
      )) as { occupation: string; level: string }[];
    const ENTRY = `mutation($input: DirectoryEntryInput!) { addDirectoryEntry(input: $input) { entry { id } problems { field rule clause } } }`;
    const entry = {
      year: 2027,
      occupationCode: pick.occupation,
      certificateType: 'SKILL_LEVEL',
      level: pick.level,
      minHours: 100,
      subsidyPerTrainee: 1500,
      effectiveFrom: '2027-01-15',
    };
    expect((await as(keys.admin, ENTRY, { input: entry })).body.data.addDirectoryEntry.problems).toEqual([
      { field: 'input.minHours', rule: 'course.min-certificate-hours', clause: '云人社通〔2022〕8号 三(五)' },
    ]);
    const [orphan] = (await em()
      .getConnection()
      .execute(
        `select code from occupation where code not in (select occupation_code from agency_scope) order by code limit 1`,
      )) as { code: string }[];
    const gaps = await as(keys.admin, ENTRY, { input: { ...entry, occupationCode: orphan.code, minHours: 120 } });
    expect(gaps.body.data.addDirectoryEntry.problems.map((p: { rule: string }) => p.rule)).toEqual([
      'directory.admission',
    ]);
    const added = await as(keys.admin, ENTRY, { input: { ...entry, minHours: 120 } });
    expect(added.body.data.addDirectoryEntry.problems).toEqual([]);
    const END = `mutation($e: ID!) { endDirectoryEntry(entry: $e, lastDay: "2027-06-30", reason: "国家职业标准修订，暂停补贴") { entry { id } problems { rule } } }`;
    expect(
      (await as(keys.admin, END, { e: added.body.data.addDirectoryEntry.entry.id })).body.data.endDirectoryEntry
        .problems,
    ).toEqual([]);
    expect(
      (await as(keys.admin, END, { e: added.body.data.addDirectoryEntry.entry.id })).body.data.endDirectoryEntry
        .problems,
    ).toEqual([{ rule: 'directory.entry-ended' }]);
  });

  it("registers an agency in the key's region, records its scope once, ends it, and keeps replaced fee schedules", async () => {
    const CREATE = `mutation($input: AgencyInput!) { createEvaluationAgency(input: $input) { agency { id name } problems { field rule } } }`;
    const agency = {
      name: '五华区测试职业技能等级认定中心',
      type: 'SOCIAL_TRAINING_EVALUATOR',
      creditCode: completeCreditCode('52530102MJ0000009'),
      region: '530102',
    };
    expect(
      (await as(keys.wuhua, CREATE, { input: { ...agency, region: '530103', creditCode: null } })).body.data
        .createEvaluationAgency.problems,
    ).toEqual([{ field: 'input.region', rule: 'scope.region' }]);
    const created = await as(keys.wuhua, CREATE, { input: agency });
    const id = created.body.data.createEvaluationAgency.agency.id;
    const SCOPE = `mutation($a: ID!, $input: AgencyScopeInput!) { recordAgencyScope(agency: $a, input: $input) { agency { id } problems { rule } } }`;
    const scope = {
      occupationCode: '4-10-01-05',
      certificateType: 'SKILL_LEVEL',
      level: 'LEVEL_4',
      recordedFrom: '2026-12-01',
    };
    expect((await as(keys.wuhua, SCOPE, { a: id, input: scope })).body.data.recordAgencyScope.problems).toEqual([]);
    expect(
      (await as(keys.wuhua, SCOPE, { a: id, input: { ...scope, recordedFrom: '2027-01-01' } })).body.data
        .recordAgencyScope.problems,
    ).toEqual([{ rule: 'agency.scope-overlap' }]);
    expect((await as(keys.panlong, SCOPE, { a: id, input: scope })).body.data.recordAgencyScope.problems).toEqual([
      { rule: 'scope.region' },
    ]);
    const FEES = `mutation($a: ID!, $fees: [AgencyFeeInput!]!) { setAgencyFees(agency: $a, fees: $fees) { agency { fees { level item feeYuan } } problems { field rule } } }`;
    const dup = await as(keys.wuhua, FEES, {
      a: id,
      fees: [
        { level: 'LEVEL_4', item: '理论考试', feeYuan: 120 },
        { level: 'LEVEL_4', item: '理论考试', feeYuan: 100 },
      ],
    });
    expect(dup.body.data.setAgencyFees.problems).toEqual([{ field: 'input.fees[1]', rule: 'agency.fee-unique' }]);
    await as(keys.wuhua, FEES, { a: id, fees: [{ level: 'LEVEL_4', item: '理论考试', feeYuan: 120 }] });
    const second = await as(keys.wuhua, FEES, {
      a: id,
      fees: [
        { level: 'LEVEL_4', item: '理论考试', feeYuan: 100 },
        { level: 'LEVEL_4', item: '实操考核', feeYuan: 200 },
      ],
    });
    expect(second.body.data.setAgencyFees.agency.fees).toEqual([
      { level: 'LEVEL_4', item: '理论考试', feeYuan: 100 },
      { level: 'LEVEL_4', item: '实操考核', feeYuan: 200 },
    ]);
    const kept = (await em()
      .getConnection()
      .execute(
        `select count(*) as n from agency_fee f join evaluation_agency a on a.id = f.agency_id where a.name = ? and f.replaced_on is not null`,
        [agency.name],
      )) as { n: number }[];
    expect(Number(kept[0].n)).toBe(1);
    const END = `mutation($a: ID!) { endAgencyScope(agency: $a, occupationCode: "4-10-01-05", level: LEVEL_4, lastDay: "2027-06-30") { problems { rule } } }`;
    expect((await as(keys.wuhua, END, { a: id })).body.data.endAgencyScope.problems).toEqual([]);
    expect((await as(keys.wuhua, END, { a: id })).body.data.endAgencyScope.problems).toEqual([
      { rule: 'agency.scope' },
    ]);
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
    const institutions = await as(
      keys.admin,
      `{ auditTrail(first: 10, filter: { entityType: "Institution" }) { nodes { action actor } } }`,
    );
    expect(institutions.body.data.auditTrail.nodes.map((e: { action: string }) => e.action)).toEqual([
      'institution.create',
      'institution.lift',
      'institution.blacklist',
      'institution.create',
    ]);
    const courses = await as(
      keys.admin,
      `{ auditTrail(first: 10, filter: { entityType: "Course" }) { nodes { action summary } } }`,
    );
    expect(courses.body.data.auditTrail.nodes.map((e: { action: string }) => e.action)).toEqual([
      'course.cancel',
      'course.approve',
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
