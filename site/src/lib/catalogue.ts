/**
 * The data of the whole site, fetched once per build and shared by every route.
 *
 * Astro calls each route's getStaticPaths separately (and, with build.concurrency, the
 * routes may ask at the same time). Each loader below is memoised as a promise, so the
 * courses are fetched once although the course list, the course pages, the occupation pages
 * and the institution pages all need them; grouping happens here, in memory, instead of
 * asking the API once per occupation or institution.
 */
import { requestStats } from './api';
import {
  fetchCounts,
  fetchCourseCards,
  fetchCourseDetails,
  fetchDirectory,
  fetchHome,
  fetchInstitutions,
  fetchOccupations,
  type CourseCard,
  type DirectoryEdition,
  type DirectoryEntry,
  type InstitutionDetail,
  type OccupationDetail,
} from './queries';

/** How many courses an occupation or institution page lists (the rest via the course list). */
export const COURSES_PER_RECORD_PAGE = 20;

/** Courses per page of the course list: short enough for a slow phone, long enough to browse. */
export const COURSES_PER_LIST_PAGE = 20;

/**
 * The day the data was read, shown on every page so readers know how fresh it is: the date in
 * China (as the API counts "today"), not the build machine's UTC date, which lags 8 hours.
 */
export const fetchedOn: string = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

function once<T>(label: string, load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= (async () => {
      const started = performance.now();
      const value = await load();
      const count = Array.isArray(value) ? ` (${value.length})` : '';
      console.log(
        `[site] loaded ${label}${count} in ${Math.round(performance.now() - started)} ms · ` +
          `${requestStats.requests} API requests so far`,
      );
      return value;
    })());
}

export const courseCards = once('course cards', fetchCourseCards);
export const courseDetails = once('course details', fetchCourseDetails);
export const institutions = once('institutions', fetchInstitutions);
export const occupations = once('occupations', fetchOccupations);
export const directory = once('directory', fetchDirectory);
export const home = once('home page data', fetchHome);
export const counts = once('record counts', fetchCounts);

/** A slice of an occupation's or institution's courses, with how many there are in all. */
export interface CourseSlice {
  total: number;
  courses: CourseCard[];
}

function slices(cards: CourseCard[], keyOf: (card: CourseCard) => string): Map<string, CourseSlice> {
  const map = new Map<string, CourseSlice>();
  for (const card of cards) {
    const key = keyOf(card);
    const slice = map.get(key) ?? { total: 0, courses: [] };
    slice.total += 1;
    // Cards arrive latest start first, so the first ones kept are the latest.
    if (slice.courses.length < COURSES_PER_RECORD_PAGE) slice.courses.push(card);
    map.set(key, slice);
  }
  return map;
}

const coursesByOccupation = once('courses by occupation', async () =>
  slices(await courseCards(), (c) => c.occupation.code),
);
const coursesByInstitution = once('courses by institution', async () =>
  slices(await courseCards(), (c) => c.institution.id),
);

export interface OccupationPage {
  occupation: OccupationDetail;
  /** Newest edition first; only editions that list the occupation. */
  directory: { edition: DirectoryEdition; entries: DirectoryEntry[] }[];
  courses: CourseSlice;
}

/** One page per occupation that is in some directory edition or has courses. */
export const occupationPages = once('occupation pages', async (): Promise<OccupationPage[]> => {
  const [all, editions, byOccupation] = await Promise.all([occupations(), directory(), coursesByOccupation()]);
  const editionsByCode = editions.map(({ edition, entries }) => ({ edition, byCode: groupBy(entries, (e) => e.occupation.code) }));
  return all.flatMap((occupation) => {
    const listed = editionsByCode.flatMap(({ edition, byCode }) => {
      const entries = byCode.get(occupation.code);
      return entries ? [{ edition, entries }] : [];
    });
    const courses = byOccupation.get(occupation.code) ?? { total: 0, courses: [] };
    return listed.length > 0 || courses.total > 0 ? [{ occupation, directory: listed, courses }] : [];
  });
});

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}

/** Codes of the occupations that have a page, so other pages link only to pages that exist. */
export const occupationCodesWithPage = once('occupation codes with a page', async () =>
  new Set((await occupationPages()).map((p) => p.occupation.code)),
);

export interface InstitutionPage {
  institution: InstitutionDetail;
  courses: CourseSlice;
}

/**
 * One page per institution with courses, and per institution from the published documents
 * (the technical schools and project units of 云人社通〔2022〕8号) even without courses.
 */
export const institutionPages = once('institution pages', async (): Promise<InstitutionPage[]> => {
  const [all, byInstitution] = await Promise.all([institutions(), coursesByInstitution()]);
  return all.flatMap((institution) => {
    const courses = byInstitution.get(institution.id) ?? { total: 0, courses: [] };
    return courses.total > 0 || !institution.isDemo ? [{ institution, courses }] : [];
  });
});

export const institutionIdsWithPage = once('institution ids with a page', async () =>
  new Set((await institutionPages()).map((p) => p.institution.id)),
);

/** The key occupations (重点培训职业) of the newest directory edition, one entry per occupation. */
export async function keyOccupations(limit: number): Promise<{ edition: DirectoryEdition; occupations: DirectoryEntry[] } | null> {
  const editions = await directory();
  const newest = editions.reduce<(typeof editions)[number] | null>((a, b) => (!a || b.edition.year > a.edition.year ? b : a), null);
  if (!newest) return null;
  const seen = new Set<string>();
  const picked: DirectoryEntry[] = [];
  for (const entry of newest.entries) {
    if (!entry.isKeyOccupation || seen.has(entry.occupation.code)) continue;
    seen.add(entry.occupation.code);
    picked.push(entry);
    if (picked.length === limit) break;
  }
  return { edition: newest.edition, occupations: picked };
}
