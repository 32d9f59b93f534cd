/**
 * Importing a year's target tables (任务计划表) as the province publishes them: one row per
 * printed figure (long format), so every annex shape — 州市 × metric (附件1, 附件5), school ×
 * target (附件2), 州市 × project unit (附件4) — fits one template. Keyed on year + table + unit +
 * 州市 + metric: a figure already stored with the same value is left as it is, one with another
 * value is corrected (with its audit entry). Only the province sets targets. Every total must
 * equal the sum of what it totals, unless its note says the printed table itself disagrees.
 * The 2022 annexes (data/targets-2022.csv) are loaded through this kind at first start.
 */
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { InstitutionType, type TargetTable } from '../common/enums';
import { findRows, type Row } from '../db/rows';
import { Institution } from '../institutions/institution.entity';
import { canWrite, PROVINCE_CODE } from '../publishers/publisher.rules';
import type { Writer } from '../publishers/writer';
import { Region } from '../regions/region.entity';
import { AnnualTarget } from '../targets/annual-target.entity';
import {
  AS_PRINTED_NOTE,
  checkTargetDraft,
  checkTotals,
  inUnit,
  isTotalFigure,
  metricOf,
  TARGET_TABLE_SHAPES,
  tableOfTitle,
  titleYear,
  TOTAL_UNIT_NAMES,
  type TargetDraft,
} from '../targets/target-table.rules';
import { toPersons } from '../targets/target.rules';
import { putTarget, targetKey } from '../targets/target-writes';
import type { ImportKind, ImportRun, Planned } from './import-kind';
import { locateColumns, type ColumnSpec, type RowProblem, type Sheet } from './spreadsheet';

const COLUMNS: readonly ColumnSpec[] = [
  { key: 'year', names: ['年度', '计划年度'], required: true },
  { key: 'document', names: ['文号', '发文字号'], required: true },
  { key: 'annex', names: ['附件', '附件号'], required: false },
  { key: 'title', names: ['表', '表名', '计划表'], required: true },
  { key: 'seq', names: ['序号'], required: true },
  { key: 'unitName', names: ['单位', '单位名称', '州市'], required: true },
  { key: 'region', names: ['州市代码', '行政区划代码'], required: true },
  { key: 'metric', names: ['指标', '栏目'], required: true },
  { key: 'value', names: ['数值', '任务数'], required: true },
  { key: 'unit', names: ['计量单位'], required: true },
  { key: 'note', names: ['备注'], required: false },
];
const nameOf = (key: string) => COLUMNS.find((c) => c.key === key)!.names[0];
/** Where a field of the figure is typed in the file. */
const COLUMN_OF_FIELD: Record<string, string> = {
  year: 'year',
  table: 'title',
  seq: 'seq',
  unitName: 'unitName',
  region: 'region',
  metric: 'metric',
  value: 'value',
  unit: 'unit',
  source: 'document',
};

/** A figure as planned: the draft, the stored row it corrects, and the row's note. */
export interface TargetRecord {
  draft: TargetDraft;
  existingId: number | null;
  note: string;
}

