import 'reflect-metadata';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { todayIn } from '../config';
import { SERVER_WRITER } from '../publishers/writer';
import { openOrm } from '../db/orm';
import { prepareDatabase } from '../db/seed';
import { findRows } from '../db/rows';
import { Occupation } from '../occupations/occupation.entity';
import { hasControlCharacter } from '../common/csv-input';
import { parseNoticeLines, type ImportProblem } from '../subsidies/notice-import.rules';
import { publishNotice } from '../subsidies/notice-publish';
import { maskResidentIdsIn } from '../common/personal-data';
import { cliConfig, failureLine, UsageError } from './cli-errors';

const USAGE = `usage: npm run notices:import -- --file lines.csv --number "昆人社培公〔2026〕第1号" --title "…的公示" --bureau 530102 --published 2026-11-16 [--class KB2026-530102-00001] [--dry-run]

The CSV (UTF-8 with or without BOM, GB18030/GBK, or UTF-16 with BOM: Excel's "Unicode text") has one row per trainee under the header
  序号,姓名,身份证号码,职业（工种）编码,等级,证书编号,出勤率,补贴金额（元）
(template: data/templates/notice-lines.csv). Names and ID numbers are masked before anything is
stored; an ID number failing GB 11643 rejects the file. Nothing is written unless every row passes.`;

function print(problems: ImportProblem[]): void {
  for (const p of problems) {
    const where = p.row > 0 ? `row ${p.row}, ${p.column}` : `--${p.column}`;
    // Values are given only for columns that are not personal; an ID number typed into one is masked all the same.
    console.error(
      maskResidentIdsIn(
        `[import] ${where}: ${p.rule}: ${p.message}${p.value !== undefined && p.value !== '' ? ` (got "${p.value}")` : ''}`,
      ),
    );
  }
  console.error(`[import] ${problems.length} problem(s); nothing was written`);
}

/** Prints the problems and marks the run failed (exit status 1). */
function fail(problems: ImportProblem[]): void {
  print(problems);
  process.exitCode = 1;
}

/** `npm run notices:import`: publishes a subsidy notice from a bureau's trainee list. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      number: { type: 'string' },
      title: { type: 'string' },
      bureau: { type: 'string' },
      published: { type: 'string' },
      class: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.file || !values.number || !values.title || !values.bureau || !values.published) {
    console.error(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  for (const option of ['number', 'title', 'bureau', 'published', 'class'] as const) {
    if (values[option] !== undefined && hasControlCharacter(values[option]))
      throw new UsageError(`--${option}: holds a control character; type it again`);
  }
  if (!fs.existsSync(values.file) || !fs.statSync(values.file).isFile())
    throw new UsageError(`--file ${values.file}: no such file`);
  const config = cliConfig();
  const orm = await openOrm(config.database);
  try {
    await prepareDatabase(orm, { scale: config.demoScale, seed: config.demoSeed, today: todayIn(config) });
    const em = orm.em.fork() as SqlEntityManager;
    const codes = new Set((await findRows(em, Occupation, {})).map((o) => o.code));
    const parsed = parseNoticeLines(fs.readFileSync(values.file), { occupationCodes: codes });
    if (parsed.encoding) console.error(`[import] ${values.file}: read as ${parsed.encoding}`);
    if (parsed.problems.length) return fail(parsed.problems);
    const header = {
      number: values.number,
      title: values.title,
      bureau: values.bureau,
      classNumber: values.class ?? null,
      publishedOn: values.published,
    };
    if (values['dry-run']) {
      console.log(`[import] dry run: ${parsed.lines.length} lines pass every check; nothing was written`);
      return;
    }
    const result = await publishNotice(em, header, parsed.lines, {
      today: todayIn(config),
      writer: { ...SERVER_WRITER, name: 'cli:notices:import' },
    });
    if (!result.ok) return fail(result.problems);
    console.log(
      `[import] published ${result.number}: ${result.lineCount} lines, ${result.totalAmount} 元, objections until ${result.objectionUntil}, revision 1 sha256 ${result.sha256}`,
    );
  } finally {
    await orm.close();
  }
}

main().catch((e) => {
  console.error(`[import] failed: ${failureLine(e)}${e instanceof UsageError ? '' : '; nothing was written'}`);
  process.exit(2);
});
