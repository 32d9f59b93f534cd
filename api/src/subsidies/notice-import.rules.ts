/**
 * Reading a bureau's trainee list for a subsidy notice (the spreadsheet behind a 公示), with
 * Chinese column headers as bureaus write them. Pure: text in, masked lines and problems out.
 *
 * Personal data is masked here, on the way in (`maskName`, `maskResidentId`): the raw name and
 * number exist only inside this function, and no problem message ever repeats them — a problem
 * names the row, the column and the rule.
 */
import { charLength } from '../common/text-length';
import { SkillLevel } from '../common/enums';
import { EXCEL_NUMBER_ADVICE, looksLikeExcelNumber } from '../common/excel-numbers';
import { decodeCsv, misreadHint, parseCsvText, type CsvEncoding } from '../common/csv-input';
import { SKILL_LEVEL_NAMES } from '../common/chinese-labels';
import { maskName, maskResidentId } from '../common/masking';
import { validateResidentId } from '../common/resident-id';

/** The columns, as the bureaus' tables head them; the first of each list is the template's. */
export const LINE_COLUMNS = {
  seq: ['序号'],
  name: ['姓名'],
  id: ['身份证号码', '身份证号', '公民身份号码'],
  occupation: ['职业（工种）编码', '职业编码', '工种编码'],
  level: ['等级', '技能等级'],
  certificate: ['证书编号'],
  attendance: ['出勤率'],
  amount: ['补贴金额（元）', '补贴金额', '金额（元）'],
} as const;

export type LineColumn = keyof typeof LINE_COLUMNS;

/** A line ready to store: masked only. */
export interface MaskedLine {
  seq: number;
  maskedName: string;
  maskedId: string;
  occupationCode: string;
  level: SkillLevel;
  certificateNumber: string | null;
  attendanceRate: number;
  amount: number;
}

/** Characters a masked name may have: the length of `subsidy_notice_line.masked_name`. */
export const MASKED_NAME_MAX = 32;

/** One problem: where and which rule. `value` is given only for columns that are not personal. */
export interface ImportProblem {
  /** 1-based row of the file (the header is row 1). */
  row: number;
  column: string;
  rule: string;
  message: string;
  value?: string;
}

/** What the reader needs to know about the catalogue. */
export interface ImportContext {
  /** Occupation codes of the 2022 classification. */
  occupationCodes: ReadonlySet<string>;
}

/**
 * Reads the lines of a notice from a CSV file's bytes (UTF-8 with or without BOM, GB18030/GBK or
 * UTF-16: common/csv-input.ts) or from text already decoded. Every row is checked and every problem
 * reported at once; the lines are returned only when there is none, with the encoding read.
 * @example parseNoticeLines('序号,姓名,身份证号码,职业（工种）编码,等级,证书编号,出勤率,补贴金额（元）\n1,张三,11010519491231002X,4-10-01-05,五级,,85%,1200', ctx).lines[0].maskedName // '张*'
 */
export function parseNoticeLines(
  file: string | Uint8Array,
  ctx: ImportContext,
): { lines: MaskedLine[]; problems: ImportProblem[]; encoding?: CsvEncoding } {
  const problems: ImportProblem[] = [];
  let text = file;
  let encoding: CsvEncoding | undefined;
  if (typeof file !== 'string') {
    const decoded = decodeCsv(file);
    if (!decoded.ok) return { lines: [], problems: [decoded.problem] };
    ({ text, encoding } = decoded);
  }
  const parsed = parseCsvText(text as string);
  if (!parsed.ok) return { lines: [], problems: [parsed.problem], encoding };
  const records = parsed.records;
  if (records.length < 2)
    return {
      lines: [],
      problems: [{ row: 1, column: '-', rule: 'file.rows', message: 'the file has no trainee rows under its header' }],
      encoding,
    };
  const header = records[0];
  const index = {} as Record<LineColumn, number>;
  for (const [key, names] of Object.entries(LINE_COLUMNS) as [LineColumn, readonly string[]][]) {
    const at = header.findIndex((h) => names.includes(h));
    if (at < 0)
      problems.push({
        row: 1,
        column: names[0],
        rule: 'file.header',
        message: `the header lacks the column ${names[0]}${names.length > 1 ? ` (or ${names.slice(1).join(', ')})` : ''}`,
      });
    index[key] = at;
  }
  if (problems.length)
    return {
      lines: [],
      problems: problems.map((p) => ({ ...p, message: p.message + misreadHint(encoding) })),
      encoding,
    };

  const rows = records
    .slice(1)
    .map(
      (cells) =>
        Object.fromEntries(
          (Object.keys(LINE_COLUMNS) as LineColumn[]).map((k) => [k, (cells[index[k]] ?? '').trim()]),
        ) as Record<LineColumn, string>,
    );
  return { ...checkNoticeRows(rows, ctx, { firstRow: 2, columnOf: (k) => LINE_COLUMNS[k][0] }), encoding };
}

