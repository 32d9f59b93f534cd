/**
 * The courses: one card per course for lists, and everything the course page shows.
 *
 * Each page type has its own selection, no wider than that page shows, so the build holds
 * little in memory and the API does little work.
 */
import { queryAll, queryByIds } from '../api';
import { BlacklistingFields, RuleCheckFields, SuppressedFields, graphql, type ResultOf } from './graphql';

/** Every course as a card (lists, occupation and institution pages), latest start first. */
export const COURSE_CARDS = graphql(`
  query SiteCourseCards($first: Int!, $after: String) {
    courses(first: $first, after: $after, orderBy: START_DATE_DESC) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id title startDate endDate level certificateType status enrolmentStatus seatsLeft feeYuan subsidyPerTrainee isDemo
        region { code name } prefecture { code name }
        occupation { code name }
        institution { id name standing }
      }
    }
  }`);

/**
 * What a course card and a course link show. `enrolmentStatus` is whether a worker can join it
 * today (报名中, 已满, 报名已截止, 进行中, 已结束, 已取消), as the API computes it.
 */
export type CourseCard = ResultOf<typeof COURSE_CARDS>['courses']['nodes'][number];

/**
 * Every course as a card, latest start first: the order of the course list (a worker looks
 * for classes that are about to start or just started, not for those of three years ago).
 */
export function fetchCourseCards(): Promise<CourseCard[]> {
  return queryAll(COURSE_CARDS, {}, (d) => d.courses);
}

// Issue 12 §3 (course journey): joining, the subsidy checker and outcomes.
const CourseJourneyFields = graphql(
  `
  fragment SiteCourseJourney on Course {
    enrolmentStatus
    howToJoin {
      status enrolmentCloses enrolmentClosesSource seatsLeft institutionName address phone askBureau
      whoMayEnrol { id text textEn clause } bring { id text textEn clause }
    }
    subsidyConditions { amountYuan amountClause conditions { id condition conditionEn question questionEn holds whyNot whyNotEn clause } }
    outcomes { notices listed { ...SiteSuppressedCount } certified { ...SiteSuppressedCount } subsidised { ...SiteSuppressedCount } }
    institutionOutcomes { from to classes classesWithNotice listed { ...SiteSuppressedCount } certificationRate { suppressed display displayEn } }
  }`,
  [SuppressedFields],
);

/** Everything the course page shows. */
const CourseDetailFields = graphql(
  `
  fragment SiteCourseDetail on Course {
    id classNumber title category certificateType level status cancelledOn
    startDate endDate totalHours hoursPerDay mode address
    platform { name url }
    region { code name } prefecture { name }
    feeYuan subsidised subsidyPerTrainee acceptsVouchers
    capacity enrolled seatsLeft enrolment targetGroups textbook isDemo soleAgencyExemption
    programme { key name }
    occupation { code name }
    directoryEntry { year minHours subsidyPerTrainee }
    institution { id name type standing isDemo licenceRevokedOn blacklisting { ...SiteBlacklisting } }
    projectUnit { id name }
    assessingAgency { name type isDemo }
    compliance { ...SiteRuleCheck }
    ...SiteCourseJourney
  }`,
  [BlacklistingFields, RuleCheckFields, CourseJourneyFields],
);

/** Every course with everything its page shows. */
export const COURSE_DETAILS = graphql(
  `
  query SiteCourseDetails($first: Int!, $after: String) {
    courses(first: $first, after: $after, orderBy: START_DATE_DESC) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...SiteCourseDetail }
    }
  }`,
  [CourseDetailFields],
);

/** The courses named, with everything their pages show (what a partial build re-reads). */
export const COURSE_DETAILS_BY_ID = graphql(
  `
  query SiteCourseDetailsById($ids: [ID!]!) {
    nodes(ids: $ids) { ... on Course { ...SiteCourseDetail } }
  }`,
  [CourseDetailFields],
);

/** Everything the course page shows of one course. */
export type CourseDetail = ResultOf<typeof CourseDetailFields>;
/** How to join a class: what to bring, whom to ask, until when. */
export type HowToJoin = CourseDetail['howToJoin'];
/** One thing to know or bring, with its clause where one exists. */
export type JoinItem = HowToJoin['whoMayEnrol'];
/** One condition of the subsidy checker, with whether it holds for this class. */
export type EligibilityCondition = CourseDetail['subsidyConditions']['conditions'][number];

/** Every course with everything its page shows, latest start first. */
export function fetchCourseDetails(): Promise<CourseDetail[]> {
  return queryAll(COURSE_DETAILS, {}, (d) => d.courses);
}

/** The courses named (global IDs), with everything their pages show; those gone are left out. */
export function fetchCourseDetailsById(ids: readonly string[]): Promise<CourseDetail[]> {
  return queryByIds<CourseDetail>(COURSE_DETAILS_BY_ID, ids);
}
