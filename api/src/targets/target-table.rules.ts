/**
 * The shapes of the published target tables (任务计划表) and the checks a figure of one must
 * pass before it is stored: which tables exist, their columns and the unit their heading
 * prints, which rows and columns are totals, and that a total equals the sum of what it totals.
 * The model is the annex tables of 云人社通〔2022〕8号 (附件1, 2, 4, 5). Pure: plain data in,
 * problems out.
 */
import { InstitutionType, TargetTable } from '../common/enums';
import { citation, DOCUMENTS, type Clause } from '../common/rule-check';
import type { WriteProblem } from '../common/write-problem';
import { toPersons, UNIT_MULTIPLIERS } from './target.rules';

/** How one table is laid out, as printed. */
export interface TargetTableShape {
  table: TargetTable;
  /** The title as printed without the province and the year, e.g. `职业培训任务计划表`. */
  title: string;
  /** The unit the table's heading prints (`完成培训人数（万人次）`, `单位：人次`): every figure is in it. */
  unit: string;
  /** What a printed row is: a 州市 (its code identifies it) or a named unit (a school). */
  rows: 'region' | 'unit';
  /** What a printed column is: a metric, or a named unit (附件4's project units, each with 人数). */
  columns: 'metric' | 'unit';
  /** The metric columns: key and heading as printed. */
  metrics: readonly { key: string; label: string }[];
  /** What the named units are in the catalogue, when they are institutions. */
  institutionType: InstitutionType | null;
  /** Where the table is published. */
  clause: Clause;
}

const N8 = DOCUMENTS.NOTICE_2022_8;

/**
 * The four target tables, as 8号 prints them. A new year's table of the same shape needs no
 * change here; a table of another shape needs a new shape (and a `TargetTable` value).
 */
export const TARGET_TABLE_SHAPES: Readonly<Record<TargetTable, TargetTableShape>> = {
  [TargetTable.PREFECTURE_PLAN]: {
    table: TargetTable.PREFECTURE_PLAN,
    title: '职业培训任务计划表',
    unit: '万人次',
    rows: 'region',
    columns: 'metric',
    institutionType: null,
    clause: { document: N8, clause: '附件1' },
    metrics: [
      { key: 'total', label: '完成培训人数' },
      { key: 'certificate', label: '其中:取得职业资格和职业技能等级类别证书人数' },
      { key: 'certificate_high_level', label: '其中:高级工及以上' },
      { key: 'rural_labour', label: '含:农村劳动力补贴性培训人数' },
      { key: 'technical_schools', label: '含:由技工院校承担培训人数' },
      { key: 'apprenticeship', label: '含:新型学徒制培训人数' },
      { key: 'entrepreneurship', label: '含:创业培训' },
      { key: 'college_students', label: '含:大学生职业培训' },
      { key: 'college_skills', label: '其中:大学生技能培训' },
    ],
  },
  [TargetTable.TECHNICAL_SCHOOL]: {
    table: TargetTable.TECHNICAL_SCHOOL,
    title: '技工院校职业培训任务计划表',
    unit: '万人',
    rows: 'unit',
    columns: 'metric',
    institutionType: InstitutionType.TECHNICAL_SCHOOL,
    clause: { document: N8, clause: '附件2' },
    metrics: [{ key: 'target', label: '目标任务' }],
  },
  [TargetTable.PROVINCIAL_PROJECT]: {
    table: TargetTable.PROVINCIAL_PROJECT,
    title: '省级项目职业培训计划表',
    unit: '人次',
    rows: 'region',
    columns: 'unit',
    institutionType: InstitutionType.PROVINCIAL_PROJECT_UNIT,
    clause: { document: N8, clause: '附件4' },
    metrics: [{ key: 'persons', label: '人数' }],
  },
  [TargetTable.ENTREPRENEURSHIP]: {
    table: TargetTable.ENTREPRENEURSHIP,
    title: '创业培训任务计划表',
    unit: '人',
    rows: 'region',
    columns: 'metric',
    institutionType: null,
    clause: { document: N8, clause: '附件5' },
    metrics: [
      { key: 'total', label: '创业培训目标任务' },
      { key: 'siyb', label: '其中:SIYB创业培训任务' },
      { key: 'siyb_college', label: '含大学生SIYB培训任务' },
      { key: 'online', label: '其中:网络创业培训任务' },
      { key: 'online_college', label: '含大学生网络创业培训任务' },
      { key: 'online_livestream_pilot', label: '含网络创业直播培训(试点)' },
    ],
  },
};

/** The province's code: a 州市 table's total row (全省, 合计, 州市汇总) carries it. */
export const PROVINCE_ROW_CODE = '530000';

/** Names of total rows and columns as the annexes print them. */
export const TOTAL_UNIT_NAMES: ReadonlySet<string> = new Set(['合计', '总计', '全省', '全省合计', '州市汇总']);

/**
 * The note that keeps a printed total which does not add up: the figures are published exactly
 * as printed (8号 附件1's 新型学徒制: 全省 1 万人次, its 州市 add up to 1.01 万), and the note says
 * the clerk saw the difference and kept the document's figure.
 */
