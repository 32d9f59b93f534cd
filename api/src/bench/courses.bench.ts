import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { REPO_ROOT } from '../config';
import { openOrm } from '../db/orm';
import { prepareDatabase } from '../db/seed';
import { BENCH_QUERY } from './bench-query';

/**
 * `npm run bench`: loopback load on `courses(first: 20)` with nested institution, occupation and
 * region at demo scale 1, against the API and, in the same run, against the floor (plain `http`
 * + hand-written SQL on the same file). Writes BENCHMARKS.md. Each server runs in its own
 * process so the load generator does not share its event loop.
 */
const DURATION_S = Number(process.env.BENCH_DURATION ?? 15);
/** Concurrent connections of the throughput run; the latency run uses one. */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Run {
  rps: number;
  p50: number;
  p99: number;
  total: number;
}

function startServer(script: string, file: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, script), [file, String(port)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function load(url: string, duration: number, connections: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    connections,
    duration,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: BENCH_QUERY }),
  });
}

async function measure(name: string, script: string, file: string, port: number) {
  const child = await startServer(script, file, port);
  try {
    const url = `http://127.0.0.1:${port}/graphql`;
    const probe = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: BENCH_QUERY }),
    });
    const body = (await probe.json()) as any;
    if (!body.data?.courses?.edges?.length) throw new Error(`${name} answered ${JSON.stringify(body).slice(0, 200)}`);
    await load(url, 3, CONNECTIONS); // warm-up: JIT, statement caches
    const runs: Run[] = [];
    for (const connections of [CONNECTIONS, 1]) {
      const r = await load(url, DURATION_S, connections);
      if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx responses, ${r.errors} errors`);
      console.log(
        `${name}, ${connections} connection(s): ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`,
      );
      runs.push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total });
    }
    return { name, loaded: runs[0], single: runs[1], body: JSON.stringify(body.data) };
  } finally {
    child.kill();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-bench-'));
  const file = path.join(dir, 'bench.sqlite');
  const orm = await openOrm({ kind: 'sqlite', file });
  await prepareDatabase(orm, {
    scale: 1,
    seed: 20220211,
    today: '2026-11-21',
    log: (l) => console.log(`[bench] ${l}`),
  });
  await orm.close();
  try {
    const floor = await measure('floor (node:http + hand-written SQL)', 'floor-server.js', file, 4101);
    const api = await measure('API (Apollo + type-graphql + MikroORM)', 'api-server.js', file, 4102);
    const same = floor.body === api.body;
    const row = (n: string, r: Run) => `| ${n} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.total} |`;
    const ratio = (a: Run, f: Run) =>
      `| **API ÷ floor** | **${(a.rps / f.rps).toFixed(2)}** | ${(a.p50 / Math.max(f.p50, 0.5)).toFixed(1)}× | ${(a.p99 / Math.max(f.p99, 0.5)).toFixed(1)}× | |`;
    const md = `# Benchmarks

Measured by \`npm run bench\` (api/src/bench/courses.bench.ts) on ${new Date().toISOString().slice(0, 10)}:
${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.
Demo scale 1 made for 2026-11-21 (classes 2021 to six months ahead), in SQLite (the embedded default). Load: autocannon on loopback, ${DURATION_S} s per run after a
3 s warm-up; each server in its own process, one after the other, in the same run. Latencies are whole
milliseconds as autocannon reports them (the floor's are rounded up to 0.5 ms in the ratios).

## \`courses(first: 20)\` with institution, occupation and region

\`\`\`graphql
${BENCH_QUERY}
\`\`\`

Throughput run, ${CONNECTIONS} concurrent connections:

| server | requests/s | p50 ms | p99 ms | requests |
|---|---:|---:|---:|---:|
${row(floor.name, floor.loaded)}
${row(api.name, api.loaded)}
${ratio(api.loaded, floor.loaded)}

Latency run, 1 connection (no queueing):

| server | requests/s | p50 ms | p99 ms | requests |
|---|---:|---:|---:|---:|
${row(floor.name, floor.single)}
${row(api.name, api.single)}
${ratio(api.single, floor.single)}

Goal: API p99 ≤ 20 ms under load (${api.loaded.p99 <= 20 ? 'met' : `not met: ${api.loaded.p99} ms`}; unloaded ${api.single.p99} ms) and API
throughput ≥ 0.5 × the floor's (${api.loaded.rps / floor.loaded.rps >= 0.5 ? 'met' : `not met: ${(api.loaded.rps / floor.loaded.rps).toFixed(2)}`}).
Both servers returned ${same ? 'byte-identical' : 'DIFFERENT'} JSON for the query.

${fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'bench', 'NOTES.md'), 'utf8').trim()}
`;
    // The search benchmark owns the section from `## Search` on: keep it.
    const mdFile = path.join(REPO_ROOT, 'BENCHMARKS.md');
    const previous = fs.existsSync(mdFile) ? fs.readFileSync(mdFile, 'utf8') : '';
    const searchSection = previous.includes('\n## Search') ? previous.slice(previous.indexOf('\n## Search') + 1) : '';
    fs.writeFileSync(mdFile, searchSection ? `${md.trimEnd()}\n\n${searchSection}` : md);
    console.log(md);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
