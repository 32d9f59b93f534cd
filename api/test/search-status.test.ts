import { dayNumber } from '@skills-yunnan/search';
import { COURSE_STATUSES, statusFilters, type CourseStatusKey } from '../../site/src/lib/course-status';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSearchApi, type TestApi, type TestSearch } from './helpers';

/**
 * The courses index holds what a class's status follows from (start, end and enrolment deadline
 * days, places left, cancellation), never the status itself, which changes with the day. These
 * tests check that the browser finder's status filters (site/src/lib/course-status.ts, imported
 * as they are: this is the contract between the finder and the API) select, on the index,
 * exactly the classes the API's `enrolmentStatus` gives each status for its today.
 */
const env = withSearchApi();
let search: TestSearch;
let api: TestApi;
beforeAll(() => {
  ({ api, search } = env);
});

/** The API's enrolment status of each of the finder's statuses. */
const API_STATUS: Record<CourseStatusKey, string> = {
  enrolling: 'ENROLLING',
  full: 'FULL',
  closed: 'ENROLMENT_CLOSED',
  running: 'RUNNING',
  finished: 'FINISHED',
  cancelled: 'CANCELLED',
};

/** How many documents of the courses index hold `filter` (an exhaustive count). */
async function indexCount(filter: string[]): Promise<number> {
  const r = await search.runtime.service!.client.index('courses').search('', { filter, page: 1, hitsPerPage: 0 });
  return (r as { totalHits?: number }).totalHits ?? -1;
}

describe('course status from the index, for a day', () => {
  it('counts each status as the API does for its today', async () => {
    const today = api.config.fixedToday!;
    const totals =
      await api.gql(`{ ${COURSE_STATUSES.map((st) => `${st}: courses(first: 1, filter: { enrolmentStatus: ${API_STATUS[st]} }) { totalCount }`).join(' ')}
      all: courses(first: 1) { totalCount } }`);
    expect(totals.errors).toBeUndefined();
    // The demo has every status today (enrolling, full and closed classes, running ones, finished ones).
    for (const status of COURSE_STATUSES) expect(totals.data[status].totalCount, status).toBeGreaterThan(0);
    let sum = 0;
    for (const status of COURSE_STATUSES) {
      const counted = await indexCount(statusFilters(status, today));
      expect(counted, status).toBe(totals.data[status].totalCount);
      sum += counted;
    }
    // Every class has exactly one status.
    expect(sum).toBe(totals.data.all.totalCount);
  });

  it('moves classes from enrolling to running as the days pass, without reindexing', async () => {
    const today = api.config.fixedToday!;
    const [soonest] = (
      await api.gql(
        '{ courses(first: 1, filter: { enrolmentStatus: ENROLLING }, orderBy: START_DATE_ASC) { nodes { id startDate endDate cancelledOn } } }',
      )
    ).data.courses.nodes;
    const enrollingNow = await indexCount(statusFilters('enrolling', today));
    const onItsFirstDay = await indexCount(statusFilters('enrolling', soonest.startDate));
    expect(onItsFirstDay).toBeLessThan(enrollingNow);
    const running = await search.runtime.service!.client.index('courses').search('', {
      filter: [...statusFilters('running', soonest.startDate), `startDay = ${dayNumber(soonest.startDate)}`],
      limit: 1000,
      attributesToRetrieve: ['globalId'],
    });
    expect(running.hits.map((h) => h.globalId)).toContain(soonest.id);
  });

  it('indexes places left and the enrolment deadline as the API computes them, and no status', async () => {
    const r = await api.gql(
      '{ courses(first: 50, filter: { status: PLANNED }) { nodes { id seatsLeft capacity howToJoin { enrolmentCloses } } } }',
    );
    const all = await search.runtime
      .service!.client.index('courses')
      .getDocuments({ limit: 10_000, fields: ['globalId', 'placesLeft', 'capacity', 'enrolmentCloses', 'status'] });
    const byGlobal = new Map(all.results.map((d) => [String(d.globalId), d]));
    expect(r.data.courses.nodes.length).toBeGreaterThan(0);
    for (const n of r.data.courses.nodes) {
      const d = byGlobal.get(n.id)!;
      expect(d, n.id).toBeTruthy();
      expect([d.placesLeft, d.capacity, d.enrolmentCloses], n.id).toEqual([
        n.seatsLeft,
        n.capacity,
        n.howToJoin.enrolmentCloses,
      ]);
      expect(d.status).toBeUndefined();
    }
  });
});
