import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openOrm } from '../db/orm';
import { prepareDatabase } from '../db/seed';
import { SINGLE_CASE, getPath, postBody } from './bench-mix';
import { runRounds } from './bench-rounds';
import { graphqlRequests, startServer, type BenchServer } from './bench-servers';
import { checkSameRows, stopAll, target, type Target } from './bench-targets';
import { replaceHead, replaceSection } from './benchmarks-md';
import { coursesReport, type RunFacts } from './courses-report';
import { startNginx, type NginxProxy } from './nginx-proxy';
import { createBenchDatabase, dropBenchDatabase } from './pg-database';
import { installPeer, startPeer, type PeerInstall } from './postgraphile-peer';

/**
 * `npm run bench`: `courses` at the floor on SQLite and on PostgreSQL, this API on both,
 * PostGraphile 5 on the same PostgreSQL database, and this API's answers from its own response
 * cache and through nginx's proxy cache, in one run and in alternation (bench-rounds.ts);
 * the single query and a mix of 256 distinct ones, at 10 connections and at 1. Writes the first
 * part of BENCHMARKS.md (courses-report.ts), up to the sections other benchmarks own (at a
 * scale other than 1, a section `courses` at scale N of its own).
 *
 * Settings (environment): BENCH_DURATION seconds per timed run (5), BENCH_ROUNDS (4),
 * BENCH_WARMUP seconds (2), BENCH_SCALE or `--scale N` demo scale (1; 5 takes far longer to load), BENCH_PG_URL the
 * PostgreSQL server (postgres://postgres@127.0.0.1:5432/postgres), BENCH_PEER=off to leave
 * PostGraphile out, BENCH_WRITE=off to leave BENCHMARKS.md alone.
 * @example BENCH_DURATION=3 BENCH_ROUNDS=2 npm run bench
 */
const env = process.env;
const scaleArg = process.argv.indexOf('--scale');
const SETTINGS = {
  // `npm run bench -- --scale 5` reaches this script through npm as npm_config_scale.
  scale: Number(scaleArg > 0 ? process.argv[scaleArg + 1] : (env.BENCH_SCALE ?? env.npm_config_scale ?? 1)),
  duration: Number(env.BENCH_DURATION ?? 5),
  rounds: Number(env.BENCH_ROUNDS ?? 4),
  warmup: Number(env.BENCH_WARMUP ?? 2),
  connections: [Number(env.BENCH_CONNECTIONS ?? 10), 1],
  pgAdminUrl: env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  peer: env.BENCH_PEER !== 'off',
  write: env.BENCH_WRITE !== 'off',
};
const TODAY = '2026-11-21';
const SEED = 20220211;
/** Long enough for nginx to keep every answer for the whole run. */
const CACHE_SECONDS = '3600';
const log = (line: string) => console.log(`[bench] ${line}`);

/** The busiest county of each 州市 (prefecture), in code order. */
function busiestCounties(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare(
        `select r.parent_code as prefecture, c.county_code as county, count(*) as n
         from course c join region r on r.code = c.county_code
         group by r.parent_code, c.county_code order by r.parent_code, n desc, c.county_code`,
      )
      .all() as { prefecture: string; county: string }[];
    const first = new Map<string, string>();
    for (const r of rows) if (!first.has(r.prefecture)) first.set(r.prefecture, r.county);
    return [...first.values()];
  } finally {
    db.close();
  }
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = Date.now();
  const value = await run();
  return [value, (Date.now() - started) / 1000];
}

async function loadSqlite(file: string): Promise<void> {
  const orm = await openOrm({ kind: 'sqlite', file });
  try {
    await prepareDatabase(orm, { scale: SETTINGS.scale, seed: SEED, today: TODAY, log: (l) => log(`sqlite: ${l}`) });
  } finally {
    await orm.close();
  }
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return ((await client.query('show server_version')).rows[0] as { server_version: string }).server_version;
  } finally {
    await client.end();
  }
}

/** Whether the API's answer to the single query holds the floor's `data` byte for byte (the API adds `extensions.cost` after it). */
async function sameBytes(a: string, b: string): Promise<boolean> {
  const ask = (url: string, dialect: 'floor' | 'api') =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: postBody(dialect, SINGLE_CASE),
    }).then((r) => r.text());
  const floor = await ask(a, 'floor');
  return (await ask(b, 'api')).startsWith(floor.slice(0, -1));
}

/** The X-Cache-Status of the second of two identical GETs through nginx (HIT when its cache answers). */
async function repeatedGetStatus(proxy: NginxProxy): Promise<string> {
  const get = () => fetch(proxy.url + getPath(SINGLE_CASE), { headers: { 'apollo-require-preflight': 'true' } });
  await (await get()).text();
  const second = await get();
  await second.text();
  return second.headers.get('x-cache-status') ?? 'none';
}

interface Started {
  servers: (BenchServer | NginxProxy | undefined)[];
  targets: Target[];
  apiCached: BenchServer;
  proxy: NginxProxy | null;
}

