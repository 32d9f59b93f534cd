import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import express from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { clearLeftover, dyingWithParent, forgetChild, recordChild } from '@skills-yunnan/search';
import { errorAnswers, HttpProblem, type Answer } from '../http/error-answers';
import { ErrorCode } from '../graphql/errors';

/** The static site as `npm start` serves it. */
export interface SiteServer {
  url: string;
  stop(): Promise<void>;
}

/** Options of {@link buildSiteIfNeeded}. */
export interface SiteBuildOptions {
  /** The site workspace (`<repo>/site`). */
  siteRoot: string;
  /** Where the built pages go (default in config: `<DATA_DIR>/site`). */
  outDir: string;
  /** The GraphQL endpoint the build reads, e.g. `http://127.0.0.1:4000/graphql`. */
  apiUrl: string;
  /**
   * The site's public address (`SITE_URL` of the build, for canonical links, sitemap and feed);
   * default: the build's own environment. A different value means a rebuild.
   * @example 'http://localhost:4321'
   */
  siteUrl?: string;
  /** What the data is: the dataset's `loaded.at`; a different value means a rebuild. */
  dataVersion: string;
  log?: (line: string) => void;
  /** Aborts a build under way (the API is stopping): the build is stopped, its half folder removed. */
  signal?: AbortSignal;
}

const STAMP = '.catalogue-build.json';

