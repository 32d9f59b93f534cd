/**
 * A worker's journey with one class (issue 12 §3), through the HTTP endpoint: how to join it,
 * whether they would be subsidised and how much (both ways, each reason with its clause, the
 * three-a-year limit, a blacklisted institution, bad answers named), the outcomes with small
 * groups suppressed, and the institution's enrolment phone. Classes are found at test time (the
 * demo data changes with the generator); `today` is fixed so that some classes start after it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { addDays } from '../src/common/dates';
import { completeCreditCode } from '../src/common/credit-code';
import { institutionsKind } from '../src/imports/import-institutions';
import { runImport } from '../src/imports/run-import';
import { SERVER_WRITER } from '../src/publishers/writer';
import { startTestApi, testFiles, type TestApi } from './helpers';

const TODAY = '2023-06-15';
const CLI = path.resolve(__dirname, '..', 'dist', 'cli', 'publishers.js');
let api: TestApi;
let adminKey = '';

/** Runs the publishers command against the test's database. */
function publishers(...args: string[]): string {
  const db = api.config.database;
  const env = { ...process.env, DATABASE_URL: db.kind === 'postgresql' ? db.url : `sqlite:${db.file}` };
  const run = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`publishers ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

/** POSTs GraphQL with the administrator's key. */
async function asAdmin(query: string, variables: Record<string, unknown> = {}) {
  const res = await api.http
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${adminKey}`)
    .send({ query, variables });
  return res.body;
}

const JOURNEY = `
  id classNumber startDate endDate capacity enrolled acceptsVouchers enrolment targetGroups subsidyPerTrainee enrolmentStatus
  occupation { code } level region { code name } institution { id name standing }
  howToJoin {
    status enrolmentCloses enrolmentClosesSource seatsLeft institutionName address phone askBureau
    whoMayEnrol { id text textEn clause } bring { id text textEn clause documentTitle }
  }
  subsidyConditions { amountYuan amountClause conditions { id condition conditionEn question questionEn answerField holds whyNot whyNotEn clause documentTitle } }`;

/** The first class with this enrolment status (and filter), soonest start first. */
async function firstClass(filter: Record<string, unknown>, first = 1) {
  const body = await api.gql(
    `query($f: CourseFilter) { courses(first: ${first}, filter: $f) { totalCount nodes { ${JOURNEY} } } }`,
    { f: filter },
  );
  expect(body.errors).toBeUndefined();
  return body.data.courses as { totalCount: number; nodes: any[] };
}

/** Answers meeting every condition a class asks. */
function allYes(course: any) {
  return {
    targetGroups: course.targetGroups.slice(0, 1),
    attendancePercent: 90,
    certificateObtained: true,
    subsidisedTrainingsThisYear: 0,
    ...(course.enrolment === 'OWN_STAFF' ? { ownStaff: true } : {}),
  };
}

const ELIGIBILITY = `query($id: ID!, $a: EligibilityAnswers!) { course(id: $id) { eligibility(answers: $a) { eligible amountYuan reasons { conditionId holds message messageEn clause documentTitle } } } }`;
const failing = (v: any) => v.reasons.filter((r: any) => !r.holds).map((r: any) => [r.conditionId, r.clause]);

beforeAll(async () => {
  api = await startTestApi({ scale: 1, today: TODAY });
  const out = publishers('create', '--name', '云南省人力资源和社会保障厅（管理员）', '--region', '530000', '--admin');
  const id = /^publisher (\d+):/m.exec(out)![1];
  adminKey = /^(sy_[a-z0-9]{12}_[\w-]{43})$/m.exec(publishers('key-create', '--publisher', id, '--label', '测试'))![1];
}, 240_000);
afterAll(async () => {
  await api?.close();
});

