import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  buildFilter,
  hitFields,
  INDEX_NAMES,
  SearchService,
  startEmbeddedMeilisearch,
  stopChild,
  toSynonyms,
  type EmbeddedMeilisearch,
  type IndexName,
  type SearchFilterInput,
  type SearchQuery,
} from '@skills-yunnan/search';
import { replaceSection } from './benchmarks-md';
import { openOrm } from '../db/orm';
import { prepareDatabase } from '../db/seed';
import { SearchRuntime } from '../search/search-runtime';
import { loadColloquialTerms } from '../search/search-sources';

/**
 * `npm run bench:search`: for each demo scale (`BENCH_SCALES`, default `1,5`) builds a SQLite
 * database, an embedded Meilisearch and its indexes (the full reindex is timed), starts the API
 * in a child process connected to that Meilisearch, and times 20 representative searches
 * sequentially (`BENCH_REPEAT` times each, default 30, after `BENCH_WARMUP` warm-up runs,
 * default 5): directly through `SearchService.search` (what the resolver calls) and through
 * GraphQL over HTTP; and, as the floor, the same Meilisearch request sent with `node:http`.
 * Rewrites the `## Search` section of BENCHMARKS.md (from that heading to the next `## ` heading),
 * leaving the rest as it is.
 */
const SCALES = (process.env.BENCH_SCALES ?? '1,5')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const SEED = 20220211;
const PAGE = 20;
/** The goal: API p95 at this scale. */
const GOAL_SCALE = 5;
const GOAL_P95_MS = 10;
/** A query's p50 this far above the Meilisearch floor counts as stalled (the ~40 ms delayed ACK). */
const STALL_MS = 30;

type GqlIndex = 'COURSES' | 'OCCUPATIONS' | 'INSTITUTIONS' | 'AGENCIES' | 'NOTICES';
/** GraphQL facet names and the Meilisearch attributes they stand for (SearchFacet). */
const FACETS = {
  PREFECTURE: 'prefectureCode',
  COUNTY: 'countyCode',
  LEVEL: 'level',
  START_MONTH: 'startMonth',
  PROGRAMME: 'programme',
  TARGET_GROUP: 'targetGroups',
} as const;
type Facet = keyof typeof FACETS;

interface BenchQuery {
  kind: string;
  index: GqlIndex;
  query: string;
  filter?: Pick<SearchFilterInput, 'region' | 'subsidised'>;
  facets?: Facet[];
}

/** What people search for: every index; Chinese, pinyin, everyday words, typos; some with a region filter and facets. */
const QUERIES: BenchQuery[] = [
  { kind: 'Chinese name', index: 'OCCUPATIONS', query: '养老护理员' },
  { kind: 'pinyin joined', index: 'OCCUPATIONS', query: 'yanglao' },
  { kind: 'pinyin initials', index: 'OCCUPATIONS', query: 'ylhly' },
  { kind: 'everyday word', index: 'OCCUPATIONS', query: '厨师' },
  { kind: 'homophone (fallback)', index: 'OCCUPATIONS', query: '养佬护理员' },
  { kind: 'everyday word', index: 'COURSES', query: '电焊' },
  { kind: 'name + level', index: 'COURSES', query: '养老护理员 四级' },
  { kind: 'pinyin spaced', index: 'COURSES', query: 'yang lao' },
  {
    kind: 'everyday word, 州 filter, facet',
    index: 'COURSES',
    query: '护工',
    filter: { region: '532900' },
    facets: ['LEVEL'],
  },
  {
    kind: 'everyday word, 州 filter, facets',
    index: 'COURSES',
    query: '厨师',
    filter: { region: '530100' },
    facets: ['COUNTY', 'LEVEL'],
  },
  {
    kind: 'browse: empty query, 3 facets',
    index: 'COURSES',
    query: '',
    facets: ['PREFECTURE', 'LEVEL', 'START_MONTH'],
  },
  { kind: 'place + occupation', index: 'COURSES', query: '大理 导游' },
  { kind: 'everyday word', index: 'COURSES', query: '直播带货' },
  { kind: 'homophone (fallback)', index: 'COURSES', query: '中式烹条师' },
  { kind: 'place', index: 'COURSES', query: '西双版纳' },
  {
    kind: 'everyday word, filter, facets',
    index: 'COURSES',
    query: '电商',
    filter: { subsidised: true },
    facets: ['PROGRAMME', 'TARGET_GROUP'],
  },
  { kind: 'Chinese name', index: 'INSTITUTIONS', query: '技师学院' },
  { kind: 'pinyin joined', index: 'INSTITUTIONS', query: 'yunnanjishixueyuan' },
  { kind: 'kind + 州 filter', index: 'AGENCIES', query: '鉴定所', filter: { region: '530300' } },
  { kind: 'notice number', index: 'NOTICES', query: '弥勒人社培公' },
];

