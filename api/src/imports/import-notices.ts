/**
 * Importing subsidy notices from a bureau's table: one row per trainee, with the notice's own
 * columns (number, title, issuing bureau, class, date) repeated on each of its rows, so one file
 * can hold a year's notices. Keyed on the notice number: a notice already published with the
 * same lines is left as it is; one published with different lines is refused (a correction is a
 * new revision: `correctNotice`, never a second import). Names and ID numbers are checked
 * (GB 11643) and masked before anything is stored, and never repeated in a problem.
 */
import { analyzeDatabase } from '../db/analyze';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { isIsoDate } from '../common/dates';
import { Course } from '../courses/course.entity';
import { ReferenceData } from '../db/reference';
import { findRows } from '../db/rows';
import { Occupation } from '../occupations/occupation.entity';
import { canWrite } from '../publishers/publisher.rules';
import type { Writer } from '../publishers/writer';
import { Region } from '../regions/region.entity';
import { checkNoticeRows, LINE_COLUMNS, type LineColumn, type MaskedLine } from '../subsidies/notice-import.rules';
import { publishNotice, type NoticeHeader } from '../subsidies/notice-publish';
import { storeNoticeFlags } from '../subsidies/notice-flags';
import { createLoaders } from '../db/loaders';
import { revisionContent } from '../subsidies/revision-content';
import { SubsidyNotice, SubsidyNoticeLine, SubsidyNoticeRevision } from '../subsidies/subsidy-notice.entity';
import type { ImportKind, ImportRun, Planned } from './import-kind';
import { locateColumns, type ColumnSpec, type RowProblem, type Sheet } from './spreadsheet';

/** Notices in one import from which the planner's statistics are refreshed before the flags. */
const ANALYZE_AFTER = 500;

const NOTICE_COLUMNS: readonly ColumnSpec[] = [
  { key: 'number', names: ['公示编号', '公示文号'], required: true },
  { key: 'title', names: ['公示标题', '标题'], required: true },
  { key: 'bureau', names: ['发布单位代码', '发布单位行政区划代码'], required: true },
  { key: 'classNumber', names: ['培训班编号', '班次编号'], required: false },
  { key: 'publishedOn', names: ['发布日期', '公示日期'], required: true },
];
const COLUMNS: readonly ColumnSpec[] = [
  ...NOTICE_COLUMNS,
  ...(Object.entries(LINE_COLUMNS) as [LineColumn, readonly string[]][]).map(([key, names]) => ({
    key,
    names,
    required: key !== 'certificate',
  })),
];
const nameOf = (key: string) => COLUMNS.find((c) => c.key === key)!.names[0];

/** A notice as planned: its header and masked lines. */
export interface NoticeRecord {
  header: NoticeHeader;
  lines: MaskedLine[];
}

