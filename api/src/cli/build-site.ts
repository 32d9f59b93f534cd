import { parseArgs } from 'node:util';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { BuildMetrics, serveMetrics } from '../observability/metrics';
import path from 'node:path';
import { REPO_ROOT, atLeastOne } from '../config';
import { buildSite } from '../site/site-builder';

const USAGE = `Usage: node api/dist/cli/build-site.js --api URL --out DIR [--watch SECONDS] [--full]

Builds the static site from a running API into DIR. A first build, a new load of the data, a new
day or changed site sources build every page beside DIR and swap them in whole; otherwise only the
pages that show the records changed since the last build (the API's recordChanges feed) are built
and moved in one by one, each whole, so a web server reading DIR never serves a half-written page.
DIR/.catalogue-build.json says what was built from which position of the feed. One builder at a
time writes DIR (DIR.lock). docker-compose.yml runs it as the site-builder service; npm start does
the same by itself.
  --api URL         the API's origin, e.g. http://api:4000
  --out DIR         where the pages go, e.g. /srv/site/current (nginx's root)
  --watch SECONDS   keep running and look for changes every SECONDS (default: build once and exit)
  --full            build every page, whatever changed (only the first build with --watch)
  --slice N         a full build of more than N classes and notices is made in slices of about N
                    (default 20000), each those records' own pages, then the rest
  --workers N       slices built at once (default 2)
  --verbose         print what astro build prints (what each loader read, in how long)
  --metrics PORT    serve the builds' state at http://0.0.0.0:PORT/metrics (Prometheus) while running`;

/** The API's data version and whether it has search, or null while it does not answer. */
async function apiState(api: string): Promise<{ version: string; search: boolean } | null> {
  try {
    const res = await fetch(`${api}/health`);
    if (!res.ok) return null;
    const body = (await res.json()) as { dataVersion?: string; search?: { status?: string } };
    if (!body.dataVersion) return null;
    return { version: body.dataVersion, search: body.search?.status === 'ok' };
  } catch {
    return null;
  }
}

const log = (line: string) => console.log(`[site-builder] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface BuildFlags {
  full: boolean;
  verbose: boolean;
  sliceRecords?: number;
  sliceWorkers?: number;
}

async function buildOnce(api: string, out: string, flags: BuildFlags, builds: BuildMetrics): Promise<void> {
  const { full, verbose, sliceRecords, sliceWorkers } = flags;
  let state = await apiState(api);
  for (let i = 0; !state && i < 120; i++) {
    if (i === 0) log(`waiting for the API at ${api}…`);
    await sleep(5000);
    state = await apiState(api);
  }
  if (!state) throw new Error(`the API at ${api} did not answer /health within 10 minutes`);
  const result = await builds.measure(() =>
    buildSite({
      siteRoot: path.join(REPO_ROOT, 'site'),
      outDir: out,
      apiUrl: `${api}/graphql`,
      dataVersion: `${state.version}|search:${state.search ? 'on' : 'off'}`,
      full,
      sliceRecords,
      sliceWorkers,
      log,
      ...(verbose ? { onOutput: (text: string) => process.stdout.write(text) } : {}),
    }),
  );
  if (result.kind === 'reused') log('data and pages unchanged');
}

/** The builds' metrics, served on `port` when given (the site-builder service has no other server). */
async function buildMetrics(port: number | undefined): Promise<BuildMetrics> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  if (port) {
    await serveMetrics(registry, '0.0.0.0', port);
    log(`metrics at http://0.0.0.0:${port}/metrics`);
  }
  return new BuildMetrics(registry);
}

/** A flag's whole number ≥ 1, or undefined when it is not given (the builder's default). */
function flagAtLeastOne(flag: string, raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : atLeastOne(flag, raw);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      api: { type: 'string' },
      out: { type: 'string' },
      watch: { type: 'string' },
      full: { type: 'boolean' },
      verbose: { type: 'boolean' },
      slice: { type: 'string' },
      workers: { type: 'string' },
      metrics: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(USAGE);
  if (!values.api || !/^https?:\/\//.test(values.api))
    throw new Error(`--api must be the API's http(s) origin\n\n${USAGE}`);
  if (!values.out) throw new Error(`--out is required\n\n${USAGE}`);
  const api = values.api.replace(/\/+$/, '');
  const out = path.resolve(values.out);
  const watch = values.watch === undefined ? 0 : Number(values.watch);
  if (!Number.isInteger(watch) || watch < 0)
    throw new Error(`--watch must be a whole number of seconds, got "${values.watch}"`);
  // Stopping between builds is immediate; during one, the pages being built are abandoned
  // (they are beside the served ones, which stay as they were).
  const stop = (code: number) => () => {
    log('stopping');
    process.exit(code);
  };
  process.on('SIGTERM', stop(0));
  process.on('SIGINT', stop(130));
  const flags: BuildFlags = {
    full: values.full === true,
    verbose: values.verbose === true,
    sliceRecords: flagAtLeastOne('--slice', values.slice),
    sliceWorkers: flagAtLeastOne('--workers', values.workers),
  };
  const builds = await buildMetrics(flagAtLeastOne('--metrics', values.metrics));
  await buildOnce(api, out, flags, builds);
  while (watch) {
    await sleep(watch * 1000);
    // A failed rebuild keeps the previous pages: log it and try again next time.
    await buildOnce(api, out, { ...flags, full: false }, builds).catch((e) =>
      log(`rebuild failed, the previous pages stay: ${(e as Error).message}`),
    );
  }
}

main().catch((e) => {
  console.error(`[site-builder] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