/** The operation the API is timed with: a page of hits with their objects, as the site asks for them. */
const SEARCH_OPERATION = `query($index: SearchIndex!, $q: String!, $filter: SearchFilter, $facets: [SearchFacet!]) {
  search(index: $index, query: $q, first: ${PAGE}, filter: $filter, facets: $facets) {
    totalHits matchedBy pageInfo { hasNextPage endCursor }
    facets { facet values { value count } }
    hits { id title highlight node {
      id
      ... on Course { startDate subsidyPerTrainee institution { name } region { name } }
      ... on Occupation { code name }
      ... on Institution { type region { name } }
      ... on EvaluationAgency { agencyType: type region { name } }
      ... on SubsidyNotice { number publishedOn }
    } }
  }
}`;

interface Stats {
  p50: number;
  p95: number;
  n: number;
}
interface QueryResult {
  q: BenchQuery;
  totalHits: number;
  matchedBy: string;
  meili: Stats;
  direct: Stats;
  api: Stats;
}
interface ScaleResult {
  scale: number;
  meiliVersion: string;
  generateSeconds: number;
  documents: Record<string, number>;
  reindexSeconds: number;
  queries: QueryResult[];
  meili: Stats;
  direct: Stats;
  api: Stats;
}

/** Nearest-rank percentile of samples in ms. */
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}
const stats = (samples: number[]): Stats => ({
  p50: percentile(samples, 0.5),
  p95: percentile(samples, 0.95),
  n: samples.length,
});
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const log = (line: string) => console.log(`[bench:search] ${line}`);
const f2 = (n: number) => n.toFixed(2);
/** A difference in ms with its sign. */
const d2 = (n: number) => (Math.abs(n) < 0.005 ? '±0.00' : `${n < 0 ? '−' : '+'}${Math.abs(n).toFixed(2)}`);
const ratio = (a: number, d: number) => `${(a / d).toFixed(1)}×`;

/**
 * POSTs JSON over a keep-alive connection with node:http, which writes the headers and the body
 * in one segment (Node 20's fetch writes them apart and, on a socket without TCP_NODELAY, waits
 * for the delayed ACK, ~40 ms).
 */
