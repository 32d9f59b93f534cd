/**
 * The first part of BENCHMARKS.md, from the courses benchmark's measurements: one table per
 * workload (single query, varied mix), every server at 10 connections and at 1, each row with
 * its ratio to its floor, and the goals of issue 15 with whether this run met them.
 */
import { apiQuery, mixCases, pglQuery, SINGLE_CASE } from './bench-mix';
import type { Measurement, ProxyCount } from './bench-rounds';
import type { WorkloadName } from './bench-targets';
import { floorStatement } from './floor-sql';

/** Everything the report says besides the measurements. */
export interface RunFacts {
  date: string;
  machine: string;
  scale: number;
  duration: number;
  rounds: number;
  warmup: number;
  connections: number[];
  /** Seconds to load the demo data into SQLite and PostgreSQL. */
  loadSeconds: { sqlite: number; pg: number };
  postgres: string;
  /** Why PostGraphile is missing, or its version and Node's. */
  peer: string;
  /** Requests compared across servers before timing. */
  compared: number;
  /** Whether the SQLite floor's and the API's `data` for the single query were byte-identical. */
  byteIdentical: boolean;
  /** X-Cache-Status of a repeated GET through nginx. */
  nginxStatus: string | null;
  proxy: ProxyCount | null;
  counties: string[];
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (n: number) => (n < 10 ? fmt(n, 1) : fmt(n));

function find(all: Measurement[], id: string, w: WorkloadName, c: number): Measurement | undefined {
  return all.find((m) => m.target.id === id && m.workload === w && m.connections === c);
}

/** A ratio of two throughputs, or '' when either is missing. */
function ratio(a: Measurement | undefined, b: Measurement | undefined): number | null {
  return a && b ? a.median.rps / b.median.rps : null;
}

function table(all: Measurement[], w: WorkloadName, connections: number[]): string {
  const ids = [...new Set(all.filter((m) => m.workload === w).map((m) => m.target.id))];
  const head = connections.map((c) => `${c} conn. req/s | p50 ms | p99 ms | ÷ floor`).join(' | ');
  const rule = connections.map(() => '---:|---:|---:|---:').join('|');
  const rows = ids.map((id) => {
    const cells = connections.map((c) => {
      const m = find(all, id, w, c);
      if (!m) return ' | | | ';
      const f = find(all, m.target.floor, w, c);
      const r = ratio(m, f);
      return `${fmt(m.median.rps)} | ${ms(m.median.p50)} | ${ms(m.median.p99)} | ${r === null ? '' : fmt(r, 2)}`;
    });
    return `| ${find(all, id, w, connections[0])?.target.name ?? id} | ${cells.join(' | ')} |`;
  });
  const peer = connections
    .map((c) => {
      const r = ratio(find(all, 'api-pg', w, c), find(all, 'postgraphile', w, c));
      return r === null ? null : `${fmt(r, 2)} at ${c} connection${c > 1 ? 's' : ''}`;
    })
    .filter(Boolean);
  const peerLine = peer.length ? `\n\nThis API on PostgreSQL ÷ PostGraphile (req/s): ${peer.join(', ')}.` : '';
  return `| server | ${head} |\n|---|${rule}|\n${rows.join('\n')}${peerLine}`;
}

/** One goal's line: met or by how much it is missed. */
function goal(text: string, value: number | null, target: number, higherIsBetter: boolean, unit = '×'): string {
  if (value === null) return `- ${text}: **not measured** in this run`;
  const met = higherIsBetter ? value >= target : value <= target;
  const shown = unit === '×' ? `${fmt(value, 2)}×` : `${ms(value)} ${unit}`;
  return `- ${text}: ${shown} — **${met ? 'met' : `not met (${higherIsBetter ? fmt(value / target, 2) : fmt(target / value, 2)} of the goal)`}**`;
}

function goals(m: Measurement[], f: RunFacts, c10: number): string {
  const rps = (id: string, w: WorkloadName) => find(m, id, w, c10);
  const p99 = (id: string) => rps(id, 'single')?.median.p99 ?? null;
  const proxyLine = f.proxy
    ? `- A proxy-cache hit is served without the API: nginx answered ${fmt(f.proxy.served)} timed GETs and ${fmt(f.proxy.reachedApi)} reached the API (repeated GET: X-Cache-Status ${f.nginxStatus}) — **${f.proxy.reachedApi === 0 ? 'met' : 'not met'}**`
    : '- A proxy-cache hit is served without the API: **not measured** (no nginx)';
  return [
    goal(
      `Uncached varied mix, PostgreSQL, ${c10} connections: API ≥ 1.2 × PostGraphile`,
      ratio(rps('api-pg', 'mix'), rps('postgraphile', 'mix')),
      1.2,
      true,
    ),
    goal(
      'Uncached single query: API on PostgreSQL ≥ 0.5 × its floor',
      ratio(rps('api-pg', 'single'), rps('floor-pg', 'single')),
      0.5,
      true,
    ),
    goal(
      'Uncached single query: API on SQLite ≥ 0.3 × its floor',
      ratio(rps('api-sqlite', 'single'), rps('floor-sqlite', 'single')),
      0.3,
      true,
    ),
    goal(`Uncached single query: API on SQLite p99 ≤ 20 ms at ${c10} connections`, p99('api-sqlite'), 20, false, 'ms'),
    goal(`Uncached single query: API on PostgreSQL p99 ≤ 20 ms at ${c10} connections`, p99('api-pg'), 20, false, 'ms'),
    goal(
      "Cached single query, the API's own cache: ≥ 0.8 × the floor (SQLite)",
      ratio(rps('api-cached', 'single'), rps('floor-sqlite', 'single')),
      0.8,
      true,
    ),
    goal(
      "Cached single query through nginx's proxy cache: ≥ 0.8 × the floor (SQLite)",
      ratio(rps('nginx', 'single'), rps('floor-sqlite', 'single')),
      0.8,
      true,
    ),
    proxyLine,
    '- Search through the API p95 ≤ 10 ms at scale 5: measured by `npm run bench:search` (section Search below)',
  ].join('\n');
}

/**
 * The markdown: at scale 1 from `# Benchmarks` to the end of the courses section (the head of
 * BENCHMARKS.md); at another scale one section of its own, `## \`courses\` at scale N`, so
 * that both scales' figures can stand in the file.
 * @example const md = coursesReport(measurements, facts);
 */
export function coursesReport(m: Measurement[], f: RunFacts): string {
  const [title, heading] =
    f.scale === 1
      ? ['# Benchmarks', '## `courses`: this API, its floors and PostGraphile']
      : [`## \`courses\` at scale ${f.scale}`, ''];
  const [c10] = f.connections;
  const mixSize = mixCases(f.counties).length;
  const sample = mixCases(f.counties).find((c) => c.detail && c.desc && c.first === 5) ?? SINGLE_CASE;
  return `${title}

Measured by \`npm run bench\` (api/src/bench/courses.bench.ts) on ${f.date}: ${f.machine}.
Demo scale ${f.scale} made for 2026-11-21, loaded into SQLite (${fmt(f.loadSeconds.sqlite)} s) and into
PostgreSQL ${f.postgres} (${fmt(f.loadSeconds.pg)} s, then \`VACUUM ANALYZE\`). Every server runs in its own process, all at
once; autocannon on loopback sends the load. After a ${f.warmup} s warm-up of each server and workload, ${f.rounds} rounds: in each,
every server runs every workload for ${f.duration} s in turn (servers in one order, the next round in the reverse one), so
drift touches them alike; figures are the medians of the rounds (latencies in whole milliseconds, as autocannon
records them: 0 is under 1 ms). The API runs with its read rate limit off and, except
in the cached rows, its response cache off. ${f.peer}
Before timing, all servers answered the same rows to all ${f.compared} requests (ids, fields, relations, order); the SQLite
floor's and the API's \`data\` for the single query were ${f.byteIdentical ? 'byte-identical' : 'NOT byte-identical'} (the API adds \`extensions.cost\`).

${heading}

The floors are a plain \`node:http\` handler running one hand-written SQL statement (prepared) and one
\`JSON.stringify\` of the same JSON: on SQLite (better-sqlite3) and on PostgreSQL (\`pg\`, pool of 10, as the API's and
PostGraphile's). "÷ floor" divides by the floor on the same database (the cached rows by the SQLite floor).
Cached rows send the query as GET: "API response cache" is this API answering from its own cache;
"nginx proxy cache" is deploy/nginx's configuration in front of that API (one worker).

### Single query

\`\`\`graphql
${apiQuery(SINGLE_CASE)}
\`\`\`

PostGraphile's equivalent: \`${pglQuery(SINGLE_CASE)}\`

${table(m, 'single', f.connections)}

### Varied mix: ${mixSize} distinct queries

The busiest county of each of the ${f.counties.length} 州市 (${f.counties.join(', ')}) × pages of 5, 10, 20, 50 × earliest or latest
start first × with or without the detail fields (end date, capacity, enrolled, fee, the institution's type and licence),
each connection cycling through them from its own starting point. (Counties rather than 州市: PostGraphile's generated
conditions are equalities; the compliance fields are computed in JavaScript by this API and have no SQL equivalent.)
For example, in the three dialects:

\`\`\`
${apiQuery(sample)}
${pglQuery(sample)}
${floorStatement(sample, 'pg').sql.replace(/\s+/g, ' ')}
\`\`\`

${table(m, 'mix', f.connections)}

### Goals (issue 15)

${goals(m, f, c10)}
`;
}
