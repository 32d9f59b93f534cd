import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { freePort } from '@skills-yunnan/search';
import { SkillLevel } from '../common/enums';
import { openOrm } from '../db/orm';
import { prepareDatabase } from '../db/seed';
import { ReferenceData } from '../db/reference';
import { toGlobalId } from '../graphql/node';
import { dumpYear } from '../subsidies/notice-dumps';
import { publishNotice } from '../subsidies/notice-publish';
import { replaceSection } from './benchmarks-md';

/**
 * `npm run bench:notices`: the subsidy-notice figures of issue 5 at scale 5 (`BENCH_SCALE`):
 * yearly totals by 州市 through the API (GraphQL over HTTP, sequential) next to the same SQL run
 * directly on the database file (the floor); a 10,000-line notice's CSV streamed by the API with
 * the API process's memory sampled, next to the same notice as JSON (built whole in memory);
 * and a full yearly dump next to writing the same bytes in one call. Rewrites the `## Notices`
 * section of BENCHMARKS.md.
 */
const SCALE = Number(process.env.BENCH_SCALE ?? 5);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 100);
const WARMUP = 5;
const BIG_NOTICE_LINES = 10_000;
const log = (line: string) => console.log(`[bench:notices] ${line}`);

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** Resident set size of a process, in MB (Linux). */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

function request(agent: http.Agent, url: URL, body?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: body ? 'POST' : 'GET',
        agent,
        headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Buffer.concat(chunks))
            : reject(new Error(`HTTP ${res.statusCode} for ${url}`)),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Streams a download while sampling the API's memory; returns time, bytes and the peak RSS rise. */
