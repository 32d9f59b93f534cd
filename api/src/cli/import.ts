import 'reflect-metadata';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { SingleBar, Presets } from 'cli-progress';
import { todayIn } from '../config';
import { openOrm } from '../db/orm';
import { prepareDatabase } from '../db/seed';
import { findRows } from '../db/rows';
import { institutionsKind } from '../imports/import-institutions';
import { noticesKind } from '../imports/import-notices';
import { directoryKind } from '../imports/import-directory';
import { agenciesKind } from '../imports/import-agencies';
import { targetsKind } from '../imports/import-targets';
import { coursesKind } from '../imports/import-courses';
import type { ImportKind } from '../imports/import-kind';
import { problemsCsv, runImport } from '../imports/run-import';
import { Publisher } from '../publishers/publisher.entity';
import { SERVER_WRITER, type Writer } from '../publishers/writer';
import { maskResidentIdsIn } from '../common/personal-data';
import { cliConfig, failureLine, UsageError } from './cli-errors';

// biome-ignore lint/suspicious/noExplicitAny: each kind has its own record type
const KINDS: Record<string, ImportKind<any>> = {
  institutions: institutionsKind,
  notices: noticesKind,
  directory: directoryKind,
  agencies: agenciesKind,
  targets: targetsKind,
  courses: coursesKind,
};

const USAGE = `usage: npm run import -- <kind> <file.xlsx|file.csv> [--dry-run] [--report report.csv] [--publisher <id>]

kinds: ${Object.keys(KINDS).join(', ')} (column headings and a template per kind: data/templates/)

A .csv may be UTF-8 (with or without BOM), GB18030/GBK (Excel's "CSV" on a Chinese Windows) or
UTF-16 with BOM (Excel's "Unicode text", tab-separated); the encoding read is reported.

Every row is checked and every problem reported at once (row, column, value, rule); nothing is
written unless every row passes, and then everything is written in one transaction. Rows are
matched on their natural key, so importing the same file again changes nothing.
  --dry-run            check and report only; change nothing
  --report <file>      also write the problems as CSV (UTF-8 with BOM): 行,列,值,规则,问题
  --publisher <id>     import as this publisher, within its region (default: the server operator, province-wide)`;

/** `npm run import`: the spreadsheet importers. */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      report: { type: 'string' },
      publisher: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const [kindName, file] = positionals;
  if (values.help || !kindName || !file) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const kind = KINDS[kindName];
  if (!kind) throw new UsageError(`unknown kind "${kindName}": one of ${Object.keys(KINDS).join(', ')}`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${file}: no such file`);
  const config = cliConfig();
  const orm = await openOrm(config.database);
  try {
    await prepareDatabase(orm, { scale: config.demoScale, seed: config.demoSeed, today: todayIn(config) });
    const em = orm.em.fork() as SqlEntityManager;
    let writer: Writer = { ...SERVER_WRITER, name: `cli:import ${kindName}` };
    if (values.publisher) {
      const [p] = await findRows(em, Publisher, { id: Number(values.publisher) || -1 });
      if (!p || p.disabledAt) throw new UsageError(`--publisher: no open account with id "${values.publisher}"`);
      writer = { publisherId: p.id, name: p.name, keyId: null, region: p.region, isAdmin: p.isAdmin };
    }
    const bar = process.stderr.isTTY
      ? new SingleBar({ format: '[import] {bar} {value}/{total} records written' }, Presets.shades_classic)
      : null;
    let started = false;
    let lastTenth = 0;
    const report = await runImport(em, writer, kind, file, {
      today: todayIn(config),
      dryRun: values['dry-run'],
      onProgress: (done, total) => {
        // Without a terminal (a log, a test watching the output), a line per tenth instead of the bar.
        const tenth = Math.floor((done * 10) / total);
        if (!bar && tenth > lastTenth) console.error(`[import] ${done}/${total} records written (not yet committed)`);
        lastTenth = tenth;
        if (!bar) return;
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
    });
    bar?.stop();
    if (values.report) {
      try {
        fs.writeFileSync(values.report, problemsCsv(report.problems));
      } catch {
        throw new UsageError(`--report: cannot write ${values.report}`);
      }
    }
    const counts = `${report.rows} rows: ${report.create} to create, ${report.update} to update, ${report.unchanged} unchanged`;
    const read = report.encoding ? ` (read as ${report.encoding})` : '';
    if (report.problems.length) {
      for (const p of report.problems)
        console.error(
          maskResidentIdsIn(
            `[import] row ${p.row}, ${p.column}${p.value ? ` ("${p.value}")` : ''}: ${p.rule}: ${p.message}`,
          ),
        );
      console.error(
        `[import] ${report.problems.length} problem(s) in ${file}${read} (${counts}); nothing was written${values.report ? `; report: ${values.report}` : ''}`,
      );
      process.exitCode = 1;
      return;
    }
    console.log(
      report.applied
        ? `[import] ${file}${read}: ${report.rows} rows: ${report.create} created, ${report.update} updated, ${report.unchanged} unchanged; written in one transaction`
        : `[import] dry run of ${file}${read}: ${counts}; nothing was written`,
    );
  } finally {
    await orm.close();
  }
}

main().catch((e) => {
  console.error(`[import] failed: ${failureLine(e)}${e instanceof UsageError ? '' : '; nothing was written'}`);
  process.exit(2);
});