export const noticesKind: ImportKind<NoticeRecord> = {
  kind: 'notices',
  title: '培训补贴公示',
  columns: COLUMNS,
  naturalKey: 'number',

  async plan(
    em: EntityManager,
    writer: Writer,
    sheet: Sheet,
  ): Promise<{ planned: Planned<NoticeRecord>[]; problems: RowProblem[] }> {
    const { cell, problems } = locateColumns(sheet.header, COLUMNS);
    if (problems.length) return { planned: [], problems };
    const occupationCodes = new Set((await findRows(em, Occupation, {})).map((o) => o.code));
    const regions = new Set((await findRows(em, Region, {})).map((r) => r.code));
    // Rows by notice, in file order.
    const groups = new Map<string, { rows: string[][]; rowNumbers: number[] }>();
    sheet.rows.forEach((r, i) => {
      const n = cell(r, 'number');
      const g = groups.get(n) ?? { rows: [], rowNumbers: [] };
      g.rows.push(r);
      g.rowNumbers.push(i + 2);
      groups.set(n, g);
    });
    const existing = new Map(
      (await findRows(em, SubsidyNotice, { number: { $in: [...groups.keys()].filter(Boolean) } })).map((n) => [
        n.number,
        n,
      ]),
    );
    const classes = new Map(
      (
        await findRows(em, Course, {
          classNumber: { $in: [...new Set(sheet.rows.map((r) => cell(r, 'classNumber')).filter(Boolean))] },
        })
      ).map((c) => [c.classNumber, c]),
    );
    const planned: Planned<NoticeRecord>[] = [];
    for (const [number, g] of groups) {
      const first = g.rows[0];
      const row = g.rowNumbers[0];
      const bad = (r: number, key: string, rule: string, message: string, value?: string) =>
        problems.push({ row: r, column: nameOf(key), rule, message, ...(value !== undefined ? { value } : {}) });
      const header: NoticeHeader = {
        number,
        title: cell(first, 'title'),
        bureau: cell(first, 'bureau'),
        classNumber: cell(first, 'classNumber') || null,
        publishedOn: cell(first, 'publishedOn'),
      };
      if (!number) {
        for (const r of g.rowNumbers) bad(r, 'number', 'notice.number', 'every row names its notice');
        continue;
      }
      // The notice's own columns are the same on each of its rows.
      g.rows.forEach((r, i) => {
        for (const key of ['title', 'bureau', 'classNumber', 'publishedOn'] as const) {
          if (cell(r, key) !== (header[key] ?? ''))
            bad(
              g.rowNumbers[i],
              key,
              'file.notice-header',
              `differs from row ${row}, the first row of notice ${number}`,
              cell(r, key),
            );
        }
      });
      if (!header.title || header.title.length > 256)
        bad(row, 'title', 'notice.title', 'a title of 1–256 characters is required', header.title);
      if (!isIsoDate(header.publishedOn))
        bad(row, 'publishedOn', 'notice.date', 'must be a YYYY-MM-DD date', header.publishedOn);
      if (!regions.has(header.bureau))
        bad(row, 'bureau', 'notice.bureau', 'not a Yunnan region code (GB/T 2260), e.g. 530102', header.bureau);
      else {
        const scope = canWrite(writer, header.bureau);
        if (!scope.allowed) bad(row, 'bureau', 'scope.region', scope.messageEn, header.bureau);
      }
      if (header.classNumber && !classes.has(header.classNumber))
        bad(row, 'classNumber', 'notice.class', 'no class with this class number', header.classNumber);
      const cells = g.rows.map(
        (r) =>
          Object.fromEntries((Object.keys(LINE_COLUMNS) as LineColumn[]).map((k) => [k, cell(r, k)])) as Record<
            LineColumn,
            string
          >,
      );
      const checked = checkNoticeRows(
        cells,
        { occupationCodes },
        { firstRow: row, rowNumbers: g.rowNumbers, columnOf: (k) => LINE_COLUMNS[k][0] },
      );
      problems.push(...checked.problems);
      if (checked.problems.length) continue;
      const published = existing.get(number);
      let action: Planned<NoticeRecord>['action'] = 'create';
      if (published) {
        const [revision] = await findRows(em, SubsidyNoticeRevision, {
          notice: published.id,
          revision: published.revision,
        });
        const lines = await findRows(
          em,
          SubsidyNoticeLine,
          { notice: published.id, revision: published.revision },
          { seq: 'asc' },
        );
        const stored = revisionContent(published, header.classNumber ?? null, revision, lines);
        const same =
          JSON.stringify(stored.lines) === JSON.stringify(checked.lines.map((l) => ({ ...l }))) &&
          stored.notice.title === header.title &&
          stored.notice.bureau === header.bureau &&
          stored.notice.publishedOn === header.publishedOn;
        if (same) action = 'unchanged';
        else
          bad(
            row,
            'number',
            'notice.number-unique',
            'this notice is already published with other lines or header: a correction is published as a new revision (correctNotice), never re-imported',
            number,
          );
      }
      planned.push({ row, key: number, action, record: { header, lines: checked.lines } });
    }
    return { planned, problems };
  },

  async finish(tx: EntityManager, run: ImportRun): Promise<void> {
    // Red flags of every imported notice in a few grouped queries (and of the earlier notices
    // their repeats point at), instead of notice by notice over a growing table.
    const ids = (run.memo.get('published') as number[] | undefined) ?? [];
    const reference = (run.memo.get('reference') as ReferenceData | undefined) ?? (await ReferenceData.load(tx));
    // A big file changes the tables' shape enough to mislead the planner in the flags' joins.
    if (ids.length >= ANALYZE_AFTER) await analyzeDatabase(tx);
    for (let i = 0; i < ids.length; i += 2000)
      await storeNoticeFlags(
        { em: tx, today: run.today, loaders: createLoaders(tx), reference },
        ids.slice(i, i + 2000),
      );
  },

  async apply(tx: EntityManager, writer: Writer, p: Planned<NoticeRecord>, run: ImportRun): Promise<RowProblem[]> {
    // The reference tables are the same for every notice of one import: read them once.
    let reference = run.memo.get('reference') as ReferenceData | undefined;
    if (!reference) {
      reference = await ReferenceData.load(tx);
      run.memo.set('reference', reference);
    }
    const r = await publishNotice(tx, p.record.header, p.record.lines, {
      today: run.today,
      writer,
      reference,
      deferFlags: true,
    });
    if (r.ok) run.memo.set('published', [...((run.memo.get('published') as number[] | undefined) ?? []), r.id]);
    return r.ok
      ? []
      : r.problems.map((x) => ({
          row: p.row,
          column: x.column,
          rule: x.rule,
          message: x.message,
          ...(x.value !== undefined ? { value: x.value } : {}),
        }));
  },
};
