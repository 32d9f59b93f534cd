import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { errorAnswers, HttpProblem, type Answer } from '../http/error-answers';
import { ErrorCode } from '../graphql/errors';

/** The static site as `npm start` serves it. */
export interface SiteServer {
  url: string;
  stop(): Promise<void>;
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
 * @example notFoundPage('/en/courses/x/') // 'en/404.html'
 */
export function notFoundPage(urlPath: string): string {
  return /^\/en(\/|$)/.test(urlPath) ? 'en/404.html' : '404.html';
}

/**
 * The file a route's page is built as, at an address ending in "/" (`build.format: 'preserve'`
 * in `site/astro.config.mjs`; nginx's `$catalogue_page` in
 * `deploy/nginx/catalogue.conf.template`); `null` for other addresses. An index route's page is
 * its folder's `index.html`, which the static server finds by itself.
 * @example routePageFile('/en/courses/x/') // '/en/courses/x.html'
 */
export function routePageFile(urlPath: string): string | null {
  return urlPath.length > 1 && urlPath.endsWith('/') ? `${urlPath.slice(0, -1)}.html` : null;
}

/** Whether `file` (an address's path, still %-escaped) is a file inside `root`. */
async function isFileUnder(root: string, file: string): Promise<boolean> {
  const full = path.join(root, decodeURIComponent(file));
  if (!full.startsWith(root + path.sep)) return false;
  return fs.promises.stat(full).then(
    (s) => s.isFile(),
    () => false,
  );
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

/** The API's addresses the site serves under its own origin: notice downloads, the log's files and the schema. */
const API_PATHS = /^\/(downloads\/|log\/(checkpoint$|key$|checkpoints\/|tile\/|cosignatures$)|schema\.graphql$)/;

/**
 * Serves a built site (each page at its address with a trailing slash, the site's own 404 page).
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
  // So do the disclosure log's files (/log/ itself is a page of the site).
  if (apiOrigin) app.use(createProxyMiddleware({ target: apiOrigin, pathFilter: (p) => API_PATHS.test(p) }));
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
  // A route's page at `/courses/x/` is `courses/x.html`; an index route's (`/courses/`) is `courses/index.html`.
  const root = path.resolve(outDir);
  app.use((req, _res, next) => {
    const file = routePageFile(req.path);
    if (!file) return next();
    isFileUnder(root, file).then((found) => {
      if (found) req.url = file + req.url.slice(req.path.length);
      next();
    }, next);
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