describe('how to join', () => {
  it('an enrolling class: starts after today with places left, deadline the day before the start, whom to ask, what to bring', async () => {
    const {
      nodes: [c],
    } = await firstClass({ enrolmentStatus: 'ENROLLING', subsidised: true });
    expect(c, 'an enrolling subsidised class exists on the test day').toBeDefined();
    expect(c.startDate > TODAY).toBe(true);
    const j = c.howToJoin;
    expect(j).toMatchObject({
      status: 'ENROLLING',
      seatsLeft: c.capacity - c.enrolled,
      enrolmentCloses: addDays(c.startDate, -1),
      enrolmentClosesSource: 'DAY_BEFORE_START',
      institutionName: c.institution.name,
    });
    expect(j.seatsLeft).toBeGreaterThan(0);
    expect(c.enrolmentStatus).toBe('ENROLLING');
    // The demo has no phones yet: the page sends the worker to the county's bureau.
    expect(j.askBureau).toBe(`${c.region.name}人力资源和社会保障局`);
    expect(j.bring[0]).toMatchObject({ id: 'bring.id-card', clause: null });
    expect(
      j.bring.some((b: any) => b.id === 'bring.social-security-card' && b.clause === '云人社通〔2022〕8号 三(四)'),
    ).toBe(c.acceptsVouchers);
    expect(j.whoMayEnrol.id).toBe(c.enrolment === 'OWN_STAFF' ? 'enrol.own-staff' : 'enrol.public');
  });

  it('the enrolmentStatus filter returns exactly the classes whose field says so, and the statuses cover every class', async () => {
    const all = (await firstClass({})).totalCount;
    let sum = 0;
    for (const status of ['ENROLLING', 'FULL', 'ENROLMENT_CLOSED', 'RUNNING', 'FINISHED', 'CANCELLED']) {
      const page = await firstClass({ enrolmentStatus: status }, 50);
      sum += page.totalCount;
      for (const n of page.nodes) expect(n.enrolmentStatus).toBe(status);
    }
    expect(sum).toBe(all);
  });

  it("an own-staff class says so with the clause of its start date's edition", async () => {
    const {
      nodes: [c],
    } = await firstClass({ institutionType: 'ENTERPRISE_TRAINING_CENTRE', startFrom: '2022-11-05' });
    expect(c).toBeDefined();
    expect(c.howToJoin.whoMayEnrol).toMatchObject({ id: 'enrol.own-staff', clause: '云人社通〔2022〕50号 (五)' });
    expect(c.subsidyConditions.conditions.find((x: any) => x.id === 'eligibility.own-staff')).toMatchObject({
      answerField: 'ownStaff',
      holds: null,
    });
  });
});

