import { parseArgs } from 'node:util';
import path from 'node:path';
import { REPO_ROOT } from '../config';
import { buildSiteIfNeeded } from '../site/site-server';

const USAGE = `Usage: node api/dist/cli/build-site.js --api URL --out DIR [--watch SECONDS]

Builds the static site from a running API into DIR (swapped in whole when finished, so a web
server reading DIR never serves a half-built site), unless DIR already holds a build of the same
data and sources. With --watch, looks again every SECONDS and rebuilds when the data changed
(every publish or import changes the API's /health dataVersion). docker-compose.yml runs it as
the site-builder service; npm start does the same by itself.
  --api URL         the API's origin, e.g. http://api:4000
  --out DIR         where the pages go, e.g. /srv/site/current (nginx's root)
  --watch SECONDS   keep running and look for new data every SECONDS (default: build once and exit)`;

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

async function buildOnce(api: string, out: string): Promise<void> {
  let state = await apiState(api);
  for (let i = 0; !state && i < 120; i++) {
    if (i === 0) log(`waiting for the API at ${api}…`);
    await sleep(5000);
    state = await apiState(api);
  }
  if (!state) throw new Error(`the API at ${api} did not answer /health within 10 minutes`);
  const result = await buildSiteIfNeeded({
    siteRoot: path.join(REPO_ROOT, 'site'),
    outDir: out,
    apiUrl: `${api}/graphql`,
    dataVersion: `${state.version}|search:${state.search ? 'on' : 'off'}`,
    log,
  });
  if (result === 'reused') log('data and pages unchanged');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { api: { type: 'string' }, out: { type: 'string' }, watch: { type: 'string' }, help: { type: 'boolean' } },
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
  await buildOnce(api, out);
  while (watch) {
    await sleep(watch * 1000);
    // A failed rebuild keeps the previous pages: log it and try again next time.
    await buildOnce(api, out).catch((e) => log(`rebuild failed, the previous pages stay: ${(e as Error).message}`));
  }
}

main().catch((e) => {
  console.error(`[site-builder] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
