import { beforeAll, describe, expect, it } from 'vitest';
import { Course } from '../src/courses/course.entity';
import type { SearchService } from '@skills-yunnan/search';
import { openOrm } from '../src/db/orm';
import { SearchOutbox } from '../src/search/search-outbox.entity';
import { SearchOutboxWorker } from '../src/search/search-outbox.worker';
import { withSearchApi, type TestApi, type TestSearch } from './helpers';

// Application writes reach search through the outbox, and none is lost while Meilisearch is away.
const env = withSearchApi();
let search: TestSearch;
let api: TestApi;
beforeAll(() => {
  ({ api, search } = env);
});

const hitsFor = async (q: string) =>
  (
    await api.gql('query($q: String!) { search(index: COURSES, query: $q, first: 5) { totalHits hits { title } } }', {
      q,
    })
  ).data?.search;

describe('incremental search updates', () => {
  it('indexes a changed course through the outbox', async () => {
    const worker = search.runtime.watch(api.orm, { intervalMs: 60_000 });
    const em = api.orm.em.fork();
    const course = await em.findOneOrFail(Course, { id: 1 });
    course.title = '咖啡师（四级）普洱思茅测试班';
    await em.flush();
    expect(await worker.pending()).toBe(1);
    expect(await worker.drain()).toBe(1);
    expect(await worker.pending()).toBe(0);
    const r = await hitsFor('思茅测试班');
    expect(r.hits[0].title).toBe('咖啡师（四级）普洱思茅测试班');
  });

  it('keeps writes that happen while Meilisearch is down and indexes them once it is back', async () => {
    const worker = search.runtime.worker!;
    await search.meili.stop();
    const em = api.orm.em.fork();
    const course = await em.findOneOrFail(Course, { id: 2 });
    course.title = '茶艺师（五级）勐海停机测试班';
    await em.flush(); // the write itself succeeds without search
    expect(await worker.drain()).toBe(0);
    const queued = await api.orm.em.fork().find(SearchOutbox, {});
    expect(queued).toHaveLength(1);
    expect(queued[0].attempts).toBe(1);
    expect(queued[0].lastError).toBeTruthy();
    expect(
      (await api.gql('{ search(index: COURSES, query: "勐海停机测试班") { totalHits } }')).errors[0].extensions.code,
    ).toBe('SEARCH_UNAVAILABLE');

    await search.restart();
    expect(await worker.drain()).toBe(1);
    const r = await hitsFor('勐海停机测试班');
    expect(r.hits[0].title).toBe('茶艺师（五级）勐海停机测试班');
    expect(await worker.drain()).toBe(0); // idempotent: nothing left, nothing sent twice
  });

  it('removes a deleted record from the index', async () => {
    const worker = search.runtime.worker!;
    const em = api.orm.em.fork();
    const course = await em.findOneOrFail(Course, { id: 1 });
    await em
      .getConnection()
      .execute(
        'delete from subsidy_notice_line where notice_id in (select id from subsidy_notice where course_id = 1)',
      );
    await em.getConnection().execute('delete from subsidy_notice where course_id = 1');
    em.remove(course);
    await em.flush();
    expect(await worker.drain()).toBe(1);
    const r = await api.gql('{ search(index: COURSES, query: "普洱思茅测试班", first: 100) { hits { title } } }');
    expect(r.data.search.hits.map((h: any) => h.title)).not.toContain('咖啡师（四级）普洱思茅测试班');
  });
});

const pg = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');

describe.runIf(pg)('API replicas sharing one outbox (PostgreSQL)', () => {
  it('send each queued change once, whichever replica drains', async () => {
    // A second replica: its own connection pool on the same database and the same Meilisearch.
    const other = await openOrm(api.config.database);
    const sent: string[] = [];
    // Counts what reaches Meilisearch, and takes a moment over it, so that a second drain starts
    // while the first still holds its rows.
    const counting = {
      get service(): SearchService | null {
        const real = search.runtime.service;
        if (!real) return null;
        return new Proxy(real, {
          get(target, prop, receiver) {
            if (prop !== 'upsert') return Reflect.get(target, prop, receiver);
            return async (index: Parameters<SearchService['upsert']>[0], docs: { id: string }[]) => {
              sent.push(...docs.map((d) => `${index}:${d.id}`));
              await new Promise((r) => setTimeout(r, 300));
              return target.upsert(index, docs as never);
            };
          },
        });
      },
    };
    try {
      const em = api.orm.em.fork();
      const courses = await em.find(Course, { id: { $gte: 10, $lt: 30 } });
      for (const c of courses) c.title = `${c.title}（复本测试）`;
      await em.flush();
      const a = new SearchOutboxWorker(api.orm, counting);
      const b = new SearchOutboxWorker(other, counting);
      const applied = await Promise.all([a.drain(), b.drain()]);
      expect(applied[0] + applied[1]).toBe(courses.length);
      expect(applied).toContain(0);
      expect(sent).toHaveLength(courses.length);
      expect(new Set(sent).size).toBe(courses.length);
      expect(await a.pending()).toBe(0);
    } finally {
      await other.close(true);
    }
  });
});
