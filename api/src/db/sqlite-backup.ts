/**
 * Backups of the embedded SQLite database while the API runs, through SQLite's online backup API
 * (better-sqlite3): the copy is one consistent state of the database, WAL included, where a copied
 * file may catch a write half done and miss what is still in the WAL. A restore checks the copy's
 * integrity before it puts it in place, and keeps what was there.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** What a backup or a restore holds, for the manifest and the operator. */
export interface SqliteSummary {
  /** The last migration run on it, or null for a database made before migrations were recorded. */
  lastMigration: string | null;
  /** Rows of the tables an operator checks first. */
  rows: Record<string, number>;
}

/** The tables counted in a summary. */
const COUNTED = ['subsidy_notice', 'course', 'institution', 'audit_entry'];

/** The most pages better-sqlite3 lets one backup step copy: all of them. */
const ALL_PAGES = 0x7fffffff;

/** How long a step of the backup waits for a writer: the API's own busy wait. */
const BUSY_TIMEOUT_MS = 5_000;

function summaryOf(db: Database.Database): SqliteSummary {
  const has = (table: string) =>
    db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table) !== undefined;
  const rows: Record<string, number> = {};
  for (const table of COUNTED)
    if (has(table)) rows[table] = (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  const last = has('schema_migration')
    ? (db.prepare('select name from schema_migration order by id desc limit 1').get() as { name: string } | undefined)
    : undefined;
  return { lastMigration: last?.name ?? null, rows };
}

/** Throws unless SQLite finds `file` whole (`PRAGMA integrity_check`). */
function checkIntegrity(db: Database.Database, what: string): void {
  const result = db.pragma('integrity_check', { simple: true });
  if (result !== 'ok') throw new Error(`${what} is damaged: SQLite's integrity check says "${String(result)}"`);
}

/**
 * Copies the database `file` (in use or not) to `dest`, a new file, checks the copy and tells
 * what it holds. A failure leaves no `dest` behind.
 * @example const summary = await backupSqlite('.data/catalogue.sqlite', 'backups/x/catalogue.sqlite');
 */
export async function backupSqlite(file: string, dest: string): Promise<SqliteSummary> {
  if (!fs.existsSync(file)) throw new Error(`there is no SQLite database at ${file}`);
  if (fs.existsSync(dest)) throw new Error(`${dest} exists already: a backup never overwrites`);
  const source = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    // All pages in one step: in WAL mode that step reads one snapshot while the API goes on
    // writing. In steps of 100 pages (the default), every write by another connection between two
    // steps starts the backup over, and under steady writes it might never finish.
    await source.backup(dest, { progress: () => ALL_PAGES });
    const copy = new Database(dest, { fileMustExist: true });
    try {
      // One file, without the -wal and -shm the source's WAL mode would give it once opened (the
      // API turns WAL on again when it opens a restored file).
      copy.pragma('journal_mode = DELETE');
      checkIntegrity(copy, 'the copy');
      return summaryOf(copy);
    } finally {
      copy.close();
    }
  } catch (e) {
    fs.rmSync(dest, { force: true });
    throw e;
  } finally {
    source.close();
  }
}

/**
 * Puts the backup `from` in place as the database `file`, after checking its integrity. An
 * existing database (with its -wal and -shm files) is refused unless `replace`, and then kept
 * beside it as `<file>.before-restore-<stamp>`, never deleted. The API must be stopped.
 * @example restoreSqlite('backups/x/catalogue.sqlite', '.data/catalogue.sqlite', { replace: true, stamp: '20261204T150000Z' })
 */
export function restoreSqlite(
  from: string,
  file: string,
  opts: { replace: boolean; stamp: string },
): { summary: SqliteSummary; keptAt: string | null } {
  const backup = new Database(from, { readonly: true, fileMustExist: true });
  let summary: SqliteSummary;
  try {
    checkIntegrity(backup, 'the backup');
    summary = summaryOf(backup);
  } finally {
    backup.close();
  }
  let keptAt: string | null = null;
  if (fs.existsSync(file)) {
    if (!opts.replace)
      throw new Error(`there is a database at ${file} already: give --replace to put it aside and restore over it`);
    keptAt = `${file}.before-restore-${opts.stamp}`;
    for (const suffix of ['', '-wal', '-shm'])
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, keptAt + suffix);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Copied under another name and renamed: a restore cut short leaves no half file as the database.
  const partial = `${file}.restoring`;
  fs.copyFileSync(from, partial);
  fs.renameSync(partial, file);
  return { summary, keptAt };
}
