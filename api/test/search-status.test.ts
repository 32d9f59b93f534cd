import { dayNumber } from '@skills-yunnan/search';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSearchApi, type TestApi, type TestSearch } from './helpers';

/**
 * The courses index holds what a class's status follows from (start and end days, places left,
 * cancellation), never the status itself, which changes with the day. These tests check that the
 * browser finder's status filters (site/src/lib/course-status.ts writes the same conditions)
 * select, on the index, exactly the classes the API gives each status for its today.
 */
const env = withSearchApi();
let search: TestSearch;
let api: TestApi;
beforeAll(() => {
  ({ api, search } = env);
});

/** The finder's conditions for a status on `today` (as site/src/lib/course-status.ts). */
function statusFilters(status: string, today: string): string[] {
  const day = dayNumber(today);
  switch (status) {
    case 'enrolling': return ['cancelled = false', `startDay > ${day}`, 'placesLeft > 0'];
    case 'full': return ['cancelled = false', `startDay > ${day}`, 'placesLeft = 0'];
    case 'running': return ['cancelled = false', `startDay <= ${day}`, `endDay >= ${day}`];
    case 'finished': return ['cancelled = false', `endDay < ${day}`];
    default: return ['cancelled = true'];
  }
}

/** How many documents of the courses index hold `filter` (an exhaustive count). */
async function indexCount(filter: string[]): Promise<number> {
  const r = await search.runtime.service!.client.index('courses').search('', { filter, page: 1, hitsPerPage: 0 });
  return (r as { totalHits?: number }).totalHits ?? -1;
}

async function plannedSeats(): Promise<number[]> {
  const seats: number[] = [];
  let after: string | null = null;
  for (;;) {
    const r: any = await api.gql('query($a: String) { courses(first: 100, after: $a, filter: { status: PLANNED }) { pageInfo { hasNextPage endCursor } nodes { seatsLeft } } }', { a: after });
    expect(r.errors).toBeUndefined();
    seats.push(...r.data.courses.nodes.map((n: { seatsLeft: number }) => n.seatsLeft));
    if (!r.data.courses.pageInfo.hasNextPage) return seats;
    after = r.data.courses.pageInfo.endCursor;
  }
}

describe('course status from the index, for a day', () => {
  it('counts each status as the API does for its today', async () => {
    const today = api.config.fixedToday!;
    const totals = await api.gql(`{ running: courses(first: 1, filter: { status: IN_PROGRESS }) { totalCount }
      finished: courses(first: 1, filter: { status: FINISHED }) { totalCount }
      cancelled: courses(first: 1, filter: { status: CANCELLED }) { totalCount }
      all: courses(first: 1) { totalCount } }`);
    expect(totals.errors).toBeUndefined();
    const seats = await plannedSeats();
    const expected: Record<string, number> = {
      enrolling: seats.filter((n) => n > 0).length,
      full: seats.filter((n) => n === 0).length,
      running: totals.data.running.totalCount,
      finished: totals.data.finished.totalCount,
      cancelled: totals.data.cancelled.totalCount,
    };
    // The demo has every status today (enrolling and full classes, running ones, finished ones).
    for (const status of ['enrolling', 'full', 'running', 'finished']) expect(expected[status], status).toBeGreaterThan(0);
    let sum = 0;
    for (const [status, n] of Object.entries(expected)) {
      const counted = await indexCount(statusFilters(status, today));
      expect(counted, status).toBe(n);
      sum += counted;
    }
    // Every class has exactly one status.
    expect(sum).toBe(totals.data.all.totalCount);
  });

  it('moves classes from enrolling to running as the days pass, without reindexing', async () => {
    const today = api.config.fixedToday!;
    const [soonest] = (await api.gql('{ courses(first: 1, filter: { status: PLANNED }, orderBy: START_DATE_ASC) { nodes { id startDate endDate cancelledOn } } }')).data.courses.nodes;
    const enrollingNow = await indexCount(statusFilters('enrolling', today));
    const onItsFirstDay = await indexCount(statusFilters('enrolling', soonest.startDate));
    expect(onItsFirstDay).toBeLessThan(enrollingNow);
    const running = await search.runtime.service!.client.index('courses').search('', {
      filter: [...statusFilters('running', soonest.startDate), `startDay = ${dayNumber(soonest.startDate)}`], limit: 1000, attributesToRetrieve: ['globalId'],
    });
    expect(running.hits.map((h) => h.globalId)).toContain(soonest.id);
  });

  it('indexes places left as the API computes them, and no status', async () => {
    const r = await api.gql('{ courses(first: 50, filter: { status: PLANNED }) { nodes { id seatsLeft capacity } } }');
    const all = await search.runtime.service!.client.index('courses').getDocuments({ limit: 10_000, fields: ['globalId', 'placesLeft', 'capacity', 'status'] });
    const byGlobal = new Map(all.results.map((d) => [String(d.globalId), d]));
    expect(r.data.courses.nodes.length).toBeGreaterThan(0);
    for (const n of r.data.courses.nodes) {
      const d = byGlobal.get(n.id)!;
      expect(d, n.id).toBeTruthy();
      expect([d.placesLeft, d.capacity], n.id).toEqual([n.seatsLeft, n.capacity]);
      expect(d.status).toBeUndefined();
    }
  });
});
