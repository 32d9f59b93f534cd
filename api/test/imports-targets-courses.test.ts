/**
 * The targets and courses importers: real .xlsx files with the bureaus' Chinese headings,
 * re-imports that change nothing, changed rows written through the API's own writes, broken
 * files reported cell by cell with nothing written, the publisher scope, and the 2022 annex
 * tables loaded at first start through the targets kind.
 */
import path from 'node:path';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgency, recordAgencyScope } from '../src/agencies/agency-writes';
import { completeCreditCode } from '../src/common/credit-code';
import { AgencyType, CertificateType, InstitutionType, SkillLevel } from '../src/common/enums';
import { DATA_DIR, TARGETS_2022_FILE } from '../src/db/reference-data';
import { coursesKind } from '../src/imports/import-courses';
import { targetsKind } from '../src/imports/import-targets';
import { runImport } from '../src/imports/run-import';
import { toGlobalId } from '../src/graphql/node';
import { createInstitution } from '../src/institutions/institution-writes';
import { SERVER_WRITER, type Writer } from '../src/publishers/writer';
import { importCommand, startTestApi, testFiles, type TestApi, type TestFiles } from './helpers';

const TODAY = '2026-11-21';
let api: TestApi;
let files: TestFiles;
const province: Writer = { ...SERVER_WRITER, name: 'test:import' };
const bureau = (region: string): Writer => ({
  publisherId: null,
  name: `test:${region}`,
  keyId: null,
  region,
  isAdmin: false,
});
const em = () => api.orm.em.fork() as SqlEntityManager;
const rows = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  (await em().getConnection().execute(sql, params)) as T[];
const count = async (table: string, where = '1 = 1') =>
  Number((await rows<{ n: number }>(`select count(*) as n from ${table} where ${where}`))[0].n);

const xlsx = (file: string, header: string[], body: (string | number)[][]) => files.xlsx(file, header, body);
const csv = (file: string, header: string[], body: (string | number)[][]) => files.csv(file, header, body);
const command = (...args: string[]) => importCommand(api, ...args);

beforeAll(async () => {
  api = await startTestApi({ scale: 0 });
  files = testFiles('catalogue-import-tc-');
});
afterAll(async () => {
  await api?.close();
  files?.remove();
});

const T_HEADER = ['年度', '文号', '附件', '表', '序号', '单位', '州市代码', '指标', '数值', '计量单位', '备注'];
const DOC = '云人社通〔2027〕1号';
const T1 = '云南省2027年职业培训任务计划表';
const T2 = '技工院校2027年职业培训任务计划表';
const T4 = '2027年省级项目职业培训计划表';
/** A small 2027 table of every shape whose totals add up. */
const TARGETS: (string | number)[][] = [
  [2027, DOC, '附件1', T1, 0, '全省', '530000', '完成培训人数', '23.50', '万人次', ''],
  [2027, DOC, '附件1', T1, 0, '全省', '530000', '其中：高级工及以上', '5', '万人次', ''],
  [2027, DOC, '附件1', T1, 1, '昆明市', '530100', '完成培训人数', '15.50', '万人次', ''],
  [2027, DOC, '附件1', T1, 1, '昆明市', '530100', '其中：高级工及以上', '4.35', '万人次', ''],
  [2027, DOC, '附件1', T1, 2, '曲靖市', '530300', '完成培训人数', '8.00', '万人次', ''],
  [2027, DOC, '附件1', T1, 2, '曲靖市', '530300', '其中：高级工及以上', '0.65', '万人次', ''],
  [2027, DOC, '附件2', T2, 1, '云南技师学院', '', '目标任务', '2', '万人', ''],
  [2027, DOC, '附件2', T2, 2, '云南工业技师学院', '', '目标任务', '1.5', '万人', ''],
  [2027, DOC, '附件2', T2, 3, '合计', '', '目标任务', '3.5', '万人', ''],
  [2027, DOC, '附件4', T4, 0, '云南省建设投资控股集团有限公司', '530000', '人数', '800', '人次', ''],
  [2027, DOC, '附件4', T4, 1, '云南省建设投资控股集团有限公司', '530100', '人数', '800', '人次', ''],
  [2027, DOC, '附件4', T4, 9, '全省合计', '530100', '人数', '800', '人次', ''],
];

