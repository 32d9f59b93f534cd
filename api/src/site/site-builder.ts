/**
 * Builds the static site from a running API: in full when the pages served are not of this
 * data load, day and sources, otherwise only the pages that show the records the API's change
 * feed (`recordChanges`) names since the last build. One builder at a time per output folder
 * (a lock beside it); the served pages never show half a build.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import pLimit from 'p-limit';
import { clearLeftover, dyingWithParent, forgetChild, recordChild } from '@skills-yunnan/search';
import { readFeed, type ChangedRecords } from './change-feed';
import { readRecordIds, sliceRecords, type RecordIds } from './record-ids';

/** Options of {@link buildSite}. */
export interface SiteBuildOptions {
  /** The site workspace (`<repo>/site`). */
  siteRoot: string;
  /** Where the built pages go (default in config: `<DATA_DIR>/site`). */
  outDir: string;
  /** The GraphQL endpoint the build reads, e.g. `http://127.0.0.1:4000/graphql`. */
  apiUrl: string;
  /**
   * The site's public address (`SITE_URL` of the build, for canonical links, sitemap and feed);
   * default: the build's own environment. A different value means a full build.
   * @example 'http://localhost:4321'
   */
  siteUrl?: string;
  /**
   * What the data is: the API's data version (`/health` `dataVersion`, with `|search:on|off`).
   * A new load of the data or a new day means a full build; writes in between (its `audit:`
   * count) are read from the change feed instead.
   */
  dataVersion: string;
  /** Build every page whatever changed (`--full`). Default false. */
  full?: boolean;
  /**
   * A full build of more classes and notices than this (together) is made in slices of about
   * this many, each writing those records' own pages, then one build of the rest: memory stays
   * bounded by the slice, and slices run side by side. Default {@link SLICE_RECORDS}.
   */
  sliceRecords?: number;
  /** Slices built at once (default 2: this machine's cores; the API serving them needs some too). */
  sliceWorkers?: number;
  log?: (line: string) => void;
  /** Receives what `astro build` prints, as it prints it (default: kept for the error only). */
  onOutput?: (text: string) => void;
  /** Aborts a build under way (the API is stopping): the build is stopped, its half folder removed. */
  signal?: AbortSignal;
}

/** What a build did. */
export type SiteBuildResult =
  | { kind: 'reused' }
  | { kind: 'full' | 'partial'; pages: number; changes: number; seconds: number };

/** One build as the manifest keeps it. */
export interface BuildRecord {
  kind: 'full' | 'partial';
  /** When it finished (ISO 8601). */
  at: string;
  /** The feed position its data is at least as new as; the next build reads changes after it. */
  cursor: string | null;
  /** Changed records it was built for (0 for a full build). */
  changes: number;
  /** Pages (HTML files) it wrote. */
  pages: number;
  seconds: number;
}

/**
 * `<outDir>/.catalogue-build.json`: what the served pages were built from. `stamp` decides
 * between a full and a partial build; `written` lists the files the last build wrote (paths
 * relative to the site, for a partial build; a full build wrote them all).
 */
export interface BuildManifest {
  stamp: { data: string; sources: string; site?: string };
  cursor: string | null;
  last: BuildRecord;
  written: string[] | null;
  /** The latest builds, newest first (at most {@link HISTORY}). */
  history: BuildRecord[];
}

export const MANIFEST = '.catalogue-build.json';
const HISTORY = 50;
/**
 * Above this many changed records a full build is made instead: the lists it rebuilds anyway
 * are most of the site then, and a full build reads in bulk.
 */
export const MAX_PARTIAL_CHANGES = 5_000;

/**
 * Default of {@link SiteBuildOptions.sliceRecords}: about 40,000 pages a slice. Scale 1 (≈ 5,000
 * classes and notices) is built whole; scale 5 (≈ 140,000) in 7 slices.
 */
export const SLICE_RECORDS = 20_000;

/** A hash of the site's sources, so a changed page or component also means a full build. */
export function sourceHash(siteRoot: string): string {
  const hash = crypto.createHash('sha256');
  const walk = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name));
    else hash.update(path.relative(siteRoot, p)).update(fs.readFileSync(p));
  };
  for (const entry of ['src', 'public', 'astro.config.mjs', 'package.json'])
    if (fs.existsSync(path.join(siteRoot, entry))) walk(path.join(siteRoot, entry));
  return hash.digest('hex').slice(0, 16);
}

