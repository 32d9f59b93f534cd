import 'reflect-metadata';
import { loadConfig } from '../config';
import { openOrm } from '../db/orm';
import { SearchRuntime } from '../search/search-runtime';
import { startApi } from '../server';

/**
 * The real API on a given SQLite file and port, with search connected to a Meilisearch that is
 * already running and indexed, for the search benchmark. The server's URL and master key come
 * from the environment (`MEILI_URL`, `MEILI_MASTER_KEY`) so the key never shows in a process list.
 * Usage: `MEILI_URL=… MEILI_MASTER_KEY=… node dist/bench/search-api-server.js <sqlite file> <port>`.
 */
async function main(): Promise<void> {
  const [file, port] = process.argv.slice(2);
  if (!process.env.MEILI_URL || !process.env.MEILI_MASTER_KEY)
    throw new Error('MEILI_URL and MEILI_MASTER_KEY must be set');
  const config = {
    ...loadConfig({
      PORT: port,
      CATALOGUE_TODAY: '2026-11-21',
      MEILI_URL: process.env.MEILI_URL,
      MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY,
    }),
    database: { kind: 'sqlite' as const, file },
  };
  const orm = await openOrm(config.database);
  // External mode: connects to the benchmark's Meilisearch; the indexes were built by the parent.
  const search = await SearchRuntime.start(config);
  if (!search.service) throw new Error(`search is down: ${search.problem}`);
  const api = await startApi(orm, config, search);
  process.send?.({ ready: api.url });
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