describe('the 2022 annex tables at first start', () => {
  it('came through the targets kind: one audit entry per figure, and the shipped file plans as unchanged', async () => {
    expect(await count('annual_target', 'year = 2022')).toBe(425);
    expect(await count('audit_entry', `action = 'target.create' and actor = 'cli:reference-data'`)).toBe(425);
    const [imported] = await rows<{ entity_key: string; summary: string }>(
      `select entity_key, summary from audit_entry where action = 'import.targets'`,
    );
    expect(imported).toEqual({
      entity_key: TARGETS_2022_FILE,
      summary: `${TARGETS_2022_FILE}: 425 created, 0 updated, 0 unchanged`,
    });
    // What the kind makes of the shipped file is exactly what is stored (seq, value, unit, label, total, institution, source).
    const again = await runImport(em(), province, targetsKind, path.join(DATA_DIR, TARGETS_2022_FILE), {
      today: TODAY,
      dryRun: true,
    });
    expect(again).toMatchObject({ rows: 425, create: 0, update: 0, unchanged: 425, problems: [] });
  });

  it('keeps the ids, figures, units, totals and sources of the annexes', async () => {
    const byId = async (id: number) =>
      (
        await rows(
          `select "table" as t, seq, unit_name, region_code, institution_id, metric, metric_label, value, unit, persons, is_total, source from annual_target where id = ?`,
          [id],
        )
      )[0];
    expect(await byId(1)).toMatchObject({
      t: 'PREFECTURE_PLAN',
      seq: 0,
      unit_name: '全省',
      region_code: '530000',
      metric: 'total',
      metric_label: '完成培训人数',
      value: '60',
      unit: '万人次',
      persons: 600000,
      source: '云人社通〔2022〕8号 附件1 云南省2022年职业培训任务计划表',
    });
    expect(Boolean((await byId(1)).is_total)).toBe(true);
    expect(await byId(18)).toMatchObject({
      unit_name: '昆明市',
      metric: 'college_skills',
      value: '0.28',
      persons: 2800,
    });
    const [school] = await rows(
      `select id, seq, institution_id, persons from annual_target where "table" = 'TECHNICAL_SCHOOL' and unit_name = '合计'`,
    );
    expect(school).toMatchObject({ id: 187, seq: 34, institution_id: null, persons: 200000 });
    const [cell] = await rows(
      `select t.id, t.persons, t.institution_id, i.name from annual_target t join institution i on i.id = t.institution_id where t."table" = 'PROVINCIAL_PROJECT' and t.region_code = '530100' and t.seq = 10`,
    );
    expect(cell).toMatchObject({ id: 196, persons: 7600, institution_id: 41, name: '云南省建设投资控股集团有限公司' });
    expect(
      await count(
        'annual_target',
        `"table" = 'ENTREPRENEURSHIP' and region_code = '530000' and is_total = ${api.config.database.kind === 'postgresql' ? 'true' : '1'}`,
      ),
    ).toBe(6);
  });
});

