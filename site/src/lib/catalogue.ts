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
  fetchPrefectures,
  fetchSearchEndpoint,
  fetchSubsidyYear,
  fetchSubsidyYears,
  type SubsidyYearData,
  type CourseCard,
  type DirectoryEdition,
  type DirectoryEntry,
  type InstitutionDetail,
  type OccupationDetail,
  fetchDisclosureLog,
} from './queries';
import { openingOrder, statusFromApi, type CourseStatusKey } from './course-status';

/** How many courses an occupation or institution page lists (the rest via the course list). */
export const COURSES_PER_RECORD_PAGE = 20;

/** Courses per page of the course list: short enough for a slow phone, long enough to browse. */
export const COURSES_PER_LIST_PAGE = 20;

/**
 * The day the data was read, shown on every page so readers know how fresh it is: the date in
 * China (as the API counts "today"), not the build machine's UTC date, which lags 8 hours.
 */
export const fetchedOn: string = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * A loader read once per build and shared by every route that asks, logged with its time.
 * @example export const agencies = once('evaluation agencies', fetchAgencies);
 */
export function once<T>(label: string, load: () => Promise<T>): () => Promise<T> {
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
export const prefectures = once('州市 and counties', fetchPrefectures);
export const searchEndpoint = once('search endpoint', fetchSearchEndpoint);
export const disclosureLog = once('disclosure log', fetchDisclosureLog);

// ---------------------------------------------------------------------------------------------
// What a worker can join today: the static lists open on the classes enrolling on the build's
// day (the API's `status` is computed for its today; the data version includes the day, so the
// site is rebuilt daily). The API's `status` filter has no "places left" condition, so enrolling
// (PLANNED with places left) is told from full here, at build time.

/**
 * The day the API computes statuses for: its `CATALOGUE_TODAY` when fixed (the build runs with
 * `npm start`'s environment, demos and tests fix it), otherwise the day the data was read.
 */
export const catalogueDay: string = /^\d{4}-\d{2}-\d{2}$/.test(process.env.CATALOGUE_TODAY ?? '')
  ? process.env.CATALOGUE_TODAY!
  : fetchedOn;

/** A card's status today, as the finder names it (报名中, 已满, 报名已截止, 进行中, 已结束, 已取消). */
export function cardStatus(card: CourseCard): CourseStatusKey {
  return statusFromApi(card.enrolmentStatus);
}

/** Every course in the course list's order: enrolling first (soonest start first), then full, closed, running, finished, cancelled. */
export const courseListCards = once('course list (enrolling first)', async () =>
  openingOrder(await courseCards(), cardStatus),
);

/** The classes enrolling today, soonest start first. */
export const enrollingCards = once('enrolling classes', async () =>
  (await courseListCards()).filter((c) => cardStatus(c) === 'enrolling'),
);

/** A 州市 with the classes enrolling there today, soonest start first (every 州市, even with none). */
export interface EnrollingInPrefecture {
  prefecture: { code: string; name: string };
  courses: CourseCard[];
}

/** The 16 州市 in code order, each with its enrolling classes. */
export const enrollingByPrefecture = once('enrolling classes by 州市', async (): Promise<EnrollingInPrefecture[]> => {
  const [regions, cards] = await Promise.all([prefectures(), enrollingCards()]);
  const byCode = groupBy(cards, (c) => c.prefecture.code);
  return regions.map((p) => ({ prefecture: { code: p.code, name: p.name }, courses: byCode.get(p.code) ?? [] }));
});

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
  const editionsByCode = editions.map(({ edition, entries }) => ({
    edition,
    byCode: groupBy(entries, (e) => e.occupation.code),
  }));
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

export interface InstitutionPage {
  institution: InstitutionDetail;
  courses: CourseSlice;
}

/**
 * One page per institution, with or without courses: the institution directory
 * (/institutions/, 云人社通〔2022〕50号 (十七)) lists every one, and a worker checking an
 * institution (a blacklisted one often has no classes) must find its standing.
 */
export const institutionPages = once('institution pages', async (): Promise<InstitutionPage[]> => {
  const [all, byInstitution] = await Promise.all([institutions(), coursesByInstitution()]);
  return all.map((institution) => ({
    institution,
    courses: byInstitution.get(institution.id) ?? { total: 0, courses: [] },
  }));
});

/** The key occupations (重点培训职业) of the newest directory edition, one entry per occupation. */
export async function keyOccupations(
  limit: number,
): Promise<{ edition: DirectoryEdition; occupations: DirectoryEntry[] } | null> {
  const editions = await directory();
  const newest = editions.reduce<(typeof editions)[number] | null>(
    (a, b) => (!a || b.edition.year > a.edition.year ? b : a),
    null,
  );
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

// ---------------------------------------------------------------------------------------------
// Subsidy notices and evaluation agencies (their own import, so this block stays self-contained)

import { fetchAgencies, fetchNotices, type NoticeListItem } from './queries';
import { placeOf } from './format';
import type { Lang } from '../i18n';

/** Notices per page of the notice list, newest first. */
export const NOTICES_PER_LIST_PAGE = 20;

/** Agencies per page of the agency list. */
export const AGENCIES_PER_LIST_PAGE = 20;

/** Every notice with all its lines, newest first (≈ 130 requests at scale 1). */
export const notices = once('notices with lines', fetchNotices);

/** Every evaluation agency with its scope and fees, by name. */
export const agencies = once('evaluation agencies', async () =>
  (await fetchAgencies()).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
);

/** A notice as its list shows it (whether read whole or as a summary): the same fields either way. */
export function noticeSummary(n: NoticeListItem): NoticeListItem {
  const { id, number, title, publishedOn, status, totalAmount, lineCount, isDemo, bureau } = n;
  return { id, number, title, publishedOn, status, totalAmount, lineCount, isDemo, bureau: { name: bureau.name } };
}

/** An agency as its list shows it. */
export function agencySummary(a: Awaited<ReturnType<typeof agencies>>[number], lang: Lang) {
  return {
    id: a.id,
    name: a.name,
    type: a.type,
    isDemo: a.isDemo,
    alsoTrains: a.alsoTrains,
    scopeCount: a.scope.length,
    place: placeOf(lang, a.region),
  };
}

// ---------------------------------------------------------------------------------------------
// Directory editions with their changes, the occupation index and the 2022 target tables

import { fetchAnnualTargets, type TargetFigure } from './queries';

/** An entry of two editions whose minimum hours or subsidy differ. */
export interface DirectoryChange {
  before: DirectoryEntry;
  after: DirectoryEntry;
}

/** What changed against the previous edition, entry by entry (occupation × certificate type × level). */
export interface DirectoryDiff {
  previous: DirectoryEdition;
  added: DirectoryEntry[];
  removed: DirectoryEntry[];
  hoursChanged: DirectoryChange[];
  subsidyChanged: DirectoryChange[];
}

export interface DirectoryYearPage {
  edition: DirectoryEdition;
  /** By occupation code, then in directory order. */
  entries: DirectoryEntry[];
  occupationCount: number;
  /** Null for the earliest edition. */
  diff: DirectoryDiff | null;
}

/** The key the editions are compared by. */
export function directoryEntryKey(entry: DirectoryEntry): string {
  return `${entry.occupation.code}|${entry.certificateType}|${entry.level}`;
}

function byOccupationCode(entries: DirectoryEntry[]): DirectoryEntry[] {
  // Array.prototype.sort is stable: within an occupation the directory order stays.
  return [...entries].sort((a, b) =>
    a.occupation.code < b.occupation.code ? -1 : a.occupation.code > b.occupation.code ? 1 : 0,
  );
}

function diffEditions(
  previous: { edition: DirectoryEdition; entries: DirectoryEntry[] },
  current: DirectoryEntry[],
): DirectoryDiff {
  const before = new Map(previous.entries.map((e) => [directoryEntryKey(e), e]));
  const after = new Map(current.map((e) => [directoryEntryKey(e), e]));
  const added: DirectoryEntry[] = [];
  const hoursChanged: DirectoryChange[] = [];
  const subsidyChanged: DirectoryChange[] = [];
  for (const entry of current) {
    const old = before.get(directoryEntryKey(entry));
    if (!old) added.push(entry);
    else {
      if (old.minHours !== entry.minHours) hoursChanged.push({ before: old, after: entry });
      if (old.subsidyPerTrainee !== entry.subsidyPerTrainee) subsidyChanged.push({ before: old, after: entry });
    }
  }
  const removed = byOccupationCode(previous.entries).filter((e) => !after.has(directoryEntryKey(e)));
  return { previous: previous.edition, added, removed, hoursChanged, subsidyChanged };
}

/** One page per directory edition, newest first, each compared with the edition of the year before it. */
export const directoryYearPages = once('directory year pages', async (): Promise<DirectoryYearPage[]> => {
  const editions = [...(await directory())].sort((a, b) => b.edition.year - a.edition.year);
  return editions.map(({ edition, entries }, i) => {
    const sorted = byOccupationCode(entries);
    const previous = editions[i + 1];
    return {
      edition,
      entries: sorted,
      occupationCount: new Set(entries.map((e) => e.occupation.code)).size,
      diff: previous ? diffEditions(previous, sorted) : null,
    };
  });
});

export interface OccupationIndexGroup {
  major: { code: string; name: string };
  occupations: { code: string; name: string; courses: number; years: number[] }[];
}

/** The occupations that have a page (`occupationPages`), by major group, both in code order. */
export const occupationIndex = once('occupation index', async (): Promise<OccupationIndexGroup[]> => {
  const groups = new Map<string, OccupationIndexGroup>();
  for (const { occupation, directory: listed, courses } of await occupationPages()) {
    const major = occupation.groups.find((g) => g.level === 'major') ?? { code: '', name: '' };
    const group = groups.get(major.code) ?? { major: { code: major.code, name: major.name }, occupations: [] };
    group.occupations.push({
      code: occupation.code,
      name: occupation.name,
      courses: courses.total,
      years: listed.map((d) => d.edition.year).sort((a, b) => a - b),
    });
    groups.set(major.code, group);
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...groups.values()]
    .sort((a, b) => order(a.major.code, b.major.code))
    .map((g) => ({ ...g, occupations: g.occupations.sort((a, b) => order(a.code, b.code)) }));
});

/** Every figure of the 2022 annex tables of 云人社通〔2022〕8号, in table and row order. */
export const targets2022 = once('2022 target tables', (): Promise<TargetFigure[]> => fetchAnnualTargets(2022));

/** The years with published notices, newest first, and the kinds of red flag. */
export const subsidyYears = once('subsidy years', fetchSubsidyYears);

const yearData = new Map<number, Promise<SubsidyYearData>>();
/** One year's dashboard data, fetched once per build. */
export function subsidyYear(year: number): Promise<SubsidyYearData> {
  let pending = yearData.get(year);
  if (!pending) {
    pending = (async () => {
      const [regions, { flagKinds }] = await Promise.all([prefectures(), subsidyYears()]);
      return fetchSubsidyYear(year, regions, flagKinds);
    })();
    yearData.set(year, pending);
  }
  return pending;
}

// ---------------------------------------------------------------------------------------------
// The institution directory (/institutions/, /institutions/blacklist/)

import { fetchBlacklistings, fetchRevokedInstitutions } from './queries';
import {
  INSTITUTION_STANDINGS,
  INSTITUTION_TYPES,
  dirPaths,
  sortForDirectory,
  type DirInstitution,
} from './institutions-dir';
import type { InstitutionStanding, InstitutionType } from './queries';
import { label, t } from '../i18n';

/** An institution as the directory's lists show it: one line. */
export interface DirRow extends DirInstitution {
  /** "county, 州市" in the page's language (names stay Chinese). */
  place: string;
}

/** Every institution in directory order (province, 州市, county, name), without the page's language. */
export const directoryInstitutions = once('institution directory', async () => {
  const [all, regions] = await Promise.all([institutions(), prefectures()]);
  const sorted = sortForDirectory(
    all.map((i) => ({
      id: i.id,
      name: i.name,
      type: i.type,
      isDemo: i.isDemo,
      standing: i.standing,
      region: i.region,
    })),
    regions,
  );
  return sorted;
});

/** One directory line in `lang`. */
export function dirRow(i: Awaited<ReturnType<typeof directoryInstitutions>>[number], lang: Lang): DirRow {
  return {
    id: i.id,
    name: i.name,
    type: i.type,
    isDemo: i.isDemo,
    standing: i.standing,
    region: { code: i.region.code, name: i.region.name },
    place: placeOf(lang, i.region),
  };
}

/** Every blacklisting in force by today, current ones first (8号 四(三)). */
export const blacklistings = once('blacklistings', fetchBlacklistings);

/** Every institution whose licence is revoked today (50号 (十九)). */
export const revokedInstitutions = once('revoked institutions', fetchRevokedInstitutions);

/** A paginated list of the directory by one facet (type or standing) and one value. */
export interface FacetList {
  facet: 'type' | 'standing';
  value: InstitutionType | InstitutionStanding;
  /** Path of page 1. */
  base: string;
  items: Awaited<ReturnType<typeof directoryInstitutions>>;
}

/** Every type and standing list, in the enum orders (empty ones too: "none" is an answer). */
export const facetLists = once('institution lists by type and standing', async (): Promise<FacetList[]> => {
  const all = await directoryInstitutions();
  return [
    ...INSTITUTION_TYPES.map((value) => ({
      facet: 'type' as const,
      value,
      base: dirPaths.type(value),
      items: all.filter((i) => i.type === value),
    })),
    ...INSTITUTION_STANDINGS.map((value) => ({
      facet: 'standing' as const,
      value,
      base: dirPaths.standing(value),
      items: all.filter((i) => i.standing === value),
    })),
  ];
});

/** The heading and sentence of a type or standing list in `lang`. */
export function facetHeading(lang: Lang, list: Pick<FacetList, 'facet' | 'value'>): { heading: string; intro: string } {
  if (list.facet === 'type') {
    const type = label(lang, 'InstitutionType', list.value as InstitutionType);
    return {
      heading: t(lang, 'institutionsDir.byType', { type }),
      intro: t(lang, 'institutionsDir.byTypeIntro', { type }),
    };
  }
  const standing = label(lang, 'InstitutionStanding', list.value as InstitutionStanding);
  return {
    heading: t(lang, 'institutionsDir.byStanding', { standing }),
    intro: t(lang, 'institutionsDir.byStandingIntro'),
  };
}
