/**
 * The production front end as docker-compose runs it, without Docker: Debian's nginx renders
 * deploy/nginx/catalogue.conf.template (the same substitution the official image makes) in front
 * of `npm start`'s API, its embedded Meilisearch and the built pages, and Chromium reads the site
 * through it. Checks the security headers (CSP without 'unsafe-inline', HSTS), caching, the
 * proxied routes, that only Meilisearch's search routes are open, and that the course finder
 * works under the policy with no violation reported.
 *
 * Needs nginx (`apt-get install -y nginx`, or NGINX_PATH) and Chromium; without them these
 * tests are left out locally and fail under CI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium, startCatalogue, type Catalogue } from './harness';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const TEMPLATE = path.join(ROOT, 'deploy', 'nginx', 'catalogue.conf.template');
const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx';
const API_CLI = (name: string) => path.join(ROOT, 'api', 'dist', 'cli', `${name}.js`);
const ready = fs.existsSync(NGINX) && fs.existsSync(CHROMIUM);
const HINT = `nginx (${NGINX}) and Chromium (${CHROMIUM}) are needed: apt-get install -y nginx chromium, or set NGINX_PATH / CHROMIUM_PATH.`;

it('has nginx and Chromium for the front-end tests (required under CI)', () => {
  if (ready) return;
  if (process.env.CI) throw new Error(`${HINT} CI must run these tests.`);
  console.warn(`[nginx tests] left out: ${HINT}`);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

/** The official nginx image's envsubst: only the variables it is given are replaced. */
export function renderTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\$\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

