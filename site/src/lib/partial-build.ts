/**
 * Builds of part of the site (`SITE_BUILD_PLAN`, see config.ts): the pages that show the records
 * the API's change feed names (see build-plan.ts), or one part of a full build made in parts.
 * Each route's `getStaticPaths` asks here which of its pages this build writes, and the loaders
 * below read only the records those pages need.
 */
import { buildPlan } from '../config';
import {
  NOTICES_PER_LIST_PAGE,
  agencies,
  courseCards,
  courseDetails,
  institutionPages,
  notices,
  noticeSummary,
  occupationPages,
  occupations,
  once,
} from './catalogue';
import {
  fetchClassNotices,
  fetchCourseDetailsById,
  fetchInstitutionIds,
  fetchNewestNoticeSummaries,
  fetchNoticeSummaries,
  fetchNoticesById,
  fetchOccupationCodes,
  type CourseDetail,
  type NoticeDetail,
  type NoticeListItem,
} from './queries';
import { listsToBuild, planPages, type ListKey, type PagePlan } from './build-plan';
import { firstChangedArchivePage, hasEnough, type NoticeList } from './notice-archive';

/** Whether this build writes part of the site (`SITE_BUILD_PLAN`), not every page at once. */
export const isPartialBuild: boolean = buildPlan !== null;

const changes = buildPlan?.kind === 'changes' ? buildPlan.changed : null;

/** The lists this build writes; null: every one (a full build, or the rest of one made in parts). */
const plannedLists: ReadonlySet<ListKey> | null =
  buildPlan?.kind === 'changes' ? listsToBuild(buildPlan.changed) : buildPlan?.kind === 'slice' ? new Set() : null;

/**
 * Whether this build writes the list or aggregate `key`: always in a full build, in a partial
 * one when a record of a type it shows changed.
 * @example export const getStaticPaths = () => (buildsList('notices') ? LANGS.map(…) : []);
 */
export function buildsList(key: ListKey): boolean {
  return !plannedLists || plannedLists.has(key);
}

/**
 * Whether this build writes the pages that show no data (accessibility, compare): full builds
 * only (made whole or in parts).
 */
export const buildsStaticPages: boolean = !buildPlan || buildPlan.kind === 'rest';

/** The changed notices with their lines, read once: the plan needs their classes, their pages them whole. */
const changedNotices = once('changed notices', () => fetchNoticesById(changes?.SubsidyNotice ?? []));

/** The record pages a build for changes writes; null in any other build. */
export const pagePlan = once('page plan', async (): Promise<PagePlan | null> => {
  if (!changes) return null;
  const changed = changes;
  const [cards, notices, classNotices, occupationCode, trainingAgencies] = await Promise.all([
    courseCards(),
    changedNotices(),
    fetchClassNotices(changed.Course ?? []),
    fetchOccupationCodes(changed.Occupation ?? []),
    changed.Institution?.length ? agencies() : [],
  ]);
  return planPages({
    changed,
    classes: cards.map((c) => ({ id: c.id, institutionId: c.institution.id, occupationCode: c.occupation.code })),
    noticeClass: new Map(notices.flatMap((n) => (n.course ? [[n.id, n.course.id] as const] : []))),
    classNotices,
    occupationCode,
    agencyInstitution: new Map(
      trainingAgencies.flatMap((a) => (a.trainingInstitution ? [[a.id, a.trainingInstitution.id] as const] : [])),
    ),
  });
});

/** The kinds of record with a page each. */
export type RecordKind = 'courses' | 'institutions' | 'agencies' | 'notices' | 'occupations';

/**
 * The records of one kind whose pages this build writes: every one (null) in a full build; in
 * a full build made in parts, the classes and notices of its slices, the rest in one build.
 */
export async function plannedIds(kind: RecordKind): Promise<ReadonlySet<string> | null> {
  const sliced = kind === 'courses' || kind === 'notices';
  if (buildPlan?.kind === 'rest') return sliced ? new Set() : null;
  if (buildPlan?.kind === 'slice') return new Set(sliced ? buildPlan[kind] : []);
  const plan = await pagePlan();
  if (!plan || (kind === 'institutions' && plan.allInstitutions)) return null;
  return plan[kind];
}

