import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { residentIdCheckDigit } from '../common/resident-id';
import { checkNoticeRows, parseNoticeLines } from './notice-import.rules';

const ctx = { occupationCodes: new Set(['4-10-01-05', '6-18-02-04']) };
const HEADER = '序号,姓名,身份证号码,职业（工种）编码,等级,证书编号,出勤率,补贴金额（元）';
const id = (first17: string) => first17 + residentIdCheckDigit(first17);
const A = id('53010219900307123');
const B = id('53012619851111002');

describe('reading a trainee list (50号 (十九) notice, masked at the door)', () => {
  it('reads Chinese headers, levels and percentages, and masks names and ID numbers', () => {
    const csv = `\uFEFF${HEADER}\n2,欧阳娜娜,${B},6-18-02-04,四级,,0.8,0\n1,张三,${A.toLowerCase()},4-10-01-05,五级,S2026530000001001,85%,1200\n`;
    const { lines, problems } = parseNoticeLines(csv, ctx);
    expect(problems).toEqual([]);
    expect(lines).toEqual([
      {
        seq: 1,
        maskedName: '张*',
        maskedId: `530102********${A.slice(14).toUpperCase()}`,
        occupationCode: '4-10-01-05',
        level: 'LEVEL_5',
        certificateNumber: 'S2026530000001001',
        attendanceRate: 0.85,
        amount: 1200,
      },
      {
        seq: 2,
        maskedName: '欧阳**',
        maskedId: `530126********${B.slice(14)}`,
        occupationCode: '6-18-02-04',
        level: 'LEVEL_4',
        certificateNumber: null,
        attendanceRate: 0.8,
        amount: 0,
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain('张三');
    expect(JSON.stringify(lines)).not.toContain(A);
  });

  it('names every missing column of a wrong header', () => {
    const { problems } = parseNoticeLines('序号,名字,身份证号码\n1,张三,x\n', ctx);
    expect(problems.map((p) => [p.row, p.column, p.rule])).toEqual([
      [1, '姓名', 'file.header'],
      [1, '职业（工种）编码', 'file.header'],
      [1, '等级', 'file.header'],
      [1, '证书编号', 'file.header'],
      [1, '出勤率', 'file.header'],
      [1, '补贴金额（元）', 'file.header'],
    ]);
  });

  it('reports every bad cell with its row and column, and never repeats a name or an ID number', () => {
    const badCheck = A.slice(0, 17) + (A[17] === '0' ? '1' : '0');
    const csv = `${HEADER}\n1,张三,${badCheck},4-10-01-05,五级,,85%,1200\n1,李,${A},9-99-99-99,六级,,120%,-5\n3,王五,${A},4-10-01-05,三级,,0.9,1200\n`;
    const { lines, problems } = parseNoticeLines(csv, ctx);
    expect(lines).toEqual([]);
    expect(problems.map((p) => `${p.row}|${p.column}|${p.rule}`)).toEqual([
      '2|身份证号码|line.resident-id',
      '3|序号|line.seq-unique',
      '3|姓名|line.name',
      '3|职业（工种）编码|line.occupation',
      '3|等级|line.level',
      '3|出勤率|line.attendance',
      '3|补贴金额（元）|line.amount',
      '4|身份证号码|line.resident-id-unique',
    ]);
    expect(problems[0].message).toMatch(/check/);
    const text = JSON.stringify(problems);
    for (const raw of [badCheck, A, '张三', '王五']) expect(text).not.toContain(raw);
    // Columns that are not personal do show the value, to help correct it.
    expect(problems.find((p) => p.rule === 'line.level')!.value).toBe('六级');
  });

  it('refuses a name longer than the masked name is stored in, without repeating it', () => {
    const long = `欧阳${'娜'.repeat(40)}`;
    const { problems } = parseNoticeLines(`${HEADER}\n1,${long},${A},4-10-01-05,五级,,85%,1200\n`, ctx);
    expect(problems.map((p) => [p.row, p.column, p.rule, p.message])).toEqual([
      [2, '姓名', 'line.name', 'a name of at most 32 characters (it is stored masked, one * per hidden character)'],
    ]);
    expect(JSON.stringify(problems)).not.toContain(long);
  });

  it('numbers lines from 1, keeps certificate numbers to 64 characters, and needs a line', () => {
    const csv = `${HEADER}\n0,张三,${A},4-10-01-05,五级,${'S'.repeat(65)},85%,1200\n`;
    expect(parseNoticeLines(csv, ctx).problems.map((p) => `${p.row}|${p.column}|${p.rule}`)).toEqual([
      '2|序号|line.seq',
      '2|证书编号|line.certificate',
    ]);
    expect(
      parseNoticeLines(`${HEADER}\n1,张三,${A},4-10-01-05,五级,${'S'.repeat(64)},85%,1200\n`, ctx).problems,
    ).toEqual([]);
    expect(checkNoticeRows([], ctx, { firstRow: 1, columnOf: (k) => k }).problems.map((p) => p.rule)).toEqual([
      'notice.lines',
    ]);
  });

  it('refuses a file with no rows', () => {
    expect(parseNoticeLines(`${HEADER}\n`, ctx).problems[0].rule).toBe('file.rows');
  });
});

describe('files as bureaus save them', () => {
  it('reads the bytes of a GBK file and says it read GB18030', () => {
    const r = parseNoticeLines(iconv.encode(`${HEADER}\r\n1,张三,${A},4-10-01-05,五级,,85%,1200\r\n`, 'gbk'), ctx);
    expect(r).toMatchObject({ encoding: 'GB18030', problems: [], lines: [{ maskedName: '张*' }] });
  });

  it('explains an ID number Excel stored as a number instead of "wrong check character", without the value', () => {
    const { problems } = parseNoticeLines(
      `${HEADER}\n1,张三,5.30102199003071E+17,4-10-01-05,五级,,85%,1200\n2,李四,530102199003072000,4-10-01-05,五级,,85%,1200\n`,
      ctx,
    );
    expect(problems).toEqual(
      [2, 3].map((row) => ({
        row,
        column: '身份证号码',
        rule: 'line.resident-id-number',
        message: expect.stringMatching(/^Excel stored this ID number as a number.*Format the column as text/),
      })),
    );
  });

  it('refuses a control character with row and column, and a stray quote without the cell', () => {
    expect(parseNoticeLines(`${HEADER}\n1,张三,${A},4-10-01-05,五级,S\u00001,85%,1200\n`, ctx).problems).toEqual([
      expect.objectContaining({ row: 2, column: '证书编号', rule: 'file.control-character' }),
    ]);
    const quoted = parseNoticeLines(
      `${HEADER}\n1,张三,${A.slice(0, 9)}"${A.slice(9)},4-10-01-05,五级,,85%,1200\n`,
      ctx,
    );
    expect(quoted.problems).toEqual([expect.objectContaining({ row: 2, column: '身份证号码', rule: 'file.csv' })]);
    expect(JSON.stringify(quoted)).not.toContain(A.slice(0, 9));
  });
});