/** Starts every server and returns the targets, floors first (the rows are compared with the SQLite floor's). */
async function startAll(
  file: string,
  pgUrl: string,
  peer: PeerInstall | null,
  dir: string,
  counties: string[],
): Promise<Started> {
  const servers: Started['servers'] = [];
  const start = async (s: Promise<BenchServer>) => {
    const server = await s;
    servers.push(server);
    return server;
  };
  try {
    const floorSqlite = await start(startServer('floor on SQLite', 'floor-server.js', [file]));
    const floorPg = await start(startServer('floor on PostgreSQL', 'floor-pg-server.js', [pgUrl]));
    const apiSqlite = await start(startServer('this API on SQLite', 'api-server.js', [file]));
    const apiPg = await start(startServer('this API on PostgreSQL', 'api-server.js', [pgUrl]));
    const pgl = peer ? await start(startPeer(peer, pgUrl)) : null;
    const apiCached = await start(
      startServer('this API on SQLite, GET, its response cache', 'api-server.js', [file], {
        env: { BENCH_CACHE_MAX_AGE: CACHE_SECONDS },
      }),
    );
    const proxy = await startNginx(apiCached.url, dir, log);
    if (proxy) servers.push(proxy);
    const targets = [
      target(floorSqlite, 'floor-sqlite', floorSqlite.name, 'floor', 'sqlite', 'none', 'floor-sqlite', counties),
      target(floorPg, 'floor-pg', floorPg.name, 'floor', 'pg', 'none', 'floor-pg', counties),
      target(apiSqlite, 'api-sqlite', apiSqlite.name, 'api', 'sqlite', 'none', 'floor-sqlite', counties),
      target(apiPg, 'api-pg', apiPg.name, 'api', 'pg', 'none', 'floor-pg', counties),
      ...(pgl ? [target(pgl, 'postgraphile', pgl.name, 'postgraphile', 'pg', 'none', 'floor-pg', counties)] : []),
      target(apiCached, 'api-cached', apiCached.name, 'api', 'sqlite', 'api', 'floor-sqlite', counties),
      ...(proxy
        ? [
            target(
              proxy,
              'nginx',
              'nginx proxy cache → this API (GET)',
              'api',
              'sqlite',
              'nginx',
              'floor-sqlite',
              counties,
            ),
          ]
        : []),
    ];
    return { servers, targets, apiCached, proxy };
  } catch (e) {
    await stopAll(servers);
    throw e;
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-bench-'));
  // nginx's workers run as an unprivileged user: they must reach the cache folder under it.
  fs.chmodSync(dir, 0o755);
  const file = path.join(dir, 'bench.sqlite');
  const pgName = `skills_bench_s${SETTINGS.scale}`;
  let started: Started | undefined;
  // Interrupted (Ctrl-C, a timeout): stop nginx and drop the database before leaving; the
  // forked servers leave by themselves when this process is gone.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      log(`${signal}: stopping`);
      void stopAll(started?.servers ?? [])
        .then(() => dropBenchDatabase(SETTINGS.pgAdminUrl, pgName))
        .catch(() => undefined)
        .finally(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          process.exit(130);
        });
    });
  try {
    const [, sqliteSeconds] = await timed(() => loadSqlite(file));
    const [pgUrl, pgSeconds] = await timed(() =>
      createBenchDatabase(SETTINGS.pgAdminUrl, pgName, {
        scale: SETTINGS.scale,
        seed: SEED,
        today: TODAY,
        log: (l) => log(`postgresql: ${l}`),
      }),
    );
    const peer = SETTINGS.peer ? await installPeer(log) : null;
    const counties = busiestCounties(file);
    started = await startAll(file, pgUrl, peer, dir, counties);
    const { targets, apiCached, proxy } = started;
    const compared = await checkSameRows(targets);
    log(`every server answered the same rows to ${compared} requests`);
    const facts: RunFacts = {
      date: new Date().toISOString().slice(0, 10),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
      scale: SETTINGS.scale,
      duration: SETTINGS.duration,
      rounds: SETTINGS.rounds,
      warmup: SETTINGS.warmup,
      connections: SETTINGS.connections,
      loadSeconds: { sqlite: sqliteSeconds, pg: pgSeconds },
      postgres: await postgresVersion(pgUrl),
      peer: peer
        ? `PostGraphile ${peer.version} (Amber preset, without its index restrictions) runs on Node ${peer.nodeVersion}, the others on Node ${process.version}.`
        : SETTINGS.peer
          ? '**PostGraphile was not measured: it could not be installed from the npm registry.**'
          : 'PostGraphile was left out (BENCH_PEER=off).',
      compared,
      byteIdentical: await sameBytes(targets[0].url, targets[2].url),
      nginxStatus: proxy ? await repeatedGetStatus(proxy) : null,
      proxy: null,
      counties,
    };
    const { measurements, proxy: count } = await runRounds(targets, {
      ...SETTINGS,
      log,
      apiBehindNginx: () => graphqlRequests(apiCached),
    });
    facts.proxy = count;
    const md = coursesReport(measurements, facts);
    console.log(md);
    const notes = () => fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'bench', 'NOTES.md'), 'utf8');
    // Scale 1 is the head of BENCHMARKS.md; another scale keeps a section of its own.
    if (SETTINGS.write && SETTINGS.scale === 1) replaceHead(md, notes());
    else if (SETTINGS.write) replaceSection(`\`courses\` at scale ${SETTINGS.scale}`, md);
  } finally {
    await stopAll(started?.servers ?? []);
    await dropBenchDatabase(SETTINGS.pgAdminUrl, pgName).catch((e) => log(`could not drop ${pgName}: ${e}`));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