/** The courses whose pages this build writes, with everything their pages show. */
export const plannedCourseDetails = once('course details to build', async (): Promise<CourseDetail[]> => {
  const ids = await plannedIds('courses');
  if (!ids) return courseDetails();
  // (Reading a slice's notices while its classes' pages are written was tried: with two slices
  // side by side the API then competes with both for the two cores, and each slice took 200 s
  // instead of 166 s at scale 5.)
  return ids.size ? fetchCourseDetailsById([...ids]) : [];
});

/** The notices whose pages this build writes, with all their lines. */
export const plannedNotices = once('notices to build', async (): Promise<NoticeDetail[]> => {
  const ids = await plannedIds('notices');
  if (!ids) return notices();
  const read = await changedNotices();
  const known = new Set(read.map((n) => n.id));
  return [...read, ...(await fetchNoticesById([...ids].filter((id) => !known.has(id))))];
});

/**
 * The notice list as the list's pages need it: every notice in a full build (read whole
 * already) or the rest of one made in parts; in a build for changed notices only the newest,
 * as far as the pages it writes need (a new notice: a page or two of 53,000 at scale 5).
 */
export const noticeList = once('notice list', async (): Promise<NoticeList<NoticeListItem>> => {
  if (!changes) {
    const all = (isPartialBuild ? await fetchNoticeSummaries() : await notices()).map(noticeSummary);
    return { total: all.length, newest: all };
  }
  const changed = changes.SubsidyNotice ?? [];
  const read = await fetchNewestNoticeSummaries((list) =>
    hasEnough({ total: list.total, newest: list.newest.map((n) => n.id) }, changed, NOTICES_PER_LIST_PAGE),
  );
  return { total: read.total, newest: read.newest.map(noticeSummary) };
});

/**
 * The first page of the notice list's archive this build writes, and every later one: 1 in a
 * full build; in a build for changes, the page of the earliest changed notice (the pages before
 * it hold the same notices as before, see notice-archive.ts).
 */
export async function firstNoticeArchivePage(): Promise<number> {
  if (!changes) return 1;
  const list = await noticeList();
  const ids = { total: list.total, newest: list.newest.map((n) => n.id) };
  return firstChangedArchivePage(ids, changes.SubsidyNotice ?? [], NOTICES_PER_LIST_PAGE);
}

/**
 * A route's `getStaticPaths` that gives no pages when this build does not write the list or
 * aggregate `key` (`'static'`: pages that show no data, written by full builds only).
 * @example export const getStaticPaths = whenBuilding('notices', async () => …) satisfies GetStaticPaths;
 */
export function whenBuilding<T>(key: ListKey | 'static', paths: () => T[] | Promise<T[]>): () => Promise<T[]> {
  return async () => ((key === 'static' ? buildsStaticPages : buildsList(key)) ? paths() : []);
}

// A slice of a full build writes class and notice pages alone; what they link to is known from
// cheap lists, not from every class's card and every institution's page (75,000 cards read
// again by each slice at scale 5).
const slice = buildPlan?.kind === 'slice' ? buildPlan : null;

/**
 * Ids of the classes that have a page (every class), so notices link only to pages that exist.
 * A slice is given them by the builder, which has read them all to cut the slices.
 */
export const courseIdsWithPage = once(
  'course ids with a page',
  async () => new Set(slice ? slice.coursesWithPage : (await courseCards()).map((c) => c.id)),
);

/** Ids of the institutions that have a page (every institution), so pages link only to pages that exist. */
export const institutionIdsWithPage = once(
  'institution ids with a page',
  async () => new Set(slice ? await fetchInstitutionIds() : (await institutionPages()).map((p) => p.institution.id)),
);

/**
 * Codes of the occupations that have a page (listed in a directory edition, or with classes),
 * so other pages link only to pages that exist. A slice asks only of its own classes'
 * occupations, which have classes, so every listed occupation will do there.
 */
export const occupationCodesWithPage = once(
  'occupation codes with a page',
  async () =>
    new Set(slice ? (await occupations()).map((o) => o.code) : (await occupationPages()).map((p) => p.occupation.code)),
);
