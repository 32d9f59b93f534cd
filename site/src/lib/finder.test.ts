import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, filtersOf, nearTiers, pagesOf, parseState, planPage, prefectureOf, sortOf, toQuery } from './finder';

const parse = (q: string) => parseState(new URLSearchParams(q));

describe('finder state in the URL', () => {
  it('round-trips every choice through the query string', () => {
    const state = {
      ...EMPTY_STATE, q: '养老', prefecture: '530100', county: '530102', occupation: '4-10-01-05', level: 'LEVEL_5',
      certificate: 'SKILL_LEVEL', mode: 'OFFLINE', month: '2023-04', programme: 'KANGYANG', group: 'MIGRANT_WORKERS',
      subsidised: 'yes' as const, sort: 'near' as const, near: '530102', page: 3,
    };
    expect(parse(toQuery(state))).toEqual(state);
  });

  it('leaves defaults out, so an empty search is the bare page', () => {
    expect(toQuery(EMPTY_STATE)).toBe('');
    expect(toQuery({ ...EMPTY_STATE, q: 'yanglao', sort: 'relevance' })).toBe('q=yanglao');
    expect(toQuery({ ...EMPTY_STATE, sort: 'oldest' })).toBe('sort=oldest');
  });

  it('sorts by relevance when something is typed and by latest start otherwise', () => {
    expect(parse('q=电工').sort).toBe('relevance');
    expect(parse('').sort).toBe('newest');
  });

  it('drops malformed values instead of sending them to Meilisearch', () => {
    const s = parse('prefecture=53"01&occupation=x" OR 1=1&level=level 5&month=2023-13&page=-2&subsidised=maybe&sort=best');
    expect(s).toEqual(EMPTY_STATE);
  });

  it('needs a county for nearness, and drops a county outside the chosen 州市', () => {
    expect(parse('sort=near').sort).toBe('newest');
    expect(parse('prefecture=530100&county=530302').county).toBe('');
    expect(parse('county=530302').prefecture).toBe('530300');
  });

  it('keeps at most 100 characters of a query', () => {
    expect(parse(`q=${'养'.repeat(150)}`).q).toHaveLength(100);
  });
});

describe('Meilisearch filters', () => {
  it('never lists cancelled classes and quotes every value', () => {
    expect(filtersOf(EMPTY_STATE)).toEqual(['cancelled = false']);
    expect(filtersOf({ ...EMPTY_STATE, prefecture: '530100', occupation: '4-10-01-05', subsidised: 'no' })).toEqual([
      'cancelled = false', 'prefectureCode = "530100"', 'occupationCode = "4-10-01-05"', 'subsidised = false',
    ]);
  });

  it('leaves a facet out of its own counts', () => {
    const s = { ...EMPTY_STATE, prefecture: '530100', county: '530102', level: 'LEVEL_4' };
    expect(filtersOf(s, ['prefecture', 'county'])).toEqual(['cancelled = false', 'level = "LEVEL_4"']);
  });

  it('sorts by start day, or leaves the order to relevance', () => {
    expect(sortOf({ ...EMPTY_STATE, sort: 'newest' })).toEqual(['startDay:desc']);
    expect(sortOf({ ...EMPTY_STATE, sort: 'oldest' })).toEqual(['startDay:asc']);
    expect(sortOf({ ...EMPTY_STATE, sort: 'relevance' })).toBeUndefined();
  });
});

describe('nearest first', () => {
  it('puts the county first, then the rest of its 州市, then the province', () => {
    expect(prefectureOf('532331')).toBe('532300');
    expect(nearTiers('530102')).toEqual([
      ['countyCode = "530102"'],
      ['prefectureCode = "530100"', 'countyCode != "530102"'],
      ['prefectureCode != "530100"'],
    ]);
  });

  it('cuts a page across the tiers laid end to end', () => {
    expect(planPage([3, 10, 100], 1, 5)).toEqual([{ tier: 0, offset: 0, limit: 3 }, { tier: 1, offset: 0, limit: 2 }]);
    expect(planPage([3, 10, 100], 3, 5)).toEqual([{ tier: 1, offset: 7, limit: 3 }, { tier: 2, offset: 0, limit: 2 }]);
    expect(planPage([0, 0, 7], 2, 5)).toEqual([{ tier: 2, offset: 5, limit: 2 }]);
    expect(planPage([3, 10, 100], 40, 5)).toEqual([]);
  });

  it('counts pages, at least one', () => {
    expect(pagesOf(0, 20)).toBe(1);
    expect(pagesOf(41, 20)).toBe(3);
  });
});
