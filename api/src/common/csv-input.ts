/**
 * Reading a CSV file as bureaus' computers save it: UTF-8 (with or without BOM; "CSV UTF-8" in
 * Excel), GB18030/GBK (plain "CSV" saved by Excel or WPS on a Chinese Windows, the default there)
 * and UTF-16 with BOM (Excel's "Unicode text", tab-separated). Pure: bytes in, a table and the
 * encoding it was read in out, or a problem that says what the file looks like. No message
 * repeats a cell, since a cell may be a person's name or ID number.
 */
import { CsvError, parse } from 'csv-parse/sync';
import type { RowProblem } from './row-problem';

/** The encodings a CSV is read in, as reported to the user. */
export type CsvEncoding = 'UTF-8' | 'UTF-8 with BOM' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030';

/** A CSV read into text, with the encoding it was found in. */
export type DecodedCsv = { ok: true; text: string; encoding: CsvEncoding } | { ok: false; problem: RowProblem };

/** A CSV read into records (the header first), with its encoding. */
export type CsvTable = { ok: true; records: string[][]; encoding: CsvEncoding } | { ok: false; problem: RowProblem };

const fileProblem = (rule: string, message: string): RowProblem => ({ row: 1, column: '-', rule, message });

/** Files that are not text at all, by their first bytes: what to tell the clerk they look like. */
const SIGNATURES: readonly { bytes: number[]; looksLike: string }[] = [
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    looksLike:
      'an Excel workbook (.xlsx) or another zip file with a .csv name: give it its .xlsx name, or save it as CSV',
  },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], looksLike: 'an old Excel workbook (.xls): save it as .xlsx, or as "CSV UTF-8"' },
  {
    bytes: [0x25, 0x50, 0x44, 0x46],
    looksLike: 'a PDF document: the importer needs the table itself, as .xlsx or CSV',
  },
];

function decoder(encoding: string): InstanceType<typeof TextDecoder> {
  // fatal: bytes that are not valid in the encoding throw instead of becoming U+FFFD, so a
  // wrong guess is noticed rather than stored as mojibake. GB18030 needs Node's full ICU
  // (the default of the official builds; the unit test checks it).
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
}

function tryDecode(bytes: Uint8Array, encoding: string): string | null {
  try {
    return decoder(encoding).decode(bytes);
  } catch {
    return null;
  }
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/** UTF-16 without a BOM: half the bytes of ASCII-heavy text are 0, all on one side. */
function utf16WithoutBom(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  if (odd > n / 8 && even === 0) return 'UTF-16LE';
  if (even > n / 8 && odd === 0) return 'UTF-16BE';
  return null;
}

/**
 * Decodes a CSV file's bytes. A BOM decides (UTF-8, UTF-16LE, UTF-16BE). Without one, strict
 * UTF-8 is tried first and GB18030 second: UTF-8's multi-byte sequences are so constrained that
 * Chinese text in GBK/GB18030 practically never passes as UTF-8, while almost any byte string
 * decodes as GB18030 — tried the other way round, every UTF-8 file would read as mojibake.
 * GB18030 is a superset of GBK and GB2312, so it reads those too.
 * @example decodeCsv(new TextEncoder().encode('序号\n1')) // { ok: true, text: '序号\n1', encoding: 'UTF-8' }
 */
export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  if (bytes.length === 0) return { ok: false, problem: fileProblem('file.rows', 'the file is empty') };
  const bom: readonly [number[], CsvEncoding, string, string][] = [
    [[0xef, 0xbb, 0xbf], 'UTF-8 with BOM', 'utf-8', 'UTF-8'],
    [[0xff, 0xfe], 'UTF-16LE', 'utf-16le', 'UTF-16LE'],
    [[0xfe, 0xff], 'UTF-16BE', 'utf-16be', 'UTF-16BE'],
  ];
  for (const [prefix, encoding, label, name] of bom) {
    if (!startsWith(bytes, prefix)) continue;
    const text = tryDecode(bytes.subarray(prefix.length), label);
    return text === null
      ? {
          ok: false,
          problem: fileProblem(
            'file.encoding',
            `the file starts with a ${name} byte-order mark but is not ${name} text after it: save it again as "CSV UTF-8"`,
          ),
        }
      : { ok: true, text, encoding };
  }
  const signature = SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  if (signature)
    return {
      ok: false,
      problem: fileProblem('file.encoding', `the file is not a CSV text file: it looks like ${signature.looksLike}`),
    };
  const wide = utf16WithoutBom(bytes);
  if (wide) {
    const text = tryDecode(bytes, wide.toLowerCase());
    if (text !== null) return { ok: true, text, encoding: wide };
  }
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'UTF-8' };
  const gb = tryDecode(bytes, 'gb18030');
  if (gb !== null) return { ok: true, text: gb, encoding: 'GB18030' };
  return {
    ok: false,
    problem: fileProblem(
      'file.encoding',
      'the file is neither UTF-8, GB18030/GBK nor UTF-16 text: it looks like another encoding (such as Big5) or binary data; save it from Excel as "CSV UTF-8" or as .xlsx',
    ),
  };
}

