/**
 * Every CSV the project writes — a notice's download, the yearly dumps, the importers' problem
 * reports — goes through these options, so that no cell a spreadsheet program opens can run as a
 * formula (OWASP "CSV Injection"). A certificate number such as `=cmd|' /C calc'!A0` came from a
 * bureau's file and is published as the bureau typed it; the CSV only has to make sure Excel,
 * WPS and LibreOffice show it as text instead of executing it.
 *
 * How (OWASP's advice, as csv-stringify's `escape_formulas` implements it): a text cell that
 * begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a single quote `'` in front,
 * which spreadsheet programs take as "this is text" and hide. Cells with a comma, quote or line
 * break are also enclosed in double quotes with inner quotes doubled, so a cell cannot end early
 * and start another one.
 *
 * Decided for `-`: only text cells are escaped. A number field (the amount, the attendance rate,
 * a line or revision number) is written from a JavaScript number, which cannot hold a formula,
 * so a negative number would stay a number; the published numbers are never negative anyway.
 * Masked values never begin with one of these characters (a masked name begins with the family
 * name, a masked ID number with six digits). Any text cell that does — a certificate number
 * `-123`, a problem report's value `+86…` — reads `'-123` in the file: a program reading the raw CSV
 * drops a leading `'` when the next character is one of `= + - @`, tab or CR. The data
 * dictionary (site: /notices/data/) says so. No importer reads a file the project wrote (the
 * downloads hold masked names and ID numbers, which the notices importer refuses; a problem
 * report is not an input), so the importers take a leading `'` as typed.
 */
import type { Options } from 'csv-stringify';
import { stringify } from 'csv-stringify/sync';

/** The characters that make a spreadsheet program read a cell as a formula (OWASP). */
export const FORMULA_LEADS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

/**
 * The csv-stringify options of every CSV the project writes: UTF-8 with a BOM (so Excel shows the
 * Chinese), a header row, and formula-leading text cells escaped.
 * @param columns the columns, in order, with their headings
 * @example stringify({ ...safeCsvOptions([{ key: 'a', header: '甲' }]) }) // a stream for rows { a: … }
 */
export function safeCsvOptions(columns: readonly { key: string; header: string }[]): Options {
  return {
    bom: true,
    header: true,
    columns: columns.map((c) => ({ key: c.key, header: c.header })),
    escape_formulas: true,
  };
}

/**
 * A whole CSV at once (for small files such as a problem report), with {@link safeCsvOptions}.
 * @example safeCsv([{ key: 'v', header: '值' }], [{ v: '=1+2' }]) // '\uFEFF值\n\'=1+2\n'
 */
export function safeCsv(
  columns: readonly { key: string; header: string }[],
  rows: readonly Record<string, unknown>[],
): string {
  return stringify(rows as Record<string, unknown>[], safeCsvOptions(columns));
}
