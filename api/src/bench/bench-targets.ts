/**
 * The servers of the courses benchmark, each with its workloads in its own dialect, and the
 * check that they all answer the same rows before anything is timed.
 */
import {
  comparableRows,
  getPath,
  mixCases,
  postBody,
  SINGLE_CASE,
  type BenchCase,
  type ComparableRow,
  type Dialect,
} from './bench-mix';
import { stopServer, type BenchServer } from './bench-servers';
import type { BenchRequest } from './load-runner';
import type { NginxProxy } from './nginx-proxy';

/** Which workload: the single query or the varied mix. */
export type WorkloadName = 'single' | 'mix';

/** A server under load, with what it is compared to. */
export interface Target {
  /** Short key, e.g. `api-pg`. */
  id: string;
  /** Row label. */
  name: string;
  /** Base URL the load goes to. */
  url: string;
  dialect: Dialect;
  /** The database it reads. */
  db: 'sqlite' | 'pg';
  /** Uncached, the API's own response cache (GET), or nginx's proxy cache (GET). */
  cache: 'none' | 'api' | 'nginx';
  /** The target whose figures are this one's floor (its own id for a floor). */
  floor: string;
  workloads: Record<WorkloadName, BenchRequest[]>;
}

/**
 * The requests of the cases in a target's dialect: POST uncached, GET where a cache answers.
 * @example requestsFor('api', 'api', [SINGLE_CASE]) // [{ method: 'GET', path: '/graphql?query=…' }]
 */
export function requestsFor(dialect: Dialect, cache: Target['cache'], cases: BenchCase[]): BenchRequest[] {
  if (cache !== 'none') return cases.map((c) => ({ method: 'GET', path: getPath(c) }));
  return cases.map((c) => ({ method: 'POST', path: '/graphql', body: postBody(dialect, c) }));
}

/**
 * A target for a server.
 * @example target(floor, 'floor-sqlite', 'floor', 'sqlite', 'none', 'floor-sqlite', counties)
 */
export function target(
  server: BenchServer | NginxProxy,
  id: string,
  name: string,
  dialect: Dialect,
  db: Target['db'],
  cache: Target['cache'],
  floor: string,
  counties: string[],
): Target {
  return {
    id,
    name,
    url: server.url,
    dialect,
    db,
    cache,
    floor,
    workloads: {
      single: requestsFor(dialect, cache, [SINGLE_CASE]),
      mix: requestsFor(dialect, cache, mixCases(counties)),
    },
  };
}

async function answer(t: Target, request: BenchRequest): Promise<unknown> {
  const res = await fetch(t.url + request.path, {
    method: request.method,
    body: request.body,
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${t.name} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/**
 * Asks every target every request of both workloads and checks that each answers the rows the
 * first target answers (same ids, titles, dates, relations and detail fields, in the same
 * order). Returns how many requests were compared per target.
 * @example await checkSameRows(targets) // 257
 */
export async function checkSameRows(targets: Target[]): Promise<number> {
  const [reference, ...others] = targets;
  const requests = [...reference.workloads.single, ...reference.workloads.mix];
  const expected: ComparableRow[][] = [];
  for (const r of requests) {
    const rows = comparableRows(reference.dialect, await answer(reference, r));
    if (!rows.length) throw new Error(`${reference.name} answered no rows to ${r.body ?? r.path}`);
    expected.push(rows);
  }
  // One request at a time per server, the servers side by side.
  const check = async (t: Target) => {
    const mine = [...t.workloads.single, ...t.workloads.mix];
    for (let i = 0; i < mine.length; i++) {
      const got = JSON.stringify(comparableRows(t.dialect, await answer(t, mine[i])));
      if (got !== JSON.stringify(expected[i]))
        throw new Error(
          `${t.name} answered other rows than ${reference.name} to ${mine[i].body ?? mine[i].path}:\n${got.slice(0, 400)}\n${JSON.stringify(expected[i]).slice(0, 400)}`,
        );
    }
  };
  await Promise.all(others.map(check));
  return requests.length;
}

/**
 * Stops every server (in parallel; a failure to stop one does not keep the others running).
 * @example await stopAll([floor, api]);
 */
export async function stopAll(servers: (BenchServer | NginxProxy | undefined)[]): Promise<void> {
  await Promise.allSettled(
    servers.map((s) => (s && 'stop' in s ? s.stop() : stopServer(s as BenchServer | undefined))),
  );
}
