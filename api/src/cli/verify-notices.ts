import 'reflect-metadata';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { openOrm } from '../db/orm';
import { checkAllChains } from '../subsidies/chain-check';
import { cliConfig, failureLine, UsageError } from './cli-errors';

/**
 * `npm run notices:verify [-- --notice <number>]`: re-hashes every published revision of every
 * subsidy notice from the database and checks each chain (hash of the canonical JSON, link to
 * the previous revision, numbering). Exits 1 and lists every problem when a published revision
 * was changed, removed or reordered; 0 when every chain holds.
 *
 * The same check needs no access to the database: the API publishes each revision's
 * `canonicalJson`, `sha256` and `previousSha256` (see README, "Verifying a notice").
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--notice');
  const only = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && !only)
    throw new UsageError('--notice needs a notice number, e.g. --notice "（演示）五华人社培公〔2022〕第1号"');
  const config = cliConfig();
  const orm = await openOrm(config.database);
  try {
    const started = Date.now();
    const report = await checkAllChains(orm.em.fork() as SqlEntityManager, only, (done) => {
      if (process.stdout.isTTY) process.stdout.write(`\r[verify] ${done} notices checked…`);
    });
    if (process.stdout.isTTY) process.stdout.write('\n');
    if (only && report.notices === 0) throw new UsageError(`no notice numbered "${only}"`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `[verify] ${report.notices} notices, ${report.revisions} revisions, ${report.lines} lines re-hashed in ${seconds} s`,
    );
    if (report.problems.length === 0) {
      console.log('[verify] every chain holds: no published revision was changed, removed or reordered');
      return;
    }
    for (const p of report.problems)
      console.error(`[verify] ${p.notice} revision ${p.revision}: ${p.rule}: ${p.message}`);
    console.error(
      `[verify] ${report.problems.length} problem(s) in ${new Set(report.problems.map((p) => p.notice)).size} notice(s)`,
    );
    process.exitCode = 1;
  } finally {
    await orm.close();
  }
}

main().catch((e) => {
  console.error(`[verify] failed: ${failureLine(e)}`);
  process.exit(2);
});
