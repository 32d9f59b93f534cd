import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { controlCharacterProblem, decodeCsv, hasControlCharacter, parseCsvText, readCsvBytes } from './csv-input';

const TEXT = '公示编号,姓名,身份证号码\n（测试）第1号,张三,11010519491231002X\n';
const RECORDS = [
  ['公示编号', '姓名', '身份证号码'],
  ['（测试）第1号', '张三', '11010519491231002X'],
];
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

describe('decodeCsv: the encodings bureaus save CSV in', () => {
  it('has a GB18030 decoder on this Node (full ICU)', () => {
    expect(new TextDecoder('gb18030').decode(iconv.encode('公示编号', 'gbk'))).toBe('公示编号');
  });

  it.each([
    ['UTF-8', Buffer.from(TEXT, 'utf8'), 'UTF-8'],
    ['UTF-8 with BOM', Buffer.from(`\uFEFF${TEXT}`, 'utf8'), 'UTF-8 with BOM'],
    ['GBK (Excel "CSV" on a Chinese Windows)', iconv.encode(TEXT, 'gbk'), 'GB18030'],
    ['GB18030', iconv.encode(TEXT, 'gb18030'), 'GB18030'],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'UTF-16LE'],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]), 'UTF-16BE'],
    ['UTF-16LE without BOM', Buffer.from(TEXT, 'utf16le'), 'UTF-16LE'],
  ])('reads %s', (_, bytes, encoding) => {
    expect(readCsvBytes(bytes)).toEqual({ ok: true, records: RECORDS, encoding });
  });

  it('reads Excel\'s tab-separated "Unicode text"', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT.replace(/,/g, '\t'), 'utf16le')]);
    expect(readCsvBytes(bytes)).toEqual({ ok: true, records: RECORDS, encoding: 'UTF-16LE' });
  });

  it.each([
    ['an .xlsx renamed', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /looks like an Excel workbook \(\.xlsx\)/],
    ['an .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), /old Excel workbook \(\.xls\)/],
    ['Big5-like bytes', Buffer.from([0xa4, 0xa4, 0xff, 0xff, 0x80, 0x0a]), /neither UTF-8, GB18030\/GBK nor UTF-16/],
    ['broken UTF-8 after a BOM', Buffer.from([0xef, 0xbb, 0xbf, 0xe4, 0xb8]), /UTF-8 byte-order mark but is not UTF-8/],
    ['an empty file', Buffer.alloc(0), /empty/],
  ])('refuses %s, saying what it looks like', (_, bytes, message) => {
    const r = decodeCsv(bytes);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem.message).toMatch(message);
  });
});

describe('parseCsvText', () => {
  it('refuses a control character with its row and column', () => {
    expect(parseCsvText('序号,证书编号\n1,S1\n2,S\u00002\n')).toEqual({
      ok: false,
      problem: expect.objectContaining({
        row: 3,
        column: '证书编号',
        rule: 'file.control-character',
        message: expect.stringContaining('NUL'),
      }),
    });
    expect(controlCharacterProblem([['a'], ['\u001b[31m']])).toMatchObject({
      row: 2,
      column: 'a',
      message: expect.stringContaining('U+001B'),
    });
    expect(
      controlCharacterProblem([
        ['a', 'b'],
        ['x\ty', 'line\nbreak'],
      ]),
    ).toBeNull();
    expect([
      hasControlCharacter('第1号\u0001'),
      hasControlCharacter('第\u007f号'),
      hasControlCharacter('第1号\t'),
    ]).toEqual([true, true, false]);
  });

  it.each([
    ['a stray quote inside a cell', '序号,身份证号码\n1,110105"19491231002X\n', /in the middle of a cell/],
    ['a quote that is never closed', '序号,身份证号码\n1,"11010519491231002X\n', /never closed/],
    ['a quote inside a quoted cell', '序号,身份证号码\n1,"110105"19491231002X"\n', /in the middle of a quoted cell/],
  ])('refuses %s with row and column, never repeating the cell', (_, text, message) => {
    const r = parseCsvText(text);
    expect(r).toEqual({
      ok: false,
      problem: expect.objectContaining({
        row: 2,
        column: '身份证号码',
        rule: 'file.csv',
        message: expect.stringMatching(message),
      }),
    });
    expect(JSON.stringify(r)).not.toMatch(/110105|1949|002X/);
  });
});