function post(agent: http.Agent, url: URL, body: string, headers: Record<string, string> = {}): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (e) {
            reject(e);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Starts the API on `file`, connected to `meili`, in its own process; resolves with its URL. */
function startApiProcess(file: string, meili: EmbeddedMeilisearch): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'search-api-server.js'), [file, '0'], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey },
    });
    const onExit = (code: number | null) => reject(new Error(`search-api-server exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (m: any) => {
      child.removeListener('exit', onExit);
      resolve({ child, url: m.ready });
    });
  });
}

/** What the resolver hands `SearchService.search` for `q` (first page, the fields a hit list shows). */
function searchQuery(q: BenchQuery): SearchQuery {
  const index = q.index.toLowerCase() as IndexName;
  return {
    query: q.query,
    filter: buildFilter(index, q.filter),
    facets: (q.facets ?? []).map((f) => FACETS[f]),
    page: 1,
    hitsPerPage: PAGE,
    fields: hitFields(index),
  };
}

async function benchScale(scale: number): Promise<ScaleResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-search-bench-'));
  let meili: EmbeddedMeilisearch | null = null;
  let api: ChildProcess | null = null;
  try {
    const file = path.join(dir, 'bench.sqlite');
    const orm = await openOrm({ kind: 'sqlite', file });
    let started = process.hrtime.bigint();
    await prepareDatabase(orm, { scale, seed: SEED, log: (l) => log(`scale ${scale}: ${l}`) });
    const generateSeconds = ms(started) / 1000;

    meili = await startEmbeddedMeilisearch({ dataDir: path.join(dir, 'meilisearch'), port: 0 });
    const service = new SearchService(
      { url: meili.url, apiKey: meili.masterKey },
      toSynonyms(loadColloquialTerms()),
      30_000,
    );
    const meiliVersion = (await service.client.getVersion()).pkgVersion;
    log(`scale ${scale}: Meilisearch ${meiliVersion} on ${meili.url} (pid ${meili.pid})`);
    started = process.hrtime.bigint();
    const outcome = await SearchRuntime.over(service).sync(orm, (l) => {
      if (!l.startsWith('  indexing')) log(`scale ${scale}: ${l}`);
    });
    const reindexSeconds = ms(started) / 1000;
    if (outcome !== 'reindexed') throw new Error(`expected a full reindex, got ${outcome}`);
    await orm.close();
    const documents: Record<string, number> = {};
    for (const name of INDEX_NAMES) documents[name] = (await service.client.index(name).getStats()).numberOfDocuments;

    const server = await startApiProcess(file, meili);
    api = server.child;
    const url = new URL('/graphql', server.url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    log(
      `scale ${scale}: API on ${server.url}; ${QUERIES.length} queries × ${REPEAT} (after ${WARMUP} warm-up runs), direct then API`,
    );

    // The floor: the first (usually the only) request SearchService.search sends, with the same parameters.
    const meiliAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const raw = (q: BenchQuery) => {
      const index = q.index.toLowerCase() as IndexName;
      const { text, params } = service.searchParams(index, searchQuery(q));
      return post(meiliAgent, new URL(`/indexes/${index}/search`, meili!.url), JSON.stringify({ q: text, ...params }), {
        authorization: `Bearer ${meili!.masterKey}`,
      });
    };
    const direct = (q: BenchQuery) => service.search(q.index.toLowerCase() as IndexName, searchQuery(q));
    const viaApi = async (q: BenchQuery) => {
      const body = await post(
        agent,
        url,
        JSON.stringify({
          query: SEARCH_OPERATION,
          variables: { index: q.index, q: q.query, filter: q.filter ?? null, facets: q.facets ?? null },
        }),
      );
      if (body.errors) throw new Error(`${q.index} "${q.query}": ${JSON.stringify(body.errors)}`);
      return body.data.search;
    };

    const queries: QueryResult[] = [];
    const allMeili: number[] = [];
    const allDirect: number[] = [];
    const allApi: number[] = [];
    for (const q of QUERIES) {
      // Both paths must answer the same, and find something.
      const [m, d, a] = [await raw(q), await direct(q), await viaApi(q)];
      if (d.totalHits === 0 || d.totalHits !== a.totalHits || d.matchedBy !== a.matchedBy || a.hits.length === 0) {
        throw new Error(
          `${q.index} "${q.query}": direct ${d.totalHits} hits (${d.matchedBy}), API ${a.totalHits} (${a.matchedBy}, ${a.hits.length} on the page)`,
        );
      }
      if (d.matchedBy === 'DIRECT' && m.totalHits !== d.totalHits)
        throw new Error(
          `${q.index} "${q.query}": Meilisearch ${JSON.stringify(m).slice(0, 200)}, direct ${d.totalHits} hits`,
        );
      for (let i = 0; i < WARMUP; i++) {
        await raw(q);
        await direct(q);
        await viaApi(q);
      }
      const mSamples: number[] = [];
      const dSamples: number[] = [];
      const aSamples: number[] = [];
      for (let i = 0; i < REPEAT; i++) {
        let t = process.hrtime.bigint();
        await raw(q);
        mSamples.push(ms(t));
        t = process.hrtime.bigint();
        await direct(q);
        dSamples.push(ms(t));
        t = process.hrtime.bigint();
        await viaApi(q);
        aSamples.push(ms(t));
      }
      allMeili.push(...mSamples);
      allDirect.push(...dSamples);
      allApi.push(...aSamples);
      const r: QueryResult = {
        q,
        totalHits: d.totalHits,
        matchedBy: d.matchedBy,
        meili: stats(mSamples),
        direct: stats(dSamples),
        api: stats(aSamples),
      };
      queries.push(r);
      log(
        `scale ${scale}: ${q.index} "${q.query}" ${r.totalHits} hits: Meilisearch p50 ${f2(r.meili.p50)} p95 ${f2(r.meili.p95)}; direct p50 ${f2(r.direct.p50)} p95 ${f2(r.direct.p95)}; API p50 ${f2(r.api.p50)} p95 ${f2(r.api.p95)} ms`,
      );
    }
    agent.destroy();
    meiliAgent.destroy();
    return {
      scale,
      meiliVersion,
      generateSeconds,
      documents,
      reindexSeconds,
      queries,
      meili: stats(allMeili),
      direct: stats(allDirect),
      api: stats(allApi),
    };
  } finally {
    if (api) await stopChild(api);
    if (meili) await meili.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const total = (r: ScaleResult) => Object.values(r.documents).reduce((a, b) => a + b, 0);

function describeQuery(q: BenchQuery): string {
  const parts = [`\`${q.query || '(empty)'}\``];
  if (q.filter?.region) parts.push(`region ${q.filter.region}`);
  if (q.filter?.subsidised != null) parts.push(`subsidised ${q.filter.subsidised}`);
  if (q.facets?.length) parts.push(`facets ${q.facets.join(', ')}`);
  return parts.join(', ');
}

