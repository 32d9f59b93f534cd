import 'reflect-metadata';
import { loadConfig } from '../config';
import { openOrm } from '../db/orm';
import { startApi } from '../server';
import { destination } from 'pino';
import { createLogger } from '../observability/logger';

/**
 * The real API on a given SQLite file or PostgreSQL database and port, for the benchmarks.
 * Its response cache is on only when `BENCH_CACHE_MAX_AGE` (seconds) is given: uncached runs
 * measure the API's own work. It answers the IPC message `count` with how many /graphql
 * requests it has received, so a benchmark can tell that a proxy's cache hit never reached it.
 * `BENCH_LOG_FILE` writes a request line per answer to that file (at `info`, as for any client;
 * the load comes from loopback, which is otherwise the site builder's and logged at `debug`).
 * Usage: `node dist/bench/api-server.js <sqlite file | postgres://…> <port>`.
 */
async function main(): Promise<void> {
  const [where, port] = process.argv.slice(2);
  const config = loadConfig({
    PORT: port,
    CATALOGUE_TODAY: '2026-11-21',
    // No read limit: one load generator on loopback is one address, and the limit would answer
    // it with 429s long before the server is at its own limit (0 = unlimited).
    RATE_LIMIT_READ_POINTS: '0',
    CACHE_MAX_AGE: process.env.BENCH_CACHE_MAX_AGE ?? '0',
    DATABASE_URL: /^postgres(ql)?:\/\//.test(where) ? where : `sqlite:${where}`,
  });
  const orm = await openOrm(config.database);
  const logFile = process.env.BENCH_LOG_FILE;
  const api = await startApi(
    orm,
    logFile ? { ...config, rateLimits: { ...config.rateLimits, exempt: [] } } : config,
    null,
    logFile ? { logger: createLogger('info', destination({ dest: logFile, sync: false })) } : {},
  );
  let graphqlRequests = 0;
  api.httpServer.on('request', (req) => {
    if (req.url?.startsWith('/graphql')) graphqlRequests++;
  });
  // Gone with the benchmark that forked it, however it ended.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m) => {
    if (m === 'count') process.send?.({ graphqlRequests });
    // The fuzz benchmark asks what the heap holds after a full collection (with --expose-gc): what stays, not what is in flight.
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
