import { beforeAll, describe, expect, it } from 'vitest';
import { withSearchApi, type TestApi } from './helpers';
import { type Courses, ROWS, type Row } from './search-relevance.cases';

/**
 * The relevance table of search-relevance.cases.ts (what a person types, in which index, and what
 * must come back), each row a test against a real Meilisearch built from the scale-1 demo database.
 */

const PAGE = 20;

const SEARCH = `query($index: SearchIndex!, $q: String!, $filter: SearchFilter, $facets: [SearchFacet!]) {
  search(index: $index, query: $q, first: ${PAGE}, filter: $filter, facets: $facets) {
    totalHits matchedBy
    facets { facet values { value count } }
    hits { title node {
      ... on Course { level occupation { name } region { name } prefecture { name } }
      ... on EvaluationAgency { scope { occupation { name } } }
      ... on SubsidyNotice { number bureau { name } }
    } }
  }
}`;

const env = withSearchApi();
let api: TestApi;
beforeAll(() => {
  ({ api } = env);
});

const counted = new Map<string, number>();
/** The number of courses matching a filter (summed over a list), from the database. */
async function countCourses(filter: Courses | Courses[]): Promise<number> {
  let sum = 0;
  for (const f of Array.isArray(filter) ? filter : [filter]) {
    const key = JSON.stringify(f);
    if (!counted.has(key)) {
      const r = await api.gql('query($f: CourseFilter) { courses(filter: $f) { totalCount } }', { f });
      expect(r.errors, key).toBeUndefined();
      counted.set(key, r.data.courses.totalCount);
    }
    sum += counted.get(key)!;
  }
  return sum;
}

describe('search relevance table', () => {
  it('has at least 60 rows, each with an expectation', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
    for (const row of ROWS) expect(Object.keys(row.expect).length, row.query).toBeGreaterThan(0);
  });

  const title = (row: Row) =>
    `${row.index} 「${row.query}」${row.filter ? ` filter ${JSON.stringify(row.filter)}` : ''}${row.facets ? ` facets ${row.facets.join(',')}` : ''} — ${row.why}`;

  for (const row of ROWS)
    it(title(row), async () => {
      const r = await api.gql(SEARCH, {
        index: row.index,
        q: row.query,
        filter: row.filter ?? null,
        facets: row.facets ?? null,
      });
      expect(r.errors).toBeUndefined();
      const s = r.data.search;
      const hits: { title: string; node: any }[] = s.hits;
      const titles = hits.map((h) => h.title);
      const seen = `got ${s.totalHits} hit(s) by ${s.matchedBy}: ${titles.slice(0, 10).join(' | ')}`;
      const e = row.expect;

      if (e.top !== undefined) expect(titles[0], seen).toBe(e.top);
      if (e.topSet) expect([...titles.slice(0, e.topSet.length)].sort(), seen).toEqual([...e.topSet].sort());
      if (e.within) expect(titles.slice(0, e.within[1]), seen).toContain(e.within[0]);
      if (e.matchedBy) expect(s.matchedBy, seen).toBe(e.matchedBy);
      if (e.totalHits !== undefined)
        expect(s.totalHits, seen).toBe(typeof e.totalHits === 'number' ? e.totalHits : await countCourses(e.totalHits));
      if (e.facet) {
        const values = s.facets.find((f: any) => f.facet === e.facet!.facet)?.values ?? [];
        const count = values.find((v: any) => v.value === e.facet!.value)?.count ?? 0;
        const want = await countCourses(e.facet.count);
        expect(want, 'the facet expectation counts something').toBeGreaterThan(0);
        expect(count, `${e.facet.facet}=${e.facet.value} in ${JSON.stringify(values)}`).toBe(want);
      }

      if (e.n === undefined) return;
      const n = typeof e.n === 'number' ? e.n : Math.min(await countCourses(e.n), PAGE);
      expect(n, 'the per-hit expectation covers at least one hit').toBeGreaterThan(0);
      expect(hits.length, seen).toBeGreaterThanOrEqual(n);
      hits.slice(0, n).forEach((h, i) => {
        const at = `hit ${i + 1} "${h.title}" (${seen})`;
        if (e.occupation) expect([e.occupation].flat(), at).toContain(h.node?.occupation?.name);
        if (e.prefecture) expect(h.node?.prefecture?.name, at).toBe(e.prefecture);
        if (e.county) expect(h.node?.region?.name, at).toBe(e.county);
        if (e.level) expect(h.node?.level, at).toBe(e.level);
        if (e.titleIncludes) expect(h.title, at).toContain(e.titleIncludes);
        if (e.numberIncludes) expect(h.node?.number, at).toContain(e.numberIncludes);
        if (e.mentions) expect(`${h.title} ${h.node?.bureau?.name}`, at).toContain(e.mentions);
        if (e.scopeIncludes)
          expect(
            h.node?.scope?.map((x: any) => x.occupation.name),
            at,
          ).toContain(e.scopeIncludes);
      });
    });
});
