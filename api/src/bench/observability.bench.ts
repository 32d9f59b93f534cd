import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config';
import { openOrm } from '../db/orm';
import { prepareDatabase } from '../db/seed';
import { replaceSection } from './benchmarks-md';
import { startServer, stopServer, type BenchServer } from './bench-servers';
import { medianResult, primeCaches, runLoad, type BenchRequest, type LoadResult } from './load-runner';

/**
 * `npm run bench:observability`: what the request log costs (issue 18 §2). The same API twice,
 * each in its own process on one scale-1 SQLite file: one writing a JSON line per request to a
 * file (as for any client), its peer writing none (the site builder's reads, logged at `debug`);
 * both count every request in their metrics. Two workloads: the single `courses` query POSTed
 * (run every time) and sent as a GET answered from the response cache (the cheapest answer, where
 * a line weighs most). Rounds alternate the servers; figures are medians. Rewrites the
 * `## Logs and metrics` section of BENCHMARKS.md.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const QUERY =
  '{ courses(first: 20) { edges { cursor node { id title startDate subsidyPerTrainee institution { name } occupation { code name } region { code name } } } } }';
const WORKLOADS: Record<string, BenchRequest[]> = {
  'single query, POST (run)': [{ method: 'POST', path: '/graphql', body: JSON.stringify({ query: QUERY }) }],
  'single query, GET (response cache)': [{ method: 'GET', path: `/graphql?query=${encodeURIComponent(QUERY)}` }],
};
const say = (line: string) => console.log(`[bench:observability] ${line}`);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-bench-observability-'));
  const file = path.join(dir, 'catalogue.sqlite');
  const logFile = path.join(dir, 'requests.log');
  const servers: BenchServer[] = [];
  try {
    const orm = await openOrm(loadConfig({ DATABASE_URL: `sqlite:${file}` }).database);
    await prepareDatabase(orm, { scale: 1, seed: 20220211, today: '2026-11-21' });
    await orm.close(true);
    const env = { BENCH_CACHE_MAX_AGE: '30' };
    servers.push(
      await startServer('request lines written', 'api-server.js', [file], { env: { ...env, BENCH_LOG_FILE: logFile } }),
    );
    servers.push(await startServer('no request lines', 'api-server.js', [file], { env }));
    const results = await measure(servers);
    const lines = fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
    replaceSection('Logs and metrics', report(results, lines));
    say('BENCHMARKS.md updated');
  } finally {
    for (const s of servers) await stopServer(s);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Each workload's median on each server, rounds alternating the order of the servers. */
async function measure(servers: BenchServer[]): Promise<Map<string, Map<string, LoadResult>>> {
  const rounds = new Map<string, Map<string, LoadResult[]>>();
  for (const [name, workload] of Object.entries(WORKLOADS)) {
    rounds.set(name, new Map(servers.map((s) => [s.name, []])));
    for (const s of servers) {
      await primeCaches(s.url, workload);
      await runLoad(s.url, workload, CONNECTIONS, 2);
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? [...servers].reverse() : servers;
    for (const [name, workload] of Object.entries(WORKLOADS))
      for (const s of order) {
        const r = await runLoad(s.url, workload, CONNECTIONS, SECONDS);
        rounds.get(name)!.get(s.name)!.push(r);
        say(`round ${round + 1}: ${name}, ${s.name}: ${Math.round(r.rps)} req/s`);
      }
  }
  return new Map(
    [...rounds].map(([name, byServer]) => [name, new Map([...byServer].map(([s, rs]) => [s, medianResult(rs)]))]),
  );
}

function report(results: Map<string, Map<string, LoadResult>>, lines: string[]): string {
  const average = Math.round(lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0) / lines.length);
  const rows = [...results].flatMap(([workload, byServer]) => {
    const peer = byServer.get('no request lines')!;
    return [...byServer].map(
      ([server, r]) =>
        `| ${workload} | ${server} | ${Math.round(r.rps).toLocaleString('en')} | ${r.p50} | ${r.p99} | ${(r.rps / peer.rps).toFixed(2)} |`,
    );
  });
  return [
    '## Logs and metrics',
    '',
    `\`npm run bench:observability\` (api/src/bench/observability.bench.ts) on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}:`,
    `the same API in two processes on one scale-1 SQLite file, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s, medians.`,
    'One writes a JSON request line per answer to a file (pino, asynchronous), as it does for any client; its peer',
    'writes none, as for the site builder on loopback. Both count every request in their Prometheus metrics.',
    `${lines.length.toLocaleString('en')} lines were written, ${average} bytes each on average.`,
    '',
    '| workload | server | req/s | p50 ms | p99 ms | ÷ peer |',
    '|---|---|---:|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
