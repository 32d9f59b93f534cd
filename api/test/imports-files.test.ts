/**
 * Files as bureaus make them (issue 13, item 6): CSV saved by Excel or WPS in GBK/GB18030, UTF-16
 * "Unicode text", UTF-8 with and without BOM, read by both commands with the encoding reported;
 * a NUL in a cell, an ID number Excel stored as a number and a stray quote refused with row and
 * column, no SQL and no raw personal value; formula cells taken in as typed and written out
 * escaped (downloads, dumps, problem reports).
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { SqlEntityManager } from '@mikro-orm/knex';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_FILE_HEADER, sampleNoticeRows } from '../src/bench/sample-notice-rows';
import { toGlobalId } from '../src/graphql/node';
import { ReferenceData } from '../src/db/reference';
import { dumpYear } from '../src/subsidies/notice-dumps';
import { noticesKind } from '../src/imports/import-notices';
import { runImport } from '../src/imports/run-import';
import { SERVER_WRITER } from '../src/publishers/writer';
import { importCommand, startTestApi, testFiles, type TestApi, type TestFiles } from './helpers';

const NOTICE_CLI = path.resolve(__dirname, '..', 'dist', 'cli', 'import-notice.js');
/** notices:import's own header (the notice's columns are options). */
const LINES_HEADER = NOTICE_FILE_HEADER.slice(5);
const FORMULA = "=cmd|' /C calc'!A0";

const writer = { ...SERVER_WRITER, name: 'test:import-files' };
let api: TestApi;
let files: TestFiles;
const em = () => api.orm.em.fork() as SqlEntityManager;
const sql = (text: string, params: unknown[] = []) => em().getConnection().execute(text, params);
const count = async (table: string) => Number((await sql(`select count(*) as n from ${table}`))[0].n);
/** Notice rows numbered from `from` (so each test has notices of its own). */
const rows = (from: number, trainees = 3) => sampleNoticeRows(1, trainees, from);
const csvText = (header: string[], body: string[][], sep = ',') =>
  `${[header, ...body].map((r) => r.join(sep)).join('\r\n')}\r\n`;
const write = (name: string, bytes: Buffer | string) => {
  const p = path.join(files.dir, name);
  fs.writeFileSync(p, bytes);
  return p;
};

function noticesImport(...args: string[]) {
  const db = api.config.database;
  const env = { ...process.env, DATABASE_URL: db.kind === 'postgresql' ? db.url : `sqlite:${db.file}` };
  return spawnSync(process.execPath, [NOTICE_CLI, ...args], { env, encoding: 'utf8' });
}
const noticeOptions = (n: number) => [
  '--number',
  `（文件测试）五华人社培公〔2026〕第${n}号`,
  '--title',
  '关于文件测试培训补贴人员名单的公示',
  '--bureau',
  '530102',
  '--published',
  '2026-11-16',
];

beforeAll(async () => {
  api = await startTestApi({ scale: 0 });
  files = testFiles('catalogue-import-files-');
});
afterAll(async () => {
  await api?.close();
  files?.remove();
});

