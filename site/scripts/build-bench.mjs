#!/usr/bin/env node
/**
 * `npm run bench:site`: how fast the static site builds, how fast a write reaches its pages, and
 * what the pages weigh.
 *
 * For each scale (`BENCH_SCALES`, default `1,5`), on a fresh demo dataset in a temporary folder
 * (embedded SQLite and Meilisearch):
 * - full build: the API CLI serves the data (no site of its own) and the site builder
 *   (`build-site --full`) builds every page: wall time, pages, pages per second, peak memory
 *   (the builder and its astro builds together, sampled with `ps`), the API requests they made;
 * - publish-to-page: the CLI as `npm start` runs it (its builder looking for changes every
 *   SITE_REBUILD_SECONDS, default) serves the site built above; 10 notices are published through
 *   the API one after another, each timed from the API's answer until its page, the notice list
 *   and its institution's page are served with it;
 * - an import of 1,000 notices (`npm run import notices`): from the command's start until every
 *   one of their pages is served.
 * Each is next to its floor, measured in the same run: one Node process writing the same files
 * (same paths, same bytes) with no data and no rendering, i.e. what the disk alone allows.
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
const API_CLI = (name) => path.join(REPO, 'api', 'dist', 'cli', `${name}.js`);
const PUBLISHES = 10;
const IMPORTED_NOTICES = 1_000;
const SCALES = (process.env.BENCH_SCALES ?? '1,5')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);

const log = (line) => console.log(`[bench:site] ${line}`);
const DAY = '2026-11-21';

/**
 * Starts the API CLI on `dataDir` (embedded search) and resolves with its GraphQL URL and, with
 * `site`, the site's: as `npm start` runs it, the builder looking for changes on its default
 * interval.
 */
