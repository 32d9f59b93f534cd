/**
 * Abuse resistance (issue 6): read points per address, writes per key and per address, HTTP
 * 429 with Retry-After, the nesting-depth limit, the body-size limit, and keys never echoed.
 * Issue 13's reproductions: each client mistake a coded 4xx before anything costly runs, the
 * cost bypass and the alias flood refused, and failures counted against the address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../src/publishers/api-keys';
import { ApiKey, Publisher } from '../src/publishers/publisher.entity';
import { startTestApi, type TestApi } from './helpers';
// After the helpers, which load reflect-metadata before any type-graphql class.
import { toGlobalId } from '../src/graphql/node';

let api: TestApi;
let key = '';
beforeAll(async () => {
  api = await startTestApi({
    scale: 0,
    env: {
      RATE_LIMIT_READ_POINTS: '8',
      RATE_LIMIT_WRITES_PER_KEY: '2',
      RATE_LIMIT_WRITES_PER_IP: '3',
      QUERY_DEPTH_LIMIT: '6',
      RATE_LIMIT_DOWNLOADS: '2',
      // These tests speak from loopback, which the site builder's exemption would let through.
      RATE_LIMIT_EXEMPT: 'none',
    },
  });
  const em = api.orm.em.fork();
  const publisher = (await em.insert(Publisher, {
    name: '限流测试局',
    region: '530102',
    isAdmin: false,
    createdAt: new Date(),
    disabledAt: null,
  })) as number;
  const k = newApiKey();
  await em.insert(ApiKey, {
    publisher,
    keyId: k.keyId,
    secretHash: k.secretHash,
    label: null,
    createdAt: new Date(),
    revokedAt: null,
    replaces: null,
  });
  key = k.key;
});
afterAll(async () => {
  await api?.close();
});

const post = (body: object, auth?: string) => {
  const r = api.http.post('/graphql').set('content-type', 'application/json');
  if (auth) r.set('authorization', `Bearer ${auth}`);
  return r.send(body);
};
const WITHDRAW =
  'mutation { withdrawNotice(number: "无此公示", on: "2026-11-20", reason: "限流测试撤回") { problems { rule } } }';

describe('limits', () => {
  it('refuses a nesting deeper than the limit before running it', async () => {
    const deep = await post({
      query:
        '{ regions(level: PREFECTURE) { children { parent { children { parent { children { parent { code } } } } } } } }',
    });
    // A validation error: in the errors of a 200 for a client reading application/json (graphql/http-status.ts).
    expect(deep.status).toBe(200);
    expect(deep.body.errors[0].message).toMatch(/nests 7 levels deep, which exceeds maximum operation depth of 6/);
  });

  it('counts writes per key: the third write in a minute gets 429 with Retry-After', async () => {
    for (let i = 0; i < 2; i++)
      expect((await post({ query: WITHDRAW }, key)).body.data.withdrawNotice.problems[0].rule).toBe('notice.exists');
    const third = await post({ query: WITHDRAW }, key);
    expect(third.status).toBe(429);
    expect(third.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(third.body.errors[0].message).toMatch(/writes a minute with this key/);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    // The key is never echoed back.
    expect(JSON.stringify(third.body)).not.toContain(key.slice(16));
  });

  it('counts read points per address, expensive reads more', async () => {
    // The reads above took some points already; a 100-item page costs ~100 → 1 point, keep going until refused.
    let status = 200;
    let n = 0;
    for (; n < 20 && status === 200; n++)
      status = (await post({ query: '{ regions(level: PREFECTURE) { code } }' })).status;
    expect(status).toBe(429);
    expect(n).toBeLessThanOrEqual(8);
  });

  it('counts notice downloads per address', async () => {
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await api.http.get('/downloads/notices/U3Vic2lkeU5vdGljZTox.csv'));
    expect(answers.map((a) => a.status)).toEqual([404, 404, 429]);
    // Each answer tells what is left of the address's downloads this minute.
    expect(answers.map((a) => a.headers['ratelimit-remaining'])).toEqual(['1', '0', '0']);
    expect(answers[2].headers['ratelimit-limit']).toBe('2');
  });

  it('refuses a request body over 100 kB', async () => {
    const big = await post({ query: `{ regions(level: PREFECTURE) { code } }${' '.repeat(120_000)}` });
    expect(big.status).toBe(413);
  });
});

describe('issue 13: every client mistake a coded 4xx, limits that hold', () => {
  let strict: TestApi;
  let known = '';
  // Each test speaks from its own address (X-Forwarded-For, trusted from loopback), so their read points do not mix.
  let n = 0;
  const from = () => `198.51.100.${++n}`;
  const ask = (ip: string, body: object, auth?: string) => {
    const r = strict.http.post('/graphql').set('content-type', 'application/json').set('x-forwarded-for', ip);
    if (auth) r.set('authorization', auth);
    return r.send(body);
  };
  beforeAll(async () => {
    strict = await startTestApi({
      scale: 0,
      env: { RATE_LIMIT_READ_POINTS: '300', TRUST_PROXY: 'loopback', RATE_LIMIT_EXEMPT: '203.0.113.0/24' },
    });
    const em = strict.orm.em.fork();
    const publisher = (await em.insert(Publisher, {
      name: '认证测试局',
      region: '530102',
      isAdmin: false,
      createdAt: new Date(),
      disabledAt: null,
    })) as number;
    const k = newApiKey();
    await em.insert(ApiKey, {
      publisher,
      keyId: k.keyId,
      secretHash: k.secretHash,
      label: null,
      createdAt: new Date(),
      revokedAt: null,
      replaces: null,
    });
    known = k.keyId;
  });
  afterAll(async () => {
    await strict?.close();
  });

  const expectError = (res: { status: number; body: any }, status: number, code: string, message: RegExp) => {
    expect(res.status).toBe(status);
    expect(res.body.errors[0].extensions.code).toBe(code);
    expect(res.body.errors[0].message).toMatch(message);
  };

  it('answers a fragment cycle with a validation error, not a 500', async () => {
    expectError(
      await ask(from(), { query: 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }' }),
      200,
      'GRAPHQL_VALIDATION_FAILED',
      /Cannot spread fragment "A" within itself/,
    );
  });

  it('answers a variable of the wrong type with 400 naming the variable', async () => {
    expectError(
      await ask(from(), { query: 'query($v: String!) { occupation(code: $v) { code } }', variables: { v: 1 } }),
      400,
      'BAD_USER_INPUT',
      /\$v/,
    );
    expectError(
      await ask(from(), {
        query: 'query($s: DateTime!) { changes(since: $s, first: 13) { totalCount } }',
        variables: { s: '2022-01-01' },
      }),
      400,
      'BAD_USER_INPUT',
      /\$s.*date-time/,
    );
    // A write's input too, before authentication is even asked for.
    const end =
      'mutation($e: ID!, $d: LocalDate!, $r: String!) { endDirectoryEntry(entry: $e, lastDay: $d, reason: $r) { problems { rule } } }';
    expectError(
      await ask(from(), { query: end, variables: { e: toGlobalId('DirectoryEntry', 1), d: '2026-11-20', r: 1 } }),
      400,
      'BAD_USER_INPUT',
      /\$r/,
    );
  });

  it('checks first (1–100) before the cost: neither a huge nor a negative page passes', async () => {
    expectError(
      await ask(from(), { query: '{ courses(first: 2147483647) { nodes { id } } }' }),
      400,
      'BAD_USER_INPUT',
      /first: must be between 1 and 100, got 2147483647/,
    );
    const bypass =
      '{ a: courses(first: -60000) { nodes { id } } b: subsidyNotices(first: 100) { nodes { lines(first: 100) { nodes { seq } } } } }';
    const res = await ask(from(), { query: bypass });
    expectError(res, 400, 'BAD_USER_INPUT', /first: must be between 1 and 100, got -60000/);
    expect(res.body.errors[0].extensions.field).toBe('first');
  });

  it('lets an exempt address (the site builder) read without limit, and only that one', async () => {
    const page = '{ subsidyNotices(first: 100) { nodes { lines(first: 30) { nodes { seq } } } } }';
    // Each takes 4 points elsewhere: 100 of them are 400, beyond the 300 a minute.
    const statuses = new Set<number>();
    for (let i = 0; i < 100; i++) statuses.add((await ask('203.0.113.9', { query: page })).status);
    expect([...statuses]).toEqual([200]);
    const other = from();
    let refused = 0;
    for (let i = 0; i < 100 && !refused; i++) if ((await ask(other, { query: page })).status === 429) refused = i;
    expect(refused).toBeGreaterThan(50);
    expect(refused).toBeLessThan(100);
  });

  it('refuses an operation over the cost limit with 400, without taking its points', async () => {
    const ip = from();
    const costly = '{ subsidyNotices(first: 100) { nodes { lines(first: 100) { nodes { seq } } } } }';
    // Each would be 11 points if charged as run (cost 10,201): thirty of them would exceed the 300-point limit.
    for (let i = 0; i < 30; i++) {
      const res = await ask(ip, { query: costly });
      expectError(res, 400, 'QUERY_TOO_COMPLEX', /exceeds the limit of 5000/);
    }
    expect((await ask(ip, { query: '{ regions(level: PREFECTURE) { code } }' })).status).toBe(200);
  });

  it('refuses a flood of aliases and an over-long document', async () => {
    // 1,000 aliases of a cheap field: refused while parsing (3,000 tokens); 100 (300 tokens) by the alias limit.
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expectError(
      await ask(from(), { query: aliases(1000) }),
      200,
      'GRAPHQL_PARSE_FAILED',
      /contains more th[ae][nt] 1000 tokens/,
    );
    expectError(
      await ask(from(), { query: aliases(100) }),
      200,
      'GRAPHQL_VALIDATION_FAILED',
      /100 aliases, more than the limit of 30/,
    );
    expectError(
      await ask(from(), { query: `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }` }),
      200,
      'GRAPHQL_VALIDATION_FAILED',
      /31 aliases/,
    );
    expectError(
      await ask(from(), { query: `{ regions(level: PREFECTURE) { code${' code'.repeat(3000)} } }` }),
      200,
      'GRAPHQL_PARSE_FAILED',
      /contains more th[ae][nt] 1000 tokens/,
    );
    // Fragments spreading fragments twice over: 2^40 fields once spread, in 600 tokens.
    const fan = `{ ...F0 } ${Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { regions { code } ${i < 39 ? `...F${i + 1} ...F${i + 1}` : ''} }`).join(' ')}`;
    expectError(
      await ask(from(), { query: fan }),
      400,
      'QUERY_TOO_COMPLEX',
      /more than 10,000 fields once its fragments are spread/,
    );
  });

  it('refuses IDs, cursors and strings that cannot exist before SQL', async () => {
    const ip = from();
    expectError(
      await ask(ip, { query: `{ node(id: "${toGlobalId('Course', '1e999')}") { id } }` }),
      400,
      'BAD_USER_INPUT',
      /not a valid Course ID/,
    );
    expectError(
      await ask(ip, { query: `{ node(id: "${toGlobalId('Occupation', 'a\u0000')}") { id } }` }),
      400,
      'BAD_USER_INPUT',
      /is not a valid ID/,
    );
    expectError(
      await ask(ip, { query: '{ subsidyNotice(number: "a\\u0000b") { number } }' }),
      400,
      'BAD_USER_INPUT',
      /^number: contains a NUL/,
    );
    expectError(
      await ask(ip, {
        query: 'query($n: String!) { subsidyNotice(number: $n) { number } }',
        variables: { n: 'x\u0000' },
      }),
      400,
      'BAD_USER_INPUT',
      /^\$n: contains a NUL/,
    );
    const textForId = Buffer.from(JSON.stringify(['x', 'abc'])).toString('base64url');
    expectError(
      await ask(ip, { query: `{ courses(first: 2, after: "${textForId}") { nodes { id } } }` }),
      400,
      'BAD_USER_INPUT',
      /^after: /,
    );
    // A day that does not exist: PostgreSQL would refuse it with an error of its own.
    const noSuchDay = Buffer.from(JSON.stringify(['2026-02-30', 1])).toString('base64url');
    expectError(
      await ask(ip, {
        query: `{ courses(first: 2, orderBy: START_DATE_ASC, after: "${noSuchDay}") { nodes { id } } }`,
      }),
      400,
      'BAD_USER_INPUT',
      /^after: /,
    );
    const noSuchChangeDay = Buffer.from(JSON.stringify(['2026-99-99', 1, 1, 1])).toString('base64url');
    expectError(
      await ask(ip, {
        query: `{ changes(since: "2022-01-01T00:00:00Z", first: 2, after: "${noSuchChangeDay}") { totalCount } }`,
      }),
      400,
      'BAD_USER_INPUT',
      /^after: /,
    );
    const objects = Buffer.from(JSON.stringify([{ a: 1 }, 2, 3, 4])).toString('base64url');
    expectError(
      await ask(ip, {
        query: `{ changes(since: "2022-01-01T00:00:00Z", first: 2, after: "${objects}") { totalCount } }`,
      }),
      400,
      'BAD_USER_INPUT',
      /^after: /,
    );
  });

  it('counts failed parses and validations against the address', async () => {
    const ip = from();
    let status = 200;
    let sent = 0;
    for (; sent < 400 && status === 200; sent++) status = (await ask(ip, { query: '{ nope' })).status;
    expect(status).toBe(429);
    expect(sent).toBeLessThanOrEqual(301);
  });

  it('charges wrong secrets heavily, and asks the limiter before running scrypt', async () => {
    const ip = from();
    const wrong = `Bearer sy_${known}_${'x'.repeat(43)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await ask(ip, { query: '{ __typename }' }, wrong)).status);
    // 100 points each of the address's 300: the fourth is refused by the limiter, before authentication runs.
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const refused = await ask(ip, { query: '{ __typename }' }, wrong);
    expect(refused.body.errors[0]).toMatchObject({
      extensions: { code: 'RATE_LIMITED' },
      message: expect.stringMatching(/failed requests count too/),
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
