/**
 * Issue 15: operations run compiled (graphql-jit) answer exactly as graphql-js answers them.
 * Two APIs on one demo database, one of each, are sent the same requests: the README's and the
 * IDE's example queries, the benchmark's query and a seeded stream of generated ones (valid and
 * invalid, with variables, fragments, aliases, errors in resolvers); status, type and body must
 * match byte for byte, with one exception (see {@link sameAnswer}).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/core';
import { Kind, parse, print, visit, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_QUERY } from '../src/bench/bench-query';
import { fuzzRequests, sendFuzz, type FuzzAnswer, type FuzzRequest } from '../src/bench/fuzz-requests';
import { loadConfig, REPO_ROOT } from '../src/config';
import { openOrm } from '../src/db/orm';
import { prepareDatabase } from '../src/db/seed';
import { getSchema } from '../src/schema';
import { createApi } from '../src/server';
import { createTestDatabase, type TestDatabase } from './helpers';

const GENERATED = 1000;

let db: TestDatabase;
let orm: MikroORM;
const bases: Record<'compiled' | 'interpreted', string> = { compiled: '', interpreted: '' };
const stops: (() => Promise<void>)[] = [];

async function start(compiled: boolean): Promise<string> {
  const config = {
    ...loadConfig({
      CATALOGUE_TODAY: '2026-11-21',
      RATE_LIMIT_READ_POINTS: '0',
      RATE_LIMIT_WRITES_PER_IP: '0',
      GRAPHQL_COMPILED: compiled ? '1' : '0',
    }),
    database: db.config,
  };
  const { httpServer, apollo } = await createApi(orm, config);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  stops.push(async () => {
    await apollo.stop();
    if (httpServer.listening) await new Promise((resolve) => httpServer.close(resolve));
  });
  return `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
}

/** The README's `graphql` blocks that read (its mutations need a key and would change the data). */
function readmeQueries(): string[] {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]).filter((q) => !/^\s*mutation/.test(q));
}

/** The IDE's default query, as the browser shows it. */
function ideQuery(): string {
  const init = fs.readFileSync(path.join(__dirname, '..', 'src', 'ide', 'init.js'), 'utf8');
  const lines = /defaultQuery = \[([\s\S]*?)\]\.join/.exec(init)?.[1] ?? '';
  return [...lines.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]).join('\n');
}

const post = (query: string, variables?: Record<string, unknown>): FuzzRequest => ({
  kind: 'example',
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query, variables }),
});

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm(db.config);
  await prepareDatabase(orm, { scale: 0.05, seed: 20220211, today: '2026-11-21' });
  bases.compiled = await start(true);
  bases.interpreted = await start(false);
}, 120_000);

afterAll(async () => {
  for (const stop of stops) await stop();
  await orm?.close(true);
  await db?.drop();
});

