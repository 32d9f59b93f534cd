import 'reflect-metadata';
import { loadConfig } from '../config';
import { openOrm } from '../db/orm';
import { startApi } from '../server';

/** The real API on a given SQLite file and port, for the benchmark. Usage: `node dist/bench/api-server.js <sqlite file> <port>`. */
async function main(): Promise<void> {
  const [file, port] = process.argv.slice(2);
  // No read limit: one load generator on loopback is one address, and the limit would answer
  // it with 429s long before the server is at its own limit (0 = unlimited).
  const config = {
    ...loadConfig({ PORT: port, CATALOGUE_TODAY: '2026-11-21', RATE_LIMIT_READ_POINTS: '0' }),
    database: { kind: 'sqlite' as const, file },
  };
  const orm = await openOrm(config.database);
  await startApi(orm, config);
  // The fuzz benchmark asks what the heap holds after a full collection (with --expose-gc): what stays, not what is in flight.
  process.on('message', (m) => {
    if (m !== 'heap') return;
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.(process.memoryUsage());
  });
  process.send?.('ready');
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
