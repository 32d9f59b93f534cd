/**
 * The deterministic demo-data generator: plausible institutions, evaluation agencies, directory
 * editions, classes and subsidy notices on top of the real reference data, at any scale, from
 * a seed. Same seed and scale, same rows, on SQLite and PostgreSQL.
 *
 * - Runs after `loadReferenceData`, inside the caller's transaction, and writes with
 *   `em.insertMany` in batches: never the unit of work. Classes, notices and notice lines are
 *   streamed chunk by chunk; only small lookup tables (occupations, regions, institutions,
 *   agencies, directory entries) are held in memory, so scale 5 (75,000 classes, ≈3 million
 *   notice lines) runs in constant memory.
 * - Every random choice comes from a named `Prng.fork`, per step and per record, so adding a
 *   step or a draw later does not shift every record after it.
 * - Every row is labelled: `isDemo: true`, sources `demo generator (seed N)`, document numbers
 *   and notice numbers start with `（演示）`, subsidy amounts are illustrative (the public range
 *   300–1,600 元 of Yunnan's 2018 catalogue). Trainee names and ID numbers are generated, masked
 *   with `maskName` / `maskResidentId` and only the masked forms are stored.
 * - The data respect the rules of DOMAIN.md, except a deliberate ≈6.5 % of classes that each
 *   break exactly one course rule (see {@link VIOLATION_KINDS}), and a few notice lines paid
 *   despite attendance below 80 %, for the red-flag features.
 *
 * The steps, one module each: `lookups` (0), `directory` (1–2), `institutions` (3),
 * `agencies` (4), `courses` (5), `notices` (6).
 */

import type { EntityManager } from '@mikro-orm/core';
import { Prng } from '../../common/prng';
import { makeAgencies, writeAgencies } from './agencies';
import { createCourseMaker } from './courses';
import { directoryEvents, planDirectory, writeDirectory, writeOccupationFacts } from './directory';
import { createNamer, makeInstitutions, realSchoolTrainers, standingEvents, writeInstitutions } from './institutions';
import { loadLookups } from './lookups';
import { insertRows, type DemoOptions, type DemoWriter, type Row } from './model';
import { NoticeStream } from './notices';
import { demoTimeline } from './timeline';
import type { LogEvent } from '../../log/log-entries';

export { DEMO_INSTITUTION_ID_BASE, VIOLATION_KINDS, type DemoOptions, type ViolationKind } from './model';

/**
 * Generates the demo data and returns how many rows of each kind were written.
 *
 * Counts: institutions 600 × scale (ids from 1001), agencies 100 × scale, classes
 * 3,000 × scale², a subsidy notice per subsidised class finished and published by `today`,
 * with one line per trainee. Everything is placed relative to `today` (see `timeline.ts`).
 *
 * @example await orm.em.transactional(async (em) => { await loadReferenceData(em); await generateDemoData(em, { scale: 1, seed: 20220211, today: '2026-12-02' }); });
 */
export async function generateDemoData(em: EntityManager, opts: DemoOptions): Promise<Record<string, number>> {
  if (!(opts.scale > 0) || !Number.isFinite(opts.scale))
    throw new RangeError(`scale must be a positive number, got ${opts.scale}`);
  const t = demoTimeline(opts.today);
  const progress = opts.onProgress ?? (() => {});
  const root = new Prng(opts.seed);
  const source = `demo generator (seed ${opts.seed})`;
  const ctx = em.getTransactionContext();
  const w: DemoWriter = {
    em,
    batchSize: Math.max(1, Math.floor(opts.batchSize ?? 1000)),
    query: async <T>(sql: string) => (await em.getConnection().execute(sql, [], 'all', ctx)) as T[],
  };
  const counts: Record<string, number> = {};

  const L = await loadLookups(w);
  const plan = planDirectory(L, root, t.years.length);
  counts.occupationsCertified = await writeOccupationFacts(w, L, plan, root);
  progress('occupations', counts.occupationsCertified, counts.occupationsCertified);

  const dir = await writeDirectory(w, plan, source, t);
  counts.directoryEditions = dir.entriesByYear.size;
  counts.directoryEntries = dir.entries.length;
  progress('directory', dir.entries.length, dir.entries.length);

  const namer = createNamer(L);
  const insts = makeInstitutions(L, plan, dir, namer, root, opts.scale, t.today);
  const agencies = makeAgencies(L, plan, dir, insts, namer, root, opts.scale, t.today);
  Object.assign(counts, await writeInstitutions(w, insts, root, source));
  progress('institutions', insts.length, insts.length);
  Object.assign(counts, await writeAgencies(w, plan, agencies, root, source));
  progress('agencies', agencies.agencies.length, agencies.agencies.length);

  const schools = realSchoolTrainers(L, plan, dir, root);
  const { nCourses, courseChunk, makeCourse } = createCourseMaker({
    L,
    plan,
    dir,
    insts,
    schools,
    agencies,
    namer,
    root,
    scale: opts.scale,
    t,
  });
  const notices = new NoticeStream(w, L, [...insts, ...schools], root, t.today);
  const chunk = courseChunk(w.batchSize);
  for (let first = 1; first <= nCourses; first += chunk) {
    const rows: Row[] = [];
    for (let id = first; id < first + chunk && id <= nCourses; id++) rows.push(makeCourse(id));
    await insertRows(w, 'Course', rows);
    for (const c of rows) {
      if ((c.subsidyPerTrainee as number) <= 0 || c.cancelledOn) continue;
      await notices.add(c);
    }
    await notices.flush();
    progress('courses', Math.min(nCourses, first + chunk - 1), nCourses);
  }
  counts.courses = nCourses;
  const prior = (opts.priorLog ?? []).map((event) => ({ on: dayOfEntry(event), event }));
  counts.logEntries = await notices.writeLog([...prior, ...(await directoryEvents(w)), ...standingEvents(insts, root)]);
  return Object.assign(counts, notices.counts);
}

/** The day (in Yunnan, UTC+8) an entry says its event happened. */
function dayOfEntry(e: LogEvent): string {
  const at = new Date((JSON.parse(e.body) as { at: string }).at);
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
