import { describe, expect, it } from 'vitest';
import {
  EMPTY_STATE,
  filtersOf,
  nearTiers,
  pagesOf,
  parseState,
  planPage,
  prefectureOf,
  sortOf,
  statusCountFilters,
  toQuery,
} from './finder';
import { COURSE_STATUSES, statusFilters } from './course-status';

const TODAY = '2026-11-21';
const ENROLLING = statusFilters('enrolling', TODAY);

const parse = (q: string) => parseState(new URLSearchParams(q));

describe('finder state in the URL', () => {
  it('round-trips every choice through the query string', () => {
    const state = {
      ...EMPTY_STATE,
      q: '养老',
      status: 'running' as const,
      prefecture: '530100',
      county: '530102',
      occupation: '4-10-01-05',
      level: 'LEVEL_5',
      certificate: 'SKILL_LEVEL',
      mode: 'OFFLINE',
      month: '2023-04',
      programme: 'KANGYANG',
      group: 'MIGRANT_WORKERS',
      subsidised: 'yes' as const,
      sort: 'near' as const,
      near: '530102',
      page: 3,
    };
    expect(parse(toQuery(state))).toEqual(state);
  });

  it('leaves defaults out, so an empty search is the bare page', () => {
    expect(toQuery(EMPTY_STATE)).toBe('');
    expect(toQuery({ ...EMPTY_STATE, q: 'yanglao', sort: 'relevance' })).toBe('q=yanglao');
    expect(toQuery({ ...EMPTY_STATE, sort: 'oldest' })).toBe('sort=oldest');
    expect(toQuery({ ...EMPTY_STATE, status: 'finished', sort: 'newest' })).toBe('status=finished');
    expect(toQuery({ ...EMPTY_STATE, status: 'all', sort: 'soonest' })).toBe('status=all&sort=soonest');
  });

  it('opens on the classes enrolling today, soonest start first', () => {
    expect(parse('')).toEqual(EMPTY_STATE);
    expect([EMPTY_STATE.status, EMPTY_STATE.sort]).toEqual(['enrolling', 'soonest']);
    expect(parse('status=nonsense').status).toBe('enrolling');
  });

  it('sorts by relevance when something is typed, soonest first for classes to start, latest first for the others', () => {
    expect(parse('q=电工').sort).toBe('relevance');
    expect(parse('').sort).toBe('soonest');
    expect(parse('status=full').sort).toBe('soonest');
    for (const status of ['running', 'finished', 'cancelled', 'all'])
      expect(parse(`status=${status}`).sort, status).toBe('newest');
  });

  it('drops malformed values instead of sending them to Meilisearch', () => {
    const s = parse(
      'prefecture=53"01&occupation=x" OR 1=1&level=level 5&month=2023-13&page=-2&subsidised=maybe&sort=best',
    );
    expect(s).toEqual(EMPTY_STATE);
  });

  it('needs a county for nearness, and drops a county outside the chosen 州市', () => {
    expect(parse('sort=near').sort).toBe('soonest');
    expect(parse('prefecture=530100&county=530302').county).toBe('');
    expect(parse('county=530302').prefecture).toBe('530300');
  });

  it('keeps at most 100 characters of a query', () => {
    expect(parse(`q=${'养'.repeat(150)}`).q).toHaveLength(100);
  });
});

describe('Meilisearch filters', () => {
  it('lists the enrolling classes of today unless another status is chosen, and quotes every value', () => {
    expect(filtersOf(EMPTY_STATE, TODAY)).toEqual(ENROLLING);
    expect(
      filtersOf({ ...EMPTY_STATE, prefecture: '530100', occupation: '4-10-01-05', subsidised: 'no' }, TODAY),
    ).toEqual([...ENROLLING, 'prefectureCode = "530100"', 'occupationCode = "4-10-01-05"', 'subsidised = false']);
    expect(filtersOf({ ...EMPTY_STATE, status: 'finished' }, TODAY)).toEqual(statusFilters('finished', TODAY));
  });

  it('lists cancelled classes only when asked for', () => {
    expect(filtersOf({ ...EMPTY_STATE, status: 'cancelled' }, TODAY)).toEqual(['cancelled = true']);
    expect(filtersOf({ ...EMPTY_STATE, status: 'all', level: 'LEVEL_4' }, TODAY)).toEqual(['level = "LEVEL_4"']);
    for (const status of ['enrolling', 'full', 'running', 'finished'] as const)
      expect(filtersOf({ ...EMPTY_STATE, status }, TODAY)).toContain('cancelled = false');
  });

  it('computes the status for the day it is given', () => {
    expect(filtersOf(EMPTY_STATE, '2026-11-22')).not.toEqual(filtersOf(EMPTY_STATE, TODAY));
  });

  it('leaves a facet out of its own counts', () => {
    const s = { ...EMPTY_STATE, prefecture: '530100', county: '530102', level: 'LEVEL_4' };
    expect(filtersOf(s, TODAY, ['prefecture', 'county'])).toEqual([...ENROLLING, 'level = "LEVEL_4"']);
    expect(filtersOf(s, TODAY, ['status'])).toEqual([
      'prefectureCode = "530100"',
      'countyCode = "530102"',
      'level = "LEVEL_4"',
    ]);
  });

  it('counts each status with every other choice kept, one query per status', () => {
    const s = { ...EMPTY_STATE, status: 'finished' as const, prefecture: '530100' };
    expect(statusCountFilters(s, TODAY)).toEqual(
      COURSE_STATUSES.map((st) => [...statusFilters(st, TODAY), 'prefectureCode = "530100"']),
    );
  });

  it('sorts by start day, or leaves the order to relevance', () => {
    expect(sortOf({ ...EMPTY_STATE, sort: 'soonest' })).toEqual(['startDay:asc']);
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
    expect(planPage([3, 10, 100], 1, 5)).toEqual([
      { tier: 0, offset: 0, limit: 3 },
      { tier: 1, offset: 0, limit: 2 },
    ]);
    expect(planPage([3, 10, 100], 3, 5)).toEqual([
      { tier: 1, offset: 7, limit: 3 },
      { tier: 2, offset: 0, limit: 2 },
    ]);
    expect(planPage([0, 0, 7], 2, 5)).toEqual([{ tier: 2, offset: 5, limit: 2 }]);
    expect(planPage([3, 10, 100], 40, 5)).toEqual([]);
  });

  it('counts pages, at least one', () => {
    expect(pagesOf(0, 20)).toBe(1);
    expect(pagesOf(41, 20)).toBe(3);
  });
});