describe('eligibility', () => {
  it('lists the conditions with their clauses and the amount', async () => {
    const {
      nodes: [c],
    } = await firstClass({ enrolmentStatus: 'ENROLLING', subsidised: true });
    const s = c.subsidyConditions;
    expect(s.amountYuan).toBeGreaterThan(0);
    expect(s.amountYuan).toBeLessThanOrEqual(c.subsidyPerTrainee);
    const byId = Object.fromEntries(s.conditions.map((x: any) => [x.id, x]));
    expect(byId['eligibility.subsidised']).toMatchObject({ holds: true, question: null });
    expect(byId['eligibility.attendance']).toMatchObject({
      answerField: 'attendancePercent',
      clause: '云人社通〔2022〕50号 (十四)',
      holds: null,
    });
    expect(byId['eligibility.certificate']).toMatchObject({
      answerField: 'certificateObtained',
      clause: '云人社通〔2022〕50号 (五)',
    });
    expect(byId['eligibility.three-a-year']).toMatchObject({
      answerField: 'subsidisedTrainingsThisYear',
      clause: '云人社（2021）职业技能提升行动通知 二(四)',
    });
    for (const x of s.conditions) expect(x.condition && x.conditionEn && x.whyNot && x.whyNotEn).toBeTruthy();
  });

  it('yes to everything: the amount; a no on attendance: why not, with its clause', async () => {
    const {
      nodes: [c],
    } = await firstClass({ enrolmentStatus: 'ENROLLING', subsidised: true, institutionStanding: 'GOOD' });
    const yes = await api.gql(ELIGIBILITY, { id: c.id, a: allYes(c) });
    expect(yes.errors).toBeUndefined();
    expect(yes.data.course.eligibility).toMatchObject({ eligible: true, amountYuan: c.subsidyConditions.amountYuan });
    expect(yes.data.course.eligibility.reasons.length).toBe(c.subsidyConditions.conditions.length);
    const no = (await api.gql(ELIGIBILITY, { id: c.id, a: { ...allYes(c), attendancePercent: 70 } })).data.course
      .eligibility;
    expect(no).toMatchObject({ eligible: false, amountYuan: null });
    expect(failing(no)).toEqual([['eligibility.attendance', '云人社通〔2022〕50号 (十四)']]);
    expect(no.reasons.find((r: any) => !r.holds).message).toBe('上课不到80%，不能拿补贴。');
  });

  it('at most three subsidised trainings a year', async () => {
    const {
      nodes: [c],
    } = await firstClass({ enrolmentStatus: 'ENROLLING', subsidised: true, institutionStanding: 'GOOD' });
    expect(
      (await api.gql(ELIGIBILITY, { id: c.id, a: { ...allYes(c), subsidisedTrainingsThisYear: 2 } })).data.course
        .eligibility.eligible,
    ).toBe(true);
    const fourth = (await api.gql(ELIGIBILITY, { id: c.id, a: { ...allYes(c), subsidisedTrainingsThisYear: 3 } })).data
      .course.eligibility;
    expect(failing(fourth)).toEqual([['eligibility.three-a-year', '云人社（2021）职业技能提升行动通知 二(四)']]);
  });

  it('names the field of a bad or missing answer', async () => {
    const {
      nodes: [c],
    } = await firstClass({ enrolmentStatus: 'ENROLLING', subsidised: true });
    const bad = await api.gql(ELIGIBILITY, { id: c.id, a: { ...allYes(c), attendancePercent: 150 } });
    expect(bad.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'answers.attendancePercent' });
    expect(bad.errors[0].message).toBe('answers.attendancePercent: a share of the class hours from 0 to 100, got 150');
    const missing = await api.gql(ELIGIBILITY, { id: c.id, a: { ...allYes(c), certificateObtained: null } });
    expect(missing.errors[0].extensions.field).toBe('answers.certificateObtained');
    expect(JSON.stringify(missing.errors)).not.toMatch(/at .*\.ts|\/work\/|select /);
  });

  it("refuses a blacklisted institution's class whatever the answers", async () => {
    const { nodes } = await firstClass(
      { enrolmentStatus: 'ENROLLING', subsidised: true, institutionStanding: 'GOOD', startFrom: addDays(TODAY, 30) },
      5,
    );
    const c = nodes[nodes.length - 1];
    const before = (await api.gql(ELIGIBILITY, { id: c.id, a: allYes(c) })).data.course.eligibility;
    expect(before.eligible).toBe(true);
    const r = await asAdmin(
      `mutation($i: ID!, $from: LocalDate!) { blacklistInstitution(institution: $i, from: $from, document: '测试人社发〔2023〕1号', reason: '虚报培训人数（测试）') { institution { standing } problems { field rule message } } }`.replace(
        /'/g,
        '"',
      ),
      { i: c.institution.id, from: TODAY },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.blacklistInstitution.problems).toEqual([]);
    const after = (await api.gql(ELIGIBILITY, { id: c.id, a: allYes(c) })).data.course.eligibility;
    expect(after).toMatchObject({ eligible: false, amountYuan: null });
    expect(failing(after).map((f: any) => f[0])).toEqual(['eligibility.institution-standing']);
    expect(failing(after)[0][1]).toMatch(/^云人社通〔2022〕(8号 四\(三\)|50号 \(十九\))$/);
  });
});