describe('importing targets', () => {
  it('imports a real .xlsx file, then finds nothing to change on the second import', async () => {
    const file = await xlsx('targets.xlsx', T_HEADER, TARGETS);
    const first = await runImport(em(), province, targetsKind, file, { today: TODAY });
    expect(first).toMatchObject({ rows: 12, create: 12, update: 0, unchanged: 0, problems: [], applied: true });
    const { data } = await api.gql(
      '{ annualTargets(year: 2027) { table seq unitName metric metricLabel value unit persons isTotal source institution { name } } }',
    );
    const kunming = data.annualTargets.find(
      (t: { unitName: string; metric: string }) => t.unitName === '昆明市' && t.metric === 'certificate_high_level',
    );
    expect(kunming).toMatchObject({
      table: 'PREFECTURE_PLAN',
      metricLabel: '其中:高级工及以上',
      value: '4.35',
      unit: '万人次',
      persons: 43500,
      isTotal: false,
      source: `${DOC} 附件1 ${T1}`,
    });
    const school = data.annualTargets.find((t: { unitName: string }) => t.unitName === '云南工业技师学院');
    expect(school).toMatchObject({ persons: 15000, institution: { name: '云南工业技师学院' } });
    expect(
      data.annualTargets
        .filter((t: { isTotal: boolean }) => t.isTotal)
        .map((t: { unitName: string }) => t.unitName)
        .sort(),
    ).toEqual(['全省', '全省', '全省合计', '合计', '云南省建设投资控股集团有限公司'].sort());
    const audits = await count('audit_entry');
    const again = await runImport(em(), province, targetsKind, file, { today: TODAY });
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 12, problems: [], applied: true });
    expect(await count('annual_target', 'year = 2027')).toBe(12);
    expect(await count('audit_entry')).toBe(audits + 1);
  });

  it('corrects a changed figure (keyed on year, table, unit, 州市 and metric) with its audit entry, through the command', async () => {
    const changed = TARGETS.map((r) =>
      r[5] === '昆明市' && r[7] === '完成培训人数'
        ? [...r.slice(0, 8), '16.00', ...r.slice(9)]
        : r[5] === '全省' && r[7] === '完成培训人数'
          ? [...r.slice(0, 8), '24.00', ...r.slice(9)]
          : r,
    );
    const run = command('targets', csv('targets-changed.csv', T_HEADER, changed));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/12 rows: 0 created, 2 updated, 10 unchanged; written in one transaction/);
    const [kunming] = await rows<{ value: string; persons: number }>(
      `select value, persons from annual_target where year = 2027 and unit_name = '昆明市' and metric = 'total'`,
    );
    expect(kunming).toMatchObject({ value: '16.00', persons: 160000 });
    const [entry] = await rows<{ summary: string; before_sha256: string | null; after_sha256: string | null }>(
      `select summary, before_sha256, after_sha256 from audit_entry where action = 'target.update' and entity_key = '2027|PREFECTURE_PLAN|昆明市|530100|total'`,
    );
    expect(entry.summary).toBe('2027|PREFECTURE_PLAN|昆明市|530100|total: 15.50 → 16.00 万人次');
    expect(entry.before_sha256).not.toBe(entry.after_sha256);
  });

  it('reports every bad cell of a broken file (a total that does not add up among them) and writes nothing, dry run or not', async () => {
    const broken: (string | number)[][] = [
      [2027, DOC, '附件3', '网络培训平台名单', 0, '全省', '530000', '完成培训人数', '1', '万人次', ''],
      [2027, DOC, '附件1', T1, 1, '昆明市', '530100', '完成培训人数', '-1', '万人次', ''],
      [2027, DOC, '附件1', T1, 2, '曲靖市', '530300', '完成培训人数', '1,000', '人', ''],
      [2027, DOC, '附件1', T1, 3, '某州', '539900', '含:创业培训', '0.5', '万人次', ''],
      [2027, DOC, '附件1', T1, 4, '玉溪市', '530400', '培训合格人数', '0.5', '万人次', ''],
      [2027, DOC, '附件2', T2, 1, '云南技师学院', '', '目标任务', '2', '万人', ''],
      [2027, DOC, '附件2', T2, 1, '云南技师学院', '', '目标任务', '2', '万人', ''],
      [2027, DOC, '附件2', T2, 2, '不存在的技工学校', '', '目标任务', '1', '万人', ''],
      [2028, DOC, '附件1', T1.replace('2027', '2028'), 0, '全省', '530000', '含:创业培训', '1', '万人次', ''],
      [2028, DOC, '附件1', T1.replace('2027', '2028'), 1, '昆明市', '530100', '含:创业培训', '0.85', '万人次', ''],
      [2028, DOC, '附件1', T1.replace('2027', '2028'), 2, '曲靖市', '530300', '含:创业培训', '0.10', '万人次', ''],
      [2028, DOC, '附件1', T1, 3, '玉溪市', '530400', '含:创业培训', '0', '万人次', ''],
    ];
    const [targets, audits] = [await count('annual_target'), await count('audit_entry')];
    const dry = await runImport(em(), province, targetsKind, await xlsx('targets-broken.xlsx', T_HEADER, broken), {
      today: TODAY,
      dryRun: true,
    });
    const cells = dry.problems.map((p) => `${p.row},${p.column},${p.value},${p.rule}`);
    expect(cells).toEqual([
      '2,表,网络培训平台名单,target.table',
      '3,数值,-1,target.value',
      '4,计量单位,人,target.unit',
      '4,数值,1,000,target.value',
      '5,州市代码,539900,target.region',
      '6,指标,培训合格人数,target.metric',
      '8,指标,目标任务,file.duplicate-key',
      '9,单位,不存在的技工学校,target.institution',
      '13,表,云南省2027年职业培训任务计划表,target.year',
      '10,数值,1,target.total',
    ]);
    const total = dry.problems.find((p) => p.rule === 'target.total')!;
    expect(total.message).toMatch(
      /全省 entrepreneurship is 1 万人次, but the 2 figures it totals add up to 0.95 万人次 \(difference 0.05 万人次\)/,
    );
    expect(dry.problems).toHaveLength(10);
    const wrote = await runImport(em(), province, targetsKind, await xlsx('targets-broken2.xlsx', T_HEADER, broken), {
      today: TODAY,
    });
    expect(wrote).toMatchObject({ applied: false });
    expect(wrote.problems).toEqual(dry.problems);
    const header = await runImport(
      em(),
      province,
      targetsKind,
      csv(
        'targets-header.csv',
        T_HEADER.filter((h) => h !== '计量单位'),
        [[2027]],
      ),
      { today: TODAY },
    );
    expect(header.problems).toEqual([expect.objectContaining({ row: 1, column: '计量单位', rule: 'file.header' })]);
    expect([await count('annual_target'), await count('audit_entry')]).toEqual([targets, audits]);
  });

  it('keeps a printed total that does not add up when its 备注 says 原文如此', async () => {
    const T = T1.replace('2027', '2029');
    const asPrinted = [
      [
        2029,
        DOC,
        '附件1',
        T,
        0,
        '全省',
        '530000',
        '含:新型学徒制培训人数',
        '1',
        '万人次',
        '原文如此：各州市相加为1.01万人次',
      ],
      [2029, DOC, '附件1', T, 1, '昆明市', '530100', '含:新型学徒制培训人数', '0.51', '万人次', ''],
      [2029, DOC, '附件1', T, 2, '曲靖市', '530300', '含:新型学徒制培训人数', '0.50', '万人次', ''],
    ];
    const r = await runImport(em(), province, targetsKind, csv('as-printed.csv', T_HEADER, asPrinted), {
      today: TODAY,
    });
    expect(r).toMatchObject({ create: 3, problems: [], applied: true });
    const [entry] = await rows<{ summary: string }>(
      `select summary from audit_entry where entity_key = '2029|PREFECTURE_PLAN|全省|530000|apprenticeship'`,
    );
    expect(entry.summary).toMatch(/原文如此/);
  });

  it('refuses a 州市 or county key: targets are set by the province', async () => {
    const file = csv('targets-county.csv', T_HEADER, TARGETS);
    for (const region of ['530102', '530100']) {
      const r = await runImport(em(), bureau(region), targetsKind, file, { today: TODAY });
      expect(r).toMatchObject({
        applied: false,
        problems: [expect.objectContaining({ row: 1, column: '表', rule: 'scope.region' })],
      });
    }
  });
});

