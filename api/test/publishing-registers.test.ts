/**
 * Publishing the registers through the API (issue 6, first part): institutions registered and
 * blacklisted, classes approved with the verifiable draw of their assessing agency and cancelled,
 * the directory and evaluation agencies, each within the key's region (50号 (十八)) and with
 * every problem at once, and the audit trail of those writes. Keys and notices are in
 * publishing.test.ts.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { completeCreditCode } from '../src/common/credit-code';
import type { TestApi } from './helpers';
import { withPublishing } from './publishing-helpers';

const { env, keys, as, em } = withPublishing({ search: false });
let api: TestApi;
beforeAll(() => {
  ({ api } = env);
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
    // The draw is in the disclosure log, in the approval's transaction.
    const [logged] = (await em()
      .getConnection()
      .execute(`select body from log_entry where kind = 'agency.draw' and subject = ?`, [course.classNumber])) as {
      body: string;
    }[];
    expect(JSON.parse(logged.body)).toMatchObject({ seed: draw.seed, eligibleCount: draw.eligibleCount });
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
  it('shows the register writes (institutions, classes) to administrators only, with no API key in it', async () => {
    const denied = await as(
      keys.wuhua,
      `{ auditTrail(first: 10, filter: { entityType: "Institution" }) { nodes { action } } }`,
    );
    expect(denied.body.errors[0].extensions.code).toBe('FORBIDDEN');
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
    // No API key is ever in the trail.
    const all = JSON.stringify(
      (await as(keys.admin, '{ auditTrail(first: 100) { nodes { summary keyId entityKey } } }')).body.data,
    );
    for (const k of Object.values(keys)) expect(all).not.toContain(k.slice(16));
  });
});
