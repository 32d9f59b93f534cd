/**
 * The GraphQL-over-HTTP draft's SHOULDs for document errors (issue 18 §3): 200 with the errors
 * for a client reading application/json (or saying nothing), 400 for one asking for
 * application/graphql-response+json; the catalogue's own checks of a valid document stay 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ scale: 0 });
});
afterAll(async () => {
  await api?.close();
});

const post = (query: string, accept?: string, variables?: Record<string, unknown>) => {
  const req = api.http.post('/graphql').set('content-type', 'application/json');
  if (accept) req.set('accept', accept);
  return req.send({ query, variables });
};

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

describe('a document that does not parse or validate', () => {
  it.each([
    ['does not parse', '{ regions { code }', 'GRAPHQL_PARSE_FAILED'],
    ['names no such field', '{ regions { nosuchfield } }', 'GRAPHQL_VALIDATION_FAILED'],
    [
      'nests past the depth limit',
      `{ ${'regions { children { '.repeat(7)}code${' } }'.repeat(7)} }`,
      'GRAPHQL_VALIDATION_FAILED',
    ],
  ])(
    'that %s: 200 for application/json or no Accept, 400 for application/graphql-response+json',
    async (_what, query, code) => {
      for (const accept of [undefined, JSON_TYPE, '*/*', `${JSON_TYPE}, ${GRAPHQL_RESPONSE};q=0.9`]) {
        const res = await post(query, accept);
        expect(res.status, `Accept: ${accept}`).toBe(200);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.body.data).toBeUndefined();
        expect(res.body.errors[0].extensions.code).toBe(code);
      }
      for (const accept of [GRAPHQL_RESPONSE, `${GRAPHQL_RESPONSE}, ${JSON_TYPE};q=0.9`]) {
        const res = await post(query, accept);
        expect(res.status, `Accept: ${accept}`).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/graphql-response\+json/);
        expect(JSON.parse(res.text).errors[0].extensions.code).toBe(code);
      }
    },
  );

  it('over GET as well, and such an answer is never kept or public', async () => {
    const get = () =>
      api.http
        .get('/graphql')
        .query({ query: '{ regions { nosuchfield } }' })
        .set('accept', JSON_TYPE)
        .set('apollo-require-preflight', '1');
    const first = await get();
    const again = await get();
    expect(again.status).toBe(200);
    expect(again.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    for (const res of [first, again]) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.age).toBeUndefined();
    }
  });
});

describe('the catalogue’s own checks of a valid document', () => {
  it('stay 400 whatever the media type: a bad variable, a page size out of range', async () => {
    for (const accept of [JSON_TYPE, GRAPHQL_RESPONSE]) {
      const variable = await post('query($n: Int!) { occupations(first: $n) { totalCount } }', accept, { n: 'ten' });
      expect(variable.status).toBe(400);
      expect(JSON.parse(variable.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      const page = await post('{ occupations(first: 1000) { totalCount } }', accept);
      expect(page.status).toBe(400);
    }
  });
});