describe('encodings bureaus save CSV in', () => {
  it.each([
    ['GBK (Excel "CSV" on a Chinese Windows)', 100, (t: string) => iconv.encode(t, 'gbk'), 'GB18030'],
    ['GB18030', 101, (t: string) => iconv.encode(t, 'gb18030'), 'GB18030'],
    [
      'UTF-16LE with BOM, tab-separated (Excel "Unicode text")',
      102,
      (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t.replace(/,/g, '\t'), 'utf16le')]),
      'UTF-16LE',
    ],
    [
      'UTF-16BE with BOM, tab-separated',
      103,
      (t: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t.replace(/,/g, '\t'), 'utf16le').swap16()]),
      'UTF-16BE',
    ],
    ['UTF-8 without BOM', 104, (t: string) => Buffer.from(t, 'utf8'), 'UTF-8'],
    ['UTF-8 with BOM', 105, (t: string) => Buffer.from(`\uFEFF${t}`, 'utf8'), 'UTF-8 with BOM'],
  ])('the notices import reads %s and reports it', async (_, n, encode, encoding) => {
    const before = await count('subsidy_notice_line');
    const report = await runImport(
      em(),
      writer,
      noticesKind,
      write(`notices-${n}.csv`, encode(csvText(NOTICE_FILE_HEADER, rows(n)))),
      { today: '2026-11-21' },
    );
    expect(report).toMatchObject({ encoding, rows: 3, create: 1, problems: [], applied: true });
    expect(await count('subsidy_notice_line')).toBe(before + 3);
    const [notice] = await sql('select title from subsidy_notice where number = ?', [rows(n)[0][0]]);
    expect(notice.title).toBe('关于导入测试培训班培训补贴人员名单的公示');
  });

  it('both commands say which encoding they read', () => {
    const run = importCommand(
      api,
      'notices',
      write('notices-106.csv', iconv.encode(csvText(NOTICE_FILE_HEADER, rows(106)), 'gbk')),
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('(read as GB18030): 3 rows: 1 created');
    const gbk = noticesImport(
      '--file',
      write(
        'lines-gbk.csv',
        iconv.encode(
          csvText(
            LINES_HEADER,
            rows(110).map((r) => r.slice(5)),
          ),
          'gbk',
        ),
      ),
      ...noticeOptions(110),
    );
    expect(gbk.status, gbk.stderr).toBe(0);
    expect(gbk.stderr).toContain('read as GB18030');
    expect(gbk.stdout).toMatch(/published .*第110号: 3 lines/);
    const wide = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        csvText(
          LINES_HEADER,
          rows(111).map((r) => r.slice(5)),
          '\t',
        ),
        'utf16le',
      ),
    ]);
    const utf16 = noticesImport('--file', write('lines-utf16.txt', wide), ...noticeOptions(111));
    expect(utf16.status, utf16.stderr).toBe(0);
    expect(utf16.stderr).toContain('read as UTF-16LE');
  });

  it('refuses a file in none of them saying what it looks like, never "the header lacks" a column that is there', async () => {
    const xlsx = write('really.csv', fs.readFileSync(await files.xlsx('real.xlsx', NOTICE_FILE_HEADER, rows(120))));
    const run = importCommand(api, 'notices', xlsx);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /file\.encoding: the file is not a CSV text file: it looks like an Excel workbook \(\.xlsx\)/,
    );
    expect(run.stderr).not.toMatch(/lacks the column/);
    const big5 = noticesImport(
      '--file',
      write('big5.csv', Buffer.from([0xa4, 0xbd, 0xa5, 0xdc, 0xff, 0xfe, 0x80, 0x0a])),
      ...noticeOptions(121),
    );
    expect(big5.status).toBe(1);
    expect(big5.stderr).toMatch(/neither UTF-8, GB18030\/GBK nor UTF-16 text/);
  });
});