/** How problems name places: the first row's number, and a column's name. */
export interface RowNaming {
  /** Number of the first row (2 for a file whose header is row 1; 1 for a list of lines). */
  firstRow: number;
  /** The file row of each line, when the lines are not consecutive rows (overrides `firstRow`). */
  rowNumbers?: readonly number[];
  columnOf: (column: LineColumn) => string;
}

/**
 * Checks and masks trainee rows from any source — a file's rows, or the lines of a write
 * through the API — with the same rules: every problem at once, the lines only when none.
 * @example checkNoticeRows([{ seq: '1', name: '张三', id: '11010519491231002X', occupation: '4-10-01-05', level: '五级', certificate: '', attendance: '0.85', amount: '1200' }], ctx, { firstRow: 1, columnOf: (k) => k }).lines[0].maskedId // '110105********002X'
 */
export function checkNoticeRows(
  rows: readonly Record<LineColumn, string>[],
  ctx: ImportContext,
  naming: RowNaming,
): { lines: MaskedLine[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  if (rows.length === 0)
    return {
      lines: [],
      problems: [
        {
          row: naming.firstRow,
          column: '-',
          rule: 'notice.lines',
          message: 'a notice needs at least one trainee line',
        },
      ],
    };
  const lines: MaskedLine[] = [];
  const seenSeq = new Map<number, number>();
  const seenId = new Map<string, number>();
  rows.forEach((cells, i) => {
    const row = naming.rowNumbers?.[i] ?? i + naming.firstRow;
    const cell = (k: LineColumn) => (cells[k] ?? '').trim();
    const bad = (k: LineColumn, rule: string, message: string, personal = false) =>
      problems.push({ row, column: naming.columnOf(k), rule, message, ...(personal ? {} : { value: cell(k) }) });

    const seq = Number(cell('seq'));
    if (!Number.isInteger(seq) || seq < 1) bad('seq', 'line.seq', 'must be a whole number from 1');
    else if (seenSeq.has(seq)) bad('seq', 'line.seq-unique', `repeats the line number of row ${seenSeq.get(seq)}`);
    else seenSeq.set(seq, row);

    let maskedName = '';
    try {
      maskedName = maskName(cell('name'));
      if (charLength(maskedName) > MASKED_NAME_MAX)
        bad(
          'name',
          'line.name',
          `a name of at most ${MASKED_NAME_MAX} characters (it is stored masked, one * per hidden character)`,
          true,
        );
    } catch {
      bad(
        'name',
        'line.name',
        'a name of at least two characters is required (it is published masked: family name and *)',
        true,
      );
    }

    const rawId = cell('id');
    const idCheck = validateResidentId(rawId);
    let maskedId = '';
    if (!idCheck.valid && looksLikeExcelNumber(rawId)) bad('id', 'line.resident-id-number', EXCEL_NUMBER_ADVICE, true);
    else if (!idCheck.valid)
      bad('id', 'line.resident-id', `not a valid resident identity number (GB 11643-1999): ${idCheck.reason}`, true);
    else {
      maskedId = maskResidentId(rawId);
      const key = rawId.toUpperCase();
      if (seenId.has(key))
        bad('id', 'line.resident-id-unique', `the same person as row ${seenId.get(key)}: one line per trainee`, true);
      else seenId.set(key, row);
    }

    const occupationCode = cell('occupation');
    if (!ctx.occupationCodes.has(occupationCode))
      bad('occupation', 'line.occupation', 'not an occupation code of the 2022 classification (e.g. 4-10-01-05)');

    const level = SKILL_LEVEL_NAMES[cell('level')];
    if (!level) bad('level', 'line.level', 'must be 五级, 四级, 三级, 二级, 一级 or 无 (or 初级工 … 高级技师)');

    const rawRate = cell('attendance');
    const rate = rawRate.endsWith('%') ? Number(rawRate.slice(0, -1)) / 100 : Number(rawRate);
    if (rawRate === '' || !Number.isFinite(rate) || rate < 0 || rate > 1)
      bad('attendance', 'line.attendance', 'must be a share between 0 and 1, or a percentage such as 85%');

    const amount = Number(cell('amount'));
    if (cell('amount') === '' || !Number.isInteger(amount) || amount < 0)
      bad('amount', 'line.amount', 'must be whole 元, 0 or more');

    const certificate = cell('certificate');
    if (certificate.length > 64) bad('certificate', 'line.certificate', 'at most 64 characters');

    lines.push({
      seq,
      maskedName,
      maskedId,
      occupationCode,
      level: level ?? SkillLevel.NONE,
      certificateNumber: certificate || null,
      attendanceRate: rate,
      amount,
    });
  });
  return problems.length ? { lines: [], problems } : { lines: lines.sort((a, b) => a.seq - b.seq), problems };
}
