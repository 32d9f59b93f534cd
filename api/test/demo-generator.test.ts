import type { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCreditCode } from '../src/common/credit-code';
import {
  CertificateType,
  CourseCategory,
  CourseMode,
  Enrolment,
  InstitutionType,
  SkillLevel,
} from '../src/common/enums';
import { addDays } from '../src/common/dates';
import { isMaskedName, isMaskedResidentId } from '../src/common/masking';
import { checkCourse, type CourseFacts } from '../src/courses/course.rules';
import { DEMO_INSTITUTION_ID_BASE, generateDemoData } from '../src/db/demo/generate';
import { openOrm } from '../src/db/orm';
import { migrateDatabase } from '../src/db/migrations';
import { loadReferenceData } from '../src/db/reference-data';
import { createTestDatabase, type TestDatabase } from './helpers';

const SEED = 20220211;
/** The day the demo is made for: some classes enrol, some run, most have finished. */
const TODAY = '2026-11-21';
const RULE_IDS = [
  'course.min-certificate-hours',
  'course.class-size',
  'course.daily-hours',
  'course.separate-teachers',
  'course.exam-training-separation',
  'course.institution-standing',
  'course.directory-admission',
  'course.enterprise-own-staff',
];

const opened: { orm: MikroORM; db: TestDatabase }[] = [];

/** A fresh database (SQLite, or PostgreSQL with DATABASE_URL) with reference and demo data; returns the ORM, the counts and the time taken. */
async function build(_name: string, scale: number, seed: number, today = TODAY) {
  const db = await createTestDatabase();
  const orm = await openOrm(db.config);
  opened.push({ orm, db });
  await migrateDatabase(orm);
  const t0 = performance.now();
  const counts = await orm.em.fork().transactional(async (em) => {
    await loadReferenceData(em, today);
    return generateDemoData(em, { scale, seed, today });
  });
  return { orm, counts, ms: performance.now() - t0 };
}

const rows = <T = Record<string, unknown>>(orm: MikroORM, sql: string) =>
  orm.em.getConnection().execute(sql) as Promise<T[]>;
const one = async (orm: MikroORM, sql: string) => Number(Object.values((await rows(orm, sql))[0])[0]);

let main: Awaited<ReturnType<typeof build>>;

beforeAll(async () => {
  main = await build('scale1', 1, SEED);
  console.log(`demo generator, scale 1, seed ${SEED}: ${(main.ms / 1000).toFixed(2)} s`, main.counts);
});

afterAll(async () => {
  for (const { orm, db } of opened) {
    await orm.close(true);
    await db.drop();
  }
});