/**
 * C0 control characters other than tab, line feed and carriage return, DEL, and the C1 controls:
 * never typed in a cell, they come from a broken export or a pasted binary value, and a NUL
 * would end the text at the database.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * True when `text` holds a control character (see above): for values that come from elsewhere
 * than a file, such as a command's options.
 * @example hasControlCharacter('第1号\u0001') // true
 */
export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

/**
 * The first cell holding a control character, as a problem naming its row (the header is row 1)
 * and column (its heading, or its position); `null` when there is none.
 * @example controlCharacterProblem([['序号'], ['1\u0000']]) // { row: 2, column: '序号', rule: 'file.control-character', … }
 */
export function controlCharacterProblem(records: readonly (readonly string[])[]): RowProblem | null {
  for (const [r, record] of records.entries()) {
    const c = record.findIndex((cell) => CONTROL.test(cell));
    if (c < 0) continue;
    const code = record[c].match(CONTROL)![0].charCodeAt(0);
    const name = code === 0 ? 'NUL' : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return {
      row: r + 1,
      column: records[0]?.[c]?.trim() || `column ${c + 1}`,
      rule: 'file.control-character',
      message: `the cell holds a control character (${name}), which no one types: it comes from a broken export or a pasted value; retype the cell`,
    };
  }
  return null;
}

/** csv-parse's error codes, in words that do not repeat the cell (its own messages quote it). */
const PARSE_ERRORS: Record<string, string> = {
  INVALID_OPENING_QUOTE:
    'a double quote (") in the middle of a cell: remove it, or put the whole cell in double quotes and write the quote twice ("")',
  CSV_INVALID_CLOSING_QUOTE: 'a double quote (") in the middle of a quoted cell: write it twice ("") or remove it',
  CSV_QUOTE_NOT_CLOSED:
    'a cell opens a double quote (") that is never closed: remove the quote, or close it at the end of the cell',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    'characters after the closing double quote (") of a cell: remove them, or put the whole cell in quotes',
};

function parseProblem(e: unknown, header: readonly string[]): RowProblem {
  if (!(e instanceof CsvError)) return fileProblem('file.csv', 'not a readable CSV file');
  const ctx = e as CsvError & { records?: number; index?: number; lines?: number };
  const row = (ctx.records ?? 0) + 1;
  const column = typeof ctx.index === 'number' ? header[ctx.index]?.trim() || `column ${ctx.index + 1}` : '-';
  const where = ctx.lines && ctx.lines !== row ? ` (line ${ctx.lines} of the file)` : '';
  return { row, column, rule: 'file.csv', message: `${PARSE_ERRORS[e.code] ?? 'not a readable CSV row'}${where}` };
}

/**
 * Splits CSV text into records, trimmed, empty lines skipped. The delimiter is the header's: a
 * tab when the first line has tabs and no comma (Excel's "Unicode text"), else a comma.
 * Refuses a parse error or a control character with its row and column, never the cell.
 * @example parseCsvText('序号,姓名\n1,张三') // { ok: true, records: [['序号', '姓名'], ['1', '张三']] }
 */
export function parseCsvText(text: string): { ok: true; records: string[][] } | { ok: false; problem: RowProblem } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  let records: string[][];
  try {
    records = parse(body, { delimiter, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (e) {
    const header = firstLine.split(delimiter).map((h) => h.replace(/^"|"$/g, ''));
    return { ok: false, problem: parseProblem(e, header) };
  }
  const control = controlCharacterProblem(records);
  return control ? { ok: false, problem: control } : { ok: true, records };
}

/**
 * A CSV file's bytes to records and the encoding they were read in (see {@link decodeCsv} and
 * {@link parseCsvText}).
 * @example readCsvBytes(fs.readFileSync('名单.csv')) // { ok: true, records, encoding: 'GB18030' }
 */
export function readCsvBytes(bytes: Uint8Array): CsvTable {
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseCsvText(decoded.text);
  return parsed.ok ? { ...parsed, encoding: decoded.encoding } : parsed;
}

/**
 * What to add to "the header lacks a column" when the encoding was a guess: a file in an encoding
 * other than those read (Big5, say) can pass as GB18030 and come out garbled.
 * @example misreadHint('GB18030') // ' (the file was read as GB18030/GBK: …)'
 */
export function misreadHint(encoding: string | undefined): string {
  return encoding === 'GB18030'
    ? ' (the file was read as GB18030/GBK: if the headings look right in Excel, the file is in another encoding; save it as "CSV UTF-8")'
    : '';
}