export const AS_PRINTED_NOTE = '原文如此';

/** Full-width punctuation and spaces as clerks type them, folded so headings compare. */
function fold(s: string): string {
  return s.replace(/\s+/g, '').replace(/：/g, ':').replace(/（/g, '(').replace(/）/g, ')');
}

/**
 * The table a printed title names: the province and the year are left out, so
 * `云南省2022年职业培训任务计划表` and `技工院校2022年职业培训任务计划表` are found; the enum value is
 * accepted as well. Null when no shape has that title.
 * @example tableOfTitle('2022年省级项目职业培训计划表') === TargetTable.PROVINCIAL_PROJECT
 */
export function tableOfTitle(title: string): TargetTable | null {
  const t = fold(title);
  if (Object.hasOwn(TARGET_TABLE_SHAPES, t)) return t as TargetTable;
  const bare = t.replace(/^云南省/, '').replace(/\d{4}年/, '');
  return Object.values(TARGET_TABLE_SHAPES).find((s) => s.title === bare)?.table ?? null;
}

/** The year a printed title names (`2022年…`), or null. @example titleYear('2022年创业培训任务计划表') === 2022 */
export function titleYear(title: string): number | null {
  const m = /(\d{4})年/.exec(title);
  return m ? Number(m[1]) : null;
}

/**
 * The metric a column heading (or key) names in a table, with the heading as the table prints
 * it; full-width colons and brackets match their half-width forms.
 * @example metricOf(TargetTable.PREFECTURE_PLAN, '其中：高级工及以上') // { key: 'certificate_high_level', label: '其中:高级工及以上' }
 */
export function metricOf(table: TargetTable, heading: string): { key: string; label: string } | null {
  const h = fold(heading);
  return TARGET_TABLE_SHAPES[table].metrics.find((m) => m.key === h || fold(m.label) === h) ?? null;
}

/** One figure of a target table, as stored. */
export interface TargetDraft {
  year: number;
  table: TargetTable;
  /** Order in the printed table: figures list by it. */
  seq: number;
  /** The row's or column's unit as printed. */
  unitName: string;
  /** The 州市 of the row (or, in a table of named rows, where the unit is); null when none. */
  region: string | null;
  /** The school or project unit the figure is for; null for totals and 州市 rows. */
  institution: number | null;
  metric: string;
  metricLabel: string;
  /** The figure exactly as printed, e.g. `15.50`. */
  value: string;
  unit: string;
  isTotal: boolean;
  /** Document and annex, e.g. `云人社通〔2022〕8号 附件2 技工院校2022年职业培训任务计划表`. */
  source: string;
}

/**
 * Whether a figure is a total: the province's row of a 州市 table, a 合计 row of a table of named
 * rows, or a 全省合计 column of a table of named columns.
 * @example isTotalFigure(TargetTable.PREFECTURE_PLAN, { region: '530000', unitName: '全省' }) === true
 * @example isTotalFigure(TargetTable.PROVINCIAL_PROJECT, { region: '530100', unitName: '全省合计' }) === true
 */
export function isTotalFigure(table: TargetTable, f: { region: string | null; unitName: string }): boolean {
  const shape = TARGET_TABLE_SHAPES[table];
  const totalRow = shape.rows === 'region' ? f.region === PROVINCE_ROW_CODE : TOTAL_UNIT_NAMES.has(f.unitName);
  const totalColumn = shape.columns === 'unit' && TOTAL_UNIT_NAMES.has(f.unitName);
  return totalRow || totalColumn;
}

/** A published number: digits with an optional decimal part, no sign, separator or exponent. */
const PUBLISHED_NUMBER = /^\d+(\.\d+)?$/;

/**
 * Checks one figure on its own (rule ids `target.*`): a year from 2021, a table of a known
 * shape, a metric of that table, a non-negative published number of whole persons in the unit
 * the table prints, a 州市 row's code at province or 州市 level, a total row carrying the
 * province's code, and the lengths the catalogue stores. Fields are the draft's.
 * @example checkTargetDraft({ ...draft, unit: '人' }).map((p) => p.rule) // ['target.unit'] for a 附件1 figure
 */