const C_HEADER = [
  '班级编号',
  '班级名称',
  '培训机构统一社会信用代码',
  '省级项目单位',
  '职业编码',
  '证书类型',
  '等级',
  '培训类别',
  '培训县区代码',
  '培训地址',
  '培训方式',
  '网络培训平台序号',
  '开班日期',
  '结业日期',
  '考核日期',
  '每日学时',
  '总学时',
  '计划人数',
  '已报名人数',
  '收费标准（元）',
  '补贴标准（元）',
  '培训对象',
  '项目',
  '理论教师编号',
  '实操教师编号',
  '教材',
  '考培结合',
  '接受培训券',
  '招生范围',
];
const OCC = '4-10-01-05';
const WUHUA = completeCreditCode('52530102MJ0000201');
const PANLONG = completeCreditCode('52530103MJ0000202');
const klass = (n: string, over: Partial<Record<string, string | number>> = {}): (string | number)[] => {
  const base: Record<string, string | number> = {
    班级编号: n,
    班级名称: '养老护理员四级导入班',
    培训机构统一社会信用代码: WUHUA,
    省级项目单位: '',
    职业编码: OCC,
    证书类型: '职业技能等级证书',
    等级: '四级',
    培训类别: '技能培训',
    培训县区代码: '530102',
    培训地址: '昆明市五华区导入路1号',
    培训方式: '线下',
    网络培训平台序号: '',
    开班日期: '2027-03-01',
    结业日期: '2027-03-28',
    考核日期: '2027-03-30',
    每日学时: 6,
    总学时: 120,
    计划人数: 40,
    已报名人数: 0,
    '收费标准（元）': 0,
    '补贴标准（元）': 0,
    培训对象: '农民工、脱贫劳动力',
    项目: 'SKILLS_UPGRADING',
    理论教师编号: 'T530102-001',
    实操教师编号: 'T530102-002',
    教材: '',
    考培结合: '否',
    接受培训券: '是',
    招生范围: '面向社会',
    ...over,
  };
  return C_HEADER.map((h) => base[h]);
};