describe('demo generator at scale 1', () => {
  it('writes the promised amounts and reaches every county and programme', async () => {
    const { orm, counts } = main;
    expect(counts.courses).toBeGreaterThanOrEqual(3000);
    expect(await one(orm, 'select count(*) from course')).toBe(counts.courses);
    expect(
      await one(orm, `select count(*) from institution where is_demo = true and id > ${DEMO_INSTITUTION_ID_BASE}`),
    ).toBeGreaterThanOrEqual(600);
    expect(await one(orm, 'select count(*) from evaluation_agency')).toBeGreaterThanOrEqual(100);
    const countyCount = await one(orm, `select count(*) from region where level = 'COUNTY'`);
    expect(countyCount).toBe(129);
    expect(await one(orm, 'select count(distinct county_code) from course')).toBe(countyCount);
    expect(await one(orm, 'select count(distinct programme_id) from course')).toBe(16);
    expect(await one(orm, 'select count(*) from subsidy_notice')).toBe(counts.subsidyNotices);
    expect(await one(orm, 'select count(*) from subsidy_notice_line')).toBe(counts.subsidyNoticeLines);
    expect(counts.subsidyNoticeLines).toBeGreaterThan(70_000);
    // A notice per subsidised class finished and published by today: published 5–20 days after
    // the end, so every class that ended three weeks ago has one, and none is dated after today.
    expect(
      await one(
        orm,
        `select count(*) from course c where c.subsidy_per_trainee > 0 and c.cancelled_on is null
      and c.end_date < '${addDays(TODAY, -20)}' and not exists (select 1 from subsidy_notice n where n.course_id = c.id)`,
      ),
    ).toBe(0);
    expect(
      await one(
        orm,
        `select count(*) from subsidy_notice n join course c on c.id = n.course_id
      where c.subsidy_per_trainee <= 0 or c.cancelled_on is not null or c.end_date >= n.published_on or n.published_on > '${TODAY}'`,
      ),
    ).toBe(0);
    for (let y = 2021; y <= 2026; y++)
      expect(
        await one(orm, `select count(*) from directory_entry where edition_year = ${y}`),
        String(y),
      ).toBeGreaterThan(500);
  });

  it('labels everything it writes as demo data', async () => {
    const { orm } = main;
    expect(await one(orm, 'select count(*) from course where is_demo = false')).toBe(0);
    expect(await one(orm, 'select count(*) from subsidy_notice where is_demo = false')).toBe(0);
    expect(await one(orm, `select count(*) from subsidy_notice where number not like '（演示）%'`)).toBe(0);
    expect(
      await one(
        orm,
        `select count(*) from directory_edition where is_demo = false or document_number not like '（演示）%'`,
      ),
    ).toBe(0);
    expect(await one(orm, 'select count(*) from directory_entry where is_demo = false')).toBe(0);
    expect(
      await one(
        orm,
        `select count(*) from institution where id > ${DEMO_INSTITUTION_ID_BASE} and (is_demo = false or source <> 'demo generator (seed ${SEED})')`,
      ),
    ).toBe(0);
    expect(await one(orm, `select count(*) from evaluation_agency where is_demo = false`)).toBe(0);
    expect(await one(orm, `select count(*) from occupation where certification_is_demo = false`)).toBe(0);
    // Real institutions keep their rows: no demo scope or agency is pinned on them. Only the 33
    // technical schools of 附件2 run classes, demo ones like every class, so that delivery
    // against their targets shows per school; every 附件4 project unit contracted some in 2022.
    expect(
      await one(orm, `select count(*) from institution_scope where institution_id <= ${DEMO_INSTITUTION_ID_BASE}`),
    ).toBe(0);
    expect(
      await one(orm, `select count(*) from evaluation_agency where institution_id <= ${DEMO_INSTITUTION_ID_BASE}`),
    ).toBe(0);
    expect(
      await one(
        orm,
        `select count(*) from course c join institution i on i.id = c.institution_id
      where i.is_demo = false and i.type <> 'TECHNICAL_SCHOOL'`,
      ),
    ).toBe(0);
    expect(
      await one(
        orm,
        `select count(distinct c.institution_id) from subsidy_notice n join course c on c.id = n.course_id
      join institution i on i.id = c.institution_id where i.is_demo = false and c.start_date between '2022-01-01' and '2022-12-31'`,
      ),
    ).toBe(33);
    expect(
      await one(
        orm,
        `select count(distinct project_unit_id) from course where start_date between '2022-01-01' and '2022-12-31'`,
      ),
    ).toBe(await one(orm, `select count(*) from institution where type = 'PROVINCIAL_PROJECT_UNIT'`));
  });

  it('stores trainees masked only', async () => {
    const { orm } = main;
    let checked = 0;
    for (let from = 0; ; from += 20_000) {
      const page = await rows<{ masked_name: string; masked_id: string }>(
        orm,
        `select masked_name, masked_id from subsidy_notice_line where id > ${from} and id <= ${from + 20_000}`,
      );
      if (page.length === 0) break;
      for (const l of page) {
        if (!isMaskedName(l.masked_name)) expect.fail(`unmasked name ${l.masked_name}`);
        if (!isMaskedResidentId(l.masked_id)) expect.fail(`unmasked resident ID ${l.masked_id}`);
      }
      checked += page.length;
    }
    expect(checked).toBe(main.counts.subsidyNoticeLines);
  });

  it('keeps notices consistent with their lines and classes', async () => {
    const { orm } = main;
    // The notice's figures are its current revision's; every revision's figures are its own lines'.
    expect(
      await one(
        orm,
        `select count(*) from subsidy_notice n where n.line_count <> (select count(*) from subsidy_notice_line l where l.notice_id = n.id and l.revision = n.revision)
      or n.total_amount <> (select coalesce(sum(amount), 0) from subsidy_notice_line l where l.notice_id = n.id and l.revision = n.revision)`,
      ),
    ).toBe(0);
    expect(
      await one(
        orm,
        `select count(*) from subsidy_notice_revision r where r.line_count <> (select count(*) from subsidy_notice_line l where l.notice_id = r.notice_id and l.revision = r.revision)
      or r.total_amount <> (select coalesce(sum(amount), 0) from subsidy_notice_line l where l.notice_id = r.notice_id and l.revision = r.revision)`,
      ),
    ).toBe(0);
    expect(
      await one(
        orm,
        `select count(*) from subsidy_notice n where n.revision <> (select max(revision) from subsidy_notice_revision r where r.notice_id = n.id)`,
      ),
    ).toBe(0);
    expect(
      await one(
        orm,
        `select count(*) from subsidy_notice n join course c on c.id = n.course_id
      where n.line_count <> c.enrolled or n.bureau_code <> c.county_code or n.published_on <= c.end_date`,
      ),
    ).toBe(0);
    expect(
      await one(
        orm,
        `select count(*) from subsidy_notice where (withdrawn_on is null) <> (withdrawn_reason is null) or withdrawn_on < published_on`,
      ),
    ).toBe(0);
    // Revisions, withdrawals and objections (upheld and not) all occur.
    expect(await one(orm, 'select count(*) from subsidy_notice where revision > 1')).toBeGreaterThan(0);
    expect(await one(orm, 'select count(*) from subsidy_notice where withdrawn_on is not null')).toBeGreaterThan(0);
    expect(await one(orm, `select count(*) from subsidy_objection where status = 'UPHELD'`)).toBeGreaterThan(0);
    expect(await one(orm, `select count(*) from subsidy_objection where status = 'REJECTED'`)).toBeGreaterThan(0);
    // Paid although attendance was below 80 %: a few, on purpose, for the red-flag features.
    const anomalies = await one(
      orm,
      'select count(*) from subsidy_notice_line where revision = 1 and attendance_rate < 0.8 and amount > 0',
    );
    expect(anomalies).toBeGreaterThan(0);
    expect(anomalies / main.counts.subsidyNoticeLines).toBeLessThan(0.02);
  });

  it('gives well-formed, unique credit codes and a plausible directory', async () => {
    const { orm } = main;
    const codes = await rows<{ credit_code: string }>(
      orm,
      `select credit_code from institution where id > ${DEMO_INSTITUTION_ID_BASE}`,
    );
    for (const { credit_code } of codes) expect(validateCreditCode(credit_code)).toEqual({ valid: true });
    const agencyCodes = await rows<{ credit_code: string }>(orm, 'select credit_code from evaluation_agency');
    for (const { credit_code } of agencyCodes) expect(validateCreditCode(credit_code)).toEqual({ valid: true });
    expect(
      await one(
        orm,
        `select count(*) from directory_entry where certificate_type in ('SKILL_LEVEL', 'VOCATIONAL_QUALIFICATION') and min_hours < 120`,
      ),
    ).toBe(0);
    expect(
      await one(
        orm,
        'select count(*) from directory_entry where subsidy_per_trainee < 300 or subsidy_per_trainee > 1600',
      ),
    ).toBe(0);
    // Admission: every entry's occupation has a national standard (for graded types) and an agency.
    expect(
      await one(
        orm,
        `select count(*) from directory_entry d join occupation o on o.code = d.occupation_code
      where (d.certificate_type in ('SKILL_LEVEL', 'VOCATIONAL_QUALIFICATION') and o.has_national_standard = false)
         or not exists (select 1 from agency_scope s where s.occupation_code = d.occupation_code and s.certificate_type = d.certificate_type and s.level = d.level)`,
      ),
    ).toBe(0);
    expect(await one(orm, `select count(distinct effective_from) from directory_entry`)).toBeGreaterThan(3);
    expect(
      await one(
        orm,
        `select count(*) from institution where blacklisted_from is not null and id > ${DEMO_INSTITUTION_ID_BASE}`,
      ),
    ).toBeGreaterThan(0);
    expect(await one(orm, `select count(*) from institution where licence_revoked_on is not null`)).toBeGreaterThan(0);
    expect(await one(orm, `select count(*) from course where sole_agency_exemption = true`)).toBeGreaterThan(0);
  });

  it('passes and fails every course rule, each failing class breaking exactly one rule', async () => {
    const { orm } = main;
    const facts = await rows<Record<string, any>>(
      orm,
      `
      select c.id, c.start_date, c.end_date, c.certificate_type, c.level, c.category, c.mode, c.total_hours, c.hours_per_day,
             c.capacity, c.enrolled, c.subsidy_per_trainee, c.theory_teacher_ref, c.practical_teacher_ref, c.enrolment,
             c.sole_agency_exemption, i.id as inst_id, i.type as inst_type, i.blacklisted_from, i.blacklisted_until,
             i.licence_revoked_on, a.id as agency_id, a.institution_id as agency_inst, o.has_national_standard,
             (select count(distinct s.agency_id) from agency_scope s
               where s.occupation_code = c.occupation_code and s.level = c.level and s.certificate_type = c.certificate_type
                 and s.recorded_from <= c.start_date and (s.recorded_until is null or s.recorded_until >= c.start_date)) as agencies,
             exists (select 1 from directory_entry d
               where d.occupation_code = c.occupation_code
                 and d.certificate_type = c.certificate_type and d.level = c.level and d.effective_from <= c.start_date
                 and (d.effective_to is null or d.effective_to >= c.start_date)) as in_dir
      from course c
      join institution i on i.id = c.institution_id
      join occupation o on o.code = c.occupation_code
      left join evaluation_agency a on a.id = c.assessing_agency_id`,
    );
    expect(facts.length).toBe(main.counts.courses);
    const tally = new Map(RULE_IDS.map((id) => [id, { passed: 0, failed: 0 }]));
    let failingCourses = 0;
    for (const f of facts) {
      const courseFacts: CourseFacts = {
        startDate: f.start_date,
        endDate: f.end_date,
        certificateType: f.certificate_type as CertificateType,
        level: f.level as SkillLevel,
        category: f.category as CourseCategory,
        mode: f.mode as CourseMode,
        totalHours: f.total_hours,
        hoursPerDay: f.hours_per_day,
        capacity: f.capacity,
        enrolled: f.enrolled,
        subsidised: f.subsidy_per_trainee > 0,
        theoryTeacherRef: f.theory_teacher_ref,
        practicalTeacherRef: f.practical_teacher_ref,
        enrolment: f.enrolment as Enrolment,
        institution: {
          id: f.inst_id,
          type: f.inst_type as InstitutionType,
          blacklistedFrom: f.blacklisted_from,
          blacklistedUntil: f.blacklisted_until,
          licenceRevokedOn: f.licence_revoked_on,
        },
        assessingAgency: f.agency_id === null ? null : { id: f.agency_id, institutionId: f.agency_inst },
        soleAgencyExemption: Boolean(f.sole_agency_exemption),
        occupation: { hasNationalStandard: Boolean(f.has_national_standard), agenciesInProvince: Number(f.agencies) },
        inDirectory: Boolean(f.in_dir),
      };
      const checks = checkCourse(courseFacts, TODAY);
      const failed = checks.filter((c) => !c.passed);
      if (failed.length > 1) expect.fail(`class ${f.id} breaks ${failed.map((c) => c.ruleId).join(', ')}`);
      if (failed.length) failingCourses++;
      for (const c of checks) tally.get(c.ruleId)![c.passed ? 'passed' : 'failed']++;
    }
    const share = failingCourses / facts.length;
    console.log(`classes breaking a rule: ${failingCourses} of ${facts.length} (${(share * 100).toFixed(1)} %)`);
    console.table(
      Object.fromEntries(
        [...tally].map(([id, t]) => [
          id,
          { ...t, failedShareOfAllClasses: `${((t.failed / facts.length) * 100).toFixed(2)} %` },
        ]),
      ),
    );
    for (const [id, t] of tally) {
      expect(t.passed, `${id} passes`).toBeGreaterThan(0);
      expect(t.failed, `${id} fails`).toBeGreaterThan(0);
    }
    expect(share).toBeGreaterThanOrEqual(0.05);
    expect(share).toBeLessThanOrEqual(0.08);
  });
});