/** An answer as JSON, or null when it is not JSON. */
function json(body: string): { data?: unknown; errors?: unknown[]; extensions?: unknown } | null {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/**
 * Whether two answers are the same: byte for byte, or both `data: null` (a non-null field failed,
 * so the whole answer is null) with graphql-js's errors a subset of graphql-jit's. graphql-js
 * stops collecting errors once the answer is null, so a second field that fails a moment later
 * is reported or not depending on timing; graphql-jit reports every field error. The HTTP status
 * follows the errors (a BAD_USER_INPUT among them makes it 400), so it may differ too.
 */
function sameAnswer(compiled: FuzzAnswer, interpreted: FuzzAnswer): boolean {
  if (compiled.body === interpreted.body && compiled.status === interpreted.status) return true;
  const [a, b] = [json(compiled.body), json(interpreted.body)];
  if (!a || !b || a.data !== null || b.data !== null || !a.errors || !b.errors) return false;
  const all = new Set(a.errors.map((e) => JSON.stringify(e)));
  return (
    JSON.stringify(a.extensions) === JSON.stringify(b.extensions) &&
    b.errors.every((e) => all.has(JSON.stringify(e))) &&
    a.errors.length > b.errors.length
  );
}

/**
 * The request with only its root field `alias` (and the variables that field uses), or null when
 * the request is not one operation of plain root fields.
 */
function alone(r: FuzzRequest, alias: string): FuzzRequest | null {
  const body = r.body ? json(r.body) : null;
  const query = (body as { query?: unknown } | null)?.query;
  if (typeof query !== 'string') return null;
  const doc = parse(query);
  const [op, ...rest] = doc.definitions;
  if (rest.length > 0 || op.kind !== Kind.OPERATION_DEFINITION) return null;
  const fields = op.selectionSet.selections.filter((f): f is FieldNode => f.kind === Kind.FIELD);
  const field = fields.find((f) => (f.alias ?? f.name).value === alias);
  if (!field || fields.length !== op.selectionSet.selections.length) return null;
  const used = new Set<string>();
  visit(field, {
    enter(node) {
      if (node.kind === Kind.VARIABLE) used.add(node.name.value);
    },
  });
  const single: OperationDefinitionNode = {
    ...op,
    variableDefinitions: op.variableDefinitions?.filter((d) => used.has(d.variable.name.value)),
    selectionSet: { ...op.selectionSet, selections: [field] },
  };
  return { ...r, body: JSON.stringify({ ...body, query: print({ ...doc, definitions: [single] }) }) };
}

/**
 * Whether two answers that both lost their data to failing root fields differ only in which of
 * those failures each reported: root fields run side by side, and the first to fail decides the
 * answer in both executors. Holds when each root field that failed on either side, asked alone,
 * answers the same in both and with the error reported.
 */
async function sameFailures(r: FuzzRequest, a: FuzzAnswer, b: FuzzAnswer): Promise<boolean> {
  const [x, y] = [json(a.body), json(b.body)];
  if (!x || !y || x.data !== null || y.data !== null || !x.errors || !y.errors) return false;
  // An error as asked alone: where it points in the query changes with the query's text.
  const key = ({ locations, ...rest }: { locations?: unknown; path?: unknown[] }) => JSON.stringify(rest);
  const errors = [...x.errors, ...y.errors] as { path?: unknown[] }[];
  for (const error of errors) {
    const alias = error.path?.[0];
    const single = typeof alias === 'string' ? alone(r, alias) : null;
    if (!single) return false;
    const [c, i] = await Promise.all([sendFuzz(bases.compiled, single), sendFuzz(bases.interpreted, single)]);
    const reported = (json(c.body)?.errors ?? []) as { path?: unknown[] }[];
    if (c.body !== i.body || !reported.some((e) => key(e) === key(error))) return false;
  }
  return true;
}

/**
 * Sends each request to both APIs (or the first of a pair to the compiled one, the second to the
 * other); returns those whose answers differ, with both answers.
 */
async function differences(requests: (FuzzRequest | [FuzzRequest, FuzzRequest])[]): Promise<string[]> {
  const found: string[] = [];
  for (const pair of requests) {
    const [r, other] = Array.isArray(pair) ? pair : [pair, pair];
    const [a, b] = await Promise.all([sendFuzz(bases.compiled, r), sendFuzz(bases.interpreted, other)]);
    if (a.contentType === b.contentType && sameAnswer(a, b)) continue;
    if (r === other && a.contentType === b.contentType && (await sameFailures(r, a, b))) continue;
    const [left, right] = [a, b].map((x) => `${x.status} ${x.contentType} ${x.body}`);
    found.push(`${(r.body ?? r.path).slice(0, 200)}\n  compiled:    ${left}\n  interpreted: ${right}`);
  }
  return found;
}

describe('compiled execution', () => {
  it('answers the example queries byte for byte as graphql-js does', async () => {
    const examples = [...readmeQueries(), ideQuery(), BENCH_QUERY];
    expect(examples.length).toBeGreaterThanOrEqual(4);
    const requests = [
      ...examples.map((q) => post(q)),
      post('query Page($n: Int!, $after: String) { courses(first: $n, after: $after) { nodes { id title } } }', {
        n: 3,
      }),
      post(
        '{ institutions(first: 3) { nodes { id name standing compliance { ruleId passed } scope { code } blacklisting { from until status } } } }',
      ),
      // A non-null variable with a default, left out: the default applies (graphql-jit alone would refuse it).
      post('query Newest($newest: Boolean! = true) { recordChanges(first: 2, newestFirst: $newest) { totalCount } }'),
    ];
    expect(await differences(requests)).toEqual([]);
    // Not vacuous: the examples reach the data.
    const answer = await sendFuzz(bases.compiled, post(BENCH_QUERY));
    expect(JSON.parse(answer.body).data.courses.edges.length).toBeGreaterThan(5);
  });

  it(`answers ${GENERATED} generated requests byte for byte as graphql-js does`, async () => {
    const schema = await getSchema();
    // /health tells its own latency: not an operation, and never the same twice.
    const requests = [...fuzzRequests(schema, 15, GENERATED)].filter((r) => !r.path.startsWith('/health'));
    expect(requests.length).toBeGreaterThan(GENERATED * 0.9);
    expect(await differences(requests)).toEqual([]);
  }, 120_000);

  it('takes two root fields failing in either order as the same answer, each checked alone', async () => {
    // Found by the fuzz on PostgreSQL: which of the two NOT_FOUNDs came first varied.
    const query =
      'query Fuzz { f0: subsidyNotice(number: "CONSTRUCTION") { certifiedTrainees } f1: directory(year: 12) { documentNumber } }';
    const [a, b] = await Promise.all([sendFuzz(bases.compiled, post(query)), sendFuzz(bases.interpreted, post(query))]);
    expect(await sameFailures(post(query), a, b)).toBe(true);
    // Not vacuous: an error that the field alone does not give is a difference.
    const forged = { ...a, body: a.body.replace('no record with id', 'no record of id') };
    expect(json(forged.body)).not.toBeNull();
    expect(forged.body).not.toBe(a.body);
    expect(await sameFailures(post(query), forged, b)).toBe(false);
  });

  it('notices a difference (the comparison itself can fail)', async () => {
    const found = await differences([[post('{ __typename }'), post('{ a: __typename }')]]);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('"a":"Query"');
    const nulled = (errors: string[]): FuzzAnswer => ({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ errors: errors.map((message) => ({ message })), data: null }),
    });
    expect(sameAnswer(nulled(['a', 'b']), nulled(['b']))).toBe(true);
    expect(sameAnswer(nulled(['a']), nulled(['b']))).toBe(false);
    expect(sameAnswer(nulled(['a']), nulled(['a', 'b']))).toBe(false);
  });
});
