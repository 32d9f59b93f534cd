import { parseArgs } from 'node:util';
import { cliConfig, failureLine, UsageError } from './cli-errors';
import { backupSqlite, restoreSqlite, type SqliteSummary } from '../db/sqlite-backup';

const USAGE = `Usage (scripts/backup.sh and scripts/restore.sh call these for the embedded database):
  node api/dist/cli/sqlite-backup.js backup <new file>        copy the SQLite database (DATABASE_URL=sqlite:…,
                                                              or DATA_DIR's catalogue.sqlite) while the API runs
  node api/dist/cli/sqlite-backup.js restore <file> [--replace] [--stamp <time>]
                                                              put a backup in its place (stop the API first)`;

const line = (s: SqliteSummary) =>
  `${Object.entries(s.rows)
    .map(([table, n]) => `${n} ${table}`)
    .join(', ')}; last migration ${s.lastMigration ?? 'unknown'}`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { replace: { type: 'boolean' }, stamp: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [command, target] = positionals;
  if (values.help || !command) return void console.log(USAGE);
  if (!target) throw new UsageError(`${command} needs a file\n\n${USAGE}`);
  const { database } = cliConfig();
  if (database.kind !== 'sqlite')
    throw new UsageError('DATABASE_URL names PostgreSQL: its backups are made with pg_dump (scripts/backup.sh)');
  if (command === 'backup') {
    const summary = await backupSqlite(database.file, target);
    // Read by scripts/backup.sh for the manifest.
    console.log(`last migration: ${summary.lastMigration ?? 'unknown'}`);
    console.log(`rows: ${line(summary)}`);
  } else if (command === 'restore') {
    const stamp = values.stamp ?? new Date().toISOString().replace(/[-:]|\.\d+/g, '');
    const { summary, keptAt } = restoreSqlite(target, database.file, { replace: Boolean(values.replace), stamp });
    if (keptAt) console.log(`restore: the database there before is kept at ${keptAt}`);
    console.log(`restore: ${line(summary)}`);
  } else throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
}

main().catch((e) => {
  // A backup's own errors name the files, which the operator gave; anything else by kind only.
  console.error(
    `[sqlite-backup] failed: ${e instanceof Error && !(e as { code?: unknown }).code ? e.message : failureLine(e)}`,
  );
  process.exit(1);
});