function section(results: ScaleResult[], machine: string): string {
  const meiliVersion = [...new Set(results.map((r) => r.meiliVersion))].join(', ');
  const goal = results.find((r) => r.scale === GOAL_SCALE);
  const goalLine = goal
    ? `Goal: p95 ≤ ${GOAL_P95_MS} ms through the API at scale ${GOAL_SCALE}: **${goal.api.p95 <= GOAL_P95_MS ? 'met' : 'not met'}** (${f2(goal.api.p95)} ms over all ${goal.api.n} API requests).`
    : `Goal: p95 ≤ ${GOAL_P95_MS} ms through the API at scale ${GOAL_SCALE}: not measured in this run (scales ${SCALES.join(', ')}).`;
  const out: string[] = [];
  out.push('## Search', '');
  out.push(
    `Measured by \`npm run bench:search\` (api/src/bench/search.bench.ts) on ${new Date().toISOString().slice(0, 10)}: ${machine},`,
  );
  out.push(
    `Meilisearch ${meiliVersion} (embedded, \`--max-indexing-threads 2\`). Per scale: a fresh SQLite database (seed ${SEED}), a fresh`,
  );
  out.push(
    `Meilisearch and a full reindex, then the API in its own process connected to it. Each of the ${QUERIES.length} queries below is`,
  );
  out.push(`run ${WARMUP} times to warm up, then ${REPEAT} times, one request at a time, on three paths:`);
  out.push(
    '- **Meilisearch**: the request `SearchService.search` sends first (same parameters), posted with `node:http` over a',
  );
  out.push('  keep-alive connection: what Meilisearch itself takes, plus loopback HTTP;');
  out.push(
    '- **direct**: `SearchService.search` as the resolver calls it (meilisearch-js, plus the pinyin request of the homophone',
  );
  out.push('  fallback when a Chinese query has a wrong character);');
  out.push(
    `- **API**: the GraphQL \`search\` operation over HTTP (keep-alive): a page of ${PAGE} hits with their objects`,
  );
  out.push('  (`node { … on Course { startDate institution { name } region { name } } … }`), facets and page info.');
  out.push('', 'Latencies in milliseconds, nearest-rank percentiles over every request of the path.', '');
  out.push(goalLine, '');
  out.push(
    '| scale | queries | documents | reindex s | documents/s | Meilisearch p50 / p95 | direct p50 / p95 | API p50 / p95 | API ÷ direct (p50) |',
  );
  out.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    out.push(
      `| ${r.scale} | ${r.queries.length} | ${total(r)} | ${r.reindexSeconds.toFixed(1)} | ${Math.round(total(r) / r.reindexSeconds)} | ${f2(r.meili.p50)} / ${f2(r.meili.p95)} | ${f2(r.direct.p50)} / ${f2(r.direct.p95)} | ${f2(r.api.p50)} / ${f2(r.api.p95)} | ${ratio(r.api.p50, r.direct.p50)} |`,
    );
  }
  out.push('');
  // Where the time goes, from the figures of this run.
  for (const r of results) {
    out.push(
      `Scale ${r.scale}, compared with the Meilisearch floor: \`SearchService.search\` ${d2(r.direct.p50 - r.meili.p50)} ms at p50, ${d2(r.direct.p95 - r.meili.p95)} ms at p95;`,
    );
    out.push(
      `the API (its own \`SearchService.search\`, then HTTP, GraphQL and the hits' objects from SQLite) ${d2(r.api.p50 - r.meili.p50)} ms at p50, ${d2(r.api.p95 - r.meili.p95)} ms at p95.`,
    );
  }
  if (results.some((r) => r.direct.p50 - r.meili.p50 > 20 || r.direct.p95 - r.meili.p95 > 20)) {
    out.push('');
    const slow = (r: ScaleResult, path: 'direct' | 'api') =>
      r.queries.filter((x) => x[path].p50 - x.meili.p50 > STALL_MS).length;
    out.push(
      `Queries whose p50 is over ${STALL_MS} ms above the floor: ${results.map((r) => `scale ${r.scale}: direct ${slow(r, 'direct')} of ${r.queries.length}, API ${slow(r, 'api')} of ${r.queries.length}`).join('; ')}.`,
    );
    out.push(
      "A gap like this was seen while this benchmark was written, when meilisearch-js posted searches with Node 20's global",
    );
    out.push(
      '`fetch`: a stalled POST waited ~44 ms (headers and JSON body written apart on a socket without `TCP_NODELAY`, the',
    );
    out.push(
      "body held until Linux's delayed ACK of the headers), while curl and `node:http` answered the same request in 2–3 ms.",
    );
    out.push('Check which HTTP client `SearchService` gives the Meilisearch client (search/src/http-client.ts).');
  }
  out.push('');
  for (const r of results) {
    out.push(`### Scale ${r.scale}`, '');
    out.push(
      `Database generated in ${r.generateSeconds.toFixed(1)} s. Full reindex (\`SearchRuntime.sync\`: settings, documents read from SQLite, indexed into`,
    );
    out.push(
      `\`<index>__next\`, swapped in): ${total(r)} documents in ${r.reindexSeconds.toFixed(1)} s, ${Math.round(total(r) / r.reindexSeconds)} documents/s`,
    );
    out.push(`(${INDEX_NAMES.map((n) => `${n} ${r.documents[n]}`).join(', ')}).`, '');
    out.push(
      '| index | query | kind | hits | Meilisearch p50 / p95 | direct p50 / p95 | API p50 / p95 | API ÷ direct (p50) |',
    );
    out.push('|---|---|---|---:|---:|---:|---:|---:|');
    for (const x of r.queries) {
      const hits = `${x.totalHits}${x.matchedBy === 'PINYIN' ? ' (pinyin)' : ''}`;
      out.push(
        `| ${x.q.index} | ${describeQuery(x.q)} | ${x.q.kind} | ${hits} | ${f2(x.meili.p50)} / ${f2(x.meili.p95)} | ${f2(x.direct.p50)} / ${f2(x.direct.p95)} | ${f2(x.api.p50)} / ${f2(x.api.p95)} | ${ratio(x.api.p50, x.direct.p50)} |`,
      );
    }
    out.push(
      `| **all** | ${r.queries.length} queries × ${REPEAT} | | | **${f2(r.meili.p50)} / ${f2(r.meili.p95)}** | **${f2(r.direct.p50)} / ${f2(r.direct.p95)}** | **${f2(r.api.p50)} / ${f2(r.api.p95)}** | **${ratio(r.api.p50, r.direct.p50)}** |`,
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

async function main(): Promise<void> {
  if (SCALES.length === 0)
    throw new Error(`BENCH_SCALES must list positive integers, got "${process.env.BENCH_SCALES}"`);
  if (!(REPEAT >= 1) || !(WARMUP >= 0)) throw new Error('BENCH_REPEAT must be ≥ 1 and BENCH_WARMUP ≥ 0');
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`;
  const results: ScaleResult[] = [];
  for (const scale of SCALES) {
    log(`scale ${scale}…`);
    const r = await benchScale(scale);
    results.push(r);
    log(
      `scale ${scale}: ${total(r)} documents reindexed in ${r.reindexSeconds.toFixed(1)} s; Meilisearch p50 ${f2(r.meili.p50)} p95 ${f2(r.meili.p95)} ms; direct p50 ${f2(r.direct.p50)} p95 ${f2(r.direct.p95)} ms; API p50 ${f2(r.api.p50)} p95 ${f2(r.api.p95)} ms`,
    );
  }
  const md = section(results, machine);
  replaceSection('Search', md);
  console.log(md);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
