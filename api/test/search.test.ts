import { beforeAll, describe, expect, it } from 'vitest';
import { withSearchApi, type TestApi, type TestSearch } from './helpers';

// A real Meilisearch of this file's own, indexes built from a scale-1 database.
const env = withSearchApi();
let search: TestSearch;
let api: TestApi;
beforeAll(() => {
  ({ api, search } = env);
});

const titles = async (index: string, query: string, first = 5, extra = '') => {
  const r = await api.gql(
    `query($q: String!) { search(index: ${index}, query: $q, first: ${first}${extra}) { totalHits matchedBy hits { id title highlight } } }`,
    { q: query },
  );
  expect(r.errors).toBeUndefined();
  return r.data.search;
};

describe('search', () => {
  it('is never cached: a search sent as GET is no-store while the same GET without search is public (Meilisearch follows a write a moment later)', async () => {
    const viaGet = (query: string) => api.http.get('/graphql').query({ query }).set('apollo-require-preflight', 'true');
    for (const query of [
      '{ search(index: COURSES, query: "养老", first: 1) { totalHits } }',
      '{ suggest(query: "养老") { title } regions(level: PREFECTURE) { code } }',
    ]) {
      const res = await viaGet(query);
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.headers['cache-control'], query).toBe('no-store');
      expect(res.headers.etag).toBeUndefined();
      expect((await viaGet(query)).headers.age).toBeUndefined();
    }
    const plain = await viaGet('{ regions(level: PREFECTURE) { code } }');
    expect(plain.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(plain.headers.etag).toBeDefined();
  });

  it('finds 养老护理员 first for yanglao, yang lao, ylhly and 养老', async () => {
    for (const q of ['yanglao', 'yang lao', 'ylhly', '养老']) {
      const r = await titles('OCCUPATIONS', q);
      expect(r.hits[0].title, q).toBe('养老护理员');
    }
  });

  it('maps the words workers type to official occupations: 电焊 finds welding classes, 厨师 cooks, 月嫂 domestic service', async () => {
    const weld = await api.gql(
      '{ search(index: COURSES, query: "电焊", first: 10) { totalHits hits { title node { ... on Course { occupation { name } } } } } }',
    );
    expect(weld.data.search.totalHits).toBeGreaterThan(0);
    expect(weld.data.search.hits.every((h: any) => h.node.occupation.name === '焊工')).toBe(true);
    expect((await titles('OCCUPATIONS', '厨师')).hits[0].title).toBe('中式烹调师');
    expect((await titles('OCCUPATIONS', '月嫂')).hits[0].title).toBe('家政服务员');
  });

  it('falls back to pinyin for a wrong character with the same sound', async () => {
    const r = await titles('OCCUPATIONS', '养佬护理员');
    expect(r.hits[0].title).toBe('养老护理员');
  });

  it('filters by 州市 including its counties and counts facets', async () => {
    const r =
      await api.gql(`{ search(index: COURSES, query: "", first: 20, filter: { region: "532900" }, facets: [PREFECTURE, LEVEL]) {
      totalHits hits { node { ... on Course { prefecture { code } } } } facets { facet values { value count } } } }`);
    expect(r.errors).toBeUndefined();
    const s = r.data.search;
    expect(s.totalHits).toBeGreaterThan(0);
    expect(s.hits.every((h: any) => h.node.prefecture.code === '532900')).toBe(true);
    const prefecture = s.facets.find((f: any) => f.facet === 'PREFECTURE');
    expect(prefecture.values).toEqual([{ value: '532900', count: s.totalHits }]);
    const db = await api.gql('{ courses(filter: { region: "532900" }) { totalCount } }');
    expect(s.totalHits).toBe(db.data.courses.totalCount);
  });

  it('pages with cursors', async () => {
    const p1 = await api.gql(
      '{ search(index: OCCUPATIONS, query: "工", first: 5) { totalHits pageInfo { hasNextPage endCursor } hits { id } } }',
    );
    const p2 = await api.gql(
      'query($a: String) { search(index: OCCUPATIONS, query: "工", first: 5, after: $a) { pageInfo { hasPreviousPage } hits { id } } }',
      { a: p1.data.search.pageInfo.endCursor },
    );
    expect(p1.data.search.pageInfo.hasNextPage).toBe(true);
    expect(p2.data.search.pageInfo.hasPreviousPage).toBe(true);
    const ids = [...p1.data.search.hits, ...p2.data.search.hits].map((h: any) => h.id);
    expect(new Set(ids).size).toBe(10);
  });

  it('suggests occupations, classes and institutions as you type', async () => {
    const r = await api.gql('{ suggest(query: "yangl") { index title } }');
    expect(r.data.suggest[0]).toEqual({ index: 'OCCUPATIONS', title: '养老护理员' });
    expect(r.data.suggest.some((h: any) => h.index === 'COURSES')).toBe(true);
  });

  it('never indexes personal data: notice documents carry no trainee lines', async () => {
    const docs = await search.runtime.service!.client.index('notices').getDocuments({ limit: 50 });
    for (const d of docs.results) {
      const text = JSON.stringify(d);
      expect(text).not.toMatch(/\*{8}/);
      expect(Object.keys(d)).not.toContain('lines');
    }
  });

  it('rejects a filter the index lacks, naming it', async () => {
    const r = await api.gql('{ search(index: OCCUPATIONS, query: "工", filter: { region: "530100" }) { totalHits } }');
    expect(r.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.region' });
  });
});

describe('browser key', () => {
  it('hands out a key that can search the public indexes and nothing else', async () => {
    const r = await api.gql('{ searchEndpoint { url searchKey indexes } }');
    expect(r.errors).toBeUndefined();
    const { url, searchKey, indexes } = r.data.searchEndpoint;
    expect(searchKey).not.toBe(search.meili.masterKey);
    expect(indexes).toEqual(['courses', 'occupations', 'institutions', 'agencies', 'notices']);
    const ok = await fetch(`${url}/indexes/occupations/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${searchKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'yanglao' }),
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as any).hits[0].name).toBe('养老护理员');
    const write = await fetch(`${url}/indexes/occupations/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${searchKey}`, 'content-type': 'application/json' },
      body: '[]',
    });
    expect(write.status).toBe(403);
    const again = await api.gql('{ searchEndpoint { searchKey } }');
    expect(again.data.searchEndpoint.searchKey).toBe(searchKey);
  });
});

describe('index settings', () => {
  it('re-applies a setting changed behind its back at the next sync, without reindexing', async () => {
    const index = search.runtime.service!.client.index('occupations');
    await index.updateSettings({ searchableAttributes: ['code'] }).waitTask();
    expect(await search.runtime.sync(api.orm)).toBe('up-to-date');
    expect((await index.getSettings()).searchableAttributes?.[0]).toBe('name');
    expect((await titles('OCCUPATIONS', '养老')).hits[0].title).toBe('养老护理员');
  });
});

describe('when Meilisearch is down', () => {
  it('answers search with SEARCH_UNAVAILABLE, reports search degraded, and keeps every other query working', async () => {
    await search.meili.stop();
    const r = await api.gql('{ search(index: COURSES, query: "电焊") { totalHits } }');
    expect(r.errors[0].extensions.code).toBe('SEARCH_UNAVAILABLE');
    const other = await api.gql(
      '{ courses(first: 3) { totalCount nodes { title institution { name } } } occupations(first: 1) { totalCount } }',
    );
    expect(other.errors).toBeUndefined();
    expect(other.data.occupations.totalCount).toBe(1639);
    const health = await api.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('degraded');
    expect(health.body.search.status).toBe('degraded');
  });
});
