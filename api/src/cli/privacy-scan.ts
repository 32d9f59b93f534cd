import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { SearchService } from '@skills-yunnan/search';
import { cliConfig, failureLine } from './cli-errors';
import { openOrm } from '../db/orm';
import { mergeReports, scanDatabase, scanFiles, scanSearch, type ScanReport } from '../privacy/personal-data-scan';

/**
 * `npm run privacy:scan [-- --known raw-values.txt]`: looks for personal data stored whole —
 * any valid resident ID number (GB 11643), and each line of `--known` (raw names or numbers an
 * auditor or a test pushed in) — in every text column of the database, every document of the
 * search indexes (when Meilisearch answers), the built site and the logs under DATA_DIR.
 * Exits 1 when anything is found, naming where but never the value.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { known: { type: 'string' } } });
  const known = values.known
    ? fs
        .readFileSync(values.known, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
    : [];
  const config = cliConfig();
  const orm = await openOrm(config.database);
  const reports: ScanReport[] = [];
  try {
    reports.push(await scanDatabase(orm.em.fork() as SqlEntityManager, known));
  } finally {
    await orm.close();
  }
  const keyFile = path.join(config.dataDir, 'meilisearch', 'master-key');
  const connection =
    config.search.url && config.search.masterKey
      ? { url: config.search.url, apiKey: config.search.masterKey }
      : fs.existsSync(keyFile)
        ? { url: `http://127.0.0.1:${config.search.port}`, apiKey: fs.readFileSync(keyFile, 'utf8').trim() }
        : null;
  const search = connection ? new SearchService(connection) : null;
  if (search && (await search.isHealthy())) reports.push(await scanSearch(search, known));
  else console.log('[privacy] search indexes not scanned: Meilisearch is not running (start the API, then scan again)');
  reports.push(scanFiles(config.site.outDir, known));
  for (const log of fs.existsSync(config.dataDir) ? fs.readdirSync(config.dataDir) : [])
    if (log.endsWith('.log')) reports.push(scanFiles(path.join(config.dataDir, log), known));
  const meiliLog = path.join(config.dataDir, 'meilisearch', 'meilisearch.log');
  if (fs.existsSync(meiliLog)) reports.push(scanFiles(meiliLog, known));
  const all = mergeReports(...reports);
  console.log(
    `[privacy] scanned ${all.looked.rows} database rows, ${all.looked.documents} search documents, ${all.looked.files} files`,
  );
  if (all.findings.length === 0) {
    console.log(
      `[privacy] no whole resident ID number${known.length ? ` and none of the ${known.length} known raw values` : ''} found anywhere`,
    );
    return;
  }
  for (const f of all.findings)
    console.error(
      `[privacy] ${f.where}: ${f.count} × ${f.kind === 'resident-id' ? 'a whole resident ID number' : 'a known raw value'}`,
    );
  process.exitCode = 1;
}

main().catch((e) => {
  console.error(`[privacy] failed: ${failureLine(e)}`);
  process.exit(2);
});
