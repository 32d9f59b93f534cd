/**
 * What a newcomer meets when a request goes wrong on the default run (issue 12, section 5):
 * NODE_ENV unset behaves as production. The API answers every failure with a GraphQL-over-HTTP
 * style JSON error (`errors[0].extensions.code`), the site server with the site's own 404 page
 * in the reader's language; never Express's HTML error page, a stack trace, a file path or SQL.
 */
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, REPO_ROOT } from '../src/config';
import { answerClientErrors, errorAnswers, HttpProblem, jsonAnswer } from '../src/http/error-answers';
import { createApi } from '../src/server';
import { SearchRuntime } from '../src/search/search-runtime';
import { serveSite, type SiteServer } from '../src/site/site-server';
import { capturedLogger, startTestApi, type TestApi } from './helpers';

/**
 * What must never reach a client: a stack frame ("at fn (file:1:2)"), a file path of this
 * machine or of a package, a source position, SQL, or Express's HTML error page.
 */
const LEAKS: [string, RegExp][] = [
  // "at fn (/srv/x.js:1:2)" or "at /srv/x.js:1:2", raw or inside JSON or HTML.
  ['a stack frame', /\bat \S[^"\n<]*?:\d+:\d+/],
  ['the repository path', new RegExp(REPO_ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))],
  ['a /work/ path', /\/work\//],
  ['node_modules', /node_modules/],
  ['a source position', /\.[jt]s:\d/],
  ['SQL', /\bselect\b[\s\S]*\bfrom\b|\binsert into\b|\bSQLITE_/i],
  ["Express's error page", /<pre>|<title>Error<\/title>/],
];

function expectNoLeak(text: string, label: string): void {
  for (const [what, pattern] of LEAKS) expect(text, `${label}: ${what}`).not.toMatch(pattern);
}

/** The answer is one JSON error with `code` and a message matching `message`, and nothing it must not say. */
function expectJsonError(res: request.Response, status: number, code: string, message: RegExp, label: string): void {
  expect(res.status, label).toBe(status);
  expect(res.headers['content-type'], label).toMatch(/^application\/json/);
  expect(res.body.errors, label).toHaveLength(1);
  expect(res.body.errors[0].extensions.code, label).toBe(code);
  expect(res.body.errors[0].message, label).toMatch(message);
  expect(res.body.errors[0].extensions.stacktrace, label).toBeUndefined();
  expectNoLeak(res.text, label);
}

describe('configuration', () => {
  it('is production unless NODE_ENV=development is set explicitly', () => {
    expect(loadConfig({}).development).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).development).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).development).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).development).toBe(true);
  });
});

