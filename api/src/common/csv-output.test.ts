import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify';
import { describe, expect, it } from 'vitest';
import { safeCsv, safeCsvOptions } from './csv-output';

const COLUMNS = [
  { key: 'text', header: '证书编号' },
  { key: 'amount', header: '补贴金额（元）' },
];

describe('CSV the project writes (OWASP CSV injection)', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1+2', "'+1+2"],
    ['-2+3+cmd', "'-2+3+cmd"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['S2026000001', 'S2026000001'],
    ['110105********002X', '110105********002X'],
    ['张*', '张*'],
    ['', ''],
  ])('writes the text cell %j so that a spreadsheet reads %j as text', (cell, read) => {
    const csv = safeCsv(COLUMNS, [{ text: cell, amount: 1200 }]);
    expect(csv.startsWith('\uFEFF证书编号,补贴金额（元）\n')).toBe(true);
    const [, row] = parse(csv, { bom: true }) as string[][];
    expect(row).toEqual([read, '1200']);
    expect(row[0] === cell || row[0] === `'${cell}`).toBe(true);
  });

  it('quotes a cell holding a separator, so a formula cannot start a cell of its own', () => {
    const [, row] = parse(safeCsv(COLUMNS, [{ text: 'a,=1+2";=3', amount: 0 }]), { bom: true }) as string[][];
    expect(row).toEqual(['a,=1+2";=3', '0']);
  });

  it('leaves numbers as numbers (a negative number cannot hold a formula)', () => {
    const [, row] = parse(safeCsv(COLUMNS, [{ text: '-5', amount: -5 }]), { bom: true }) as string[][];
    expect(row).toEqual(["'-5", '-5']);
  });

  it('streams with the same options', async () => {
    const s = stringify(safeCsvOptions(COLUMNS));
    const chunks: Buffer[] = [];
    s.on('data', (c: Buffer) => chunks.push(c));
    s.write({ text: '=1', amount: 1 });
    s.end();
    await new Promise((r) => s.on('end', r));
    expect(Buffer.concat(chunks).toString('utf8')).toBe("\uFEFF证书编号,补贴金额（元）\n'=1,1\n");
  });
});
