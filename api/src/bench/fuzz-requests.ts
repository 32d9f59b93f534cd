/**
 * A hostile client, seeded: requests generated from the schema (valid and invalid operations,
 * wrong variable types, fragment cycles, huge and negative page sizes, long and forged cursors
 * and IDs, unicode, NUL and SQL-like strings, malformed JSON, wrong content types, GET
 * mutations, oversized bodies, batches), and the check of each answer (below 500, every error
 * coded, no stack, file path or SQL). Shared by `test/fuzz.test.ts` and `bench/fuzz.bench.ts`.
 */
import http from 'node:http';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isInterfaceType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { Prng } from '../common/prng';

/** One request as sent on the wire. */
export interface FuzzRequest {
  /** What the request tries, for the report (e.g. `query`, `fragment-cycle`, `malformed-json`). */
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** One answer. */
export interface FuzzAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** Strings a careless server chokes on. None contains what {@link problemsOf} looks for. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '云南',
  '昆明市五华区',
  '\u0000',
  'a\u0000b',
  '\u0001\u001f',
  '\ud83d\ude00',
  '\ud800',
  '\ufeff',
  '\u202e',
  'é'.normalize('NFD'),
  "' OR 1=1 --",
  '"; DROP TABLE course; --',
  '%00',
  '%s%s%n',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '\\',
  '{"a":1}',
  '1e999',
  '-0',
  'NaN',
  'null',
  'undefined',
  '0x10',
  '9'.repeat(40),
  'x'.repeat(3000),
  '汉'.repeat(600),
  '2022-01-01',
  '2022-02-30',
  '2022-01-01T00:00:00Z',
  '2022-13-01T25:61:00+08:00',
  '20220101',
  'Q291cnNlOjE',
  'Q291cnNlOjFlOTk5',
];

/** Kinds of node the fuzzer names in IDs, real and not. */
const ID_TYPES = [
  'Course',
  'Institution',
  'SubsidyNotice',
  'Occupation',
  'Programme',
  'Region',
  'DirectoryEntry',
  'EvaluationAgency',
  'AnnualTarget',
  'OnlinePlatform',
  'Nothing',
  'course',
];

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** A random value for an input type, sometimes of the wrong type (the point of fuzzing). */
function valueFor(rng: Prng, type: GraphQLInputType, depth = 0): unknown {
  if (rng.chance(0.02)) return rng.pick([null, 1, -1, 'x', true, [], {}, 1.5, 2 ** 53]);
  if (isNonNullType(type)) return valueFor(rng, type.ofType, depth);
  if (isListType(type))
    return depth > 3
      ? []
      : Array.from({ length: rng.pick([0, 1, 2, 3, 30]) }, () => valueFor(rng, type.ofType, depth + 1));
  if (isEnumType(type)) return rng.chance(0.9) ? rng.pick(type.getValues()).name : rng.pick(['NOPE', 'prefecture', '']);
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields()))
      if (isNonNullType(f.type) || rng.chance(0.5)) out[f.name] = depth > 3 ? null : valueFor(rng, f.type, depth + 1);
    if (rng.chance(0.05)) out.unknownField = 1;
    return out;
  }
  return scalarValue(rng, getNamedType(type).name);
}

function scalarValue(rng: Prng, name: string): unknown {
  switch (name) {
    case 'Int':
      return rng.chance(0.7)
        ? rng.int(1, 20)
        : rng.pick([0, -1, -60000, 100, 101, 2147483647, 2147483648, -2147483649, 1.5, '5']);
    case 'Float':
      return rng.pick([rng.between(0, 1000), -1, 1e308, 'x']);
    case 'Boolean':
      return rng.pick([true, false, 'true', 0]);
    case 'ID':
      return rng.chance(0.6)
        ? b64(
            `${rng.pick(ID_TYPES)}:${rng.pick([String(rng.int(1, 60)), '0', '-1', '1e999', 'a\u0000', '530100', '1.5', 'x'.repeat(300)])}`,
          )
        : rng.pick(HOSTILE_STRINGS);
    case 'DateTime':
      return rng.pick(['2022-01-01T00:00:00+08:00', '2026-11-01T00:00:00Z', ...HOSTILE_STRINGS.slice(-7), 0, 1e15]);
    case 'LocalDate':
      return rng.pick([
        '2022-01-01',
        '2026-11-20',
        '2026-02-29',
        '2026-11-1',
        '0000-00-00',
        ...HOSTILE_STRINGS.slice(0, 8),
      ]);
    default:
      return rng.chance(0.5)
        ? rng.pick(['530100', '530102', '6-01-01-00', 'CONSTRUCTION', '电工', 'x'])
        : rng.pick(HOSTILE_STRINGS);
  }
}

