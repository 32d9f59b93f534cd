import 'reflect-metadata';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { checkDraws } from '../courses/draw-check';
import { openOrm } from '../db/orm';
import { cliConfig, failureLine, UsageError } from './cli-errors';

/**
 * `npm run draws:verify [-- --class <class number>]`: re-runs every recorded draw of an
 * assessing agency (or one class's) from its published inputs, and re-derives those inputs from
 * the records. Exits 1 naming the class and the rule when one does not hold.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--class');
  const only = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && !only) throw new UsageError('--class needs a class number, e.g. --class KB2026-530102-00001');
  const config = cliConfig();
  const orm = await openOrm(config.database);
  try {
    const { draws, problems } = await checkDraws(orm.em.fork() as SqlEntityManager, only);
    if (only && draws === 0) throw new UsageError(`no recorded draw for class "${only}"`);
    console.log(`[draws] ${draws} draw(s) re-run`);
    if (!problems.length) {
      console.log('[draws] every draw holds: same seed, same agency, inputs as the records show');
      return;
    }
    for (const p of problems) console.error(`[draws] ${p.classNumber}: ${p.rule}: ${p.message}`);
    process.exitCode = 1;
  } finally {
    await orm.close();
  }
}

main().catch((e) => {
  console.error(`[draws] failed: ${failureLine(e)}`);
  process.exit(2);
});
