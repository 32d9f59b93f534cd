import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { openOrm } from '../db/orm';
import { ReferenceData } from '../db/reference';
import { dumpYear } from '../subsidies/notice-dumps';
import { cliConfig, failureLine } from './cli-errors';

/**
 * `npm run notices:dump -- --year 2022 [--out DIR]`: the full dump of a year's notices (CSV with
 * BOM, JSON Lines) and its SHA256SUMS, into DIR (default `<DATA_DIR>/dumps/<year>`).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { year: { type: 'string' }, out: { type: 'string' } } });
  const year = Number(values.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    console.error('usage: npm run notices:dump -- --year 2022 [--out DIR]');
    process.exitCode = 2;
    return;
  }
  const config = cliConfig();
  const out = values.out ?? path.join(config.dataDir, 'dumps', String(year));
  const orm = await openOrm(config.database);
  try {
    const em = orm.em.fork() as SqlEntityManager;
    const started = Date.now();
    const result = await dumpYear(em, await ReferenceData.load(em), year, out, (n) => {
      if (process.stdout.isTTY) process.stdout.write(`\r[dump] ${n} notices…`);
    });
    if (process.stdout.isTTY) process.stdout.write('\n');
    console.log(
      `[dump] ${year}: ${result.notices} notices, ${result.lines} lines in ${((Date.now() - started) / 1000).toFixed(1)} s into ${out}`,
    );
    for (const f of result.files)
      console.log(`[dump] ${f.sha256}  ${f.name} (${(f.bytes / 1024 / 1024).toFixed(1)} MB)`);
    console.log(`[dump] check with: cd ${out} && sha256sum -c SHA256SUMS`);
  } finally {
    await orm.close();
  }
}

main().catch((e) => {
  console.error(`[dump] failed: ${failureLine(e)}`);
  process.exit(2);
});
