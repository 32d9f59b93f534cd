/**
 * Reads a bureau's spreadsheet — `.xlsx` (the first worksheet) or `.csv` (UTF-8 with or without
 * BOM, GB18030/GBK, or UTF-16 "Unicode text": common/csv-input.ts) — into a header and rows of text, as
 * the importers check them. Cells are read as the bureau typed them: numbers without thousands
 * separators, dates as YYYY-MM-DD.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { controlCharacterProblem, readCsvBytes, type CsvEncoding } from '../common/csv-input';
import type { RowProblem } from '../common/row-problem';

/** A table: its header and its rows, every cell as trimmed text. */
export interface Sheet {
  header: string[];
  rows: string[][];
  /** What the file was read as: a CSV's encoding, or `xlsx` (absent for a table built in code). */
  encoding?: CsvEncoding | 'xlsx';
}

/**
 * A file that cannot be read as a table, with the problem to report (row 1, no cell repeated,
 * no library message): the importers answer it like any other problem of the file.
 */
export class SheetProblem extends Error {
  constructor(readonly problem: RowProblem) {
    super(problem.message);
    this.name = 'SheetProblem';
  }
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
  // A number of 16 digits or more has lost its last digits already (Excel keeps 15): written as
  // Excel shows it (5.30102199003071E+17), so the check explains it even when the zeros that
  // replaced the digits happen to pass an ID number's check character.
  if (typeof v === 'number' && Math.abs(v) >= 1e15) return v.toExponential().toUpperCase();
  return String(v);
}

async function readWorkbook(file: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch {
    // ExcelJS's own messages ("Corrupted zip?", offsets) mean nothing to a clerk.
    throw new SheetProblem({
      row: 1,
      column: '-',
      rule: 'file.xlsx',
      message: 'not a readable .xlsx workbook: open it in Excel or WPS and save it again as .xlsx (or as "CSV UTF-8")',
    });
  }
  const sheet = workbook.worksheets[0];
  const all: string[][] = [];
  sheet?.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    all.push(values.slice(1).map((v) => cellText(v).trim()));
  });
  return all;
}

/**
 * Reads `file` by its extension. Throws {@link SheetProblem} for a file that is not a readable
 * table (unknown extension, encoding, broken quoting, a control character in a cell).
 * @example const { header, rows, encoding } = await readSheet('institutions.xlsx');
 */
export async function readSheet(file: string): Promise<Sheet> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') {
    const table = readCsvBytes(fs.readFileSync(file));
    if (!table.ok) throw new SheetProblem(table.problem);
    return { header: table.records[0] ?? [], rows: table.records.slice(1), encoding: table.encoding };
  }
  if (ext === '.xlsx') {
    const all = await readWorkbook(file);
    const control = controlCharacterProblem(all);
    if (control) throw new SheetProblem(control);
    const width = all[0]?.length ?? 0;
    return {
      header: all[0] ?? [],
      rows: all
        .slice(1)
        .map((r) => [...r, ...Array(Math.max(0, width - r.length)).fill('')])
        .filter((r) => r.some((c) => c !== '')),
      encoding: 'xlsx',
    };
  }
  throw new SheetProblem({
    row: 1,
    column: '-',
    rule: 'file.type',
    message: 'expected a .xlsx or .csv file (an .xls or .txt file: save it from Excel as .xlsx or "CSV UTF-8")',
  });
}

/** A column the importer needs, with the headings bureaus use for it (the first is the template's). */
export interface ColumnSpec {
  key: string;
  names: readonly string[];
  required: boolean;
}

export type { RowProblem } from '../common/row-problem';

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
    if (at < 0 && s.required)
      problems.push({
        row: 1,
        column: s.names[0],
        rule: 'file.header',
        message: `the header lacks the column ${s.names[0]}${s.names.length > 1 ? ` (or ${s.names.slice(1).join(', ')})` : ''}`,
      });
    index[s.key] = at;
  }
  const cell = (row: readonly string[], key: string) => (index[key] >= 0 ? (row[index[key]] ?? '').trim() : '');
  return { index, cell, problems };
}