export function checkTargetDraft(d: TargetDraft): WriteProblem[] {
  const out: WriteProblem[] = [];
  const bad = (field: string, rule: string, message: string, clause: Clause | null = null) =>
    out.push({ field, rule, message, clause: clause ? citation(clause) : null });
  if (!Number.isInteger(d.year) || d.year < 2021 || d.year > 2100)
    bad('year', 'target.year', 'a year from 2021, e.g. 2022');
  const shape = Object.hasOwn(TARGET_TABLE_SHAPES, d.table) ? TARGET_TABLE_SHAPES[d.table] : null;
  if (!shape) {
    bad(
      'table',
      'target.table',
      `not a target table: one of ${Object.values(TARGET_TABLE_SHAPES)
        .map((s) => s.title)
        .join('、')}`,
    );
    return out;
  }
  if (!Number.isInteger(d.seq) || d.seq < 0)
    bad('seq', 'target.seq', 'the order in the printed table: a whole number, 0 or more');
  if (!d.unitName.trim() || d.unitName.length > 128)
    bad('unitName', 'target.unit-name', "the row's unit as printed, 1–128 characters");
  if (!shape.metrics.some((m) => m.key === d.metric))
    bad(
      'metric',
      'target.metric',
      `not a column of ${shape.title}: one of ${shape.metrics.map((m) => m.label).join('、')}`,
      shape.clause,
    );
  if (d.unit !== shape.unit)
    bad('unit', 'target.unit', `${shape.title} prints its figures in ${shape.unit}`, shape.clause);
  if (!PUBLISHED_NUMBER.test(d.value) || d.value.length > 16)
    bad(
      'value',
      'target.value',
      'a number of 0 or more as printed, e.g. 15.50 (no sign, separator or exponent; at most 16 characters)',
    );
  else if (Object.hasOwn(UNIT_MULTIPLIERS, d.unit)) {
    try {
      toPersons(d.value, d.unit);
    } catch (e) {
      bad('value', 'target.value', (e as Error).message);
    }
  }
  if (shape.rows === 'region') {
    if (!d.region)
      bad(
        'region',
        'target.region',
        `each row of ${shape.title} is a 州市: its code (530000 for the province's row) is required`,
        shape.clause,
      );
    else if (d.region !== PROVINCE_ROW_CODE && !/^53\d{2}00$/.test(d.region))
      bad('region', 'target.region', "a 州市 code such as 530100, or 530000 for the province's row", shape.clause);
    if (shape.columns === 'metric' && TOTAL_UNIT_NAMES.has(d.unitName) && d.region !== PROVINCE_ROW_CODE)
      bad('region', 'target.total-row', `a total row (${d.unitName}) carries the province's code 530000`, shape.clause);
  }
  if (!d.source.trim() || d.source.length > 128)
    bad('source', 'target.source', 'the document and annex, 1–128 characters');
  return out;
}

/** A figure for the totals check: where it sits and its value in persons. */
export interface TotalsFigure {
  table: TargetTable;
  region: string | null;
  unitName: string;
  metric: string;
  value: string;
  unit: string;
  persons: number;
}

/** A total that is not the sum of the figures under it. */
export interface TotalMismatch<F extends TotalsFigure> {
  total: F;
  /** The figures it totals. */
  parts: F[];
  /** Their sum, in persons. */
  sum: number;
  /** The total minus the sum, in persons. */
  difference: number;
}

/**
 * Checks every total of one year's table against the figures it totals (rule `target.total`):
 * a total row against the rows of its column, a total column (附件4's 全省合计) against the
 * columns of its row. Compared in whole persons, so `0.28` 万人次 adds up exactly. A total with
 * nothing under it is not checked (a file may carry the totals alone).
 * @example checkTotals([全省 60, 昆明市 15.5, …]) // [] when the 州市 add up to 60
 */
export function checkTotals<F extends TotalsFigure>(figures: readonly F[]): TotalMismatch<F>[] {
  const out: TotalMismatch<F>[] = [];
  const tables = new Set(figures.map((f) => f.table));
  for (const table of tables) {
    const shape = TARGET_TABLE_SHAPES[table];
    const rowOf = (f: F) => (shape.rows === 'region' ? (f.region ?? '') : f.unitName);
    const columnOf = (f: F) => (shape.columns === 'metric' ? f.metric : `${f.unitName}|${f.metric}`);
    const totalRow = (f: F) =>
      shape.rows === 'region' ? f.region === PROVINCE_ROW_CODE : TOTAL_UNIT_NAMES.has(f.unitName);
    const totalColumn = (f: F) => shape.columns === 'unit' && TOTAL_UNIT_NAMES.has(f.unitName);
    const mine = figures.filter((f) => f.table === table);
    const compare = (total: F, parts: F[]) => {
      if (!parts.length) return;
      const sum = parts.reduce((s, p) => s + p.persons, 0);
      if (sum !== total.persons) out.push({ total, parts, sum, difference: total.persons - sum });
    };
    // Down each column: the total row against the other rows.
    for (const total of mine.filter(totalRow))
      compare(
        total,
        mine.filter((f) => !totalRow(f) && columnOf(f) === columnOf(total)),
      );
    // Across each row: the total column against the other columns of the same metric.
    for (const total of mine.filter(totalColumn))
      compare(
        total,
        mine.filter((f) => !totalColumn(f) && rowOf(f) === rowOf(total) && f.metric === total.metric),
      );
  }
  return out;
}

/**
 * Persons as a figure in a unit, for messages: `100` persons in 万人次 is `0.01`.
 * @example inUnit(-100, '万人次') === '-0.01'
 */
export function inUnit(persons: number, unit: string): string {
  const m = UNIT_MULTIPLIERS[unit] ?? 1;
  const sign = persons < 0 ? '-' : '';
  const abs = Math.abs(persons);
  const whole = Math.floor(abs / m);
  const frac = abs % m;
  if (!frac) return `${sign}${whole}`;
  const digits = String(m).length - 1;
  return `${sign}${whole}.${String(frac).padStart(digits, '0').replace(/0+$/, '')}`;
}