describe('outcomes, small groups suppressed', () => {
  const OUTCOMES = `query($id: ID!) { course(id: $id) { classNumber enrolmentStatus outcomes { notices listed { value suppressed display displayEn } certified { value suppressed display } subsidised { value suppressed display } }
    institutionOutcomes { from to classes classesWithNotice listed { value suppressed } certificationRate { value suppressed display } } } }`;

  it('a class of fewer than 10 trainees on its notice shows "fewer than 10", never the number', async () => {
    // A finished class without a notice gets one of three trainees.
    const page = await firstClass({ enrolmentStatus: 'FINISHED', subsidised: true, startFrom: '2023-03-01' }, 100);
    let target: any = null;
    for (const n of page.nodes) {
      const o = await api.gql(OUTCOMES, { id: n.id });
      if (o.data.course.outcomes === null) {
        target = n;
        break;
      }
    }
    expect(target, 'a finished class without a notice').not.toBeNull();
    const lines = [
      ['李建国', '53010219900101123'],
      ['王芳', '53010219920315002'],
      ['赵小明', '53010319880707001'],
    ].map(([name, id17], i) => ({
      seq: i + 1,
      name,
      idNumber: withCheckDigit(id17),
      occupationCode: target.occupation.code,
      level: target.level,
      certificateNumber: `S2023530000000${i}`,
      attendanceRate: 0.9,
      amount: 500,
    }));
    const published = await asAdmin(
      `mutation($input: PublishNoticeInput!) { publishNotice(input: $input) { notice { number lineCount } problems { field rule message } } }`,
      {
        input: {
          number: '（测试）人社培公〔2023〕第901号',
          title: '关于测试培训班培训补贴人员名单的公示',
          bureau: target.region.code,
          classNumber: target.classNumber,
          publishedOn: TODAY,
          lines,
        },
      },
    );
    expect(published.data.publishNotice.problems).toEqual([]);
    const o = (await api.gql(OUTCOMES, { id: target.id })).data.course;
    expect(o.outcomes.notices).toEqual(['（测试）人社培公〔2023〕第901号']);
    for (const k of ['listed', 'certified', 'subsidised'])
      expect(o.outcomes[k]).toMatchObject({ value: null, suppressed: true, display: '少于10人' });
    expect(o.outcomes.listed.displayEn).toBe('fewer than 10');
    expect(JSON.stringify(o)).not.toMatch(/"value":3\b/);
  });

  it('10 or more are shown, equal to the notice; the institution record agrees and never gives back a hidden figure', async () => {
    const page = await firstClass({ enrolmentStatus: 'FINISHED', subsidised: true }, 100);
    let shown: any = null;
    for (const n of page.nodes) {
      const o = (await api.gql(OUTCOMES, { id: n.id })).data.course;
      if (o.outcomes && !o.outcomes.listed.suppressed) {
        shown = o;
        break;
      }
    }
    expect(shown, 'a finished class with a notice of 10 or more trainees').not.toBeNull();
    const notice = (
      await api.gql(`query($n: String!) { subsidyNotice(number: $n) { lineCount certifiedTrainees paidTrainees } }`, {
        n: shown.outcomes.notices[0],
      })
    ).data.subsidyNotice;
    if (shown.outcomes.notices.length === 1) {
      expect(shown.outcomes.listed.value).toBe(notice.lineCount);
      expect(shown.outcomes.subsidised.value).toBe(notice.paidTrainees >= 10 ? notice.paidTrainees : null);
    }
    expect(shown.outcomes.listed.value).toBeGreaterThanOrEqual(10);
    const rec = shown.institutionOutcomes;
    expect(rec.classes).toBeGreaterThanOrEqual(rec.classesWithNotice);
    expect(rec.classesWithNotice).toBeGreaterThanOrEqual(1);
    expect(rec.to).toBe(TODAY);
    expect(rec.from).toBe('2020-06-15');
    if (!rec.certificationRate.suppressed) {
      expect(rec.listed.suppressed).toBe(false);
      expect(rec.certificationRate.value).toBeGreaterThan(0);
    }
    if (shown.outcomes.certified.suppressed && rec.classesWithNotice === 1)
      expect(rec.certificationRate.suppressed).toBe(true);
  });
});

