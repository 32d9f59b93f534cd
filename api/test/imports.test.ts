/**
 * The spreadsheet importers (issue 6): real .xlsx and .csv files with the bureaus' Chinese
 * headings; a dry run that reports every bad cell and changes nothing; all-or-nothing imports;
 * re-imports keyed on the natural key that change nothing; the command with its report.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeCreditCode } from '../src/common/credit-code';
import { institutionsKind } from '../src/imports/import-institutions';
import { noticesKind } from '../src/imports/import-notices';
import { directoryKind } from '../src/imports/import-directory';
import { agenciesKind } from '../src/imports/import-agencies';
import { publishDirectoryEdition } from '../src/directory/directory-writes';
import { createAgency, recordAgencyScope } from '../src/agencies/agency-writes';
import { AgencyType, CertificateType, SkillLevel } from '../src/common/enums';
import { NOTICE_FILE_HEADER, sampleNoticeRows } from '../src/bench/sample-notice-rows';
import { runImport } from '../src/imports/run-import';
import { SERVER_WRITER } from '../src/publishers/writer';
import { importCommand, startTestApi, testFiles, type TestApi, type TestFiles } from './helpers';

const HEADER = [
  '机构名称',
  '机构类型',
  '统一社会信用代码',
  '办学许可证号',
  '所在地区代码',
  '地址',
  '所属企业',
  '培训职业（工种）编码',
];
const code = (n: number) => completeCreditCode(`52530102MJ${String(n).padStart(7, '0')}`);
const ROWS = [
  [
    '昆明市五华区导入一号职业技能培训学校',
    '民办职业培训机构',
    code(101),
    '教民153010270001',
    '530102',
    '昆明市五华区导入路1号',
    '',
    '4-10-01-05;4-10-01-06',
  ],
  ['昆明市五华区导入二号职业技能培训学校', '民办职业培训机构', code(102), '', '530102', '', '', '4-10-01-05'],
  [
    '云南导入测试集团有限公司职工培训中心',
    '企业职工培训中心',
    code(103),
    '',
    '530102',
    '',
    '云南导入测试集团有限公司',
    '6-28-01-01',
  ],
];

let api: TestApi;
let files: TestFiles;
const writer = { ...SERVER_WRITER, name: 'test:import' };
const em = () => api.orm.em.fork() as SqlEntityManager;
const count = async (table: string) =>
  Number(((await em().getConnection().execute(`select count(*) as n from ${table}`)) as { n: number }[])[0].n);

const csv = (file: string, rows: string[][], header = HEADER) => files.csv(file, header, rows);
const xlsx = (file: string, rows: string[][]) => files.xlsx(file, HEADER, rows, '培训机构');
const command = (...args: string[]) => importCommand(api, ...args);

beforeAll(async () => {
  api = await startTestApi({ scale: 0 });
  files = testFiles('catalogue-import-');
});
afterAll(async () => {
  await api?.close();
  files?.remove();
});

describe('importing institutions', () => {
  it('imports a real .xlsx file in one go, then finds nothing to change on the second import', async () => {
    const file = await xlsx('institutions.xlsx', ROWS);
    const before = await count('institution');
    const first = await runImport(em(), writer, institutionsKind, file, { today: '2026-11-21' });
    expect(first).toMatchObject({ rows: 3, create: 3, update: 0, unchanged: 0, problems: [], applied: true });
    expect(await count('institution')).toBe(before + 3);
    const { data } = await api.gql(`query($c: String!) { institution(creditCode: $c) { name type scope { code } } }`, {
      c: code(103),
    });
    expect(data.institution).toMatchObject({
      name: '云南导入测试集团有限公司职工培训中心',
      type: 'ENTERPRISE_TRAINING_CENTRE',
      scope: [{ code: '6-28-01-01' }],
    });
    const again = await runImport(em(), writer, institutionsKind, file, { today: '2026-11-21' });
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 3, applied: true });
    expect(await count('institution')).toBe(before + 3);
  });

  it('updates only the rows that changed (keyed on the credit code), through the command', () => {
    const changed = ROWS.map((r, i) => (i === 1 ? [...r.slice(0, 5), '昆明市五华区新地址2号', ...r.slice(6)] : r));
    const run = command('institutions', csv('changed.csv', changed));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/3 rows: 0 created, 1 updated, 2 unchanged; written in one transaction/);
  });

  it('reports every bad cell of a broken file with row, column and value, writes a report, and changes nothing', async () => {
    const broken = [
      ['x', '民办职业培训机构', '52530102MJ00001019', '', '530102', '', '', '4-10-01-05'],
      ['昆明市五华区导入三号职业技能培训学校', '培训班', code(104), '', '539999', '', '', '9-99-99-99'],
      ['昆明市五华区导入三号职业技能培训学校', '民办职业培训机构', code(104), '', '530102', '', '', '4-10-01-05'],
      ['某企业职工培训中心', '企业职工培训中心', code(105), '', '530102', '', '', '4-10-01-05'],
    ];
    const [institutions, audits] = [await count('institution'), await count('audit_entry')];
    const report = path.join(files.dir, 'report.csv');
    const run = command('institutions', csv('broken.csv', broken), '--dry-run', '--report', report);
    expect(run.status).toBe(1);
    const lines = fs.readFileSync(report, 'utf8');
    expect(lines.startsWith('\uFEFF行,列,值,规则,问题\n')).toBe(true);
    const rules = lines
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',').slice(0, 4).join(','));
    expect(rules).toEqual([
      '2,机构名称,x,institution.name',
      '2,统一社会信用代码,52530102MJ00001019,institution.credit-code',
      '3,机构类型,培训班,institution.type',
      '3,所在地区代码,539999,institution.region',
      '3,培训职业（工种）编码,9-99-99-99,institution.scope',
      `4,统一社会信用代码,${code(104)},file.duplicate-key`,
      '5,所属企业,,institution.owner-company',
    ]);
    expect([await count('institution'), await count('audit_entry')]).toEqual([institutions, audits]);
    // Without --dry-run the same file is refused whole: not even the good row is written.
    expect(command('institutions', csv('broken.csv', broken)).status).toBe(1);
    expect(await count('institution')).toBe(institutions);
  });

  it('refuses a file whose header lacks a column, naming it', () => {
    const run = command(
      'institutions',
      csv(
        'header.csv',
        ROWS.map((r) => r.filter((_, i) => i !== 2)),
        HEADER.filter((_, i) => i !== 2),
      ),
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/row 1, 统一社会信用代码: file.header: the header lacks the column 统一社会信用代码/);
  });

  it("imports only within the publisher's region", async () => {
    const em0 = em();
    const publisher = Number(
      await em0.insert('Publisher', {
        name: '盘龙区导入测试局',
        region: '530103',
        isAdmin: false,
        createdAt: new Date(),
        disabledAt: null,
      }),
    );
    const run = command(
      'institutions',
      csv('other-county.csv', [[...ROWS[0].slice(0, 2), code(106), '', '530102', '', '', '4-10-01-05']]),
      '--publisher',
      String(publisher),
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/scope\.region/);
  });
});

const NOTICE_HEADER = NOTICE_FILE_HEADER;
const noticeRows = sampleNoticeRows;

describe('importing notices', () => {
  it('imports a 60,000-row file (1,000 notices of 60 trainees) masked, in one transaction, and re-imports it as unchanged', async () => {
    const file = csv('notices-60k.csv', noticeRows(1000, 60), NOTICE_HEADER);
    const [notices, lines] = [await count('subsidy_notice'), await count('subsidy_notice_line')];
    let started = Date.now();
    const first = await runImport(em(), writer, noticesKind, file, { today: '2026-11-21' });
    const importSeconds = (Date.now() - started) / 1000;
    expect(first).toMatchObject({ rows: 60_000, create: 1000, update: 0, unchanged: 0, problems: [], applied: true });
    expect([await count('subsidy_notice'), await count('subsidy_notice_line')]).toEqual([
      notices + 1000,
      lines + 60_000,
    ]);
    // Masked on the way in: no whole ID number anywhere.
    const sample = (await em()
      .getConnection()
      .execute(`select masked_name, masked_id from subsidy_notice_line order by id desc limit 1`)) as {
      masked_name: string;
      masked_id: string;
    }[];
    expect(sample[0].masked_id).toMatch(/^530102\*{8}\d{3}[\dX]$/);
    expect(sample[0].masked_name).toMatch(/^.\*\*$/);
    started = Date.now();
    const again = await runImport(em(), writer, noticesKind, file, { today: '2026-11-21' });
    console.log(
      `[imports] 60,000 notice rows: imported in ${importSeconds.toFixed(1)} s, re-checked as unchanged in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(again).toMatchObject({ create: 0, unchanged: 1000, problems: [] });
  }, 600_000);

  it('reports a bad ID check digit, a repeated line, a header that differs between rows and a re-import with other lines, without repeating personal data', async () => {
    const rows = noticeRows(2, 3, 5000);
    const badId = rows[1][7].slice(0, 17) + (rows[1][7].endsWith('0') ? '1' : '0');
    rows[1][7] = badId;
    rows[2][5] = '1';
    rows[4][4] = '2026-11-17';
    const changed = noticeRows(1, 3).map((r) => [...r.slice(0, 12), '1000']);
    const [notices, audits] = [await count('subsidy_notice'), await count('audit_entry')];
    const report = await runImport(
      em(),
      writer,
      noticesKind,
      csv('notices-broken.csv', [...rows, ...changed], NOTICE_HEADER),
      { today: '2026-11-21' },
    );
    expect(report.applied).toBe(false);
    expect(report.problems.map((p) => `${p.row} ${p.column} ${p.rule}`)).toEqual([
      '3 身份证号码 line.resident-id',
      '4 序号 line.seq-unique',
      '6 发布日期 file.notice-header',
      '8 公示编号 notice.number-unique',
    ]);
    const text = JSON.stringify(report.problems);
    expect(text).not.toContain(badId);
    for (const r of rows) expect(text).not.toContain(r[6]);
    expect([await count('subsidy_notice'), await count('audit_entry')]).toEqual([notices, audits]);
  });
});

describe('importing the directory', () => {
  const HEADER_D = [
    '年度',
    '职业（工种）编码',
    '证书类型',
    '等级',
    '最低课时',
    '补贴标准（元）',
    '重点职业',
    '生效日期',
  ];
  const rows = [
    ['2027', '4-10-01-05', '专项职业能力证书', '无', '40', '600', '是', '2027-01-15'],
    ['2027', '4-10-01-06', '专项职业能力证书', '无', '40', '500', '否', '2027-01-15'],
  ];

  it('refuses entries without a recorded agency (50号 (十三)), a bad certificate type and a repeated row, writing nothing', async () => {
    await publishDirectoryEdition(em(), writer, {
      year: 2027,
      documentNumber: '云人社发〔2027〕1号',
      title: '2027年职业培训补贴工种目录（测试）',
      publishedOn: '2027-01-10',
    });
    const entries = await count('directory_entry');
    const report = await runImport(
      em(),
      writer,
      directoryKind,
      csv(
        'directory-broken.csv',
        [...rows, ['2027', '4-10-01-05', '合格证', '无', '40', '600', '', '2027-01-15'], rows[1]],
        HEADER_D,
      ),
      { today: '2026-11-21' },
    );
    expect(report.problems.map((p) => `${p.row} ${p.rule}`)).toEqual([
      '4 directory.certificate',
      '5 file.duplicate-key',
    ]);
    // The rows that pass the file checks still meet the write rules when applied: no agency is
    // recorded yet, for either row, and both are reported, in a dry run as in the import.
    for (const dryRun of [true, false]) {
      const attempt = await runImport(em(), writer, directoryKind, csv('directory.csv', rows, HEADER_D), {
        today: '2026-11-21',
        dryRun,
      });
      expect(attempt.applied).toBe(false);
      expect(attempt.problems.map((p) => `${p.row} ${p.rule}`)).toEqual([
        '2 directory.admission',
        '3 directory.admission',
      ]);
    }
    expect(await count('directory_entry')).toBe(entries);
  });

  it('admits the entries once an agency is recorded, in one transaction, and a re-import changes nothing', async () => {
    const agency = await createAgency(em(), writer, {
      name: '导入测试评价中心',
      type: AgencyType.SOCIAL_TRAINING_EVALUATOR,
      creditCode: null,
      region: '530102',
      institution: null,
    });
    if (!agency.ok) throw new Error(JSON.stringify(agency.problems));
    for (const code of ['4-10-01-05', '4-10-01-06']) {
      const r = await recordAgencyScope(em(), writer, agency.agency.id, {
        occupationCode: code,
        certificateType: CertificateType.SPECIAL_ABILITY,
        level: SkillLevel.NONE,
        recordedFrom: '2026-12-01',
      });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
    }
    const file = csv('directory.csv', rows, [
      '年度',
      '职业（工种）编码',
      '证书类型',
      '等级',
      '最低课时',
      '补贴标准（元）',
      '重点职业',
      '生效日期',
    ]);
    expect(await runImport(em(), writer, directoryKind, file, { today: '2026-11-21' })).toMatchObject({
      create: 2,
      applied: true,
      problems: [],
    });
    expect(await runImport(em(), writer, directoryKind, file, { today: '2026-11-21' })).toMatchObject({
      create: 0,
      unchanged: 2,
      applied: true,
    });
    const { data } = await api.gql(
      '{ directory(year: 2027) { entries(first: 10) { totalCount nodes { subsidyPerTrainee isKeyOccupation } } } }',
    );
    expect(data.directory.entries.totalCount).toBe(2);
    expect(data.directory.entries.nodes).toEqual([
      { subsidyPerTrainee: 600, isKeyOccupation: true },
      { subsidyPerTrainee: 500, isKeyOccupation: false },
    ]);
  });
});

describe('importing evaluation agencies', () => {
  const HEADER_A = [
    '机构名称',
    '机构类型',
    '统一社会信用代码',
    '所在地区代码',
    '职业（工种）编码',
    '证书类型',
    '等级',
    '备案日期',
  ];
  const agency = ['五华区导入测试认定中心', '社会培训评价组织', code(201), '530102'];
  const rows = [
    [...agency, '4-10-01-05', '职业技能等级证书', '四级', '2026-12-01'],
    [...agency, '4-10-01-05', '职业技能等级证书', '三级', '2026-12-01'],
  ];

  it('registers an agency with its records, adds only new records on a later import, and reports bad rows', async () => {
    const file = csv('agencies.csv', rows, HEADER_A);
    expect(await runImport(em(), writer, agenciesKind, file, { today: '2026-11-21' })).toMatchObject({
      create: 1,
      applied: true,
      problems: [],
    });
    expect(await runImport(em(), writer, agenciesKind, file, { today: '2026-11-21' })).toMatchObject({
      unchanged: 1,
      applied: true,
    });
    const more = csv(
      'agencies-more.csv',
      [...rows, [...agency, '4-10-01-06', '职业技能等级证书', '四级', '2027-01-01']],
      HEADER_A,
    );
    expect(await runImport(em(), writer, agenciesKind, more, { today: '2026-11-21' })).toMatchObject({
      update: 1,
      applied: true,
    });
    const r = await api.gql(
      `{ evaluationAgencies(first: 5, filter: { search: "导入测试认定中心" }) { nodes { scope { level } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.evaluationAgencies.nodes[0].scope.map((x: { level: string }) => x.level).sort()).toEqual([
      'LEVEL_3',
      'LEVEL_4',
      'LEVEL_4',
    ]);
    const broken = await runImport(
      em(),
      writer,
      agenciesKind,
      csv(
        'agencies-broken.csv',
        [
          [
            '某认定中心',
            '鉴定所',
            '52530102MJ00002019',
            '530102',
            '4-10-01-05',
            '职业技能等级证书',
            '四级',
            '2026-12-01',
          ],
          rows[0],
          rows[0],
        ],
        HEADER_A,
      ),
      { today: '2026-11-21' },
    );
    expect(broken.problems.map((p) => `${p.row} ${p.rule}`)).toEqual([
      '2 institution.credit-code',
      '2 agency.type',
      '4 file.duplicate-key',
    ]);
  });
});
