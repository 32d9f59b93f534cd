import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers';

// `npm start` as a user runs it: the compiled CLI (built by `npm test` before vitest runs),
// a fresh database, first start loads, second start reuses.
const CLI = path.resolve(__dirname, '..', 'dist', 'cli', 'start.js');

let db: TestDatabase;
let dataDir: string;
/** Every CLI started, so that a failing assertion never leaves one running. */
const children: ChildProcess[] = [];
beforeAll(async () => {
  if (!fs.existsSync(CLI))
    throw new Error(`${CLI} is missing: run \`npm run build --workspace api\` first (npm test does)`);
  db = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-start-'));
});
afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
  await db?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the CLI, resolves with its URL and output once it serves. */
function start(): Promise<{ child: ChildProcess; url: string; siteUrl: string | null; output: () => string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    SITE_PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_SCALE: '1',
    CATALOGUE_TODAY: '2026-11-21',
  };
  // As a newcomer runs it: no NODE_ENV (vitest sets "test").
  delete env.NODE_ENV;
  env.DATABASE_URL = db.config.kind === 'postgresql' ? db.config.url : `sqlite:${db.config.file}`;
  const child = spawn(process.execPath, [CLI], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "serving" lines within 240 s:\n${out}`)), 240_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /IDE at (http:\/\/[\d.]+:\d+)\/graphql/.exec(out);
      const site = /static site at (http:\/\/[\d.]+:\d+)\//.exec(out);
      if (m && (site || /not served/.test(out))) {
        clearTimeout(timer);
        resolve({ child, url: m[1], siteUrl: site?.[1] ?? null, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

async function gql(url: string, query: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as any;
}

describe('npm start', () => {
  it('loads the data on first start, builds and serves the site, stops cleanly, and reuses both on the second start', async () => {
    const first = await start();
    expect(first.output()).toContain('generating demo data at scale 1');
    const a = await gql(
      first.url,
      '{ regions(level: PREFECTURE) { code } c: regions(level: COUNTY) { code } occupations { totalCount } courses { totalCount } }',
    );
    expect(a.data.regions).toHaveLength(16);
    expect(a.data.c).toHaveLength(129);
    expect(a.data.occupations.totalCount).toBe(1639);
    expect(a.data.courses.totalCount).toBeGreaterThanOrEqual(3000);
    const health = (await (await fetch(`${first.url}/health`)).json()) as any;
    expect(health.search.status).toBe('ok');
    const search = await gql(
      first.url,
      '{ search(index: OCCUPATIONS, query: "yanglao", first: 5) { hits { id title } } }',
    );
    expect(search.data.search.hits[0].title).toBe('养老护理员');
    // The static site, built from this API's data and served next to it.
    expect(first.output()).toMatch(/"part":"site".*"msg":"built in/);
    expect(first.siteUrl).not.toBeNull();
    const home = await fetch(`${first.siteUrl}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await home.text()).toContain('lang="zh-CN"');
    const english = await fetch(`${first.siteUrl}/en/courses/`);
    expect(english.status).toBe(200);
    // Unknown addresses get the built 404 page in the reader's language (issue 12, section 5).
    const missing = await fetch(`${first.siteUrl}/no-such-page/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/<html lang="zh-CN"[\s\S]*找不到这个页面[\s\S]*Page not found/);
    const missingEn = await fetch(`${first.siteUrl}/en/no-such-page/`);
    expect(missingEn.status).toBe(404);
    expect(await missingEn.text()).toMatch(/<html lang="en"[\s\S]*Page not found[\s\S]*找不到这个页面/);
    // And the API answers a malformed body in JSON, without a stack, on the default NODE_ENV.
    const malformed = await fetch(`${first.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    const meiliPid = Number(/embedded, pid (\d+)/.exec(first.output())![1]);
    expect(await stop(first.child)).toBe(0);
    // The embedded Meilisearch stops with the API.
    expect(() => process.kill(meiliPid, 0)).toThrow();

    const second = await start();
    expect(second.output()).toContain('reusing it');
    expect(second.output()).not.toContain('generating demo data');
    expect(second.output()).toContain('indexes up-to-date');
    expect(second.output()).toContain('reusing the last build');
    expect((await fetch(`${second.siteUrl}/`)).status).toBe(200);
    const b = await gql(second.url, '{ courses { totalCount } occupations { totalCount } }');
    expect(b.data.courses.totalCount).toBe(a.data.courses.totalCount);
    const health2 = (await (await fetch(`${second.url}/health`)).json()) as any;
    expect(health2.dataset['loaded.at']).toBe(health.dataset['loaded.at']);
    expect(await stop(second.child)).toBe(0);
  }, 400_000);
});