describe('the institution record of a page of classes', () => {
  it("counts each class's own institution in its own occupation, read for the whole page at once", async () => {
    const { data, errors } = await api.gql(
      '{ courses(first: 100, filter: { enrolmentStatus: FINISHED }) { nodes { id classNumber institution { id } occupation { code } institutionOutcomes { from to classes } } } }',
    );
    expect(errors).toBeUndefined();
    const nodes = data.courses.nodes as any[];
    const institutions = new Set(nodes.map((n) => n.institution.id));
    expect(institutions.size, 'a page of several institutions').toBeGreaterThan(5);
    // Counted here from the table, one class at a time, as the record's definition reads:
    // classes of the same institution and occupation that ended in (from, to], not cancelled.
    const em = api.orm.em.fork() as SqlEntityManager;
    for (const n of nodes) {
      const { from, to, classes } = n.institutionOutcomes;
      const [row] = (await em.execute(
        `select count(*) as n from course c join course me on me.class_number = ?
          where c.institution_id = me.institution_id and c.occupation_code = me.occupation_code
            and c.end_date > ? and c.end_date <= ? and c.cancelled_on is null`,
        [n.classNumber, from, to],
      )) as { n: number | string }[];
      expect(classes, n.id).toBe(Number(row.n));
    }
  });
});

describe('institution phone', () => {
  const CREATE = `mutation($input: InstitutionInput!) { createInstitution(input: $input) { institution { id phone } problems { field rule message } } }`;
  const input = (phone: string | null, creditSeed: string) => ({
    name: `测试职业培训学校${creditSeed}`,
    type: 'PRIVATE_TRAINING_INSTITUTION',
    region: '530102',
    address: '昆明市五华区测试路1号',
    phone,
    scope: ['4-10-01-05'],
  });

  it('is checked as a mainland mobile or landline number and stored normalised', async () => {
    const bad = await asAdmin(CREATE, { input: input('12345', 'A') });
    expect(bad.data.createInstitution).toMatchObject({
      institution: null,
      problems: [expect.objectContaining({ field: 'input.phone', rule: 'institution.phone' })],
    });
    const good = await asAdmin(CREATE, { input: input('0871 6321 1234', 'B') });
    expect(good.data.createInstitution.problems).toEqual([]);
    expect(good.data.createInstitution.institution.phone).toBe('0871-63211234');
    const read = await api.gql(`query($id: ID!) { institution(id: $id) { phone } }`, {
      id: good.data.createInstitution.institution.id,
    });
    expect(read.data.institution.phone).toBe('0871-63211234');
  });
});

