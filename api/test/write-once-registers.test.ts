/**
 * Write-once means written once (issue 13, item 1), for the registers: the draw of a class's
 * assessing agency is made once however many times the class is approved at once (and keeps its
 * beacon when notices are published after it), a blacklisting is recorded once and never
 * overlapped, and a cancellation, an institution, an agency scope and a directory edition are
 * each written once, on SQLite and on PostgreSQL alike. Notices are in write-once.test.ts.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { completeCreditCode } from '../src/common/credit-code';
import { checkDraws } from '../src/courses/draw-check';
import { toGlobalId } from '../src/graphql/node';
import type { TestApi } from './helpers';
import { COPIES, CORRECT, PUBLISH, line, outcome, withWriteOnce } from './write-once-helpers';

const { env, em, rows, auditCount, fire } = withWriteOnce();
let api: TestApi;
let http: TestApi['http'];
let institutionId = 0;
let courseOccupation = '';
let barredId = 0;
let provinceKey = '';
beforeAll(() => {
  ({ api, http, institutionId, courseOccupation, barredId, provinceKey } = env);
});

/** The class the approval races fire: only its number (and title) differs between tests. */
const courseInput = (classNumber: string, programme: string, title = '并发测试班') => ({
  classNumber,
  title,
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

describe('the draw of the assessing agency', () => {
  const APPROVE =
    'mutation($input: CourseInput!) { approveCourse(input: $input) { course { classNumber assessingAgency { id } agencyDraw { seed } } problems { field rule message } } }';
  let programme = '';
  const course = (classNumber: string) => courseInput(classNumber, programme);
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
      input: courseInput('KB2026-530102-97300', programme, '取消测试班'),
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
