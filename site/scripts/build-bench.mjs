#!/usr/bin/env node
/**
 * `npm run bench:site`: how fast the static site builds, and what its pages weigh.
 *
 * For each scale (`BENCH_SCALES`, default `1,5`) it starts the compiled API CLI on a fresh
 * demo dataset in a temporary folder (embedded SQLite and Meilisearch, no site of its own),
 * then runs `astro build` against it under `/usr/bin/time -v` and records wall time, pages,
 * pages per second, the build's peak memory (max RSS) and the time spent waiting on the API.
 * The floor, measured in the same run: a plain Node script writing the same files with the
 * same bytes (no rendering, no data), i.e. what the disk alone allows.
 *
 * Rewrites the `## Site build` section of BENCHMARKS.md (up to the next `## ` heading).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageWeights } from './page-weight.mjs';
// The API's helper, so every benchmark rewrites only its own section of BENCHMARKS.md.
import benchmarksMd from '../../api/dist/bench/benchmarks-md.js';

const { replaceSection } = benchmarksMd;

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SITE = path.resolve(HERE, '..');
const REPO = path.resolve(SITE, '..');
const CLI = path.join(REPO, 'api', 'dist', 'cli', 'start.js');
const ASTRO = path.join(path.dirname(fileURLToPath(import.meta.resolve('astro/package.json'))), 'astro.js');
const SCALES = (process.env.BENCH_SCALES ?? '1,5')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const GOAL_PAGES_PER_SECOND = 200;

const log = (line) => console.log(`[bench:site] ${line}`);

/** Starts the API CLI (no site, embedded search) and resolves with its GraphQL URL. */
function startApi(dataDir, scale) {
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    DEMO_SCALE: String(scale),
    PORT: '0',
    HOST: '127.0.0.1',
    SITE: 'off',
    MEILI_PORT: '0',
    CATALOGUE_TODAY: '2026-11-21',
  };
  for (const k of ['DATABASE_URL', 'MEILI_URL', 'MEILI_MASTER_KEY', 'MEILI_PUBLIC_URL', 'SEARCH']) delete env[k];
  const child = spawn(process.execPath, [CLI], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      out += chunk.toString();
      const m = /GraphQL API and IDE at (http:\/\/[\d.]+:\d+)\/graphql/.exec(out);
      if (m) resolve(`${m[1]}/graphql`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the API exited with ${code}:\n${out.slice(-3000)}`)));
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, stop };
}

/** Every file under `dir` with its bytes (for the floor). */
function filesOf(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** The floor: write the built site's HTML pages again, same paths and bytes, from one Node process. */
function floorSeconds(outDir) {
  const pages = filesOf(outDir).filter((f) => f.endsWith('.html'));
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'site-floor-'));
  const contents = pages.map((f) => [path.relative(outDir, f), fs.readFileSync(f)]);
  const started = process.hrtime.bigint();
  for (const [rel, bytes] of contents) {
    fs.mkdirSync(path.join(target, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(target, rel), bytes);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.rmSync(target, { recursive: true, force: true });
  return seconds;
}

async function benchScale(scale) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `site-bench-${scale}-`));
  const outDir = path.join(dataDir, 'site');
  const api = startApi(dataDir, scale);
  try {
    const apiUrl = await api.url;
    log(`scale ${scale}: API ready at ${apiUrl}; building…`);
    const started = Date.now();
    const run = spawnSync('/usr/bin/time', ['-v', process.execPath, ASTRO, 'build', '--outDir', outDir], {
      cwd: SITE,
      env: { ...process.env, SITE_API_URL: apiUrl, ASTRO_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const seconds = (Date.now() - started) / 1000;
    if (run.status !== 0)
      throw new Error(`astro build failed (${run.status}):\n${(run.stdout + run.stderr).slice(-4000)}`);
    const text = run.stdout + run.stderr;
    const maxRssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1] ?? 0);
    const apiRequests = [...text.matchAll(/(\d+) API requests so far/g)].map((m) => Number(m[1])).pop() ?? 0;
    const loads = [...text.matchAll(/\[site\] loaded (.+?) in (\d+) ms/g)].map((m) => ({
      what: m[1],
      ms: Number(m[2]),
    }));
    const pages = filesOf(outDir).filter((f) => f.endsWith('.html')).length;
    const floor = floorSeconds(outDir);
    const weights = pageWeights(outDir);
    const result = {
      scale,
      seconds,
      pages,
      pagesPerSecond: pages / seconds,
      maxRssMb: maxRssKb / 1024,
      apiRequests,
      loads,
      floor,
      floorPagesPerSecond: pages / floor,
      weights,
    };
    log(
      `scale ${scale}: ${pages} pages in ${seconds.toFixed(1)} s = ${result.pagesPerSecond.toFixed(0)} pages/s, peak ${result.maxRssMb.toFixed(0)} MB; floor ${floor.toFixed(1)} s`,
    );
    return result;
  } finally {
    await api.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function section(results, machine) {
  const kb = (n) => (n / 1024).toFixed(1);
  const out = ['## Site build', ''];
  out.push(
    `\`npm run bench:site\` (site/scripts/build-bench.mjs) on ${machine}, ${new Date().toISOString().slice(0, 10)}.`,
  );
  out.push(
    'Each scale: a fresh demo dataset served by the API CLI (SQLite, embedded Meilisearch), then `astro build` of every page in both languages under `/usr/bin/time -v`.',
  );
  out.push(
    `Floor: one Node process writing the same HTML files (same paths, same bytes) with no data and no rendering, in the same run. Goal: ≥ ${GOAL_PAGES_PER_SECOND} pages/s.`,
    '',
  );
  out.push(
    '| scale | pages | build | pages/s | goal met | peak memory | API requests | floor (write only) | build ÷ floor |',
    '|---:|---:|---:|---:|:---:|---:|---:|---:|---:|',
  );
  for (const r of results) {
    out.push(
      `| ${r.scale} | ${r.pages.toLocaleString('en')} | ${r.seconds.toFixed(1)} s | ${r.pagesPerSecond.toFixed(0)} | ${r.pagesPerSecond >= GOAL_PAGES_PER_SECOND ? 'yes' : 'no'} | ${r.maxRssMb.toFixed(0)} MB | ${r.apiRequests} | ${r.floor.toFixed(1)} s (${r.floorPagesPerSecond.toFixed(0)} pages/s) | ${(r.seconds / r.floor).toFixed(1)} × |`,
    );
  }
  out.push('', 'Data loading inside the build (each loader is fetched once and shared by every route):', '');
  for (const r of results)
    out.push(`- scale ${r.scale}: ${r.loads.map((l) => `${l.what} ${(l.ms / 1000).toFixed(1)} s`).join(', ')}`);
  out.push('', '### Page weight (budgets)', '');
  out.push(
    'Measured on the built files by site/scripts/page-weight.mjs: the page plus the CSS and JavaScript it loads (scripts followed through their imports), gzip level 6; the site uses no web fonts. The browser tests fail when a budget is exceeded.',
    '',
  );
  out.push('| scale | page | HTML | CSS | JS | total | budget |', '|---:|---|---:|---:|---:|---:|---|');
  for (const r of results) {
    const w = r.weights;
    out.push(
      `| ${r.scale} | heaviest course page | ${kb(w.course.html)} KB | ${kb(w.course.css)} KB | ${kb(w.course.js)} KB | ${kb(w.course.total)} KB | ≤ 50 KB total (${((w.course.total / (50 * 1024)) * 100).toFixed(0)} %) |`,
    );
    out.push(
      `| ${r.scale} | course finder /courses/ | ${kb(w.search.html)} KB | ${kb(w.search.css)} KB | ${kb(w.search.js)} KB | ${kb(w.search.total)} KB | JS ≤ 100 KB (${((w.search.js / (100 * 1024)) * 100).toFixed(0)} %) |`,
    );
    out.push(
      `| ${r.scale} | compare | ${kb(w.compare.html)} KB | ${kb(w.compare.css)} KB | ${kb(w.compare.js)} KB | ${kb(w.compare.total)} KB | — |`,
    );
    out.push(
      `| ${r.scale} | home | ${kb(w.home.html)} KB | ${kb(w.home.css)} KB | ${kb(w.home.js)} KB | ${kb(w.home.total)} KB | — |`,
    );
  }
  return `${out.join('\n')}\n`;
}

if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
if (!fs.existsSync('/usr/bin/time'))
  throw new Error('/usr/bin/time is needed to measure peak memory: apt-get install -y time');
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const results = [];
for (const scale of SCALES) results.push(await benchScale(scale));
replaceSection('Site build', section(results, machine));
log('BENCHMARKS.md updated (## Site build)');