describe('importing classes', () => {
  beforeAll(async () => {
    // A class opens only for an occupation with a national standard (50号 (十三)); a database
    // without demo data knows no standards yet.
    await em().getConnection().execute('update occupation set has_national_standard = ? where code = ?', [true, OCC]);
    for (const [name, creditCode, region] of [
      ['昆明市五华区导入养老培训学校', WUHUA, '530102'],
      ['昆明市盘龙区导入养老培训学校', PANLONG, '530103'],
    ]) {
      const r = await createInstitution(em(), province, {
        name,
        type: InstitutionType.PRIVATE_TRAINING_INSTITUTION,
        creditCode,
        licenceNumber: null,
        region,
        address: null,
        ownerCompany: null,
        scope: [OCC],
      });
      expect(r.ok).toBe(true);
    }
    for (const name of ['导入养老评价中心甲', '导入养老评价中心乙']) {
      const a = await createAgency(em(), province, {
        name,
        type: AgencyType.SOCIAL_TRAINING_EVALUATOR,
        creditCode: null,
        region: '530100',
        institution: null,
      });
      if (!a.ok) throw new Error(JSON.stringify(a.problems));
      const s = await recordAgencyScope(em(), province, a.agency.id, {
        occupationCode: OCC,
        certificateType: CertificateType.SKILL_LEVEL,
        level: SkillLevel.LEVEL_4,
        recordedFrom: '2026-12-01',
      });
      if (!s.ok) throw new Error(JSON.stringify(s.problems));
    }
  });

  it('approves the classes of a real .xlsx file with the draw, then finds nothing to change on the second import', async () => {
    const file = await xlsx('courses.xlsx', C_HEADER, [
      klass('KB2027-530102-70001'),
      klass('KB2027-530102-70002', { 开班日期: '2027-04-01', 结业日期: '2027-04-28', 考核日期: '' }),
    ]);
    const first = await runImport(em(), bureau('530102'), coursesKind, file, { today: TODAY });
    expect(first).toMatchObject({ rows: 2, create: 2, update: 0, unchanged: 0, problems: [], applied: true });
    const [{ id }] = await rows<{ id: number }>(`select id from course where class_number = 'KB2027-530102-70001'`);
    const { data } = await api.gql(
      'query($id: ID!) { course(id: $id) { classNumber occupation { code } level targetGroups acceptsVouchers assessingAgency { name } agencyDraw { eligibleCount } } }',
      { id: toGlobalId('Course', Number(id)) },
    );
    expect(data.course).toMatchObject({
      classNumber: 'KB2027-530102-70001',
      occupation: { code: OCC },
      level: 'LEVEL_4',
      acceptsVouchers: true,
      agencyDraw: { eligibleCount: 2 },
    });
    expect(data.course.targetGroups.sort()).toEqual(['MIGRANT_WORKERS', 'POVERTY_ALLEVIATED']);
    expect(data.course.assessingAgency.name).toMatch(/导入养老评价中心/);
    expect(await count('audit_entry', `action = 'course.approve' and entity_key like 'KB2027-530102-7000%'`)).toBe(2);
    const audits = await count('audit_entry');
    const again = await runImport(em(), bureau('530102'), coursesKind, file, { today: TODAY });
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 2, problems: [], applied: true });
    expect(await count('audit_entry')).toBe(audits + 1);
    expect(await count('agency_draw')).toBe(2);
  });

  it('changes a class whose changeable columns differ through changeCourse, and refuses a column approval fixed', async () => {
    const changed = csv('courses-changed.csv', C_HEADER, [
      klass('KB2027-530102-70001', { 已报名人数: 25, 培训地址: '昆明市五华区新址2号' }),
      klass('KB2027-530102-70002', { 开班日期: '2027-04-01', 结业日期: '2027-04-28', 考核日期: '' }),
    ]);
    const run = command('courses', changed, '--dry-run');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2 rows: 0 to create, 1 to update, 1 unchanged; nothing was written/);
    const r = await runImport(em(), bureau('530100'), coursesKind, changed, { today: TODAY });
    expect(r).toMatchObject({ create: 0, update: 1, unchanged: 1, problems: [], applied: true });
    const [c] = await rows<{ enrolled: number; address: string }>(
      `select enrolled, address from course where class_number = 'KB2027-530102-70001'`,
    );
    expect(c).toEqual({ enrolled: 25, address: '昆明市五华区新址2号' });
    expect(await count('audit_entry', `action = 'course.change' and entity_key = 'KB2027-530102-70001'`)).toBe(1);
    const fixed = await runImport(
      em(),
      bureau('530102'),
      coursesKind,
      csv('courses-fixed.csv', C_HEADER, [
        klass('KB2027-530102-70001', {
          已报名人数: 25,
          培训地址: '昆明市五华区新址2号',
          总学时: 150,
          考核日期: '2027-04-02',
        }),
      ]),
      { today: TODAY },
    );
    expect(fixed.problems.map((p) => `${p.row},${p.column},${p.value},${p.rule}`)).toEqual([
      '2,总学时,150,course.fixed-at-approval',
      '2,考核日期,2027-04-02,course.fixed-at-approval',
    ]);
  });

  it('reports every bad cell of a broken file and writes nothing, dry run or not', async () => {
    const broken = [
      klass('KB2027-530102-70010', { 培训机构统一社会信用代码: completeCreditCode('52530102MJ0009999'), 等级: '七级' }),
      klass('KB2027-530102-70011', { 职业编码: '9-99-99-99', 培训县区代码: '539999', 开班日期: '2027-02-30' }),
      klass('KB2027-530102-70011', { 计划人数: 'forty', 培训对象: '学生', 接受培训券: '也许' }),
      klass('KB2027-530102-70012', { 项目: 'NO_SUCH', 省级项目单位: '不存在的集团' }),
    ];
    const [courses, audits] = [await count('course'), await count('audit_entry')];
    const file = await xlsx('courses-broken.xlsx', C_HEADER, broken);
    const dry = await runImport(em(), bureau('530102'), coursesKind, file, { today: TODAY, dryRun: true });
    expect(dry.problems.map((p) => `${p.row},${p.column},${p.rule}`)).toEqual([
      '2,培训机构统一社会信用代码,course.institution',
      '2,等级,course.level',
      '3,职业编码,course.occupation',
      '3,培训县区代码,course.county',
      '3,开班日期,course.date',
      '4,班级编号,file.duplicate-key',
      '4,培训对象,course.target-group',
      '4,计划人数,course.capacity',
      '4,接受培训券,file.yes-no',
      '5,省级项目单位,course.project-unit',
      '5,项目,course.programme',
    ]);
    const wrote = await runImport(em(), bureau('530102'), coursesKind, file, { today: TODAY });
    expect(wrote.problems).toEqual(dry.problems);
    const header = await runImport(
      em(),
      bureau('530102'),
      coursesKind,
      csv(
        'courses-header.csv',
        C_HEADER.filter((h) => h !== '班级编号'),
        [klass('x').slice(1)],
      ),
      { today: TODAY },
    );
    expect(header.problems).toEqual([expect.objectContaining({ row: 1, column: '班级编号', rule: 'file.header' })]);
    expect([await count('course'), await count('audit_entry')]).toEqual([courses, audits]);
  });

  it("stops the whole import when the year's rules refuse classes, naming each row, column and clause, in a dry run too", async () => {
    const [courses, audits, draws] = [await count('course'), await count('audit_entry'), await count('agency_draw')];
    const file = csv('courses-rules.csv', C_HEADER, [
      klass('KB2027-530102-70020'),
      klass('KB2027-530102-70021', { 计划人数: 100 }),
      klass('KB2027-530102-70022', { 计划人数: 90 }),
    ]);
    const expected = [
      expect.objectContaining({
        row: 3,
        column: '计划人数',
        rule: 'course.class-size',
        message: expect.stringMatching(/云人社通〔2022〕/),
      }),
      expect.objectContaining({ row: 4, column: '计划人数', rule: 'course.class-size' }),
    ];
    // The dry run writes the rows in a transaction it rolls back: the rules report as in the import.
    const dry = await runImport(em(), bureau('530102'), coursesKind, file, { today: TODAY, dryRun: true });
    expect(dry).toMatchObject({ applied: false, create: 3 });
    expect(dry.problems).toEqual(expected);
    const r = await runImport(em(), bureau('530102'), coursesKind, file, { today: TODAY });
    expect(r.applied).toBe(false);
    expect(r.problems).toEqual(expected);
    expect([await count('course'), await count('audit_entry'), await count('agency_draw')]).toEqual([
      courses,
      audits,
      draws,
    ]);
    // A clean dry run also leaves nothing behind (the good class's approval and draw rolled back).
    const clean = await runImport(
      em(),
      bureau('530102'),
      coursesKind,
      csv('courses-clean.csv', C_HEADER, [klass('KB2027-530102-70020')]),
      { today: TODAY, dryRun: true },
    );
    expect(clean).toMatchObject({ applied: false, create: 1, problems: [] });
    expect([await count('course'), await count('audit_entry'), await count('agency_draw')]).toEqual([
      courses,
      audits,
      draws,
    ]);
  });

  it("refuses a county key importing another county's class, new or approved", async () => {
    const panlong = bureau('530103');
    const r = await runImport(
      em(),
      panlong,
      coursesKind,
      csv('courses-scope.csv', C_HEADER, [
        klass('KB2027-530103-70030', { 培训机构统一社会信用代码: PANLONG, 培训县区代码: '530103' }),
        klass('KB2027-530102-70002', { 开班日期: '2027-04-01', 结业日期: '2027-04-28', 考核日期: '' }),
        klass('KB2027-530102-70031'),
      ]),
      { today: TODAY },
    );
    expect(r.problems.map((p) => `${p.row},${p.column},${p.rule}`)).toEqual([
      '3,培训县区代码,scope.region',
      '4,培训县区代码,scope.region',
    ]);
    expect(await count('course', `class_number = 'KB2027-530103-70030'`)).toBe(0);
    // The class's own county key imports it.
    const own = await runImport(
      em(),
      panlong,
      coursesKind,
      csv('courses-own.csv', C_HEADER, [
        klass('KB2027-530103-70030', { 培训机构统一社会信用代码: PANLONG, 培训县区代码: '530103' }),
      ]),
      { today: TODAY },
    );
    expect(own).toMatchObject({ create: 1, problems: [], applied: true });
  });
});