function startApi(dataDir, scale, site = false) {
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    DEMO_SCALE: String(scale),
    PORT: '0',
    HOST: '127.0.0.1',
    SITE: site ? 'on' : 'off',
    // No public address, as build-site builds without one: the pages built above are reused.
    SITE_PORT: '0',
    MEILI_PORT: '0',
    CATALOGUE_TODAY: DAY,
  };
  for (const k of [
    'DATABASE_URL',
    'MEILI_URL',
    'MEILI_MASTER_KEY',
    'MEILI_PUBLIC_URL',
    'SEARCH',
    'SITE_URL',
    'SITE_OUT_DIR',
    'SITE_REBUILD_SECONDS',
  ])
    delete env[k];
  const child = spawn(process.execPath, [CLI], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      out += chunk.toString();
      const m = /GraphQL API and IDE at (http:\/\/[\d.]+:\d+)\/graphql/.exec(out);
      const served = /static site at (http:\/\/[\d.]+:\d+)\//.exec(out);
      if (m && (!site || served))
        resolve({ graphql: `${m[1]}/graphql`, origin: m[1], site: served?.[1], output: () => out });
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

/** The floor: write `files` (relative to `outDir`) again, same paths and bytes, from one Node process; seconds. */
function floorSeconds(outDir, files) {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'site-floor-'));
  const contents = files.map((rel) => [rel, fs.readFileSync(path.join(outDir, rel))]);
  const started = process.hrtime.bigint();
  for (const [rel, bytes] of contents) {
    fs.mkdirSync(path.join(target, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(target, rel), bytes);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.rmSync(target, { recursive: true, force: true });
  return seconds;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const manifestOf = (outDir) => JSON.parse(fs.readFileSync(path.join(outDir, '.catalogue-build.json'), 'utf8'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** POSTs GraphQL (with a key when given); the data, or a thrown error with the API's messages. */
async function gql(url, query, variables = {}, key = null) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(`${query.slice(0, 60)}…: ${body.errors.map((e) => e.message).join('; ')}`);
  const payload = Object.values(body.data)[0];
  if (payload?.problems?.length) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(payload.problems)}`);
  return body.data;
}

/** Polls `done` every 200 ms until true; seconds from `started` (ms), or a thrown error after `limit` s. */
async function until(done, started, limit, what) {
  for (;;) {
    if (await done()) return (Date.now() - started) / 1000;
    if (Date.now() - started > limit * 1000) throw new Error(`${what}: not done within ${limit} s`);
    await sleep(200);
  }
}

/** Resident memory of `pid` and every process under it together, in MB (from `ps`). */
function treeRssMb(pid) {
  const rows = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const inTree = new Set([pid]);
  // Parents come before their children in ps's order only by chance: repeat until nothing is added.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, parent] of rows)
      if (inTree.has(parent) && !inTree.has(p)) {
        inTree.add(p);
        grew = true;
      }
  }
  return rows.reduce((sum, [p, , rss]) => (inTree.has(p) ? sum + rss : sum), 0) / 1024;
}

/**
 * Runs `command` to its end, sampling the memory of its process tree (the builder and the astro
 * builds it runs side by side) every 250 ms; its output and the peak, in MB.
 */
async function runMeasured(command, args, options) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (c) => {
    text += c.toString();
  });
  child.stderr.on('data', (c) => {
    text += c.toString();
  });
  let peakMb = 0;
  const sampler = setInterval(() => {
    peakMb = Math.max(peakMb, treeRssMb(child.pid));
  }, 250);
  const status = await new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  clearInterval(sampler);
  return { status, text, peakMb };
}

/** The loaders' times summed by loader over the builds (slices read some of them each). */
function loadsOf(text) {
  const byWhat = new Map();
  for (const m of text.matchAll(/\[site\] loaded (.+?)(?: \(\d+\))? in (\d+) ms/g)) {
    const entry = byWhat.get(m[1]) ?? { what: m[1], ms: 0, times: 0 };
    entry.ms += Number(m[2]);
    entry.times += 1;
    byWhat.set(m[1], entry);
  }
  return [...byWhat.values()];
}

/** Full build: the API without a site, and `build-site --full`, its memory sampled as it runs. */
async function fullBuild(scale, dataDir, outDir) {
  const api = startApi(dataDir, scale);
  try {
    const { origin } = await api.url;
    log(`scale ${scale}: API ready at ${origin}; building every page…`);
    const started = Date.now();
    const run = await runMeasured(
      process.execPath,
      [API_CLI('build-site'), '--api', origin, '--out', outDir, '--full', '--verbose'],
      { cwd: SITE, env: { ...process.env, CATALOGUE_TODAY: DAY, SITE_URL: '', ASTRO_TELEMETRY_DISABLED: '1' } },
    );
    const seconds = (Date.now() - started) / 1000;
    const { text } = run;
    // What the builder says of its slices and the whole, for the record.
    for (const line of text.split('\n')) if (line.startsWith('[site-builder]')) log(`scale ${scale}: ${line}`);
    if (run.status !== 0) throw new Error(`the full build failed (${run.status}):\n${text.slice(-4000)}`);
    const pages = filesOf(outDir).filter((f) => f.endsWith('.html'));
    const floor = floorSeconds(
      outDir,
      pages.map((f) => path.relative(outDir, f)),
    );
    return {
      seconds,
      pages: pages.length,
      pagesPerSecond: pages.length / seconds,
      maxRssMb: run.peakMb,
      apiRequests: Number(/built in [\d.]+ s into .+ \(\d+ pages, (\d+) API requests\)/.exec(text)?.[1] ?? 0),
      slices: [...text.matchAll(/slice \d+ of (\d+) \(/g)].map((m) => Number(m[1]))[0] ?? 0,
      loads: loadsOf(text),
      floor,
      floorPagesPerSecond: pages.length / floor,
      weights: pageWeights(outDir),
    };
  } finally {
    await api.stop();
  }
}

/** Publishes notices and imports 1,000 through the CLI as `npm start` runs it, timing each until served. */
async function liveWrites(scale, dataDir, outDir) {
  const api = startApi(dataDir, scale, true);
  try {
    const { graphql, site, output } = await api.url;
    if (!/reusing the last build/.test(output()))
      throw new Error(`npm start rebuilt the site instead of serving the one measured:\n${output().slice(-2000)}`);
    const env = { ...process.env, DATABASE_URL: `sqlite:${path.join(dataDir, 'catalogue.sqlite')}`, DATA_DIR: dataDir };
    const cli = (name, ...args) => {
      const r = spawnSync(process.execPath, [API_CLI(name), ...args], { env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${name} ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    const publishers = new Map();
    const publisherFor = (region) => {
      if (!publishers.has(region)) {
        const id = /^publisher (\d+):/m.exec(
          cli('publishers', 'create', '--name', `测试人社局 ${region}（基准）`, '--region', region),
        )[1];
        const key = /sy_[a-z0-9]{12}_[\w-]{43}/.exec(cli('publishers', 'key-create', '--publisher', id))[0];
        publishers.set(region, { id, key });
      }
      return publishers.get(region);
    };
    // A connection the server closed as it was reused (keep-alive) is asked again at the next
    // poll, as a browser retries it; it is not a page missing.
    const page = async (p) => {
      const res = await fetch(`${site}${p}`).catch(() => null);
      return res?.status === 200 ? res.text() : '';
    };
    const { courses } = await gql(
      graphql,
      `{ courses(first: ${PUBLISHES}, filter: { status: FINISHED }) { nodes { classNumber occupation { code } region { code } institution { id } } } }`,
    );
    const publishes = [];
    for (const [i, course] of courses.nodes.entries()) {
      const number = `基准测试公示〔2026〕${i + 1}号`;
      const institutionPage = `/institutions/${course.institution.id}/`;
      const before = await page(institutionPage);
      const first17 = `${course.region.code}1990010112${i}`;
      const id =
        first17 +
        '10X98765432'[
          [...first17].reduce(
            (sum, d, k) => sum + Number(d) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][k],
            0,
          ) % 11
        ];
      const started = Date.now();
      const { publishNotice } = await gql(
        graphql,
        'mutation($input: PublishNoticeInput!) { publishNotice(input: $input) { notice { id } problems { field rule message } } }',
        {
          input: {
            number,
            title: '关于基准测试培训班培训补贴人员名单的公示',
            bureau: course.region.code,
            publishedOn: DAY,
            classNumber: course.classNumber,
            lines: [
              {
                seq: 1,
                name: '李建国',
                idNumber: id,
                occupationCode: course.occupation.code,
                level: 'LEVEL_5',
                certificateNumber: `S20265300000010${i}`,
                attendanceRate: 0.9,
                amount: 1200,
              },
            ],
          },
        },
        publisherFor(course.region.code).key,
      );
      const noticeId = publishNotice.notice.id;
      const seconds = await until(
        async () =>
          (await page(`/notices/${noticeId}/`)).includes(number) &&
          (await page('/notices/')).includes(number) &&
          (await page(institutionPage)) !== before,
        started,
        600,
        `publish ${i + 1}`,
      );
      const written = manifestOf(outDir).written ?? [];
      publishes.push({
        seconds,
        pages: written.filter((f) => f.endsWith('.html')).length,
        floor: floorSeconds(outDir, written),
      });
      log(
        `scale ${scale}: publish ${i + 1} served after ${seconds.toFixed(1)} s (${publishes.at(-1).pages} pages written)`,
      );
    }
    return { publishes, imported: await importNotices(scale, graphql, outDir, publisherFor, cli) };
  } finally {
    await api.stop();
  }
}

/** Imports {@link IMPORTED_NOTICES} notices of 10 lines with the CLI; seconds until every page of them is served. */
async function importNotices(scale, graphql, outDir, publisherFor, cli) {
  const { sampleNoticeRows, NOTICE_FILE_HEADER } = (await import('../../api/dist/bench/sample-notice-rows.js')).default;
  const rows = sampleNoticeRows(IMPORTED_NOTICES, 10, 50_000);
  const file = path.join(os.tmpdir(), `site-bench-import-${process.pid}.csv`);
  fs.writeFileSync(file, [NOTICE_FILE_HEADER, ...rows].map((r) => r.join(',')).join('\n'));
  const head = await gql(graphql, '{ recordChanges(newestFirst: true, first: 1) { pageInfo { endCursor } } }');
  const publisher = publisherFor('530102');
  const started = Date.now();
  cli('import', 'notices', file, '--publisher', publisher.id);
  const importSeconds = (Date.now() - started) / 1000;
  fs.rmSync(file, { force: true });
  const ids = new Set();
  for (let after = head.recordChanges.pageInfo.endCursor; ; ) {
    const { recordChanges } = await gql(
      graphql,
      'query($after: String) { recordChanges(after: $after, first: 100) { nodes { recordType recordId } pageInfo { hasNextPage endCursor } } }',
      { after },
    );
    for (const c of recordChanges.nodes) if (c.recordType === 'SUBSIDY_NOTICE') ids.add(c.recordId);
    if (!recordChanges.pageInfo.hasNextPage) break;
    after = recordChanges.pageInfo.endCursor;
  }
  if (ids.size !== IMPORTED_NOTICES) throw new Error(`the import noted ${ids.size} notices, not ${IMPORTED_NOTICES}`);
  const files = [...ids].flatMap((id) => [`notices/${id}.html`, `en/notices/${id}.html`]);
  const seconds = await until(() => files.every((f) => fs.existsSync(path.join(outDir, f))), started, 1800, 'import');
  log(
    `scale ${scale}: ${IMPORTED_NOTICES} notices imported in ${importSeconds.toFixed(1)} s, all their pages served after ${seconds.toFixed(1)} s`,
  );
  return { importSeconds, seconds, pages: files.length, floor: floorSeconds(outDir, files) };
}

async function benchScale(scale) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `site-bench-${scale}-`));
  const outDir = path.join(dataDir, 'site');
  try {
    const full = await fullBuild(scale, dataDir, outDir);
    log(
      `scale ${scale}: ${full.pages} pages in ${full.seconds.toFixed(1)} s = ${full.pagesPerSecond.toFixed(0)} pages/s, peak ${full.maxRssMb.toFixed(0)} MB; floor ${full.floor.toFixed(1)} s`,
    );
    // BENCH_SITE_LIVE=0: the full build only (the writes take longest at scale 5).
    return {
      scale,
      ...full,
      live: process.env.BENCH_SITE_LIVE === '0' ? null : await liveWrites(scale, dataDir, outDir),
    };
  } finally {
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
    'Each scale: a fresh demo dataset (SQLite, embedded Meilisearch). Floors, measured in the same run: one Node process writing the same files (same paths, same bytes) with no data and no rendering.',
    '',
    '### Full build',
    '',
    'The API CLI serves the data; `build-site --full` builds every page in both languages: whole up to 20,000 classes and notices, in slices of about 20,000 above (the rest and the slices, two at a time; see README, "Incremental site builds"). Peak memory: the builder and its astro builds together, sampled every 250 ms with `ps`. Goals at scale 5: ≤ 300 s, ≤ 2 GB.',
    '',
  );
  out.push(
    '| scale | pages | slices | build | pages/s | peak memory | API requests | floor (write only) | build ÷ floor | goals met |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|',
  );
  for (const r of results) {
    const met = r.scale < 5 ? '—' : r.seconds <= 300 && r.maxRssMb <= 2048 ? 'yes' : 'no';
    out.push(
      `| ${r.scale} | ${r.pages.toLocaleString('en')} | ${r.slices || 'whole'} | ${r.seconds.toFixed(1)} s | ${r.pagesPerSecond.toFixed(0)} | ${r.maxRssMb.toFixed(0)} MB | ${r.apiRequests} | ${r.floor.toFixed(1)} s (${r.floorPagesPerSecond.toFixed(0)} pages/s) | ${(r.seconds / r.floor).toFixed(1)} × | ${met} |`,
    );
  }
  out.push(
    '',
    '### A write reaches its pages',
    '',
    `The CLI as \`npm start\` runs it (its builder looking at the change feed every SITE_REBUILD_SECONDS, default 5) serves the pages built above. Publish: ${PUBLISHES} notices through the API one after another, each timed from the request until its page, the notice list and its class's institution page are served with it. Import: ${IMPORTED_NOTICES.toLocaleString('en')} notices of 10 lines with \`npm run import notices\`, timed from the command's start until the pages of all of them (both languages) are served. Floor: writing the files the partial build wrote (publish; median) or the imported notices' pages (import). Goals at scale 5: publish ≤ 60 s median, ≤ 120 s worst; import ≤ 300 s.`,
    '',
    '| scale | publish: median | worst | pages written (median) | floor (median) | median ÷ floor | import: command | all pages served | floor | served ÷ floor | goals met |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|',
  );
  for (const r of results) {
    if (!r.live) {
      out.push(`| ${r.scale} | not measured in this run (BENCH_SITE_LIVE=0) | | | | | | | | | |`);
      continue;
    }
    const p = r.live.publishes;
    const med = median(p.map((x) => x.seconds));
    const worst = Math.max(...p.map((x) => x.seconds));
    const floor = median(p.map((x) => x.floor));
    const imp = r.live.imported;
    const met = r.scale < 5 ? '—' : med <= 60 && worst <= 120 && imp.seconds <= 300 ? 'yes' : 'no';
    out.push(
      `| ${r.scale} | ${med.toFixed(1)} s | ${worst.toFixed(1)} s | ${median(p.map((x) => x.pages))} | ${floor.toFixed(2)} s | ${(med / floor).toFixed(0)} × | ${imp.importSeconds.toFixed(1)} s | ${imp.seconds.toFixed(1)} s | ${imp.floor.toFixed(2)} s | ${(imp.seconds / imp.floor).toFixed(0)} × | ${met} |`,
    );
  }
  out.push(
    '',
    'Data loading inside the builds (each loader is read once per astro build and shared by its routes; with slices, the times of every slice are added up, × how many builds read it):',
    '',
  );
  for (const r of results)
    out.push(
      `- scale ${r.scale}: ${r.loads.map((l) => `${l.what}${l.times > 1 ? ` ×${l.times}` : ''} ${(l.ms / 1000).toFixed(1)} s`).join(', ')}`,
    );
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
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const results = [];
for (const scale of SCALES) results.push(await benchScale(scale));
replaceSection('Site build', section(results, machine));
log('BENCHMARKS.md updated (## Site build)');
