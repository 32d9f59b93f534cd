import 'reflect-metadata';
import { loadConfig } from '../config';
import { openOrm } from '../db/orm';
import { startApi } from '../server';

/** The real API on a given SQLite file and port, for the benchmark. Usage: `node dist/bench/api-server.js <sqlite file> <port>`. */
async function main(): Promise<void> {
  const [file, port] = process.argv.slice(2);
  const config = { ...loadConfig({ PORT: port, CATALOGUE_TODAY: '2026-11-21' }), database: { kind: 'sqlite' as const, file } };
  const orm = await openOrm(config.database);
  await startApi(orm, config);
  process.send?.('ready');
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
