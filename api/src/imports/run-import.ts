/**
 * Runs an import: read the file, plan every row, and — unless it is a dry run or any problem
 * was found — apply every change in one transaction, so an import lands whole or not at all.
 * Re-importing the same file changes nothing (every row `unchanged`).
 */
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import path from 'node:path';
import { audit } from '../audit/audit';
import { safeCsv } from '../common/csv-output';
import { maskResidentIdsIn } from '../common/personal-data';
import type { Writer } from '../publishers/writer';
import type { ImportKind } from './import-kind';
import { misreadHint } from '../common/csv-input';
import { readSheet, SheetProblem, type RowProblem, type Sheet } from './spreadsheet';
import type { LogEvent } from '../log/log-entries';

/** What an import did, or would do. */
export interface ImportReport {
  kind: string;
  file: string;
  rows: number;
  /** What the file was read as: a CSV's encoding (UTF-8, UTF-8 with BOM, GB18030, UTF-16LE/BE) or `xlsx`. */
  encoding?: string;
  create: number;
  update: number;
  unchanged: number;
  problems: RowProblem[];
  /** True when the changes were written. */
  applied: boolean;
}

class Aborted extends Error {
  constructor(readonly problems: RowProblem[]) {
    super('import aborted');
  }
}

/**
 * @example const report = await runImport(em, writer, institutionsKind, 'institutions.xlsx', { today: '2026-11-22', dryRun: true });
 */
export async function runImport<R>(
  em: EntityManager,
  writer: Writer,
  kind: ImportKind<R>,
  file: string,
  opts: { today: string; dryRun?: boolean; onProgress?: (done: number, total: number) => void },
): Promise<ImportReport> {
  let sheet: Sheet;
  try {
    sheet = await readSheet(file);
  } catch (e) {
    if (!(e instanceof SheetProblem)) throw e;
    return {
      kind: kind.kind,
      file: path.basename(file),
      rows: 0,
      create: 0,
      update: 0,
      unchanged: 0,
      applied: false,
      problems: [e.problem],
    };
  }
  return runImportSheet(em, writer, kind, sheet, path.basename(file), opts);
}

/**
 * The same on a table already read, named `name` in the report and the audit trail: what the
 * first-start load runs on the shipped files (e.g. data/targets-2022.csv), so they go through
 * the same checks and writes as a bureau's file.
 * @example await runImportSheet(em, SERVER_WRITER, targetsKind, await readSheet(file), 'targets-2022.csv', { today });
 */
export async function runImportSheet<R>(
  em: EntityManager,
  writer: Writer,
  kind: ImportKind<R>,
  sheet: Sheet,
  name: string,
  opts: {
    today: string;
    at?: Date;
    deferLog?: LogEvent[];
    dryRun?: boolean;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportReport> {
  const base = {
    kind: kind.kind,
    file: name,
    rows: sheet.rows.length,
    ...(sheet.encoding ? { encoding: sheet.encoding } : {}),
    create: 0,
    update: 0,
    unchanged: 0,
    applied: false,
  };
  if (sheet.rows.length === 0)
    return {
      ...base,
      problems: [{ row: 1, column: '-', rule: 'file.rows', message: 'the file has no rows under its header' }],
    };
  const plan = await kind.plan(em, writer, sheet);
  const { planned } = plan;
  const problems = plan.problems.map((p) =>
    p.rule === 'file.header' ? { ...p, message: p.message + misreadHint(sheet.encoding) } : p,
  );
  const count = (a: string) => planned.filter((p) => p.action === a).length;
  const report = { ...base, create: count('create'), update: count('update'), unchanged: count('unchanged'), problems };
  if (problems.length) return report;
  const changes = planned.filter((p) => p.action !== 'unchanged');
  try {
    // A dry run writes the rows too, inside the transaction, and rolls it back: the year's
    // rules and the other checks that need the rows written before it (a course's draw, a
    // notice's flags) report in a dry run exactly what the import would.
    await em.transactional(async (t) => {
      const tx = t as EntityManager;
      let done = 0;
      const run = { today: opts.today, at: opts.at, deferLog: opts.deferLog, memo: new Map<string, unknown>() };
      const failures: RowProblem[] = [];
      for (const p of changes) {
        // A refused row writes nothing; the others go on, so that one report lists every refusal.
        failures.push(...(await kind.apply(tx, writer, p, run)));
        opts.onProgress?.(++done, changes.length);
      }
      if (failures.length) throw new Aborted(failures);
      await kind.finish?.(tx, run);
      if (opts.dryRun) throw new Aborted([]);
      await audit(tx, writer, {
        action: `import.${kind.kind}`,
        entityType: 'Import',
        entityKey: base.file,
        region: writer.region,
        before: null,
        after: { rows: base.rows, create: report.create, update: report.update, unchanged: report.unchanged },
        summary: `${base.file}: ${report.create} created, ${report.update} updated, ${report.unchanged} unchanged`,
      });
    });
  } catch (e) {
    if (e instanceof Aborted) return { ...report, problems: e.problems };
    throw e;
  }
  return { ...report, applied: true };
}

/** The columns of a problem report, in order. */
const PROBLEM_COLUMNS = [
  { key: 'row', header: '行' },
  { key: 'column', header: '列' },
  { key: 'value', header: '值' },
  { key: 'rule', header: '规则' },
  { key: 'message', header: '问题' },
];

/**
 * A report's problems as CSV (UTF-8 with BOM, so Excel shows the Chinese): 行,列,值,规则,问题.
 * A value is the bureau's own cell, so it may begin with `=`: escaped like every CSV the project
 * writes (csv-output.ts), and a whole ID number typed into another column is masked.
 * @example problemsCsv([{ row: 2, column: '证书编号', value: '=1+2', rule: 'r', message: 'm' }]) // "\uFEFF行,列,值,规则,问题\n2,证书编号,'=1+2,r,m\n"
 */
export function problemsCsv(problems: readonly RowProblem[]): string {
  return safeCsv(
    PROBLEM_COLUMNS,
    problems.map((p) => ({ ...p, value: maskResidentIdsIn(p.value ?? ''), message: maskResidentIdsIn(p.message) })),
  );
}