export const targetsKind: ImportKind<TargetRecord> = {
  kind: 'targets',
  title: '年度职业培训任务计划',
  columns: COLUMNS,
  naturalKey: 'year+table+unit+region+metric',

  async plan(
    em: EntityManager,
    writer: Writer,
    sheet: Sheet,
  ): Promise<{ planned: Planned<TargetRecord>[]; problems: RowProblem[] }> {
    const { cell, problems } = locateColumns(sheet.header, COLUMNS);
    if (problems.length) return { planned: [], problems };
    // Targets are the province's: a 州市 or county key is refused before any row is read.
    const scope = canWrite(writer, PROVINCE_CODE);
    if (!scope.allowed)
      return {
        planned: [],
        problems: [
          {
            row: 1,
            column: nameOf('title'),
            rule: 'scope.region',
            message: `targets are set by the province: ${scope.messageEn}`,
          },
        ],
      };
    const regions = new Set((await findRows(em, Region, {})).map((r) => r.code));
    // Real institutions before demo ones, the first registered first: a name names one unit.
    const institutions = new Map<string, number>();
    for (const i of await findRows(
      em,
      Institution,
      { type: { $in: [InstitutionType.TECHNICAL_SCHOOL, InstitutionType.PROVINCIAL_PROJECT_UNIT] } },
      { isDemo: 'asc', id: 'asc' },
    )) {
      if (!institutions.has(`${i.type}|${i.name}`)) institutions.set(`${i.type}|${i.name}`, i.id);
    }
    const seen = new Map<string, number>();
    const rows: { row: number; draft: TargetDraft; note: string; valid: boolean }[] = [];
    for (const [i, r] of sheet.rows.entries()) {
      const row = i + 2;
      const before = problems.length;
      const bad = (key: string, rule: string, message: string) =>
        problems.push({ row, column: nameOf(key), value: cell(r, key), rule, message });
      const table = tableOfTitle(cell(r, 'title'));
      const year = /^\d{4}$/.test(cell(r, 'year')) ? Number(cell(r, 'year')) : NaN;
      const printedYear = titleYear(cell(r, 'title'));
      if (!table)
        bad(
          'title',
          'target.table',
          `not a target table: one of ${Object.values(TARGET_TABLE_SHAPES)
            .map((s) => s.title)
            .join('、')} (the year may be in the title)`,
        );
      else if (printedYear !== null && printedYear !== year)
        bad('title', 'target.year', `the title is for ${printedYear}, the row's 年度 is ${cell(r, 'year')}`);
      const metric = table ? metricOf(table, cell(r, 'metric')) : null;
      const unitName = cell(r, 'unitName');
      const region = cell(r, 'region') || null;
      const draft: TargetDraft = {
        year,
        table: (table ?? cell(r, 'title')) as TargetTable,
        seq: /^\d+$/.test(cell(r, 'seq')) ? Number(cell(r, 'seq')) : NaN,
        unitName,
        region,
        institution: null,
        metric: metric?.key ?? cell(r, 'metric'),
        metricLabel: metric?.label ?? cell(r, 'metric'),
        value: cell(r, 'value'),
        unit: cell(r, 'unit'),
        isTotal: table ? isTotalFigure(table, { region, unitName }) : false,
        source: [cell(r, 'document'), cell(r, 'annex'), cell(r, 'title')].filter(Boolean).join(' '),
      };
      if (table) {
        for (const p of checkTargetDraft(draft))
          if (p.rule !== 'target.table') bad(COLUMN_OF_FIELD[p.field] ?? 'title', p.rule, p.message);
        const shape = TARGET_TABLE_SHAPES[table];
        if (region && !regions.has(region))
          bad('region', 'target.region', 'not a Yunnan region code (GB/T 2260), e.g. 530100');
        if (shape.institutionType && !TOTAL_UNIT_NAMES.has(unitName)) {
          draft.institution = institutions.get(`${shape.institutionType}|${unitName}`) ?? null;
          if (draft.institution === null)
            bad(
              'unitName',
              'target.institution',
              `no ${shape.institutionType === InstitutionType.TECHNICAL_SCHOOL ? '技工院校' : '省级项目单位'} of this name is registered: register it (institutions import) first, or write the name as registered`,
            );
        }
      }
      const key = targetKey(draft);
      if (seen.has(key))
        bad(
          'metric',
          'file.duplicate-key',
          `the same figure (year, table, unit, 州市, metric) as row ${seen.get(key)}`,
        );
      else seen.set(key, row);
      rows.push({ row, draft, note: cell(r, 'note'), valid: problems.length === before });
    }
    // What is stored of the file's tables, to plan each row and to check the totals as they will stand.
    const existingRows: Row<AnnualTarget>[] = [];
    const stored = new Map<string, Row<AnnualTarget>>();
    for (const group of new Set(rows.filter((x) => x.valid).map((x) => `${x.draft.year}|${x.draft.table}`))) {
      const [year, table] = group.split('|');
      existingRows.push(...(await findRows(em, AnnualTarget, { year: Number(year), table: table as TargetTable })));
    }
    for (const s of existingRows) stored.set(targetKey({ ...s, region: s.region ?? null }), s);
    const planned: Planned<TargetRecord>[] = [];
    type Figure = {
      table: TargetTable;
      region: string | null;
      unitName: string;
      metric: string;
      value: string;
      unit: string;
      persons: number;
      year: number;
      row: number | null;
      note: string;
    };
    const merged = new Map<string, Figure>();
    for (const s of existingRows)
      merged.set(targetKey({ ...s, region: s.region ?? null }), {
        ...s,
        region: s.region ?? null,
        row: null,
        note: '',
      });
    for (const { row, draft, note, valid } of rows) {
      if (!valid) continue;
      const key = targetKey(draft);
      const current = stored.get(key);
      const same =
        current &&
        current.seq === draft.seq &&
        current.value === draft.value &&
        current.unit === draft.unit &&
        current.metricLabel === draft.metricLabel &&
        current.isTotal === draft.isTotal &&
        (current.institution ?? null) === draft.institution &&
        current.source === draft.source;
      planned.push({
        row,
        key,
        action: !current ? 'create' : same ? 'unchanged' : 'update',
        record: { draft, existingId: current?.id ?? null, note },
      });
      merged.set(key, { ...draft, persons: toPersons(draft.value, draft.unit), row, note });
    }
    // Totals as the tables will stand after the import, year by year.
    const figures = [...merged.values()];
    for (const year of new Set(figures.map((f) => f.year))) {
      for (const m of checkTotals(figures.filter((f) => f.year === year))) {
        const at = m.total.row ?? m.parts.find((p) => p.row !== null)?.row ?? null;
        if (at === null) continue;
        if (m.total.row !== null && m.total.note.startsWith(AS_PRINTED_NOTE)) continue;
        const shape = TARGET_TABLE_SHAPES[m.total.table];
        problems.push({
          row: at,
          column: nameOf('value'),
          value: m.total.value,
          rule: 'target.total',
          message:
            `${m.total.unitName} ${m.total.metric} is ${m.total.value} ${m.total.unit}, but the ${m.parts.length} figures it totals add up to ${inUnit(m.sum, m.total.unit)} ${m.total.unit} (difference ${inUnit(m.difference, m.total.unit)} ${m.total.unit}) in ${shape.title}` +
            (m.total.row === null
              ? ' (the stored total: import it corrected with its parts)'
              : `; if the printed table itself disagrees, keep its figure and write ${AS_PRINTED_NOTE} in 备注`),
        });
      }
    }
    return { planned, problems };
  },

  async apply(tx: EntityManager, writer: Writer, p: Planned<TargetRecord>, run: ImportRun): Promise<RowProblem[]> {
    // The same write the province's own correction makes: scope, the figure's rules, audit, log.
    const r = await putTarget(tx, writer, p.record.draft, p.record.existingId, p.record.note, {
      at: run.at,
      deferLog: run.deferLog,
    });
    return r.ok
      ? []
      : r.problems.map((x) => ({
          row: p.row,
          column: nameOf(COLUMN_OF_FIELD[x.field] ?? 'title'),
          rule: x.rule,
          message: x.message,
        }));
  },
};