/** A cursor: a real-looking one, a forged shape, or garbage. */
function cursorValue(rng: Prng): string {
  return rng.pick([
    b64(JSON.stringify([rng.int(1, 50)])),
    b64(JSON.stringify(['2026-01-01', rng.int(1, 50)])),
    b64(JSON.stringify([{ a: 1 }, 2, 3, 4])),
    b64(JSON.stringify(['x\u0000', 'abc'])),
    b64(JSON.stringify([1e308, -1])),
    b64(JSON.stringify(['2026-99-99', 1, 1, 1])),
    b64(JSON.stringify(Array(4).fill('9'.repeat(30)))),
    'not a cursor',
    'A'.repeat(5000),
    '',
  ]);
}

/** GraphQL literal syntax of a JSON value (for arguments written inline). */
function literal(value: unknown, enumName = false): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, enumName)).join(', ')}]`;
  if (typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v, enumName)}`)
      .join(', ')} }`;
  if (typeof value === 'string') return enumName && /^[A-Z_]+$/.test(value) ? value : JSON.stringify(value);
  return String(value);
}

/** The GraphQL type name of an argument as a variable declaration, sometimes a wrong one. */
function typeName(rng: Prng, arg: GraphQLArgument): string {
  return rng.chance(0.95)
    ? String(arg.type)
    : rng.pick(['String!', 'Int', 'ID!', 'DateTime', 'NoSuchType', '[String]']);
}

/** A selection on `type`, `depth` levels at most, with arguments of its own. */
function selection(rng: Prng, type: GraphQLNamedType, depth: number, vars: Map<string, [string, unknown]>): string {
  if (!isObjectType(type) && !isInterfaceType(type)) return '';
  const fields = Object.values(type.getFields());
  const chosen = Array.from({ length: rng.int(1, 4) }, () => rng.pick(fields));
  const parts = chosen.map((f) => fieldText(rng, f, depth, vars));
  if (rng.chance(0.1)) parts.push(rng.pick(['noSuchField', '__typename', 'id { x }', '...on Nothing { id }']));
  return `{ ${[...new Set(parts.filter(Boolean))].join(' ')} }`;
}

function fieldText(
  rng: Prng,
  f: GraphQLField<unknown, unknown>,
  depth: number,
  vars: Map<string, [string, unknown]>,
): string {
  const args = f.args
    .filter((a) => isNonNullType(a.type) || rng.chance(0.4))
    .map((a) => {
      const value = a.name === 'after' ? cursorValue(rng) : valueFor(rng, a.type);
      if (rng.chance(0.4)) {
        const name = `v${vars.size}`;
        vars.set(name, [typeName(rng, a), value]);
        return `${a.name}: $${name}`;
      }
      return `${a.name}: ${literal(value, isEnumType(getNamedType(a.type)))}`;
    });
  const named = getNamedType(f.type);
  const head = `${rng.chance(0.1) ? `a${rng.int(0, 99)}: ` : ''}${f.name}${args.length ? `(${args.join(', ')})` : ''}`;
  if (isScalarType(named) || isEnumType(named)) return head;
  if (depth <= 0) return `${head} { __typename }`;
  return `${head} ${selection(rng, named, depth - 1, vars)}`;
}

/** An operation generated from the schema, with its variables. */
function operation(
  rng: Prng,
  schema: GraphQLSchema,
  kind: 'query' | 'mutation',
): { query: string; variables: Record<string, unknown> } {
  const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  const vars = new Map<string, [string, unknown]>();
  const fields = Object.values(root.getFields());
  const body = Array.from(
    { length: rng.int(1, 2) },
    (_, i) => `f${i}: ${fieldText(rng, rng.pick(fields), rng.int(0, 3), vars)}`,
  ).join(' ');
  const decl = vars.size ? `(${[...vars].map(([n, [t]]) => `$${n}: ${t}`).join(', ')})` : '';
  const variables = Object.fromEntries([...vars].filter(() => rng.chance(0.95)).map(([n, [, v]]) => [n, v]));
  return { query: `${kind} Fuzz${decl} { ${body} }`, variables };
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Hand-made documents that broke servers before (issue 13's reproductions among them). */
function nastyDocument(rng: Prng): { kind: string; query: string; variables?: unknown } {
  return rng.pick([
    { kind: 'fragment-cycle', query: 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }' },
    { kind: 'fragment-self', query: '{ regions { ...R } } fragment R on Region { code ...R }' },
    { kind: 'wrong-variable', query: 'query($v: String!) { occupation(code: $v) { code } }', variables: { v: 1 } },
    {
      kind: 'date-for-datetime',
      query: 'query($s: DateTime!) { changes(since: $s, first: 13) { totalCount } }',
      variables: { s: '2022-01-01' },
    },
    { kind: 'huge-first', query: `{ courses(first: ${rng.pick([2147483647, 101, 1000])}) { nodes { id } } }` },
    {
      kind: 'negative-first',
      query:
        '{ a: courses(first: -60000) { nodes { id } } b: subsidyNotices(first: 100) { nodes { lines(first: 100) { nodes { seq } } } } }',
    },
    { kind: 'aliases', query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(' ')} }` },
    { kind: 'duplicate-fields', query: `{ ${'regions(level: PREFECTURE) { code } '.repeat(400)} }` },
    { kind: 'deep', query: `{ regions { ${'children { parent { '.repeat(10)}code${' } }'.repeat(10)} } }` },
    { kind: 'tokens', query: `{ regions(level: PREFECTURE) { code${' code'.repeat(5000)} } }` },
    { kind: 'unknown-field', query: '{ noSuchField }' },
    {
      kind: 'syntax',
      query: rng.pick(['{', '}', 'query {', '{ regions(level: ) { code } }', 'mutation', '\u0000', '{ "a" }', '#']),
    },
    { kind: 'node-ids', query: `{ node(id: ${JSON.stringify(scalarValue(rng, 'ID'))}) { id } }` },
    { kind: 'cursor', query: `{ courses(first: 2, after: ${JSON.stringify(cursorValue(rng))}) { nodes { id } } }` },
    {
      kind: 'change-cursor',
      query: `{ changes(since: "2022-01-01T00:00:00Z", first: 2, after: ${JSON.stringify(cursorValue(rng))}) { totalCount } }`,
    },
    {
      kind: 'introspection',
      query: '{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } }',
    },
    { kind: 'operation-name', query: 'query A { __typename } query B { __typename }', variables: undefined },
    {
      kind: 'fragment-fan',
      query: `{ ...F0 } ${Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { regions { code } ${i < 39 ? `...F${i + 1} ...F${i + 1}` : ''} }`).join(' ')}`,
    },
    { kind: 'directives', query: `{ __typename ${'@include(if: true) '.repeat(200)}}` },
  ]);
}

/** A request that goes wrong before GraphQL: the HTTP layer's turn. */
function transportRequest(rng: Prng): FuzzRequest {
  const post = (kind: string, body: string, headers: Record<string, string> = JSON_HEADERS): FuzzRequest => ({
    kind,
    method: 'POST',
    path: '/graphql',
    headers,
    body,
  });
  const q = JSON.stringify({ query: '{ regions(level: PREFECTURE) { code } }' });
  return rng.pick([
    post(
      'malformed-json',
      rng.pick([
        '{',
        '{"query": ',
        "{'query': '{}'}",
        '{"query": "{ __typename }",}',
        '\u0000',
        'nul\u0000l',
        '[{"query":',
      ]),
    ),
    post(
      'not-an-object',
      rng.pick([
        'null',
        '1',
        '"x"',
        'true',
        '[]',
        '{}',
        '{"query": 1}',
        '{"query": "{ __typename }", "variables": "x"}',
        '{"query": "{ __typename }", "extensions": 5}',
        '{"query": "{ __typename }", "operationName": 7}',
      ]),
    ),
    post('batch', JSON.stringify([{ query: '{ __typename }' }, { query: '{ regions { code } }' }])),
    post('oversized', JSON.stringify({ query: `{ __typename }${' '.repeat(rng.int(101, 300) * 1024)}` })),
    post('oversized-variables', JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(200 * 1024) } })),
    post('content-type', q, {
      'content-type': rng.pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/graphql',
        'text/html',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        '',
        'application/jsonx',
      ]),
    }),
    post('no-body', '', JSON_HEADERS),
    post('encoding', q, { ...JSON_HEADERS, 'content-encoding': rng.pick(['gzip', 'br', 'x-nope', 'deflate']) }),
    post('bad-auth', q, {
      ...JSON_HEADERS,
      authorization: rng.pick([
        'Bearer',
        'Bearer x',
        'Basic YTpi',
        `Bearer sy_aaaaaaaaaaaaaaaaaaaaaaaa_${'x'.repeat(43)}`,
        'Bearer sy_\u00e9',
        'x'.repeat(2000),
      ]),
    }),
    post(
      'apq',
      JSON.stringify({
        extensions: { persistedQuery: { version: 1, sha256Hash: rng.pick(['0'.repeat(64), 'x', 'a'.repeat(64)]) } },
      }),
    ),
    post(
      'apq-register',
      JSON.stringify({
        query: `{ __typename a${rng.int(0, 1e9)}: __typename }`,
        extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } },
      }),
    ),
    {
      kind: 'get-mutation',
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('mutation { withdrawNotice(number: "x", on: "2026-11-20", reason: "y") { problems { rule } } }')}`,
      headers: { 'apollo-require-preflight': 'true' },
    },
    {
      kind: 'get-query',
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('{ regions(level: PREFECTURE) { code } }')}&variables=${encodeURIComponent(rng.pick(['{', '1', '{"a":1}', '']))}`,
      headers: { 'apollo-require-preflight': 'true' },
    },
    {
      kind: 'long-url',
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent(`{ __typename ${'#'.repeat(rng.int(17, 40) * 1024)}\n}`)}`,
      headers: { 'apollo-require-preflight': 'true' },
    },
    {
      kind: 'get-no-preflight',
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('{ __typename }')}`,
      headers: {},
    },
    {
      kind: 'bad-path',
      method: 'GET',
      path: rng.pick([
        '/%E0%A4%A',
        '/graphql/%ff',
        '/nope',
        '/ide/../../package.json',
        '/downloads/notices/%00.csv',
        '/downloads/notices/Q291cnNlOjE.csv',
        `/downloads/notices/${'x'.repeat(500)}.json`,
        '/health?x=%',
      ]),
      headers: {},
    },
  ]);
}

/**
 * `count` requests from `seed`: about half operations generated from the schema (queries and
 * mutations, arguments inline or as variables, some of the wrong type), a quarter hand-made
 * documents that broke servers before, a quarter broken HTTP.
 * @param apiKey a real key, sent with some mutations so their input checks run too.
 * @example for (const r of fuzzRequests(schema, 13, 2000)) await send(url, r);
 */
export function* fuzzRequests(
  schema: GraphQLSchema,
  seed: number,
  count: number,
  apiKey?: string,
): Generator<FuzzRequest> {
  const rng = new Prng(seed);
  for (let i = 0; i < count; i++) {
    const r = rng.fork(i);
    const pick = r.weighted(['query', 'mutation', 'nasty', 'transport'], [40, 15, 25, 20]);
    if (pick === 'transport') {
      yield transportRequest(r);
      continue;
    }
    const doc =
      pick === 'nasty' ? nastyDocument(r) : { kind: pick, ...operation(r, schema, pick as 'query' | 'mutation') };
    const headers: Record<string, string> = { ...JSON_HEADERS };
    if (pick === 'mutation' && apiKey && r.chance(0.7)) headers.authorization = `Bearer ${apiKey}`;
    if (pick === 'query' && r.chance(0.15)) {
      const params = new URLSearchParams({
        query: doc.query,
        ...(doc.variables ? { variables: JSON.stringify(doc.variables) } : {}),
      });
      yield {
        kind: `get-${doc.kind}`,
        method: 'GET',
        path: `/graphql?${params}`,
        headers: { 'apollo-require-preflight': 'true' },
      };
      continue;
    }
    yield {
      kind: doc.kind,
      method: 'POST',
      path: '/graphql',
      headers,
      body: JSON.stringify({ query: doc.query, variables: doc.variables }),
    };
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/**
 * Sends one request over real HTTP to `base` (e.g. `http://127.0.0.1:4000`).
 * @example const answer = await sendFuzz('http://127.0.0.1:4000', request);
 */