describe('demo generator determinism', () => {
  const SAMPLES = [
    `select * from institution where id > ${DEMO_INSTITUTION_ID_BASE} order by id limit 40`,
    'select * from institution_scope order by institution_id, occupation_code limit 100',
    'select * from evaluation_agency order by id limit 20',
    'select * from agency_scope order by id limit 60',
    'select * from directory_entry order by id desc limit 60',
    'select code, has_national_standard, certificate_types_text from occupation order by code',
    'select * from course order by id limit 60',
    'select * from course order by id desc limit 20',
    'select * from subsidy_notice order by id limit 30',
    'select * from subsidy_notice_line order by id limit 200',
    'select count(*) as n, sum(amount) as total, sum(attendance_rate) as attendance from subsidy_notice_line',
  ];
  const sample = async (orm: MikroORM) => {
    const out: unknown[] = [];
    for (const sql of SAMPLES) out.push(await rows(orm, sql));
    return JSON.stringify(out);
  };

  it('gives identical rows for the same seed and different rows for another seed', async () => {
    const a = await build('a', 0.3, SEED);
    const b = await build('b', 0.3, SEED);
    const c = await build('c', 0.3, SEED + 1);
    expect(a.counts).toEqual(b.counts);
    const [sa, sb, sc] = [await sample(a.orm), await sample(b.orm), await sample(c.orm)];
    expect(sb).toBe(sa);
    expect(sc).not.toBe(sa);
    expect(await rows(c.orm, 'select * from course order by id limit 60')).not.toEqual(
      await rows(a.orm, 'select * from course order by id limit 60'),
    );
  });
});