describe.runIf(ready)('nginx in front of the site, the API and search', () => {
  let dir: string;
  let catalogue: Catalogue | undefined;
  let nginx: ChildProcess | undefined;
  let base: string;
  let api: string;
  let browser: Browser;
  // nginx reaches the API through this counter, so a test can tell what the API never saw.
  let counter: http.Server | undefined;
  let graphqlRequests = 0;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    catalogue = await startCatalogue({
      SITE_REBUILD_SECONDS: '0',
      TRUST_PROXY: 'loopback',
      // As in docker-compose.yml: browsers search through nginx, on the site's own origin.
      MEILI_PUBLIC_URL: `${base}/search`,
    });
    dir = catalogue.dataDir;
    // nginx's workers run as an unprivileged user: they must be able to read the pages.
    fs.chmodSync(dir, 0o755);
    const started = { api: catalogue.graphql.replace(/\/graphql$/, ''), meili: catalogue.meili };
    api = started.api;
    const upstream = new URL(started.api);
    counter = http.createServer((req, res) => {
      if (req.url?.startsWith('/graphql')) graphqlRequests++;
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    });
    // The tests block this process in spawnSync (the CLI): a keep-alive timeout of the counter's own would
    // close nginx's idle connections just as nginx reuses them. nginx closes them instead (upstream keepalive).
    counter.keepAliveTimeout = 0;
    await new Promise<void>((resolve) => counter!.listen(0, '127.0.0.1', resolve));
    const prefix = path.join(dir, 'nginx');
    const conf = renderTemplate(fs.readFileSync(TEMPLATE, 'utf8'), {
      CATALOGUE_LISTEN: `127.0.0.1:${port}`,
      CATALOGUE_SITE_ROOT: path.join(dir, 'site'),
      CATALOGUE_API: `127.0.0.1:${(counter.address() as net.AddressInfo).port}`,
      CATALOGUE_SEARCH: new URL(started.meili).host,
      CATALOGUE_GRAPHQL_CACHE: path.join(prefix, 'graphql_cache'),
    });
    fs.mkdirSync(path.join(prefix, 'conf.d'), { recursive: true });
    fs.writeFileSync(path.join(prefix, 'conf.d', 'default.conf'), conf);
    // The image's own nginx.conf, reduced: an http block that includes conf.d/*.conf.
    fs.writeFileSync(
      path.join(prefix, 'nginx.conf'),
      [
        'worker_processes 1;',
        `pid ${prefix}/nginx.pid;`,
        `error_log ${prefix}/error.log warn;`,
        'events { worker_connections 256; }',
        'http {',
        '  include /etc/nginx/mime.types;',
        '  default_type application/octet-stream;',
        '  access_log off;',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${prefix}/${t}_temp;`),
        `  include ${prefix}/conf.d/*.conf;`,
        '}',
        '',
      ].join('\n'),
    );
    const check = spawnSync(NGINX, ['-t', '-p', prefix, '-c', path.join(prefix, 'nginx.conf')], { encoding: 'utf8' });
    expect(check.status, `nginx -t:\n${check.stderr}`).toBe(0);
    nginx = spawn(NGINX, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: 'inherit',
    });
    for (let i = 0; i < 50; i++) {
      if (
        await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await launchChromium();
  }, 320_000);

  afterAll(async () => {
    await browser?.close();
    if (nginx && nginx.exitCode === null && nginx.signalCode === null) {
      const exited = new Promise((r) => nginx!.once('exit', r));
      nginx.kill('SIGTERM');
      await exited;
    }
    counter?.closeAllConnections();
    await new Promise((r) => (counter ? counter.close(r) : r(undefined)));
    await catalogue?.stop();
  });

  it('serves the pages with the security headers and a policy without unsafe-inline', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{8}/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('server')).toBe('nginx');
    // Every page without a single inline script that would need 'unsafe-inline' (JSON-LD data blocks are not run).
    const html = await res.text();
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
      ([, attrs, body]) => !/\bsrc=/.test(attrs) && !/application\/ld\+json/.test(attrs) && body.trim(),
    );
    expect(inline).toEqual([]);
  });

  it('serves each page at its address (one file per page), and a folder without a page as missing', async () => {
    const home = await (await fetch(`${base}/`)).text();
    const course = /href="(\/courses\/[A-Za-z0-9_-]+\/)"/.exec(home)?.[1];
    expect(course, 'a class linked from the home page').toBeTruthy();
    for (const address of [course!, `/en${course}`, course!.slice(0, -1), '/en/', '/courses/', '/notices/page/2/']) {
      const res = await fetch(`${base}${address}`);
      expect(res.status, address).toBe(200);
      expect(res.headers.get('content-type'), address).toMatch(/^text\/html/);
      expect(await res.text(), address).toMatch(address.startsWith('/en/') ? /<html lang="en"/ : /<html lang="zh-CN"/);
    }
    // /courses/in/ holds the prefectures' pages, but is no page itself; the file's own name is no address.
    for (const address of ['/courses/in/', `${course!.slice(0, -1)}.html/`]) {
      const res = await fetch(`${base}${address}`);
      expect(res.status, address).toBe(404);
      expect(await res.text(), address).toMatch(/<html lang="zh-CN"[\s\S]*Page not found/);
    }
  });

  it('caches hashed assets for a year and pages for five minutes, compressed', async () => {
    const html = await (await fetch(`${base}/`)).text();
    const css = /href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    expect(css, 'a stylesheet under /_astro/').toBeTruthy();
    const asset = await fetch(`${base}${css}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const page = await fetch(`${base}/courses/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
    expect(page.headers.get('content-encoding')).toBe('gzip');
    expect((await fetch(`${base}/search-endpoint.json`)).headers.get('cache-control')).toBe('no-cache');
    const feed = await fetch(`${base}/notices/feed.xml`);
    expect(feed.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const missing = await fetch(`${base}/no-such-page/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/<html lang="zh-CN"/);
    // The site's 404 page in the reader's language, as npm start's site server answers it.
    const missingEn = await fetch(`${base}/en/no-such-page/`);
    expect(missingEn.status).toBe(404);
    expect(await missingEn.text()).toMatch(/<html lang="en"[\s\S]*Page not found/);
    // A link cut inside a %-escape: nginx's 400, with the site's page rather than nginx's own.
    const malformed = await fetch(`${base}/courses/%E7%84%`);
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toMatch(/<html lang="zh-CN"[\s\S]*Page not found/);
  });

  it("proxies the GraphQL API with the client address and leaves it the API's own headers", async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ regions(level: PREFECTURE) { code } }' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { regions: unknown[] } }).data.regions).toHaveLength(16);
    expect(res.headers.get('content-security-policy')).toBeNull();
    expect(res.headers.get('cache-control')).not.toBe('public, max-age=300, must-revalidate');
    // The operators' metrics are not proxied: they are scraped from each replica on the inside.
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    const health = (await (await fetch(`${base}/health`)).json()) as { dataVersion: string };
    expect(health.dataVersion).toMatch(/\|audit:\d+\|today:\d{4}-\d{2}-\d{2}$/);
    // Oversized bodies stop at nginx, as at the API.
    const big = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ regions { code } } #${'x'.repeat(200_000)}` }),
    });
    expect(big.status).toBe(413);
    // …and are answered as the API answers them: GraphQL JSON with a code, not nginx's HTML page.
    expect(big.headers.get('content-type')).toMatch(/application\/json/);
    expect(((await big.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    // Notice downloads come from the API under the site's origin.
    const q = await fetch(`${api}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ subsidyNotices(first: 1) { nodes { id } } }' }),
    });
    const id = ((await q.json()) as { data: { subsidyNotices: { nodes: { id: string }[] } } }).data.subsidyNotices
      .nodes[0].id;
    const csv = await fetch(`${base}/downloads/notices/${id}.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    // So do the disclosure log's files, through nginx and through npm start's site server alike;
    // /log/ itself is the site's page about them.
    for (const origin of [base, catalogue!.site]) {
      const checkpoint = await fetch(`${origin}/log/checkpoint`);
      expect(checkpoint.status).toBe(200);
      expect(checkpoint.headers.get('cache-control')).toBe('no-cache');
      const [name, size] = (await checkpoint.text()).split('\n');
      expect((await (await fetch(`${origin}/log/key`)).text()).startsWith(`${name}+`)).toBe(true);
      const tile = await fetch(`${origin}/log/tile/0/000${Number(size) < 256 ? `.p/${size}` : ''}`);
      expect(tile.status).toBe(200);
      expect(tile.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await tile.arrayBuffer()).byteLength).toBe(32 * Math.min(256, Number(size)));
      const page = await fetch(`${origin}/log/`);
      expect(await page.text()).toMatch(/<html lang="zh-CN"[\s\S]*公示日志/);
      // The schema as a file, under the site's origin too.
      const schema = await fetch(`${origin}/schema.graphql`);
      expect(schema.status).toBe(200);
      expect(schema.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await schema.text()).toMatch(/^# The public contract[\s\S]*type Query \{/);
    }
    // Browser apps on other origins may read through nginx: the API's CORS answer passes.
    const preflight = await fetch(`${base}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://apps.example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it("opens only Meilisearch's search routes to browsers", async () => {
    const endpoint = (await (await fetch(`${base}/search-endpoint.json`)).json()) as { url: string; searchKey: string };
    expect(endpoint.url).toBe(`${base}/search`);
    const auth = { Authorization: `Bearer ${endpoint.searchKey}`, 'content-type': 'application/json' };
    const hits = await fetch(`${base}/search/indexes/courses/search`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ q: '养老', limit: 1 }),
    });
    expect(hits.status).toBe(200);
    expect(((await hits.json()) as { estimatedTotalHits: number }).estimatedTotalHits).toBeGreaterThan(0);
    for (const p of [
      '/search/keys',
      '/search/indexes',
      '/search/indexes/courses/documents',
      '/search/indexes/courses/settings',
      '/search/tasks',
      '/search/dumps',
      '/search/stats',
    ]) {
      expect((await fetch(`${base}${p}`, { headers: auth })).status, p).toBe(404);
    }
    expect((await fetch(`${base}/search/indexes/courses/search`, { method: 'DELETE', headers: auth })).status).toBe(
      403,
    );
  });

  it('runs the course finder in Chromium under the policy with no violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/courses/?q=${encodeURIComponent('养老')}`, { waitUntil: 'load' });
    await page
      .locator('[data-finder]:not([hidden]):not([aria-busy="true"]) [data-finder-status]')
      .filter({ hasText: /\d/ })
      .waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-finder-results] li h3 a').count()).toBeGreaterThan(0);
    await page.goto(`${base}/subsidies/2022/`, { waitUntil: 'load' });
    expect(await page.locator('main h1').count()).toBe(1);
    await context.close();
    expect(errors).toEqual([]);
  });

  it('publishes: a publisher made with the CLI imports a notices file; the notice is in the API and search at once and on the site after its rebuild', async () => {
    const env = { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'catalogue.sqlite')}`, DATA_DIR: dir };
    const cli = (name: string, ...args: string[]) => {
      const r = spawnSync(process.execPath, [API_CLI(name), ...args], { env, encoding: 'utf8' });
      expect(r.status, `${name} ${args.join(' ')}:\n${r.stdout}\n${r.stderr}`).toBe(0);
      return r.stdout;
    };
    const created = cli(
      'publishers',
      'create',
      '--name',
      '昆明市五华区人力资源和社会保障局（测试）',
      '--region',
      '530102',
    );
    const publisher = /^publisher (\d+):/m.exec(created)![1];
    const key = /sy_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}/.exec(
      cli('publishers', 'key-create', '--publisher', publisher),
    )![0];
    // A bureau's notices file (made-up people with valid ID numbers: the importer masks them).
    const { sampleNoticeRows, NOTICE_FILE_HEADER } = createRequire(import.meta.url)(
      path.join(ROOT, 'api', 'dist', 'bench', 'sample-notice-rows.js'),
    );
    const rows: string[][] = sampleNoticeRows(1, 4, 7000);
    const file = path.join(dir, 'notices.csv');
    fs.writeFileSync(file, [NOTICE_FILE_HEADER, ...rows].map((r: string[]) => r.join(',')).join('\n'));
    cli('import', 'notices', file, '--publisher', publisher);
    const number = rows[0][0];

    // In the API at once, through nginx.
    const gql = async (query: string, variables: Record<string, unknown> = {}, auth?: string) => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: any; errors?: { message: string }[] };
    };
    const found = await gql(
      'query($n: String!) { subsidyNotice(number: $n) { id number lines(first: 10) { nodes { maskedName maskedId } } } }',
      { n: number },
    );
    expect(found.errors).toBeUndefined();
    const notice = found.data.subsidyNotice;
    expect(notice.lines.nodes).toHaveLength(4);
    for (const line of notice.lines.nodes) {
      expect(line.maskedId).toMatch(/^530102\*{8}\d{3}[\dX]$/);
      expect(rows.some((r) => r[6] === line.maskedName)).toBe(false);
    }
    // In search within seconds (the API's outbox worker), through nginx with the search-only key.
    const endpoint = (await (await fetch(`${base}/search-endpoint.json`)).json()) as { searchKey: string };
    await expect
      .poll(
        async () => {
          const res = await fetch(`${base}/search/indexes/notices/search`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${endpoint.searchKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ q: number, limit: 5 }),
          });
          return ((await res.json()) as { hits: { id: string }[] }).hits.map((h) => String(h.id));
        },
        { timeout: 20_000, interval: 500 },
      )
      .toContain(Buffer.from(notice.id, 'base64').toString().split(':').pop());
    // The key writes through nginx too, and only in its county.
    const withdraw =
      'mutation { withdrawNotice(number: "不存在的公示", on: "2026-11-22", reason: "测试") { problems { field rule } } }';
    expect(JSON.stringify(await gql(withdraw))).toMatch(/UNAUTHENTICATED/);
    const answered = await gql(withdraw, {}, key);
    expect(answered.errors).toBeUndefined();
    expect(answered.data.withdrawNotice.problems.length).toBeGreaterThan(0);

    // On the site after its rebuild: the site builder sees the new data version and swaps the pages in.
    expect((await fetch(`${base}/notices/${notice.id}/`)).status).toBe(404);
    const built = spawnSync(process.execPath, [API_CLI('build-site'), '--api', api, '--out', path.join(dir, 'site')], {
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(built.status, built.stdout + built.stderr).toBe(0);
    expect(built.stdout).toMatch(/built (in|\d+ pages)/);
    const page = await fetch(`${base}/notices/${notice.id}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(number);
    // Nothing new: the next run keeps the pages.
    const again = spawnSync(process.execPath, [API_CLI('build-site'), '--api', api, '--out', path.join(dir, 'site')], {
      encoding: 'utf8',
    });
    expect(again.stdout).toMatch(/data and pages unchanged/);
  }, 300_000);

  it('keeps anonymous GraphQL GETs: a repeated GET is a HIT the API never sees, revalidated by nginx; a request with a key never is', async () => {
    const url = `${base}/graphql?query=${encodeURIComponent('{ regions(level: PREFECTURE) { code name } }')}`;
    const csrf = { 'apollo-require-preflight': 'true' };
    const first = await fetch(url, { headers: csrf });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
    expect(first.headers.get('x-cache-status')).toBe('MISS');
    // The API's strong ETag, which nginx marks weak (W/) when it compresses the answer.
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^(W\/)?"[\w-]{43}"$/);
    const body = await first.text();
    const seen = graphqlRequests;
    const second = await fetch(url, { headers: csrf });
    expect(second.headers.get('x-cache-status')).toBe('HIT');
    // Each answer carries nginx's id of its own request (the API's log line has it too), not the
    // id of the request whose answer was kept.
    expect(first.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(second.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(await second.text()).toBe(body);
    expect(second.headers.get('etag')).toBe(etag);
    // The site's security headers still come with it.
    expect(second.headers.get('x-content-type-options')).toBe('nosniff');
    const revalidated = await fetch(url, { headers: { ...csrf, 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    expect(graphqlRequests, 'the API answered none of the repeats').toBe(seen);

    // With a key (made with the CLI): always the API's own answer, no-store, never kept.
    const env = { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'catalogue.sqlite')}`, DATA_DIR: dir };
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [API_CLI('publishers'), ...args], { env, encoding: 'utf8' }).stdout;
    const publisher = /^publisher (\d+):/m.exec(
      cli('create', '--name', '昆明市官渡区人力资源和社会保障局（缓存测试）', '--region', '530111'),
    )![1];
    const key = /sy_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}/.exec(cli('key-create', '--publisher', publisher))![0];
    for (let i = 0; i < 2; i++) {
      const keyed = await fetch(url, { headers: { ...csrf, authorization: `Bearer ${key}` } });
      expect(keyed.status).toBe(200);
      expect(keyed.headers.get('x-cache-status')).toBe('BYPASS');
      expect(keyed.headers.get('cache-control')).toBe('no-store');
      expect(keyed.headers.get('etag')).toBeNull();
      expect(await keyed.text()).toBe(body);
    }
    expect(graphqlRequests).toBe(seen + 2);
    // A POST is never kept either; the anonymous answer is still the cached one.
    const posted = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ regions(level: PREFECTURE) { code name } }' }),
    });
    expect(posted.headers.get('x-cache-status')).not.toBe('HIT');
    expect(posted.headers.get('cache-control')).toBe('no-store');
    expect(graphqlRequests).toBe(seen + 3);
    expect((await fetch(url, { headers: csrf })).headers.get('x-cache-status')).toBe('HIT');
    expect(graphqlRequests).toBe(seen + 3);
  });
});