export function sendFuzz(base: string, r: FuzzRequest, retried = false): Promise<FuzzAnswer> {
  return new Promise((resolve, reject) => {
    const body = r.body === undefined ? undefined : Buffer.from(r.body, 'utf8');
    const req = http.request(
      new URL(r.path, base),
      {
        method: r.method,
        agent,
        headers: { ...r.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed meanwhile (after a body it did not read): Node's documented retry.
      if (req.reusedSocket && e.code === 'ECONNRESET' && !retried)
        return void sendFuzz(base, r, true).then(resolve, reject);
      // A server may close the connection on a body it will not read (HTTP allows it): an answer of its own kind.
      if (['ECONNRESET', 'EPIPE'].includes(e.code ?? ''))
        return resolve({ status: 0, contentType: '', body: `connection closed: ${e.code}` });
      reject(e);
    });
    req.end(body);
  });
}

/** What must never be in an answer: a stack frame, a server path, SQL or a driver's words. */
const LEAKS: [string, RegExp][] = [
  ['stack', /\bat [\w.<>]+ \(|\n\s+at /],
  ['file path', /\/(?:work|home|root|usr|tmp|app)\/|node_modules|\.[jt]s:\d+/],
  [
    'SQL',
    /\b(?:select|insert into|update|delete from)\b[^"]{0,80}\b(?:from|set|values|where)\b|syntax error at or near|invalid input syntax for|out of range for type|invalid byte sequence|SQLITE_|better-sqlite|knex|violates .* constraint/i,
  ],
  ['internal error', /INTERNAL_SERVER_ERROR/],
];

/**
 * What is wrong with an answer, or nothing: a status of 500 or more, an error without
 * `extensions.code`, a non-JSON error, or a leak (a match that the request did not itself send).
 * @example problemsOf(request, answer) // [] when the answer is fine
 */
export function problemsOf(r: FuzzRequest, a: FuzzAnswer): string[] {
  const problems: string[] = [];
  if (a.status >= 500) problems.push(`HTTP ${a.status}`);
  if (a.status === 0) {
    // Only for a body over the limit may the server stop reading and close without an answer.
    return r.kind.startsWith('oversized') ? [] : [`no answer (${a.body})`];
  }
  const sent = `${decodeURIComponentSafe(r.path)} ${r.body ?? ''}`;
  // Data and the schema's descriptions may say "update … where" in prose: errors are where leaks hide.
  const told = a.contentType.includes('json') ? errorText(a.body) : a.body;
  for (const [what, re] of LEAKS) {
    const m = re.exec(told);
    if (m && !sent.includes(m[0])) problems.push(`${what} in the answer: ${JSON.stringify(m[0])}`);
  }
  const json = a.contentType.includes('json');
  if (a.status >= 400 && !json && !(r.method === 'GET' && a.contentType.includes('text/html') && a.status < 400))
    problems.push(`a ${a.status} answered as ${a.contentType || 'no type'}`);
  if (json) {
    try {
      const parsed = JSON.parse(a.body) as { errors?: { extensions?: { code?: unknown } }[] } | { errors?: unknown }[];
      for (const part of Array.isArray(parsed) ? parsed : [parsed]) {
        const errors = (part as { errors?: { extensions?: { code?: unknown } }[] }).errors;
        if (a.status >= 400 && !errors?.length) problems.push(`a ${a.status} without errors`);
        for (const e of errors ?? [])
          if (typeof e?.extensions?.code !== 'string')
            problems.push(`an error without a code: ${JSON.stringify(e).slice(0, 200)}`);
      }
    } catch {
      problems.push('a JSON answer that does not parse');
    }
  }
  return problems;
}

/** The errors of a JSON answer (one or a batch) as text. */
function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as unknown;
    return JSON.stringify(
      (Array.isArray(parsed) ? parsed : [parsed]).map((p) => (p as { errors?: unknown })?.errors ?? null),
    );
  } catch {
    return body;
  }
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