async function download(
  agent: http.Agent,
  url: URL,
  pid: number,
): Promise<{ ms: number; bytes: number; rssRiseMb: number }> {
  const before = rssMb(pid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 2);
  const started = process.hrtime.bigint();
  const body = await request(agent, url);
  const took = ms(started);
  clearInterval(timer);
  return { ms: took, bytes: body.length, rssRiseMb: Math.max(0, peak - before) };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-notices-bench-'));
  let api: ChildProcess | null = null;
  try {
    const file = path.join(dir, 'bench.sqlite');
    const orm = await openOrm({ kind: 'sqlite', file });
    let started = process.hrtime.bigint();
    await prepareDatabase(orm, { scale: SCALE, seed: 20220211, log: (l) => log(`scale ${SCALE}: ${l}`) });
    const generateSeconds = ms(started) / 1000;
    const em = orm.em.fork() as SqlEntityManager;
    const [{ lines }] = (await em.getConnection().execute('select count(*) as lines from subsidy_notice_line')) as {
      lines: number;
    }[];
    const [{ notices }] = (await em.getConnection().execute('select count(*) as notices from subsidy_notice')) as {
      notices: number;
    }[];

    // One notice of 10,000 lines (masked forms only), published through the ordinary path.
    const big = await publishNotice(
      em,
      {
        number: '（基准测试）五华人社培公〔2022〕第99999号',
        title: '基准测试：一万行的培训补贴公示',
        bureau: '530102',
        publishedOn: '2022-12-01',
      },
      Array.from({ length: BIG_NOTICE_LINES }, (_, i) => ({
        seq: i + 1,
        maskedName: '张*',
        maskedId: `530102********${String(i % 1000).padStart(3, '0')}${i % 10}`,
        occupationCode: '4-10-01-05',
        level: SkillLevel.LEVEL_5,
        certificateNumber: `S2022530000${String(i).padStart(6, '0')}`,
        attendanceRate: 0.9,
        amount: 1200,
      })),
      { today: '2026-11-22' },
    );
    if (!big.ok) throw new Error(JSON.stringify(big.problems));
    const small = (await em
      .getConnection()
      .execute('select id from subsidy_notice where line_count between 30 and 50 order by id limit 1')) as {
      id: number;
    }[];

    // The yearly dump, and the floor: the same bytes written in one call.
    const dumpDir = path.join(dir, 'dump');
    started = process.hrtime.bigint();
    const dump = await dumpYear(em, await ReferenceData.load(em), 2022, dumpDir);
    const dumpSeconds = ms(started) / 1000;
    const bytes = dump.files.reduce((s, f) => s + f.bytes, 0);
    const blob = Buffer.alloc(bytes, 0x41);
    started = process.hrtime.bigint();
    fs.writeFileSync(path.join(dir, 'floor.bin'), blob);
    const floorSeconds = ms(started) / 1000;
    await orm.close();

    const port = await freePort(0);
    api = fork(path.join(__dirname, 'api-server.js'), [file, String(port)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      api!.once('message', () => resolve());
      api!.once('exit', (code) => reject(new Error(`api-server exited with ${code}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

    // Totals by 州市: the API, then the same SQL straight on the file.
    const query = JSON.stringify({
      query:
        '{ subsidyTotals(year: 2022, groupBy: PREFECTURE) { key label trainees amount listed certified target { persons share } } }',
    });
    const apiSamples: number[] = [];
    for (let i = 0; i < WARMUP + REPEAT; i++) {
      const t = process.hrtime.bigint();
      await request(agent, new URL('/graphql', base), query);
      if (i >= WARMUP) apiSamples.push(ms(t));
    }
    const db = new Database(file, { readonly: true });
    const statement =
      db.prepare(`select substr(n.bureau_code, 1, 4) || '00' as k, count(*) as notices, sum(n.paid_trainees) as trainees, sum(n.paid_amount) as amount,
      sum(n.line_count) as listed, sum(n.certified_trainees) as certified, count(n.working_days_to_notice) as timed,
      sum(n.working_days_to_notice) as working_days, sum(case when n.within_deadline then 1 else 0 end) as on_time from subsidy_notice n
      where n.withdrawn_on is null and n.published_on >= '2022-01-01' and n.published_on <= '2022-12-31' group by k`);
    const floorSamples: number[] = [];
    // The floor is the statement alone, as the API runs it for this grouping (no class join).
    for (let i = 0; i < WARMUP + REPEAT; i++) {
      const t = process.hrtime.bigint();
      statement.all();
      if (i >= WARMUP) floorSamples.push(ms(t));
    }
    db.close();

    // A fresh connection: the API closes idle keep-alive sockets after 5 s, and the floor above took longer.
    const downloads = new http.Agent({ keepAlive: false });
    // Warm-up: the first download of each kind loads code and fills caches; measure the second.
    const bigId = toGlobalId('SubsidyNotice', big.id);
    await request(downloads, new URL(`/downloads/notices/${bigId}.csv`, base));
    await request(downloads, new URL(`/downloads/notices/${bigId}.json`, base));
    const csvBig = await download(
      downloads,
      new URL(`/downloads/notices/${toGlobalId('SubsidyNotice', big.id)}.csv`, base),
      api.pid!,
    );
    const jsonBig = await download(
      downloads,
      new URL(`/downloads/notices/${toGlobalId('SubsidyNotice', big.id)}.json`, base),
      api.pid!,
    );
    const csvSmall = await download(
      downloads,
      new URL(`/downloads/notices/${toGlobalId('SubsidyNotice', small[0].id)}.csv`, base),
      api.pid!,
    );

    const p = (s: number[], q: number) => percentile(s, q).toFixed(2);
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    const md = [
      '## Notices',
      '',
      `\`npm run bench:notices\` (api/src/bench/notices.bench.ts) on ${machine}, ${new Date().toISOString().slice(0, 10)}: scale ${SCALE}, ${Number(notices).toLocaleString('en')} notices, ${Number(lines).toLocaleString('en')} lines (generated in ${generateSeconds.toFixed(0)} s), SQLite.`,
      '',
      '| what | measured | floor or peer, same run | ratio | goal |',
      '|---|---:|---:|---:|---|',
      `| \`subsidyTotals(year: 2022, groupBy: PREFECTURE)\` through the API, sequential, ${REPEAT} runs | p50 ${p(apiSamples, 0.5)} ms, p95 ${p(apiSamples, 0.95)} ms | the same SQL on the file: p50 ${p(floorSamples, 0.5)} ms, p95 ${p(floorSamples, 0.95)} ms | ${(percentile(apiSamples, 0.95) / percentile(floorSamples, 0.95)).toFixed(1)} × at p95 | p95 ≤ 50 ms: ${percentile(apiSamples, 0.95) <= 50 ? 'met' : 'not met'} |`,
      `| a ${BIG_NOTICE_LINES.toLocaleString('en')}-line notice as CSV (streamed, UTF-8 with BOM) | ${csvBig.ms.toFixed(0)} ms, ${mb(csvBig.bytes)} MB; API memory rise ${csvBig.rssRiseMb.toFixed(1)} MB | the same notice as JSON (built whole): ${jsonBig.ms.toFixed(0)} ms, memory rise ${jsonBig.rssRiseMb.toFixed(1)} MB; a small notice's CSV: rise ${csvSmall.rssRiseMb.toFixed(1)} MB | — | flat memory |`,
      `| full dump of 2022 (${dump.notices.toLocaleString('en')} notices, ${dump.lines.toLocaleString('en')} lines; CSV + JSON Lines + SHA256SUMS) | ${dumpSeconds.toFixed(1)} s, ${mb(bytes)} MB | writing the same bytes in one call: ${floorSeconds.toFixed(2)} s | ${(dumpSeconds / floorSeconds).toFixed(0)} × | — |`,
      '',
      'Totals read the paid trainees and amounts kept on each notice (`paidTrainees`, `paidAmount`), never the lines; the difference to the floor is GraphQL over HTTP, labels and the target join.',
    ].join('\n');
    replaceSection('Notices', md);
    log('BENCHMARKS.md updated (## Notices)');
    console.log(md);
  } finally {
    api?.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