/** A hash of the site's sources, so a changed page or component also means a rebuild. */
function sourceHash(siteRoot: string): string {
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

/**
 * Builds the static site from the running API unless the last build in `outDir` was made from
 * the same data and the same sources (then it is reused as it is). The pages are built beside
 * `outDir` and swapped in whole once finished, so a server (npm start's, or nginx) reading
 * `outDir` meanwhile keeps serving the previous site, never a half-built one.
 */
export async function buildSiteIfNeeded(opts: SiteBuildOptions): Promise<'built' | 'reused'> {
  const log = opts.log ?? (() => undefined);
  const stamp = {
    data: opts.dataVersion,
    sources: sourceHash(opts.siteRoot),
    ...(opts.siteUrl ? { site: opts.siteUrl } : {}),
  };
  const stampFile = path.join(opts.outDir, STAMP);
  // A swap cut short between its two renames left the previous pages as `<outDir>.old`.
  const old = `${opts.outDir}.old`;
  if (!fs.existsSync(opts.outDir) && fs.existsSync(old)) fs.renameSync(old, opts.outDir);
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === JSON.stringify(stamp)) return 'reused';
  const astro = path.join(path.dirname(require.resolve('astro/package.json', { paths: [opts.siteRoot] })), 'astro.js');
  const started = Date.now();
  const next = `${opts.outDir}.next`;
  // A build whose API was killed may still run (where the parent-death signal is not had).
  const pidFile = `${opts.outDir}.build.pid`;
  await clearLeftover(pidFile);
  opts.signal?.throwIfAborted();
  fs.rmSync(next, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(opts.outDir), { recursive: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const [command, args] = dyingWithParent(process.execPath, [astro, 'build', '--outDir', next]);
      const child = spawn(command, args, {
        cwd: opts.siteRoot,
        env: {
          ...process.env,
          SITE_API_URL: opts.apiUrl,
          ASTRO_TELEMETRY_DISABLED: '1',
          ...(opts.siteUrl ? { SITE_URL: opts.siteUrl } : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        signal: opts.signal,
      });
      if (child.pid) recordChild(pidFile, child.pid, next);
      let tail = '';
      const onData = (chunk: Buffer) => {
        tail = (tail + chunk.toString()).slice(-4000);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      // An abort also comes as an 'error'; either way, settle once the child has exited.
      let failure: Error | null = null;
      child.once('error', (e) => {
        failure = e;
        if (child.pid === undefined) reject(e);
      });
      child.once('exit', (code) => {
        forgetChild(pidFile);
        if (failure) reject(failure);
        else if (code === 0) resolve();
        else reject(new Error(`astro build exited with ${code}:\n${tail}`));
      });
    });
  } catch (e) {
    // The pages being served stay as they were; the half-built folder goes.
    fs.rmSync(next, { recursive: true, force: true });
    throw e;
  }
  fs.writeFileSync(path.join(next, STAMP), JSON.stringify(stamp));
  swapIn(next, opts.outDir);
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s into ${opts.outDir}`);
  return 'built';
}

/** Replaces `target` with `next` by two renames: at most a moment between them without a site. */
function swapIn(next: string, target: string): void {
  const old = `${target}.old`;
  fs.rmSync(old, { recursive: true, force: true });
  if (fs.existsSync(target)) fs.renameSync(target, old);
  fs.renameSync(next, target);
  fs.rmSync(old, { recursive: true, force: true });
}

/**
 * Headers for the static pages: the site ships no inline scripts or styles, so the policy
 * needs no 'unsafe-inline'. The course finder talks to Meilisearch from the browser, so its
 * origin joins `connect-src` (nothing else may be contacted). Documented in README
 * ("Security headers").
 * @param searchUrl Meilisearch's public URL, or null when search is off
 * @example siteHeaders('http://127.0.0.1:7700')['Content-Security-Policy'] // "… connect-src 'self' http://127.0.0.1:7700; …"
 */
export function siteHeaders(searchUrl: string | null): Readonly<Record<string, string>> {
  const connect = ["'self'", ...(searchUrl ? [new URL(searchUrl).origin] : [])].join(' ');
  return {
    'Content-Security-Policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src ${connect}; form-action 'self'; base-uri 'self'; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'geolocation=(), camera=(), microphone=()',
  };
}

/**
 * The built 404 pages, relative to the site's folder: English under /en/ (what
 * `site/src/pages/en/404.astro` builds), else the root's (Chinese first, then English), as
 * nginx answers in production (`deploy/nginx/catalogue.conf.template`).
 * @example notFoundPage('/en/courses/x/') // 'en/404/index.html'
 */
export function notFoundPage(urlPath: string): string {
  return /^\/en(\/|$)/.test(urlPath) ? 'en/404/index.html' : '404.html';
}

/** Said when there is no page to send (no 404 page built, a method pages do not take, a failure). */
const PLAIN_ANSWERS: Record<'404' | '405' | '500', string> = {
  404: '找不到这个页面。\nPage not found.\n',
  405: '页面只能用 GET 或 HEAD 读取。\nPages are read with GET or HEAD.\n',
  500: '服务器出错了，请稍后再试。\nSomething went wrong on the server; please try again later.\n',
};

/**
 * How the site server answers a failed request: any address without a page gets the site's own
 * 404 page in the reader's language, status 404 (400 when the address is malformed, as nginx
 * answers); other methods than GET and HEAD a 405; a failure a short text in both languages.
 */
function sitePages(outDir: string): Answer {
  return (req, res, problem) => {
    res.setHeader('Cache-Control', 'no-cache');
    const plain = (status: 404 | 405 | 500) =>
      void res.status(status).type('text/plain; charset=utf-8').send(PLAIN_ANSWERS[status]);
    if (problem.status === 405) return plain(405);
    if (problem.status >= 500) return plain(500);
    // `root` keeps the dot-file check to the page's own path: the site lives under `.data/` by default.
    res
      .status(problem.status === 400 ? 400 : 404)
      .sendFile(
        notFoundPage(req.path),
        { root: outDir, etag: false, lastModified: false, cacheControl: false },
        (e) => {
          if (e && !res.headersSent) plain(404);
        },
      );
  };
}

/** Where browsers search, as `/search-endpoint.json` tells the course finder. */
export interface SiteSearch {
  /** Meilisearch's public URL. */
  url: string;
  /** The search-only key (never the master key). */
  searchKey: string;
  /**
   * The catalogue's day when it is fixed (`CATALOGUE_TODAY`): the finders then count "enrolling
   * today" for the day the data was made for, not the reader's clock. Absent in production.
   */
  today?: string;
}

/**
 * Serves a built site (folders with index.html, trailing slashes, the site's own 404 page).
 * @example const site = await serveSite('.data/site', '127.0.0.1', 4321, { url: 'http://127.0.0.1:7700', searchKey }); console.log(site.url);
 */
export async function serveSite(
  outDir: string,
  host: string,
  port: number,
  search: SiteSearch | null = null,
  apiOrigin: string | null = null,
): Promise<SiteServer> {
  const headers = siteHeaders(search?.url ?? null);
  const app = express();
  app.disable('x-powered-by');
  // Express's own error page (which errorAnswers replaces) shows stacks unless env is production.
  app.set('env', 'production');
  app.use((_req, res, next) => {
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    next();
  });
  // The live search endpoint, whatever the build wrote: Meilisearch may have come up on another
  // port, or its key been rotated, since the pages were built.
  app.get('/search-endpoint.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.json(
      search
        ? { url: search.url, searchKey: search.searchKey, ...(search.today ? { today: search.today } : {}) }
        : null,
    );
  });
  // Notice downloads come from the API under the site's own origin (as nginx does in
  // production), so the pages link to /downloads/… whatever port the API has.
  if (apiOrigin) app.use(createProxyMiddleware({ target: apiOrigin, pathFilter: '/downloads/' }));
  app.use((req, _res, next) =>
    next(
      ['GET', 'HEAD'].includes(req.method)
        ? undefined
        : new HttpProblem(405, ErrorCode.METHOD_NOT_ALLOWED, 'Pages are read with GET or HEAD.', {
            Allow: 'GET, HEAD',
          }),
    ),
  );
  // A link cut inside a %-escape is a 400 (the static server would call it a 404), as nginx answers it.
  app.use((req, _res, next) => {
    try {
      next(decodeURIComponent(req.path).includes('\0') ? new URIError('a NUL in the address') : undefined);
    } catch (e) {
      next(e);
    }
  });
  app.use(
    express.static(outDir, {
      extensions: ['html'],
      redirect: true,
      maxAge: '5m',
      // Feed readers recognise a feed by its type; the file name alone says only "XML".
      setHeaders: (res, file) => {
        if (file.endsWith(`${path.sep}feed.xml`)) res.setHeader('Content-Type', 'application/atom+xml; charset=utf-8');
      },
    }),
  );
  app.use((_req, _res, next) => next(new HttpProblem(404, ErrorCode.NOT_FOUND, 'No page at this address.')));
  app.use(errorAnswers(sitePages(outDir)));
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
