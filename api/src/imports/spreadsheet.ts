/**
 * Reads a bureau's spreadsheet — `.xlsx` (the first worksheet) or `.csv` (UTF-8, with or without
 * BOM) — into a header and rows of text, as the importers check them. Cells are read as the
 * bureau typed them: numbers without thousands separators, dates as YYYY-MM-DD.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** A table: its header and its rows, every cell as trimmed text. */
export interface Sheet {
  header: string[];
  rows: string[][];
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    return '';
  }
  return String(v);
}

/**
 * Reads `file` by its extension.
 * @example const { header, rows } = await readSheet('institutions.xlsx');
 */
export async function readSheet(file: string): Promise<Sheet> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') {
    const records = parse(fs.readFileSync(file, 'utf8'), { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
    return { header: records[0] ?? [], rows: records.slice(1) };
  }
  if (ext === '.xlsx') {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    if (!sheet) return { header: [], rows: [] };
    const all: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values = row.values as ExcelJS.CellValue[];
      all.push(values.slice(1).map((v) => cellText(v).trim()));
    });
    const width = all[0]?.length ?? 0;
    return { header: all[0] ?? [], rows: all.slice(1).map((r) => [...r, ...Array(Math.max(0, width - r.length)).fill('')]).filter((r) => r.some((c) => c !== '')) };
  }
  throw new Error(`${file}: expected a .xlsx or .csv file`);
}

/** A column the importer needs, with the headings bureaus use for it (the first is the template's). */
export interface ColumnSpec {
  key: string;
  names: readonly string[];
  required: boolean;
}

/** One problem in a file: row (the header is row 1), column heading, the value when not personal, the rule and why. */
export interface RowProblem {
  row: number;
  column: string;
  value?: string;
  rule: string;
  message: string;
}

/** The columns found in a header, and a reader of a row's trimmed cell by column key ('' when the column is absent). */
export interface LocatedColumns {
  index: Record<string, number>;
  cell: (row: readonly string[], key: string) => string;
  problems: RowProblem[];
}

/**
 * Finds each column in the header; every missing required column is a problem (row 1).
 * @example const { cell } = locateColumns(['名称', '代码'], specs); cell(['甲', '1'], 'code') // '1'
 */
export function locateColumns(header: readonly string[], specs: readonly ColumnSpec[]): LocatedColumns {
  const index: Record<string, number> = {};
  const problems: RowProblem[] = [];
  for (const s of specs) {
    const at = header.findIndex((h) => s.names.includes(h.trim()));
    if (at < 0 && s.required) problems.push({ row: 1, column: s.names[0], rule: 'file.header', message: `the header lacks the column ${s.names[0]}${s.names.length > 1 ? ` (or ${s.names.slice(1).join(', ')})` : ''}` });
    index[s.key] = at;
  }
  const cell = (row: readonly string[], key: string) => (index[key] >= 0 ? (row[index[key]] ?? '').trim() : '');
  return { index, cell, problems };
}
