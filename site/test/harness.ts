/**
 * What every browser test of the built site shares: `npm start`'s compiled CLI serving the whole
 * catalogue from a temp folder (demo data for a fixed day, the embedded Meilisearch, the built
 * site), Debian's Chromium driven by playwright-core (no browser download), axe-core and small
 * GraphQL helpers. One catalogue is started for all browser test files by `global-setup.ts` and
 * reached with `inject('catalogue')`; a test that must change data or the environment (the
 * nginx front end) starts its own with {@link startCatalogue}.
 *
 * Needs Chromium: `apt-get install -y chromium` (or CHROMIUM_PATH=/path/to/chrome). Without it
 * the browser tests are left out locally, and fail under CI (CI must run them).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, it } from 'vitest';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The compiled CLI `npm start` runs. */
export const CLI = path.resolve(HERE, '..', '..', 'api', 'dist', 'cli', 'start.js');
/** Where tests keep screenshots for people to look at. */
export const ARTIFACTS = path.join(HERE, 'artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
/** The day the shared catalogue's demo is made for, and its answers given for. */
export const CATALOGUE_DAY = '2026-11-21';
/** WCAG 2.2 AA, as axe-core tags it. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const LANGS = [
  { lang: 'zh-CN', prefix: '' },
  { lang: 'en', prefix: '/en' },
] as const;

const INSTALL_HINT = `Chromium not found at ${CHROMIUM}: the browser tests need it. Install it with \`apt-get install -y chromium\` (Debian/Ubuntu) or set CHROMIUM_PATH to a Chrome/Chromium executable.`;

/** A test that fails under CI when Chromium is missing, and says why the browser tests are left out otherwise. */
export function requireChromium(label: string): void {
  it('has Chromium for the browser tests (required under CI)', () => {
    if (hasChromium) return;
    if (process.env.CI) throw new Error(`${INSTALL_HINT} CI must run the browser tests.`);
    console.warn(`[${label}] left out: ${INSTALL_HINT}`);
  });
}

/** A running catalogue: the site's and the API's addresses and its data folder (built site, search key). */
export interface CatalogueUrls {
  site: string;
  graphql: string;
  dataDir: string;
}

/** A catalogue started by {@link startCatalogue}. */
export interface Catalogue extends CatalogueUrls {
  /** Meilisearch's address, as the CLI reported it (empty with `SEARCH=off`). */
  meili: string;
  /** Everything the CLI printed so far. */
  output(): string;
  /** Stops the CLI (SIGTERM, then SIGKILL after 30 s) and removes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts the compiled CLI on free ports in a new temp folder with demo data at scale 1 for
 * `CATALOGUE_DAY`, embedded SQLite and Meilisearch whatever the caller's environment points at;
 * `env` adds or overrides variables. Resolves once the site is served.
 * @example const c = await startCatalogue({ SITE_REBUILD_SECONDS: '0' }); … await c.stop();
 */
export async function startCatalogue(env: NodeJS.ProcessEnv = {}): Promise<Catalogue> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` at the repository root first`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-site-test-'));
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    SITE_PORT: '0',
    MEILI_PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_SCALE: '1',
    CATALOGUE_TODAY: CATALOGUE_DAY,
  };
  for (const k of [
    'DATABASE_URL',
    'MEILI_URL',
    'MEILI_MASTER_KEY',
    'MEILI_PUBLIC_URL',
    'SEARCH',
    'SITE',
    'SITE_OUT_DIR',
    'NODE_ENV',
  ])
    delete childEnv[k];
  Object.assign(childEnv, env);
  const child = spawn(process.execPath, [CLI], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const urls = await new Promise<Omit<Catalogue, 'dataDir' | 'output' | 'stop'>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "static site at" line within 300 s:\n${out}`)), 300_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /static site at (http:\/\/[\d.]+:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          site: m[1],
          graphql: /GraphQL API and IDE at (http:\/\/[\d.]+:\d+\/graphql)/.exec(out)![1],
          meili: /Meilisearch (http:\/\/[\d.]+:\d+) \(embedded/.exec(out)?.[1] ?? '',
        });
      } else if (/not served/.test(out) || /failed to start/.test(out)) {
        clearTimeout(timer);
        reject(new Error(`the site is not served:\n${out}`));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the CLI exited with ${code} before serving the site:\n${out}`));
    });
  }).catch(async (e) => {
    await stop();
    throw e;
  });
  return { ...urls, dataDir, output: () => out, stop };
}

/**
 * The page's cumulative layout shift so far: Chromium's layout-shift entries since navigation
 * (buffered), leaving out shifts right after user input, summed after a 300 ms settle.
 * @example expect(await layoutShiftSoFar(page)).toBeLessThanOrEqual(0.01);
 */
export function layoutShiftSoFar(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let sum = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
            if (!e.hadRecentInput) sum += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(sum), 300);
      }),
  );
}

/** Debian's Chromium, headless, with the network-quiet flags this closed machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * POSTs a GraphQL query to `graphql` and returns its data, failing the test on any error.
 * @example const d = await gql(catalogue.graphql, '{ courses(first: 1) { totalCount } }');
 */
export async function gql(graphql: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await fetch(graphql, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  expect(body.errors, query).toBeUndefined();
  return body.data;
}

/** Runs axe (WCAG 2.2 AA) on the open page; prints every violation with its targets before failing. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const report = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`,
  );
  expect(report, `${label}: axe violations`).toEqual([]);
}