describe('a recorded enrolment deadline', () => {
  const APPROVE = `mutation($input: CourseInput!) { approveCourse(input: $input) { course { id enrolmentStatus howToJoin { status enrolmentCloses enrolmentClosesSource } } problems { field rule message } } }`;

  it('is taken by approveCourse before the first day, closes enrolment after it, and is refused on or after the first day', async () => {
    const em = api.orm.em.fork() as SqlEntityManager;
    const [pick] = (await em.getConnection().execute(
      `select s.occupation_code as occupation, s.level, s.certificate_type as certificate from agency_scope s join occupation o on o.code = s.occupation_code
        where s.recorded_from <= '2023-07-20' and (s.recorded_until is null or s.recorded_until >= '2023-07-20') and o.has_national_standard
        group by s.occupation_code, s.level, s.certificate_type having count(distinct s.agency_id) >= 2 order by s.occupation_code limit 1`,
    )) as { occupation: string; level: string; certificate: string }[];
    const created = await asAdmin(
      `mutation($input: InstitutionInput!) { createInstitution(input: $input) { institution { id } problems { rule } } }`,
      {
        input: {
          name: '昆明市五华区报名截止测试培训学校',
          type: 'PRIVATE_TRAINING_INSTITUTION',
          creditCode: completeCreditCode('52530102MJ0009902'),
          region: '530102',
          scope: [pick.occupation],
        },
      },
    );
    const programme = (await api.gql('{ programmes { key } }')).data.programmes[0].key;
    const input = {
      classNumber: 'KB2023-530102-90001',
      title: '报名截止测试班',
      institution: created.data.createInstitution.institution.id,
      occupationCode: pick.occupation,
      certificateType: pick.certificate,
      level: pick.level,
      category: 'SKILLS',
      county: '530102',
      mode: 'OFFLINE',
      startDate: '2023-07-01',
      endDate: '2023-07-20',
      hoursPerDay: 6,
      totalHours: 120,
      capacity: 40,
      enrolled: 0,
      feeYuan: 800,
      subsidyPerTrainee: 0,
      programme,
      theoryTeacherRef: 'T530102-001',
      practicalTeacherRef: 'T530102-002',
      targetGroups: [],
      soleAgencyExemption: false,
      acceptsVouchers: false,
      enrolment: 'PUBLIC',
    };
    const late = (await asAdmin(APPROVE, { input: { ...input, enrolmentCloses: '2023-07-01' } })).data.approveCourse;
    expect(late.problems).toEqual([
      expect.objectContaining({ field: 'input.enrolmentCloses', rule: 'course.enrolment-closes' }),
    ]);
    const r = await asAdmin(APPROVE, { input: { ...input, enrolmentCloses: '2023-06-10' } });
    expect(r.errors).toBeUndefined();
    expect(r.data.approveCourse.problems).toEqual([]);
    expect(r.data.approveCourse.course).toMatchObject({
      enrolmentStatus: 'ENROLMENT_CLOSED',
      howToJoin: { status: 'ENROLMENT_CLOSED', enrolmentCloses: '2023-06-10', enrolmentClosesSource: 'RECORDED' },
    });
    const closed = await firstClass({
      enrolmentStatus: 'ENROLMENT_CLOSED',
      institution: created.data.createInstitution.institution.id,
    });
    expect(closed.totalCount).toBe(1);
  });
});

describe('institution phone in the institutions import', () => {
  const HEADER = ['机构名称', '机构类型', '统一社会信用代码', '所在地区代码', '报名电话', '培训职业（工种）编码'];
  const code = completeCreditCode('52530102MJ0009901');
  const row = (phone: string) => [
    '昆明市五华区电话测试职业技能培训学校',
    '民办职业培训机构',
    code,
    '530102',
    phone,
    '4-10-01-05',
  ];
  const writer = { ...SERVER_WRITER, name: 'test:import' };
  const em = () => api.orm.em.fork() as SqlEntityManager;

  it('takes the 报名电话 column, normalised; refuses a malformed number naming the column; leaves it alone when the column is absent', async () => {
    const files = testFiles('catalogue-journey-import-');
    try {
      const bad = await runImport(em(), writer, institutionsKind, files.csv('bad.csv', HEADER, [row('12345')]), {
        today: TODAY,
      });
      expect(bad.applied).toBe(false);
      expect(bad.problems).toEqual([
        expect.objectContaining({ row: 2, column: '报名电话', rule: 'institution.phone' }),
      ]);
      const first = await runImport(
        em(),
        writer,
        institutionsKind,
        files.csv('a.csv', HEADER, [row('0871 6321 1234')]),
        { today: TODAY },
      );
      expect(first).toMatchObject({ create: 1, applied: true });
      const read = async () =>
        (await api.gql(`query($c: String!) { institution(creditCode: $c) { phone } }`, { c: code })).data.institution
          .phone;
      expect(await read()).toBe('0871-63211234');
      // The same number spelt another way is no change; a file without the column keeps the phone.
      expect(
        await runImport(em(), writer, institutionsKind, files.csv('b.csv', HEADER, [row('0871-63211234')]), {
          today: TODAY,
        }),
      ).toMatchObject({ unchanged: 1, update: 0 });
      const noPhone = HEADER.filter((h) => h !== '报名电话');
      expect(
        await runImport(
          em(),
          writer,
          institutionsKind,
          files.csv('c.csv', noPhone, [row('').filter((_, i) => i !== 4)]),
          { today: TODAY },
        ),
      ).toMatchObject({ unchanged: 1 });
      expect(await read()).toBe('0871-63211234');
    } finally {
      files.remove();
    }
  });
});

/** GB 11643 check digit for 17 digits. */
function withCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}
