import { spawnSync } from 'node:child_process';
import type http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import request from 'supertest';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig, type ApiConfig, type DatabaseConfig } from '../src/config';
import { generateSigner, signerKey } from '../src/log/signed-note';
import { openOrm } from '../src/db/orm';
import { prepareDatabase } from '../src/db/seed';
import { createApi, type Observers } from '../src/server';
import { createLogger } from '../src/observability/logger';
import { SearchService, startEmbeddedMeilisearch, toSynonyms, type EmbeddedMeilisearch } from '@skills-yunnan/search';
import { SearchRuntime } from '../src/search/search-runtime';
import { loadColloquialTerms } from '../src/search/search-sources';

/** A throw-away database: SQLite in a temp folder, or a fresh PostgreSQL database when `DATABASE_URL` points at a server. */
export interface TestDatabase {
  config: DatabaseConfig;
  /** Removes the file or drops the database. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database for one test file. With `DATABASE_URL=postgres://…` set, a new
 * database named `catalogue_test_<pid>_<random>` is created on that server (and dropped by
 * `drop`); otherwise a SQLite file in a new temp folder.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const name = `catalogue_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    return {
      config: { kind: 'postgresql', url: dbUrl.toString() },
      async drop() {
        const c = new Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-test-'));
  return {
    config: { kind: 'sqlite', file: path.join(dir, 'catalogue.sqlite') },
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A loaded database and an API over it, for one test file. */
export interface TestApi {
  orm: MikroORM;
  config: ApiConfig;
  http: ReturnType<typeof request>;
  /** POSTs a GraphQL operation; returns the parsed body. */
  gql(query: string, variables?: Record<string, unknown>): Promise<any>;
  /** SQL statements run by the ORM since the last reset (when counting is on). */
  statements: string[];
  /** The HTTP server (not listening until a test makes it: `listen(0)`). */
  httpServer: http.Server;
  close(): Promise<void>;
}

/** A Meilisearch of the test's own: embedded, on a free port, in a temp folder removed by `stop`. */
export interface TestSearch {
  meili: EmbeddedMeilisearch;
  /** The server's folder (data in data.ms, dumps in dumps/). */
  dataDir: string;
  runtime: SearchRuntime;
  /** Starts Meilisearch again on the same folder and port, after `meili.stop()`. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a throw-away Meilisearch and a SearchRuntime over it (with the colloquial synonyms). */
export async function startTestSearch(): Promise<TestSearch> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-meili-'));
  const meili = await startEmbeddedMeilisearch({ dataDir: dir, port: 0 });
  const runtime = SearchRuntime.over(
    new SearchService({ url: meili.url, apiKey: meili.masterKey }, toSynonyms(loadColloquialTerms())),
  );
  const search: TestSearch = {
    meili,
    runtime,
    dataDir: dir,
    async restart() {
      search.meili = await startEmbeddedMeilisearch({ dataDir: dir, port: Number(new URL(meili.url).port) });
    },
    async stop() {
      await runtime.worker?.stop();
      await search.meili.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return search;
}

/**
 * A logger whose JSON lines a test reads back (at `debug` and above).
 * @example const log = capturedLogger(); await startTestApi({ scale: 0, observers: { logger: log.logger } }); log.parsed()
 */
export function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger('debug', { write: (l: string) => void lines.push(l) });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, any>) };
}

/**
 * Loads a database at `scale` and builds the API on it (not listening: supertest drives the
 * HTTP server). With `search`, the indexes are built from the database first.
 */
export async function startTestApi(
  opts: {
    scale: number;
    seed?: number;
    today?: string;
    env?: NodeJS.ProcessEnv;
    search?: TestSearch;
    observers?: Observers;
  } = { scale: 1 },
): Promise<TestApi> {
  const db = await createTestDatabase();
  const statements: string[] = [];
  let counting = false;
  const orm = await openOrm(db.config, { onQuery: (sql) => counting && statements.push(sql) });
  await prepareDatabase(orm, { scale: opts.scale, seed: opts.seed ?? 20220211, today: opts.today ?? '2026-11-21' });
  counting = true;
  // Requests are logged at info: a test reads them from a logger of its own (capturedLogger).
  const loaded = loadConfig({ CATALOGUE_TODAY: opts.today ?? '2026-11-21', LOG_LEVEL: 'warn', ...opts.env });
  const config: ApiConfig = {
    ...loaded,
    database: db.config,
    // A log key of the test's own, unless it brings one: none is made in the repository's data folder.
    log: { ...loaded.log, signingKey: loaded.log.signingKey ?? signerKey(generateSigner(loaded.log.origin)) },
  };
  if (opts.search) await opts.search.runtime.sync(orm);
  const { httpServer, apollo } = await createApi(orm, config, opts.search?.runtime ?? null, opts.observers);
  const http = request(httpServer);
  return {
    orm,
    config,
    http,
    statements,
    httpServer,
    async gql(query, variables) {
      const res = await http.post('/graphql').set('content-type', 'application/json').send({ query, variables });
      return res.body;
    },
    async close() {
      await apollo.stop();
      await orm.close(true);
      await db.drop();
    },
  };
}

/**
 * For a test file that needs search: before its tests, a Meilisearch of its own and a scale-1
 * API whose indexes are built; after them, both removed. Read `api` and `search` inside tests.
 * @example const env = withSearchApi(); it('…', async () => { await env.api.gql('{ … }'); });
 */
export function withSearchApi(scale = 1): { readonly api: TestApi; readonly search: TestSearch } {
  const env = {} as { api: TestApi; search: TestSearch };
  beforeAll(async () => {
    env.search = await startTestSearch();
    env.api = await startTestApi({ scale, search: env.search });
  });
  afterAll(async () => {
    await env.api?.close();
    await env.search?.stop();
  });
  return env;
}

/** Spreadsheets a test writes as a bureau would send them, in a temp folder of its own. */
export interface TestFiles {
  dir: string;
  /** A UTF-8 .csv with BOM (as Excel saves it); returns its path. */
  csv(file: string, header: string[], rows: (string | number)[][]): string;
  /** A real .xlsx (first worksheet named `sheet`); returns its path. */
  xlsx(file: string, header: string[], rows: (string | number)[][], sheet?: string): Promise<string>;
  /** Removes the folder. */
  remove(): void;
}

/**
 * A temp folder for a test file's spreadsheets.
 * @example const files = testFiles('catalogue-import-'); const p = files.csv('a.csv', ['机构名称'], [['x']]);
 */
export function testFiles(prefix: string): TestFiles {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    csv(file, header, rows) {
      const p = path.join(dir, file);
      fs.writeFileSync(p, `\uFEFF${[header, ...rows].map((r) => r.join(',')).join('\n')}\n`);
      return p;
    },
    async xlsx(file, header, rows, sheet = '表') {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(sheet);
      ws.addRow(header);
      for (const r of rows) ws.addRow(r);
      const p = path.join(dir, file);
      await wb.xlsx.writeFile(p);
      return p;
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs the compiled `npm run import` command (built by `npm test`) on a test API's database. */
export function importCommand(api: TestApi, ...args: string[]) {
  const db = api.config.database;
  const env = { ...process.env, DATABASE_URL: db.kind === 'postgresql' ? db.url : `sqlite:${db.file}` };
  return spawnSync(process.execPath, [path.resolve(__dirname, '..', 'dist', 'cli', 'import.js'), ...args], {
    env,
    encoding: 'utf8',
  });
}