/** The data version without the count of writes: what only a new load or a new day changes. */
function loadOf(dataVersion: string): string {
  return dataVersion.replace(/\|audit:\d+/, '');
}

function readManifest(outDir: string): BuildManifest | null {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(outDir, MANIFEST), 'utf8')) as BuildManifest;
    return m.stamp && 'cursor' in m ? m : null;
  } catch {
    return null;
  }
}

/**
 * Folders read at once by each folder's walk in {@link filesUnder}. One at a time, a walk of a
 * scale-5 site (277,439 files in about 140,000 folders) took 13.5 s, every readdir a round trip
 * through the thread pool; 16 at once 5.3 s, 32 5.0 s, 4 6.1 s (this machine, warm cache).
 */
const WALK_FOLDERS_AT_ONCE = 16;

const byName = (a: fs.Dirent, b: fs.Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Every file under `dir`, relative to it with `/`, in a stable order (each folder's names
 * sorted, depth first). Read asynchronously, {@link WALK_FOLDERS_AT_ONCE} folders at a time:
 * the builder runs in the process that serves the site, and a walk of a scale-5 site (277,000
 * pages) must not hold its requests up.
 * @example await filesUnder('.data/site') // ['_astro/…', …, 'index.html', …]
 */
export async function filesUnder(dir: string): Promise<string[]> {
  return walk(dir, '');
}

async function walk(dir: string, prefix: string): Promise<string[]> {
  const entries = (await fs.promises.readdir(dir, { withFileTypes: true })).sort(byName);
  // Each folder's files in its place, joined once read (flat(), not push(...): a folder of
  // 65,000 pages is too many to spread into a call).
  const found: (string | string[])[] = new Array(entries.length);
  let next = 0;
  const reader = async () => {
    for (let i = next++; i < entries.length; i = next++) {
      const { name } = entries[i];
      found[i] = entries[i].isDirectory() ? await walk(path.join(dir, name), `${prefix}${name}/`) : prefix + name;
    }
  };
  await Promise.all(Array.from({ length: Math.min(WALK_FOLDERS_AT_ONCE, entries.length) }, reader));
  return found.flat();
}

/**
 * Builds the site into `outDir` as {@link SiteBuildOptions} says: reused when nothing changed,
 * partial when only records changed since the last build, full otherwise. Holds a lock on
 * `outDir` meanwhile (another builder fails at once, naming it).
 * @example const r = await buildSite({ siteRoot, outDir: '.data/site', apiUrl, dataVersion }); // { kind: 'partial', pages: 14, … }
 */
export async function buildSite(opts: SiteBuildOptions): Promise<SiteBuildResult> {
  fs.mkdirSync(path.dirname(opts.outDir), { recursive: true });
  // A swap cut short between its two renames left the previous pages as `<outDir>.old`.
  const old = `${opts.outDir}.old`;
  if (!fs.existsSync(opts.outDir) && fs.existsSync(old)) fs.renameSync(old, opts.outDir);
  let release: () => Promise<void>;
  try {
    // A builder that died leaves its lock; it is stale once not refreshed for 10 s. Meanwhile
    // wait a little: the other builder may be about done.
    release = await lockfile.lock(opts.outDir, {
      realpath: false,
      lockfilePath: `${opts.outDir}.lock`,
      stale: 10_000,
      retries: { retries: 6, factor: 1, minTimeout: 2_500 },
      // The lock is refreshed every 5 s; should that fail (a stalled disk), say so and finish
      // this build rather than end the process serving the site.
      onCompromised: (e) => opts.log?.(`the lock on ${opts.outDir} was lost (${e.message}); finishing this build`),
    });
  } catch (e) {
    throw new Error(
      `another site builder is writing ${opts.outDir} (${(e as Error).message}); try again when it is done`,
    );
  }
  try {
    return await buildLocked(opts);
  } finally {
    await release().catch(() => undefined);
  }
}

async function buildLocked(opts: SiteBuildOptions): Promise<SiteBuildResult> {
  const log = opts.log ?? (() => undefined);
  await clearSlices(opts.outDir);
  const stamp = {
    data: loadOf(opts.dataVersion),
    sources: sourceHash(opts.siteRoot),
    ...(opts.siteUrl ? { site: opts.siteUrl } : {}),
  };
  const manifest = readManifest(opts.outDir);
  const sameBase = manifest !== null && JSON.stringify(manifest.stamp) === JSON.stringify(stamp);
  const started = Date.now();
  if (!opts.full && sameBase) {
    // Read before the build reads any data: a write after this point is in the next build.
    const feed = await readFeed(opts.apiUrl, manifest.cursor, MAX_PARTIAL_CHANGES);
    if (feed.count === 0) return { kind: 'reused' };
    if (feed.changed) {
      const pages = await partialBuild(opts, feed.changed);
      const record = finish(opts.outDir, manifest, stamp, 'partial', feed, pages, started);
      log(`built ${record.pages} pages for ${feed.count} changed records in ${record.seconds} s`);
      return { kind: 'partial', pages: record.pages, changes: feed.count, seconds: record.seconds };
    }
    log(`${feed.count}+ changed records: building every page`);
  }
  const head = await readFeed(opts.apiUrl, null, 0);
  // The manifest goes in with the pages it describes, in the same swap.
  const { record, requests } = await fullBuild(opts, (next, pages) =>
    finish(next, manifest, stamp, 'full', { cursor: head.cursor, count: 0 }, pages, started),
  );
  log(`built in ${record.seconds} s into ${opts.outDir} (${record.pages} pages, ${requests} API requests)`);
  return { kind: 'full', pages: record.pages, changes: 0, seconds: record.seconds };
}

/**
 * Writes the manifest of the build just made into `dir`: the served folder once a partial
 * build's pages are in; a full build's folder before it is swapped in.
 */
function finish(
  dir: string,
  previous: BuildManifest | null,
  stamp: BuildManifest['stamp'],
  kind: 'full' | 'partial',
  feed: { cursor: string | null; count: number },
  written: string[],
  started: number,
): BuildRecord {
  const record: BuildRecord = {
    kind,
    at: new Date().toISOString(),
    cursor: feed.cursor,
    changes: feed.count,
    pages: written.filter((f) => f.endsWith('.html')).length,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
  const manifest: BuildManifest = {
    stamp,
    cursor: feed.cursor,
    last: record,
    written: kind === 'partial' ? written : null,
    history: [record, ...(kind === 'partial' ? (previous?.history ?? []) : [])].slice(0, HISTORY),
  };
  writeAtomically(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 1));
  return record;
}

function writeAtomically(file: string, content: string | Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

/** Every page in `next`, built beside `outDir`, given its manifest by `describe`, then swapped in whole. */
async function fullBuild(
  opts: SiteBuildOptions,
  describe: (next: string, written: string[]) => BuildRecord,
): Promise<{ record: BuildRecord; requests: number }> {
  const next = `${opts.outDir}.next`;
  const ids = await readRecordIds(opts.apiUrl, opts.sliceRecords ?? SLICE_RECORDS);
  const requests = ids ? await buildInSlices(opts, next, ids) : await runAstro(opts, next, {});
  const record = describe(next, await filesUnder(next));
  swapIn(next, opts.outDir);
  return { record, requests };
}

/**
 * A full build into `next` made in slices (see {@link SiteBuildOptions.sliceRecords}): the rest
 * (lists, aggregates and every other page) into `next` and the slices each into a folder of
 * their own, {@link SiteBuildOptions.sliceWorkers} at a time, each slice's pages moved in once it
 * is built and the rest is. Any failure stops the others and removes every folder made.
 */
async function buildInSlices(opts: SiteBuildOptions, next: string, ids: RecordIds): Promise<number> {
  const size = opts.sliceRecords ?? SLICE_RECORDS;
  const slices = sliceRecords(ids, size);
  // Every name starts with `<outDir>.slice-`, so a build killed halfway leaves nothing clearSlices misses.
  const folder = (i: number | 'rest') => `${opts.outDir}.slice-${i}`;
  const planFile = (i: number | 'rest') => `${folder(i)}.plan.json`;
  const made = [...slices.flatMap((_, i) => [folder(i), planFile(i)]), planFile('rest')];
  // One part failing stops the others: the build has failed, and their pages would be thrown away.
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  const part = async (name: string, into: string, plan: string, pidFile: string, heapMb?: number) => {
    const started = Date.now();
    const asked = await runAstro({ ...opts, signal }, into, { SITE_BUILD_PLAN: plan }, pidFile, heapMb);
    opts.log?.(`${name} built in ${(Date.now() - started) / 1000} s`);
    return asked;
  };
  const buildRest = () => {
    // It names the slices' classes and notices, so its sitemap lists their pages as well.
    fs.writeFileSync(planFile('rest'), JSON.stringify({ rest: ids }));
    return part('the rest (lists, aggregates, other pages)', next, planFile('rest'), `${opts.outDir}.build.pid`);
  };
  const buildSlice = (slice: RecordIds, i: number) => {
    // Every class, so the slice's notices link to class pages without reading every class again.
    fs.writeFileSync(planFile(i), JSON.stringify({ slice: { ...slice, coursesWithPage: ids.courses } }));
    const what = `${slice.courses.length} classes, ${slice.notices.length} notices`;
    const name = `slice ${i + 1} of ${slices.length} (${what})`;
    return part(name, folder(i), planFile(i), `${folder(i)}.build.pid`, sliceHeapMb(size));
  };
  const limit = pLimit(Math.max(1, opts.sliceWorkers ?? 2));
  const stopOthers = (e: unknown) => {
    stop.abort();
    throw e;
  };
  // The rest first, so that it runs beside a slice instead of alone once the slices are done.
  const rest = limit(buildRest);
  // Each slice's pages move in as soon as it is built and the rest is there (a slice leaves out
  // what the rest has), one slice at a time, while the other slices build: moved after the
  // last slice, the pages of scale 5 took 13.9 s on one core with the other idle.
  let merges: Promise<unknown> = rest;
  let merging = 0;
  const moveIn = (i: number) => {
    merges = merges.then(async () => {
      const started = Date.now();
      await mergeSlice(folder(i), next);
      merging += Date.now() - started;
    });
    return merges;
  };
  const tasks = [
    rest.catch(stopOthers),
    ...slices.map((slice, i) =>
      limit(() => buildSlice(slice, i))
        .then(async (asked) => {
          await moveIn(i);
          return asked;
        })
        .catch(stopOthers),
    ),
  ];
  try {
    // Every part settled (the others stopped, those queued refused at once) before anything is removed.
    await Promise.allSettled(tasks);
    const requests = await Promise.all(tasks);
    opts.log?.(`the slices' pages moved in, in ${merging / 1000} s in all`);
    return requests.reduce((a, b) => a + b, 0);
  } catch (e) {
    fs.rmSync(next, { recursive: true, force: true });
    throw e;
  } finally {
    for (const p of made) fs.rmSync(p, { recursive: true, force: true });
  }
}

/**
 * The heap a slice's build may grow to, in MB, for slices of about `sliceRecords` classes and
 * notices (856 at the default 20,000): its data is bounded by the slice, and without a bound
 * Node lets the heap grow to twice what is live before collecting. Measured at scale 5 on one
 * slice of 18,311 classes and notices:
 * unbounded 111.6 s, 1,530 MB; bounded at 700 MB 93.8 s, 765 MB; at 450 MB 136.5 s (collecting
 * all the time), so about 1.8 × the live data.
 */
function sliceHeapMb(sliceRecords: number): number {
  return Math.round(256 + sliceRecords * 0.03);
}

/**
 * The young generation's semi-space of every astro build, in MB. Node 22 and later set its default
 * from the memory the process sees, larger than Node 20 did (nodejs/node#62723), which put a
 * scale-5 full build on Node 24 at 2,100 MB (two builds side by side, goal ≤ 2 GB). On Node 24, one
 * slice alone: default 74 s, 59.5 s user, 940 MB; 32 MB 80 s, 59.1 s user, 840 MB; 16 MB 80 s,
 * 62.4 s user, 831 MB. So 32: the memory of 16 at the CPU of the default.
 */
const SEMI_SPACE_MB = 32;

/**
 * Threads of each astro build's libuv pool (Node's default is 4). A build's file work is a
 * mkdir, open, write and close a page, each a hand-off to the pool and back; with 4 threads
 * waking on a 2-core machine already running two builds and the API, the hand-offs cost more
 * system time than the writes. 10,000 pages of a scale-5 slice, three runs each: 4.1–5.1 s
 * system time with 4 threads, 3.4–3.9 s with 1, the same user time.
 */
const BUILD_POOL_THREADS = '1';

/** What a sliced build stopped by a kill left beside `outDir`: its slices' builds and folders. */
async function clearSlices(outDir: string): Promise<void> {
  const dir = path.dirname(outDir);
  const prefix = `${path.basename(outDir)}.slice-`;
  const names = fs.readdirSync(dir).filter((n) => n.startsWith(prefix));
  // The builds first, so none writes into a folder being removed.
  for (const name of names.filter((n) => n.endsWith('.build.pid'))) await clearLeftover(path.join(dir, name));
  for (const name of names) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
}

/**
 * File operations a merge makes between two turns of the event loop (a few milliseconds of
 * work): in `npm start` the API answers from the builder's process, and moving a scale-5
 * slice's 37,000 pages takes about 2 s.
 */
const MERGE_STEPS_PER_TURN = 500;

/**
 * Moves a slice's pages into the full build: not what the rest has already (the same scripts,
 * styles and data files), nor Astro's server modules (`.mjs`). A page is a file, not a folder
 * (see `build.format` in `site/astro.config.mjs`), so a slice's pages sit in a few folders, each
 * listed once, and each page is one rename. (A slice writes no sitemap: the rest's lists every
 * page.) Yields to the event loop every {@link MERGE_STEPS_PER_TURN} operations; one merge into
 * a folder at a time.
 * @example await mergeSlice('.data/site.slice-0', '.data/site.next')
 */
export async function mergeSlice(slice: string, into: string): Promise<void> {
  await mergeFolder(slice, into, { steps: 0 });
}

async function mergeFolder(slice: string, into: string, done: { steps: number }): Promise<void> {
  // One listing of what the build has, not a stat for each of the slice's 10,000 pages.
  const there = new Set(fs.existsSync(into) ? fs.readdirSync(into) : []);
  for (const entry of fs.readdirSync(slice, { withFileTypes: true })) {
    if (++done.steps % MERGE_STEPS_PER_TURN === 0) await setImmediate();
    const from = path.join(slice, entry.name);
    const to = path.join(into, entry.name);
    if (!entry.isDirectory()) {
      if (!entry.name.endsWith('.mjs') && !there.has(entry.name)) fs.renameSync(from, to);
      continue;
    }
    fs.mkdirSync(to, { recursive: true });
    await mergeFolder(from, to, done);
    // A folder of server modules alone leaves nothing behind.
    if (!there.has(entry.name) && fs.readdirSync(to).length === 0) fs.rmdirSync(to);
  }
}

/**
 * The pages that show the changed records, built into `<outDir>.part` and moved into `outDir`
 * one file at a time (a rename each: a reader gets the old page or the new one, never half).
 * The sitemap is rebuilt with every page served (passed as the sitemap's custom pages).
 */
async function partialBuild(opts: SiteBuildOptions, changed: ChangedRecords): Promise<string[]> {
  const part = `${opts.outDir}.part`;
  const planFile = `${opts.outDir}.plan.json`;
  const servedFile = `${opts.outDir}.pages.json`;
  try {
    fs.writeFileSync(planFile, JSON.stringify({ changed }));
    fs.writeFileSync(servedFile, JSON.stringify(await servedPageUrls(opts.outDir)));
    await runAstro(opts, part, { SITE_BUILD_PLAN: planFile, SITE_SITEMAP_PAGES: servedFile });
    // Astro may leave its server-side modules (`chunks/*.mjs`, `manifest_*.mjs`) in a build that
    // skipped most routes: they are not part of the site, and a full build leaves none.
    const written = (await filesUnder(part)).filter((f) => !f.endsWith('.mjs'));
    // Scripts and styles first (new names only), the pages next, the sitemap they list last.
    const rank = (f: string) => (f.startsWith('_astro/') ? 0 : f.startsWith('sitemap') ? 2 : 1);
    for (const file of [...written].sort((a, b) => rank(a) - rank(b))) {
      const to = path.join(opts.outDir, file);
      if (rank(file) === 0 && fs.existsSync(to)) continue;
      fs.mkdirSync(path.dirname(to), { recursive: true });
      writeAtomically(to, fs.readFileSync(path.join(part, file)));
    }
    return written;
  } finally {
    fs.rmSync(part, { recursive: true, force: true });
    fs.rmSync(planFile, { force: true });
    fs.rmSync(servedFile, { force: true });
  }
}

/** The addresses of the pages served from `outDir` (`/x/y/` for `x/y.html` or `x/y/index.html`), for the sitemap. */
async function servedPageUrls(outDir: string): Promise<string[]> {
  return (
    (await filesUnder(outDir))
      // The 404 pages are not pages of the sitemap (the full build's sitemap leaves them out too).
      .filter((f) => f.endsWith('.html') && !/(^|\/)404\.html$/.test(f))
      .map((f) =>
        f === 'index.html' || f.endsWith('/index.html')
          ? `/${f.slice(0, -'index.html'.length)}`
          : `/${f.slice(0, -'.html'.length)}/`,
      )
  );
}

/**
 * Runs `astro build --outDir <into>` (a fresh folder) from the API; removes the folder if it
 * fails. Its process ID is kept in `pidFile` while it runs (default `<outDir>.build.pid`).
 * Resolves with the number of API requests the build made.
 */
async function runAstro(
  opts: SiteBuildOptions,
  into: string,
  env: Record<string, string>,
  pidFile = `${opts.outDir}.build.pid`,
  heapMb?: number,
): Promise<number> {
  const astro = path.join(path.dirname(require.resolve('astro/package.json', { paths: [opts.siteRoot] })), 'astro.js');
  // A build whose API was killed may still run (where the parent-death signal is not had).
  await clearLeftover(pidFile);
  opts.signal?.throwIfAborted();
  fs.rmSync(into, { recursive: true, force: true });
  const cwd = workingDir(opts.siteRoot, into);
  // What the build says it asked of the API (site/src/lib/catalogue.ts logs it with each loader).
  let requests = 0;
  try {
    return await new Promise<number>((resolve, reject) => {
      const [command, args] = dyingWithParent(process.execPath, [
        ...(heapMb ? [`--max-old-space-size=${heapMb}`] : []),
        `--max-semi-space-size=${SEMI_SPACE_MB}`,
        astro,
        'build',
        '--root',
        opts.siteRoot,
        '--outDir',
        into,
        // Astro logs a line for every page (277,000 at scale 5), each read back here; errors
        // are printed all the same, and the loaders' lines (with the requests made) as well.
        ...(opts.onOutput ? [] : ['--silent']),
      ]);
      const child = spawn(command, args, {
        cwd,
        env: {
          ...process.env,
          SITE_API_URL: opts.apiUrl,
          ASTRO_TELEMETRY_DISABLED: '1',
          UV_THREADPOOL_SIZE: BUILD_POOL_THREADS,
          ...(opts.siteUrl ? { SITE_URL: opts.siteUrl } : {}),
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        signal: opts.signal,
      });
      if (child.pid) recordChild(pidFile, child.pid, into);
      let tail = '';
      const onData = (chunk: Buffer) => {
        tail = (tail + chunk.toString()).slice(-4000);
        for (const m of tail.matchAll(/(\d+) API requests so far/g)) requests = Number(m[1]);
        opts.onOutput?.(chunk.toString());
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      // An abort also comes as an 'error'; either way, settle once the child has exited.
      let failure: Error | null = null;
      child.once('error', (e) => {
        failure = e;
        if (child.pid === undefined) reject(e);
      });
      child.once('exit', (code, killedBy) => {
        forgetChild(pidFile);
        const how = code === null ? `was ended by ${killedBy}` : `exited with ${code}`;
        if (failure) reject(failure);
        else if (code === 0) resolve(requests);
        else reject(new Error(`astro build into ${path.basename(into)} ${how}:\n${tail}`));
      });
    });
  } catch (e) {
    // The pages being served stay as they were; the half-built folder goes.
    fs.rmSync(into, { recursive: true, force: true });
    throw e;
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

/**
 * A fresh working folder for one `astro build`: Astro keeps the modules it renders with in
 * `<cwd>/.astro/` when the output is outside the working folder, so builds side by side (the
 * slices) each need their own. Under the site's `node_modules`, so those modules find their
 * packages.
 */
function workingDir(siteRoot: string, into: string): string {
  const name = crypto.createHash('sha256').update(into).digest('hex').slice(0, 12);
  const dir = path.join(siteRoot, 'node_modules', '.cache', 'catalogue-builds', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Replaces `target` with `next` by two renames: at most a moment between them without a site. */
function swapIn(next: string, target: string): void {
  const old = `${target}.old`;
  fs.rmSync(old, { recursive: true, force: true });
  if (fs.existsSync(target)) fs.renameSync(target, old);
  fs.renameSync(next, target);
  fs.rmSync(old, { recursive: true, force: true });
}