describe('cells that cannot be taken', () => {
  it('refuses a NUL in a cell with its row and column, before any SQL, writing nothing', async () => {
    const body = rows(130);
    body[1][10] = `S2026\u00001`;
    const before = await count('subsidy_notice');
    for (const run of [
      importCommand(api, 'notices', write('nul.csv', csvText(NOTICE_FILE_HEADER, body))),
      noticesImport(
        '--file',
        write(
          'nul-lines.csv',
          csvText(
            LINES_HEADER,
            body.map((r) => r.slice(5)),
          ),
        ),
        ...noticeOptions(130),
      ),
    ]) {
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(
        /row 3, 证书编号: file\.control-character: the cell holds a control character \(NUL\)/,
      );
      expect(run.stderr).not.toMatch(/insert|select|sqlite|\/dist\//i);
    }
    expect(await count('subsidy_notice')).toBe(before);
  });

  it('explains an ID number Excel stored as a number (CSV in scientific notation, or an .xlsx number cell)', async () => {
    const body = rows(140);
    body[0][7] = '5.30102199001011E+17';
    const fromCsv = await runImport(
      em(),
      writer,
      noticesKind,
      write('numeric-id.csv', csvText(NOTICE_FILE_HEADER, body)),
      { today: '2026-11-21' },
    );
    expect(fromCsv.problems).toEqual([
      expect.objectContaining({
        row: 2,
        column: '身份证号码',
        rule: 'line.resident-id-number',
        message: expect.stringMatching(/^Excel stored this ID number as a number.*Format the column as text/),
      }),
    ]);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(NOTICE_FILE_HEADER);
    // As Excel keeps it: a number of 15 significant digits.
    for (const r of rows(141))
      ws.addRow(r.map((c, i) => (i === 7 && !c.endsWith('X') ? Number(Number(c).toPrecision(15)) : c)));
    const file = path.join(files.dir, 'numeric-id.xlsx');
    await wb.xlsx.writeFile(file);
    const fromXlsx = await runImport(em(), writer, noticesKind, file, { today: '2026-11-21' });
    // Every number cell, even one whose lost digits happen to pass the check character.
    expect(fromXlsx.problems).toHaveLength(rows(141).filter((r) => !r[7].endsWith('X')).length);
    for (const p of fromXlsx.problems)
      expect(p).toMatchObject({ column: '身份证号码', rule: 'line.resident-id-number' });

    const lines = noticesImport(
      '--file',
      write(
        'numeric-lines.csv',
        csvText(
          LINES_HEADER,
          body.map((r) => r.slice(5)),
        ),
      ),
      ...noticeOptions(140),
    );
    expect(lines.status).toBe(1);
    expect(lines.stderr).toMatch(
      /row 2, 身份证号码: line\.resident-id-number: Excel stored this ID number as a number/,
    );
    expect(lines.stderr).not.toMatch(/check character/);
  });

  it('refuses a stray quote in the ID cell with row and column, printing no part of the number', () => {
    const body = rows(150);
    const id = body[1][7];
    body[1][7] = `${id.slice(0, 6)}"${id.slice(6)}`;
    const report = path.join(files.dir, 'quote-report.csv');
    for (const run of [
      importCommand(api, 'notices', write('quote.csv', csvText(NOTICE_FILE_HEADER, body)), '--report', report),
      noticesImport(
        '--file',
        write(
          'quote-lines.csv',
          csvText(
            LINES_HEADER,
            body.map((r) => r.slice(5)),
          ),
        ),
        ...noticeOptions(150),
      ),
    ]) {
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/row 3, 身份证号码: file\.csv: a double quote \("\) in the middle of a cell/);
      for (const out of [run.stderr, run.stdout]) {
        expect(out).not.toContain(id.slice(0, 6));
        expect(out).not.toContain(id.slice(6, 14));
      }
    }
    const text = fs.readFileSync(report, 'utf8');
    expect(text).toContain('3,身份证号码,,file.csv,');
    expect(text).not.toContain(id.slice(6, 14));
  });
});

describe('failures of both commands', () => {
  it('are told in their own words: no SQL, stack, library message or server path', () => {
    const file = write('ok.csv', csvText(NOTICE_FILE_HEADER, rows(180)));
    const cli = (script: string, args: string[], databaseUrl: string) =>
      spawnSync(process.execPath, [path.resolve(__dirname, '..', 'dist', 'cli', script), ...args], {
        env: { ...process.env, DATABASE_URL: databaseUrl },
        encoding: 'utf8',
      });
    const cases: [ReturnType<typeof cli>, RegExp][] = [
      [
        cli('import.js', ['notices', file], 'postgres://postgres@127.0.0.1:1/none'),
        /^\[import\] failed: the database did not answer: check DATABASE_URL and that the server runs \(\w+, ECONNREFUSED\); nothing was written$/,
      ],
      [
        cli('import-notice.js', ['--file', file, ...noticeOptions(180)], 'postgres://postgres@127.0.0.1:1/none'),
        /^\[import\] failed: the database did not answer/,
      ],
      [
        cli('import.js', ['notices', file], 'mysql://somewhere'),
        /^\[import\] failed: configuration: DATABASE_URL must start with/,
      ],
      [
        cli('import.js', ['notices', path.join(files.dir, 'missing.csv')], 'sqlite::memory:'),
        /^\[import\] failed: .*missing\.csv: no such file$/,
      ],
      [
        cli(
          'import-notice.js',
          ['--file', path.join(files.dir, 'missing.csv'), ...noticeOptions(180)],
          'sqlite::memory:',
        ),
        /^\[import\] failed: --file .*missing\.csv: no such file$/,
      ],
      [cli('import.js', ['notices.xls', file], 'sqlite::memory:'), /^\[import\] failed: unknown kind "notices\.xls"/],
    ];
    for (const [run, message] of cases) {
      expect(run.status).toBe(2);
      expect(run.stderr.trim()).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at |node_modules|\/dist\/|insert into|select /i);
    }
  });
});

describe('formula cells in and out (OWASP CSV injection)', () => {
  it('takes a formula-like certificate number as typed, and every CSV written escapes it', async () => {
    const body = rows(160);
    body[0][10] = FORMULA;
    body[1][10] = '+86 871';
    body[2][10] = '@SUM(A1)';
    const run = importCommand(
      api,
      'notices',
      write(
        'formulas.csv',
        csvText(
          NOTICE_FILE_HEADER,
          body.map((r) => r.map((c) => (c.includes(',') || c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c))),
        ),
      ),
    );
    expect(run.status, run.stderr).toBe(0);
    const [notice] = await sql('select id from subsidy_notice where number = ?', [body[0][0]]);
    const stored = (
      await sql('select certificate_number as c from subsidy_notice_line where notice_id = ? order by seq', [notice.id])
    ).map((r) => String(r.c));
    expect(stored).toEqual([FORMULA, '+86 871', '@SUM(A1)']);

    const res = await api.http
      .get(`/downloads/notices/${toGlobalId('SubsidyNotice', notice.id)}.csv`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const download = parse((res.body as Buffer).toString('utf8'), { bom: true }) as string[][];
    expect(download.slice(1).map((r) => r[6])).toEqual([`'${FORMULA}`, "'+86 871", "'@SUM(A1)"]);
    expect(download.slice(1).map((r) => r[8])).toEqual(['1200', '1200', '1200']);

    const out = path.join(files.dir, 'dump');
    await dumpYear(em(), await ReferenceData.load(em()), 2026, out);
    const dump = parse(fs.readFileSync(path.join(out, 'notices-2026.csv'), 'utf8'), { bom: true }) as string[][];
    const certificates = dump.filter((r) => r[0] === body[0][0]).map((r) => r[13]);
    expect(certificates).toEqual([`'${FORMULA}`, "'+86 871", "'@SUM(A1)"]);
    for (const r of dump.slice(1)) for (const cell of r) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+$)/);
  });

  it("escapes the bureau's own formula cells in a problem report", () => {
    const body = rows(170);
    for (const r of body) r[2] = '=HYPERLINK("http://x.invalid","530102")';
    const report = path.join(files.dir, 'formula-report.csv');
    const run = importCommand(
      api,
      'notices',
      write(
        'formula-report.csv',
        csvText(
          NOTICE_FILE_HEADER,
          body.map((r) => r.map((c) => (c.includes(',') || c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c))),
        ),
      ),
      '--dry-run',
      '--report',
      report,
    );
    expect(run.status).toBe(1);
    const [header, ...problems] = parse(fs.readFileSync(report, 'utf8'), { bom: true }) as string[][];
    expect(header).toEqual(['行', '列', '值', '规则', '问题']);
    expect(problems[0].slice(0, 4)).toEqual([
      '2',
      '发布单位代码',
      `'=HYPERLINK("http://x.invalid","530102")`,
      'notice.bureau',
    ]);
  });
});