describe('the demo on any day', () => {
  /** The figures issue 12 promises for the day the demo is made for. */
  async function expectAlive(orm: MikroORM, today: string, courses: number) {
    const enrolling = `start_date > '${today}' and enrolled < capacity and cancelled_on is null`;
    const open = await one(orm, `select count(*) from course where ${enrolling}`);
    expect(open / courses, `${today}: share of classes enrolling`).toBeGreaterThanOrEqual(0.1);
    expect(
      await one(orm, `select count(distinct county_code) from course where ${enrolling}`),
      `${today}: counties`,
    ).toBeGreaterThanOrEqual(100);
    expect(
      await one(orm, `select count(distinct substr(county_code, 1, 4)) from course where ${enrolling}`),
      `${today}: 州市`,
    ).toBe(16);
    expect(
      await one(orm, `select count(distinct programme_id) from course where ${enrolling}`),
      `${today}: programmes`,
    ).toBe(await one(orm, 'select count(*) from programme'));
    expect(
      await one(orm, `select count(*) from course where ${enrolling} and subsidy_per_trainee > 0`),
      `${today}: subsidised`,
    ).toBeGreaterThan(open / 2);
    expect(
      await one(orm, `select count(*) from course where start_date > '${today}' and enrolled = capacity`),
      `${today}: full`,
    ).toBeGreaterThan(0);
    expect(
      await one(
        orm,
        `select count(*) from course where start_date <= '${today}' and end_date >= '${today}' and cancelled_on is null`,
      ),
      `${today}: running`,
    ).toBeGreaterThan(20);
    expect(
      await one(orm, `select count(*) from course where start_date > '${addDays(today, 150)}'`),
      `${today}: planned about six months ahead`,
    ).toBeGreaterThan(0);
    // Nothing is dated after today but what is planned: classes and the directory's year.
    for (const [table, column] of [
      ['subsidy_notice', 'published_on'],
      ['subsidy_notice', 'withdrawn_on'],
      ['subsidy_notice_revision', 'published_on'],
      ['subsidy_objection', 'received_on'],
      ['subsidy_objection', 'decided_on'],
      ['course', 'cancelled_on'],
      ['institution', 'blacklisted_from'],
      ['institution', 'licence_revoked_on'],
      ['directory_edition', 'published_on'],
      ['agency_scope', 'recorded_from'],
    ]) {
      expect(
        await one(orm, `select count(*) from ${table} where ${column} > '${today}'`),
        `${today}: ${table}.${column}`,
      ).toBe(0);
    }
    expect(
      await one(
        orm,
        `select count(*) from subsidy_notice where withdrawn_on is null and objection_until >= '${today}'`,
      ),
      `${today}: in objection period`,
    ).toBeGreaterThan(0);
    expect(
      await one(
        orm,
        `select count(*) from institution where blacklisted_from <= '${today}' and blacklisted_until > '${today}'`,
      ),
      `${today}: barred now`,
    ).toBeGreaterThan(0);
    expect(
      await one(orm, `select count(*) from institution where blacklisted_until <= '${today}'`),
      `${today}: bar ended`,
    ).toBeGreaterThan(0);
    // The edition in force today, and next year's once the province has approved it (mid-December).
    const year = Number(today.slice(0, 4));
    const newest = await one(orm, 'select max(year) from directory_edition');
    expect(newest, `${today}: newest edition`).toBe(today > `${year}-12-15` ? year + 1 : year);
    // Every directory entry of this year has an agency recorded for it today.
    expect(
      await one(
        orm,
        `select count(*) from directory_entry d where d.edition_year = ${year} and not exists (select 1 from agency_scope s
      where s.occupation_code = d.occupation_code and s.certificate_type = d.certificate_type and s.level = d.level
        and s.recorded_from <= '${today}' and (s.recorded_until is null or s.recorded_until > '${today}'))`,
      ),
      `${today}: agencies`,
    ).toBe(0);
  }

  it('is alive on the day it is made for, whichever day that is', async () => {
    await expectAlive(main.orm, TODAY, main.counts.courses);
    for (const today of ['2026-12-20', '2025-07-01']) {
      const other = await build(today, 1, SEED, today);
      await expectAlive(other.orm, today, other.counts.courses);
    }
  });
});