describe('the API on the default configuration', () => {
  let api: TestApi;
  const log = capturedLogger();
  beforeAll(async () => {
    // startTestApi reads no NODE_ENV (vitest sets "test", under which Express shows its stack page).
    api = await startTestApi({ scale: 0, observers: { logger: log.logger } });
    expect(api.config.development).toBe(false);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await api?.close();
  });

  const post = (body: string, type = 'application/json') =>
    api.http.post('/graphql').set('content-type', type).set('accept', 'application/json').send(body);

  it('answers a malformed JSON body with 400 BAD_REQUEST naming the problem', async () => {
    expectJsonError(
      await post('{"query": "{ regions { code } }"'),
      400,
      'BAD_REQUEST',
      /not valid JSON/,
      'truncated JSON',
    );
    expectJsonError(
      await post('{"query": \'{ regions { code } }\'}'),
      400,
      'BAD_REQUEST',
      /not valid JSON/,
      'single quotes',
    );
    expectJsonError(await post('query={regions{code}}'), 400, 'BAD_REQUEST', /not valid JSON/, 'not JSON at all');
  });

  it('answers a POST without a body with 400 BAD_REQUEST', async () => {
    expectJsonError(
      await api.http.post('/graphql').set('accept', 'application/json'),
      400,
      'BAD_REQUEST',
      /needs a JSON body/,
      'no body',
    );
    expectJsonError(await post(''), 400, 'BAD_REQUEST', /needs a JSON body/, 'an empty JSON body');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE naming the limit', async () => {
    const body = JSON.stringify({ query: `{ regions { code } }${' '.repeat(120_000)}` });
    expectJsonError(await post(body), 413, 'PAYLOAD_TOO_LARGE', /100 kB/, 'oversized');
  });

  it('answers a wrong content type or charset with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const body = JSON.stringify({ query: '{ regions { code } }' });
    expectJsonError(await post(body, 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE', /application\/json/, 'text/plain');
    expectJsonError(
      await post('query=%7Bregions%7Bcode%7D%7D', 'application/x-www-form-urlencoded'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      /application\/json/,
      'form',
    );
    expectJsonError(
      await post(body, 'application/json; charset=latin1'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      /charset/,
      'latin1',
    );
    expectJsonError(
      await post(body).set('content-encoding', 'compress'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      /Content-Encoding/,
      'unknown encoding',
    );
    expectJsonError(
      await post(body).set('content-encoding', 'gzip'),
      400,
      'BAD_REQUEST',
      /\w/,
      'gzip that is not gzip',
    );
  });

  it('still answers a good request (the checks stop only bad ones)', async () => {
    const res = await post(
      JSON.stringify({ query: '{ regions(level: PREFECTURE) { code } }' }),
      'application/json; charset=utf-8',
    );
    expect(res.status).toBe(200);
    expect(res.body.data.regions).toHaveLength(16);
  });

  it('answers unknown paths with a JSON 404, on every route the API has', async () => {
    for (const p of [
      '/no-such-path',
      '/graphql/extra',
      '/ide/no-such-file.js',
      '/downloads/',
      '/downloads/no-such/thing',
      '/health/more',
    ]) {
      expectJsonError(await api.http.get(p), 404, 'NOT_FOUND', /no such address/i, `GET ${p}`);
    }
    expectJsonError(
      await api.http.post('/no-such-path').set('content-type', 'application/json').send('{"broken'),
      404,
      'NOT_FOUND',
      /no such address/i,
      'POST to an unknown path',
    );
    expectJsonError(await api.http.delete('/health'), 404, 'NOT_FOUND', /no such address/i, 'DELETE /health');
    expectJsonError(
      await api.http.get('/downloads/notices/no-such-notice.json'),
      404,
      'NOT_FOUND',
      /no subsidy notice/i,
      'unknown notice',
    );
    // Apollo's own refusals are JSON too.
    const put = await api.http.put('/graphql').set('content-type', 'application/json').send('{}');
    expect(put.status).toBe(405);
    expect(put.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('answers a malformed address with a JSON 400, never a stack', async () => {
    expectJsonError(
      await api.http.get('/downloads/notices/%E0%A4%A.csv'),
      400,
      'BAD_REQUEST',
      /percent-encoding/,
      'malformed download id',
    );
    expectJsonError(await api.http.get('/ide/%E0%A4%A'), 400, 'BAD_REQUEST', /percent-encoding/, 'malformed IDE file');
  });

  it('answers an internal failure with 500 and a generic message, and logs the error', async () => {
    const secret = new Error(
      'select * from subsidy_notice_line where id = 1 - SQLITE_ERROR at /work/x/api/src/y.ts:12',
    );
    const fork = vi.spyOn(api.orm.em, 'fork').mockImplementation(() => {
      throw secret;
    });
    try {
      const res = await api.http.get('/downloads/notices/U3Vic2lkeU5vdGljZTox.json');
      expectJsonError(res, 500, 'INTERNAL_SERVER_ERROR', /^Internal server error$/, 'download failing inside');
      const logged = log.parsed().find((l) => l.requestId === res.headers['x-request-id'] && l.err);
      expect(logged).toMatchObject({ level: 'error', err: { message: secret.message } });
    } finally {
      fork.mockRestore();
    }
  });

  it('answers a failure inside GraphQL with 500 and a request id only, and logs the error under that id', async () => {
    // Where every statement goes, bound reads (db/rows.ts) as well as MikroORM's own.
    const execute = vi
      .spyOn((api.orm.em.getConnection() as AbstractSqlConnection).getKnex().client, '_query')
      .mockRejectedValue(new Error('select * from course - SQLITE_ERROR at /work/x/api/src/y.ts:12'));
    try {
      const res = await api.http
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ query: '{ courses(first: 1) { totalCount } }' });
      expectJsonError(res, 500, 'INTERNAL_SERVER_ERROR', /^Internal server error$/, 'a resolver failing inside');
      const id = res.body.errors[0].extensions.requestId;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers['x-request-id']).toBe(id);
      const logged = log.parsed().filter((l) => l.requestId === id);
      expect(logged.find((l) => l.err)).toMatchObject({
        level: 'error',
        err: { message: expect.stringContaining('select * from course - SQLITE_ERROR') },
      });
      // And the request's own line, at error.
      expect(logged.find((l) => l.res)).toMatchObject({
        level: 'error',
        res: { status: 500 },
        errors: ['INTERNAL_SERVER_ERROR'],
      });
    } finally {
      execute.mockRestore();
    }
  });

  it('reports a database failure on /health without SQL or a file path', async () => {
    const connection = api.orm.em.getConnection();
    const execute = vi
      .spyOn(connection, 'execute')
      .mockRejectedValue(
        new Error('select 1 - SQLITE_CANTOPEN: unable to open database file /work/x/.data/catalogue.sqlite'),
      );
    try {
      const res = await api.http.get('/health');
      expect(res.status).toBe(503);
      expect(res.body.database.status).toBe('down');
      expect(res.body.database.error).toMatch(/database/);
      expectNoLeak(res.text, '/health with the database down');
      expect(
        log.parsed().some((l) => l.requestId === res.headers['x-request-id'] && /SQLITE_CANTOPEN/.test(l.err?.message)),
      ).toBe(true);
    } finally {
      execute.mockRestore();
    }
  });
});

describe('/health with search down for a local reason', () => {
  it('says why without the file path', async () => {
    const api = await startTestApi({ scale: 0 });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-errors-'));
    try {
      const search = await SearchRuntime.start(
        loadConfig({ DATA_DIR: dataDir, MEILI_BINARY: '/work/no-such-folder/meilisearch' }),
      );
      expect(search.problem).toContain('/work/no-such-folder/meilisearch');
      const { httpServer, apollo } = await createApi(api.orm, api.config, search);
      const res = await request(httpServer).get('/health');
      await apollo.stop();
      expect(res.body.search.status).toBe('degraded');
      expect(res.body.search.problem).toMatch(/MEILI_BINARY .* does not exist/);
      expectNoLeak(res.text, '/health with search down');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      await api.close();
    }
  });
});

describe("what Node's HTTP parser refuses", () => {
  /** Sends raw bytes to a server answering parser errors as the API does; resolves with the whole answer. */
  async function raw(bytes: string): Promise<string> {
    const server = http.createServer((_req, res) => res.end('reached the app'));
    answerClientErrors(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      return await new Promise<string>((resolve, reject) => {
        const socket = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1', () => socket.end(bytes));
        let text = '';
        socket.on('data', (d) => (text += d));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
    } finally {
      server.close();
    }
  }

  it('answers an address over 16 kB with 431 in JSON with a code, and a malformed request with 400', async () => {
    const long = await raw(`GET /graphql?query=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(long).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(long.slice(long.indexOf('\r\n\r\n') + 4)).errors[0]).toMatchObject({
      extensions: { code: 'BAD_REQUEST' },
      message: expect.stringMatching(/16 kB/),
    });
    const malformed = await raw('GET / HTTP/1.1\r\nHost x\r\n\r\n');
    expect(malformed).toMatch(/^HTTP\/1\.1 400 [\s\S]*"code":"BAD_REQUEST"/);
    expectNoLeak(long + malformed, 'parser refusals');
  });
});

describe('the shared error answers', () => {
  /** A small app with a route that fails as a programming or database error would. */
  function failingApp(development: boolean) {
    const app = express();
    app.get('/fail', () => {
      throw new Error('select secret from t - /work/x/node_modules/y.js:3');
    });
    app.get('/teapot', (_req, _res, next) =>
      next(new HttpProblem(418, 'BAD_REQUEST', 'a message written for clients')),
    );
    app.use(errorAnswers(jsonAnswer, { development, log: () => undefined }));
    return request(app);
  }

  it('hide the error in production and pass on problems written for clients', async () => {
    expectJsonError(
      await failingApp(false).get('/fail'),
      500,
      'INTERNAL_SERVER_ERROR',
      /^Internal server error$/,
      'production 500',
    );
    expectJsonError(
      await failingApp(false).get('/teapot'),
      418,
      'BAD_REQUEST',
      /^a message written for clients$/,
      'a client problem',
    );
  });

  it('show the stack only with NODE_ENV=development', async () => {
    const res = await failingApp(true).get('/fail');
    expect(res.status).toBe(500);
    expect(res.body.errors[0].extensions.stacktrace.join('\n')).toMatch(/select secret/);
    // The leak patterns do find a real stack.
    expect(res.text).toMatch(LEAKS[0][1]);
    expect(res.text).toMatch(/\.ts:\d/);
  });
});

describe('the site server (npm start)', () => {
  let root: string;
  let outDir: string;
  let site: SiteServer;
  let bare: SiteServer;
  const ZH_404 = '<!DOCTYPE html><html lang="zh-CN"><title>找不到这个页面</title><h1>找不到这个页面</h1></html>';
  const EN_404 = '<!DOCTYPE html><html lang="en"><title>Page not found</title><h1>Page not found</h1></html>';
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-site-errors-'));
    // As on the default run: the built site lives under a dot folder (<repo>/.data/site).
    outDir = path.join(root, '.data', 'site');
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
      fs.writeFileSync(path.join(outDir, file), text);
    };
    write('index.html', '<!DOCTYPE html><html lang="zh-CN"><title>首页</title></html>');
    // As the site is built: a route's page is a file (/courses/x/ is courses/x.html), an index
    // route's its folder's index.html (/courses/ is courses/index.html).
    write('courses/index.html', '<!DOCTYPE html><html lang="zh-CN"><title>培训班</title></html>');
    write('courses/x.html', '<!DOCTYPE html><html lang="zh-CN"><title>电工培训班</title></html>');
    write('en/index.html', '<!DOCTYPE html><html lang="en"><title>Home</title></html>');
    write('404.html', ZH_404);
    write('en/404.html', EN_404);
    site = await serveSite(outDir, '127.0.0.1', 0);
    fs.mkdirSync(path.join(root, 'empty'));
    bare = await serveSite(path.join(root, 'empty'), '127.0.0.1', 0);
  });
  afterAll(async () => {
    await site?.stop();
    await bare?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  const get = (p: string) => request(site.url).get(p);

  it('serves each page at its address, which ends in a slash', async () => {
    expect((await get('/')).text).toContain('首页');
    expect((await get('/courses/')).text).toContain('培训班');
    expect((await get('/courses/x/?from=finder')).text).toContain('电工培训班');
    expect((await get('/en/')).text).toContain('Home');
    // Without the slash, a folder's address is sent to it; a page's is served as it is.
    const list = await get('/courses');
    expect([list.status, list.headers.location]).toEqual([301, '/courses/']);
    expect((await get('/courses/x')).text).toContain('电工培训班');
    // Only pages are reached by their address: the file's own name is not an address, nor is a
    // path out of the site's folder.
    expect((await get('/courses/x.html/')).status).toBe(404);
    expect((await get('/courses/%2E%2E/%2E%2E/etc/')).status).toBe(404);
  });

  it('answers an unknown path with the Chinese 404 page, status 404', async () => {
    for (const p of ['/no-such-page/', '/courses/no-such-class/', '/no-such.css', '/english/']) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(res.headers['content-type'], p).toMatch(/^text\/html/);
      expect(res.text, p).toBe(ZH_404);
    }
  });

  it('answers an unknown path under /en/ with the English 404 page, status 404', async () => {
    for (const p of ['/en/no-such-page/', '/en/courses/no-such-class/']) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(res.text, p).toBe(EN_404);
    }
    const head = await request(site.url).head('/en/no-such-page/');
    expect(head.status).toBe(404);
  });

  it('answers a malformed or hostile address with the 404 page (status 400 when malformed, as nginx), never a stack', async () => {
    const cases = [
      ['/%E0%A4%A', 400, ZH_404],
      ['/courses/%E7%84%', 400, ZH_404],
      ['/en/%E0%A4%A', 400, EN_404],
      ['/courses/%00/', 400, ZH_404],
      ['/..%2f..%2fetc%2fpasswd', 404, ZH_404],
    ] as const;
    for (const [p, status, page] of cases) {
      const res = await get(p);
      expect(res.status, p).toBe(status);
      expect(res.text, p).toBe(page);
      expectNoLeak(res.text, p);
    }
  });

  it('answers methods other than GET and HEAD with 405 and Allow, never a stack', async () => {
    for (const method of ['post', 'put', 'delete', 'patch'] as const) {
      const res = await request(site.url)[method]('/courses/').set('content-type', 'application/json').send('{"broken');
      expect(res.status, method).toBe(405);
      expect(res.headers.allow, method).toBe('GET, HEAD');
      expectNoLeak(res.text, method);
    }
  });

  it('still answers without a stack when the site has no 404 page', async () => {
    const res = await request(bare.url).get('/no-such-page/');
    expect(res.status).toBe(404);
    expect(res.text).toMatch(/找不到这个页面[\s\S]*Page not found/);
    expectNoLeak(res.text, 'no 404 page built');
  });
});
