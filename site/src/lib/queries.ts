/**
 * The GraphQL queries of the build and the shapes they return (see /schema.graphql).
 *
 * Every list is walked through its connection 100 items at a time (`queryAll`), never one
 * request per page: the whole site (≈ 8,000 pages at scale 1) needs about a hundred requests.
 * Each page type has its own selection, no wider than that page shows, so the build holds
 * little in memory and the API does little work.
 */
import { query, queryAll, type Connection } from './api';

// ---------------------------------------------------------------------------------------------
// Enums, as in the schema. The i18n files label every value (`enum.<Type>.<VALUE>`).

export type CertificateType = 'SKILL_LEVEL' | 'SPECIAL_ABILITY' | 'SPECIAL_OPERATION' | 'TRAINING_QUALIFIED' | 'VOCATIONAL_QUALIFICATION';
export type SkillLevel = 'LEVEL_1' | 'LEVEL_2' | 'LEVEL_3' | 'LEVEL_4' | 'LEVEL_5' | 'NONE';
export type CourseMode = 'MIXED' | 'OFFLINE' | 'ONLINE';
export type CourseStatus = 'CANCELLED' | 'FINISHED' | 'IN_PROGRESS' | 'PLANNED';
export type CourseCategory = 'ENTREPRENEURSHIP' | 'SKILLS';
export type Enrolment = 'OWN_STAFF' | 'PUBLIC';
export type TargetGroup =
  | 'COLLEGE_GRADUATES' | 'DISABLED' | 'ENTERPRISE_STAFF' | 'FOREST_RANGERS' | 'MIGRANT_WORKERS'
  | 'NON_PROGRESSING_GRADUATES' | 'POVERTY_ALLEVIATED' | 'RELOCATED_LABOUR' | 'RETIRED_FISHERS'
  | 'UNEMPLOYED' | 'VETERANS';
export type InstitutionType =
  | 'ENTERPRISE_TRAINING_CENTRE' | 'HIGH_SKILL_BASE' | 'PRIVATE_TRAINING_INSTITUTION' | 'PROVINCIAL_PROJECT_UNIT'
  | 'PUBLIC_TRAINING_BASE' | 'TECHNICAL_SCHOOL' | 'VOCATIONAL_COLLEGE';
export type InstitutionStanding = 'BLACKLISTED' | 'GOOD' | 'LICENCE_REVOKED';
export type AgencyType = 'EMPLOYER' | 'SKILL_APPRAISAL_CENTRE' | 'SOCIAL_TRAINING_EVALUATOR' | 'TECHNICAL_SCHOOL';
export type NoticeStatus = 'CLOSED' | 'IN_OBJECTION_PERIOD' | 'WITHDRAWN';
/** `YYYY-MM-DD`, no time zone. */
export type LocalDate = string;

export interface RuleCheck {
  ruleId: string;
  passed: boolean;
  message: string;
  messageEn: string;
  clause: string;
  documentTitle: string;
  documentDate: string;
}

export interface Blacklisting {
  from: LocalDate;
  until: LocalDate;
  reason: string | null;
}

// ---------------------------------------------------------------------------------------------
// Courses

/** What a course card and a course link show (lists, occupation and institution pages). */
export interface CourseCard {
  id: string;
  title: string;
  startDate: LocalDate;
  endDate: LocalDate;
  level: SkillLevel;
  certificateType: CertificateType;
  status: CourseStatus;
  /** Whether a worker can join it today (报名中, 已满, 报名已截止, 进行中, 已结束, 已取消), as the API computes it. */
  enrolmentStatus: string;
  /** Places left (capacity − enrolled). */
  seatsLeft: number;
  feeYuan: number;
  subsidyPerTrainee: number;
  isDemo: boolean;
  region: { code: string; name: string };
  prefecture: { code: string; name: string };
  occupation: { code: string; name: string };
  institution: { id: string; name: string; standing: InstitutionStanding };
}

const COURSE_CARDS = /* GraphQL */ `
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
  }`;

/**
 * Every course as a card, latest start first: the order of the course list (a worker looks
 * for classes that are about to start or just started, not for those of three years ago).
 */
export function fetchCourseCards(): Promise<CourseCard[]> {
  return queryAll<{ courses: Connection<CourseCard> }, CourseCard>(COURSE_CARDS, {}, (d) => d.courses);
}

/** Everything the course page shows. */
export interface CourseDetail {
  id: string;
  classNumber: string;
  title: string;
  category: CourseCategory;
  certificateType: CertificateType;
  level: SkillLevel;
  status: CourseStatus;
  cancelledOn: LocalDate | null;
  startDate: LocalDate;
  endDate: LocalDate;
  totalHours: number;
  hoursPerDay: number;
  mode: CourseMode;
  address: string | null;
  platform: { name: string; url: string } | null;
  region: { code: string; name: string };
  prefecture: { name: string };
  feeYuan: number;
  subsidised: boolean;
  subsidyPerTrainee: number;
  acceptsVouchers: boolean;
  capacity: number;
  enrolled: number;
  seatsLeft: number;
  enrolment: Enrolment;
  targetGroups: TargetGroup[];
  textbook: string | null;
  isDemo: boolean;
  soleAgencyExemption: boolean;
  programme: { key: string; name: string };
  occupation: { code: string; name: string };
  directoryEntry: { year: number; minHours: number; subsidyPerTrainee: number } | null;
  institution: {
    id: string;
    name: string;
    type: InstitutionType;
    standing: InstitutionStanding;
    isDemo: boolean;
    licenceRevokedOn: LocalDate | null;
    blacklisting: Blacklisting | null;
  };
  projectUnit: { id: string; name: string } | null;
  assessingAgency: { name: string; type: AgencyType; isDemo: boolean } | null;
  compliance: RuleCheck[];
  // Issue 12 §3 (course journey): joining, the subsidy checker and outcomes.
  enrolmentStatus: EnrolmentStatus;
  howToJoin: HowToJoin;
  subsidyConditions: { amountYuan: number | null; amountClause: string | null; conditions: EligibilityCondition[] };
  outcomes: { notices: string[]; listed: SuppressedCount; certified: SuppressedCount; subsidised: SuppressedCount } | null;
  institutionOutcomes: { from: LocalDate; to: LocalDate; classes: number; classesWithNotice: number; listed: SuppressedCount; certificationRate: SuppressedCount };
}

// ---- course journey (issue 12 §3) ----
/** Whether a worker can join a class today. */
export type EnrolmentStatus = 'ENROLLING' | 'FULL' | 'ENROLMENT_CLOSED' | 'RUNNING' | 'FINISHED' | 'CANCELLED';
/** One thing to know or bring, with its clause where one exists. */
export interface JoinItem { id: string; text: string; textEn: string; clause: string | null }
export interface HowToJoin {
  status: EnrolmentStatus;
  enrolmentCloses: LocalDate;
  enrolmentClosesSource: 'RECORDED' | 'DAY_BEFORE_START';
  seatsLeft: number;
  institutionName: string;
  address: string | null;
  phone: string | null;
  askBureau: string;
  whoMayEnrol: JoinItem;
  bring: JoinItem[];
}
export interface EligibilityCondition {
  id: string;
  condition: string;
  conditionEn: string;
  question: string | null;
  questionEn: string | null;
  holds: boolean | null;
  whyNot: string;
  whyNotEn: string;
  clause: string | null;
}
/** A count (or rate) shown only about 10 people or more. */
export interface SuppressedCount { suppressed: boolean; display: string; displayEn: string }
const COURSE_JOURNEY_FIELDS = `
        enrolmentStatus
        howToJoin {
          status enrolmentCloses enrolmentClosesSource seatsLeft institutionName address phone askBureau
          whoMayEnrol { id text textEn clause } bring { id text textEn clause }
        }
        subsidyConditions { amountYuan amountClause conditions { id condition conditionEn question questionEn holds whyNot whyNotEn clause } }
        outcomes { notices listed { suppressed display displayEn } certified { suppressed display displayEn } subsidised { suppressed display displayEn } }
        institutionOutcomes { from to classes classesWithNotice listed { suppressed display displayEn } certificationRate { suppressed display displayEn } }`;

const COURSE_DETAILS = /* GraphQL */ `
  query SiteCourseDetails($first: Int!, $after: String) {
    courses(first: $first, after: $after, orderBy: START_DATE_DESC) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id classNumber title category certificateType level status cancelledOn
        startDate endDate totalHours hoursPerDay mode address
        platform { name url }
        region { code name } prefecture { name }
        feeYuan subsidised subsidyPerTrainee acceptsVouchers
        capacity enrolled seatsLeft enrolment targetGroups textbook isDemo soleAgencyExemption
        programme { key name }
        occupation { code name }
        directoryEntry { year minHours subsidyPerTrainee }
        institution { id name type standing isDemo licenceRevokedOn blacklisting { from until reason } }
        projectUnit { id name }
        assessingAgency { name type isDemo }
        compliance { ruleId passed message messageEn clause documentTitle documentDate }
        ${COURSE_JOURNEY_FIELDS}
      }
    }
  }`;

export function fetchCourseDetails(): Promise<CourseDetail[]> {
  return queryAll<{ courses: Connection<CourseDetail> }, CourseDetail>(COURSE_DETAILS, {}, (d) => d.courses);
}

// ---------------------------------------------------------------------------------------------
// Institutions

export interface AnnualTarget {
  year: number;
  table: string;
  metricLabel: string;
  value: string;
  unit: string;
  persons: number;
  isTotal: boolean;
  unitName: string;
  source: string;
  region: { name: string } | null;
}

export interface InstitutionDetail {
  id: string;
  name: string;
  type: InstitutionType;
  isDemo: boolean;
  creditCode: string | null;
  licenceNumber: string | null;
  licenceRevokedOn: LocalDate | null;
  standing: InstitutionStanding;
  blacklisting: Blacklisting | null;
  ownerCompany: string | null;
  address: string | null;
  source: string;
  region: { code: string; name: string; parent: { name: string } | null };
  scope: { code: string; name: string }[];
  targets: AnnualTarget[];
  compliance: RuleCheck[];
  subsidyYears: InstitutionSubsidyYear[];
}

/** One year of an institution's subsidy notices. */
export interface InstitutionSubsidyYear {
  year: number;
  notices: number;
  withdrawnNotices: number;
  trainees: number;
  amount: number;
  listed: number;
  certified: number;
  certifiedShare: number | null;
  averageWorkingDaysToNotice: number | null;
  onTimeShare: number | null;
  flaggedNotices: number;
  flags: { flagId: string; title: string; titleEn: string; basis: string; notices: number }[];
}

const INSTITUTIONS = /* GraphQL */ `
  query SiteInstitutions($first: Int!, $after: String) {
    institutions(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id name type isDemo creditCode licenceNumber licenceRevokedOn standing
        blacklisting { from until reason }
        ownerCompany address source
        region { code name parent { name } }
        scope { code name }
        targets { year table metricLabel value unit persons isTotal unitName source region { name } }
        compliance { ruleId passed message messageEn clause documentTitle documentDate }
        subsidyYears { year notices withdrawnNotices trainees amount listed certified certifiedShare averageWorkingDaysToNotice onTimeShare
          flaggedNotices flags { flagId title titleEn basis notices } }
      }
    }
  }`;

export function fetchInstitutions(): Promise<InstitutionDetail[]> {
  return queryAll<{ institutions: Connection<InstitutionDetail> }, InstitutionDetail>(INSTITUTIONS, {}, (d) => d.institutions);
}

// ---------------------------------------------------------------------------------------------
// Occupations and the subsidised directory

export interface OccupationDetail {
  code: string;
  name: string;
  certificateTypes: CertificateType[];
  certificationIsDemo: boolean;
  hasNationalStandard: boolean | null;
  groups: { code: string; level: 'major' | 'middle' | 'minor'; name: string }[];
}

const OCCUPATIONS = /* GraphQL */ `
  query SiteOccupations($first: Int!, $after: String) {
    occupations(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { code name certificateTypes certificationIsDemo hasNationalStandard groups { code level name } }
    }
  }`;

/** All 1,639 occupations: 17 requests, fewer than asking for each occupation that has a page. */
export function fetchOccupations(): Promise<OccupationDetail[]> {
  return queryAll<{ occupations: Connection<OccupationDetail> }, OccupationDetail>(OCCUPATIONS, {}, (d) => d.occupations);
}

export interface DirectoryEdition {
  year: number;
  title: string;
  documentNumber: string;
  publishedOn: LocalDate;
  isDemo: boolean;
  source: string;
}

export interface DirectoryEntry {
  year: number;
  certificateType: CertificateType;
  level: SkillLevel;
  minHours: number;
  subsidyPerTrainee: number;
  isKeyOccupation: boolean;
  effectiveFrom: LocalDate;
  effectiveTo: LocalDate | null;
  isDemo: boolean;
  occupation: { code: string; name: string };
}

const DIRECTORY_EDITIONS = /* GraphQL */ `
  query SiteDirectoryEditions {
    directoryEditions { year title documentNumber publishedOn isDemo source }
  }`;

const DIRECTORY_ENTRIES = /* GraphQL */ `
  query SiteDirectoryEntries($year: Int!, $first: Int!, $after: String) {
    directory(year: $year) {
      entries(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          year certificateType level minHours subsidyPerTrainee isKeyOccupation effectiveFrom effectiveTo isDemo
          occupation { code name }
        }
      }
    }
  }`;

/** The editions, newest first, each with all its entries in directory order. */
export async function fetchDirectory(): Promise<{ edition: DirectoryEdition; entries: DirectoryEntry[] }[]> {
  const { directoryEditions } = await query<{ directoryEditions: DirectoryEdition[] }>(DIRECTORY_EDITIONS);
  return Promise.all(
    directoryEditions.map(async (edition) => ({
      edition,
      entries: await queryAll<{ directory: { entries: Connection<DirectoryEntry> } }, DirectoryEntry>(
        DIRECTORY_ENTRIES,
        { year: edition.year },
        (d) => d.directory.entries,
      ),
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// Home page and about page

export interface Programme {
  seq: number;
  key: string;
  name: string;
  group: string;
  unit: string;
  target2021: string | null;
  target2025: string;
  source: string;
}

export interface NoticeSummary {
  number: string;
  title: string;
  publishedOn: LocalDate;
  objectionUntil: LocalDate;
  status: NoticeStatus;
  totalAmount: number;
  lineCount: number;
  isDemo: boolean;
  bureau: { name: string };
  course: { id: string } | null;
}

const HOME = /* GraphQL */ `
  query SiteHome {
    programmes { seq key name group unit target2021 target2025 source }
    subsidyNotices(first: 5, orderBy: PUBLISHED_DESC) {
      nodes { number title publishedOn objectionUntil status totalAmount lineCount isDemo bureau { name } course { id } }
    }
  }`;

/** The 16 programmes and the 5 latest notices: one request, the home page's own. */
export async function fetchHome(): Promise<{ programmes: Programme[]; notices: NoticeSummary[] }> {
  const data = await query<{ programmes: Programme[]; subsidyNotices: { nodes: NoticeSummary[] } }>(HOME);
  return { programmes: data.programmes, notices: data.subsidyNotices.nodes };
}

/** Real and demo record counts per kind, for the about page. */
export interface DemoCounts {
  courses: { real: number; demo: number };
  institutions: { real: number; demo: number };
  agencies: { real: number; demo: number };
  notices: { real: number; demo: number };
  occupations: number;
  programmes: number;
  platforms: number;
}

// Counting needs only totalCount: `first: 1` keeps each count's cost at one item.
const COUNTS = /* GraphQL */ `
  query SiteCounts {
    coursesReal: courses(first: 1, filter: { isDemo: false }) { totalCount }
    coursesDemo: courses(first: 1, filter: { isDemo: true }) { totalCount }
    institutionsReal: institutions(first: 1, filter: { isDemo: false }) { totalCount }
    institutionsDemo: institutions(first: 1, filter: { isDemo: true }) { totalCount }
    agenciesReal: evaluationAgencies(first: 1, filter: { isDemo: false }) { totalCount }
    agenciesDemo: evaluationAgencies(first: 1, filter: { isDemo: true }) { totalCount }
    noticesReal: subsidyNotices(first: 1, filter: { isDemo: false }) { totalCount }
    noticesDemo: subsidyNotices(first: 1, filter: { isDemo: true }) { totalCount }
    occupations(first: 1) { totalCount }
    programmes { seq }
    onlinePlatforms { seq }
  }`;

interface Count {
  totalCount: number;
}
interface CountsData {
  coursesReal: Count; coursesDemo: Count;
  institutionsReal: Count; institutionsDemo: Count;
  agenciesReal: Count; agenciesDemo: Count;
  noticesReal: Count; noticesDemo: Count;
  occupations: Count;
  programmes: unknown[];
  onlinePlatforms: unknown[];
}

export async function fetchCounts(): Promise<DemoCounts> {
  const d = await query<CountsData>(COUNTS);
  return {
    courses: { real: d.coursesReal.totalCount, demo: d.coursesDemo.totalCount },
    institutions: { real: d.institutionsReal.totalCount, demo: d.institutionsDemo.totalCount },
    agencies: { real: d.agenciesReal.totalCount, demo: d.agenciesDemo.totalCount },
    notices: { real: d.noticesReal.totalCount, demo: d.noticesDemo.totalCount },
    occupations: d.occupations.totalCount,
    programmes: d.programmes.length,
    platforms: d.onlinePlatforms.length,
  };
}

// ---------------------------------------------------------------------------------------------
// Subsidy notices (公示) with all their lines

export interface NoticeLineCheck {
  ruleId: string;
  passed: boolean;
  message: string;
  messageEn: string;
  clause: string;
}

export interface NoticeLine {
  /** An upheld objection cancelled the claim on this line. */
  cancelled: boolean;
  seq: number;
  maskedName: string;
  maskedId: string;
  level: SkillLevel;
  certificateNumber: string | null;
  attendanceRate: number;
  amount: number;
  eligible: boolean;
  eligibility: NoticeLineCheck[];
}

export interface NoticeDetail {
  id: string;
  number: string;
  title: string;
  publishedOn: LocalDate;
  objectionUntil: LocalDate;
  status: NoticeStatus;
  withdrawnOn: LocalDate | null;
  withdrawnReason: string | null;
  objectionWorkingDays: number;
  objectionWorkingDates: LocalDate[];
  revision: number;
  revisions: NoticeRevision[];
  objections: NoticeObjection[];
  redFlags: NoticeRedFlag[];
  totalAmount: number;
  lineCount: number;
  isDemo: boolean;
  bureau: { name: string };
  course: { id: string; title: string; classNumber: string } | null;
  lines: NoticeLine[];
}

/** One published revision of a notice, with the hashes of the chain. */
export interface NoticeRevision {
  revision: number;
  publishedOn: LocalDate;
  reason: string | null;
  lineCount: number;
  totalAmount: number;
  sha256: string;
  previousSha256: string | null;
}

/** A red flag: what to look at twice, and its clause. */
export interface NoticeRedFlag {
  flagId: string;
  message: string;
  messageEn: string;
  clause: string;
  documentTitle: string;
  lineSeqs: number[];
}

/** An objection and its outcome. */
export interface NoticeObjection {
  lineSeq: number | null;
  receivedOn: LocalDate;
  summary: string;
  status: 'RECEIVED' | 'UPHELD' | 'REJECTED';
  decidedOn: LocalDate | null;
  outcome: string | null;
}

const NOTICE_LINE_FIELDS = /* GraphQL */ `
  seq maskedName maskedId level certificateNumber attendanceRate amount eligible cancelled
  eligibility { ruleId passed message messageEn clause }`;

/**
 * Notices with their lines, revisions, objections and red flags: 18 notices × 70 lines stay
 * under the cost limit of 5,000 (the API reports each request's cost in `extensions.cost`), and
 * no notice has more than 70 lines at scale 1, so 2,586 notices take 144 requests. A notice
 * with more lines than that gets its remaining lines with follow-up requests.
 */
const NOTICES_PER_REQUEST = 18;
const NOTICE_LINES_PER_REQUEST = 70;

const NOTICES = /* GraphQL */ `
  query SiteNotices($first: Int!, $after: String, $lines: Int!) {
    subsidyNotices(first: $first, after: $after, orderBy: PUBLISHED_DESC) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id number title publishedOn objectionUntil status withdrawnOn withdrawnReason totalAmount lineCount isDemo
        objectionWorkingDays objectionWorkingDates revision
        revisions { revision publishedOn reason lineCount totalAmount sha256 previousSha256 }
        objections { lineSeq receivedOn summary status decidedOn outcome }
        redFlags { flagId message messageEn clause documentTitle lineSeqs }
        bureau { name }
        course { id title classNumber }
        lines(first: $lines) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { ${NOTICE_LINE_FIELDS} }
        }
      }
    }
  }`;

const NOTICE_MORE_LINES = /* GraphQL */ `
  query SiteNoticeMoreLines($id: ID!, $after: String) {
    node(id: $id) {
      ... on SubsidyNotice {
        lines(first: 100, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { ${NOTICE_LINE_FIELDS} }
        }
      }
    }
  }`;

type RawNotice = Omit<NoticeDetail, 'lines'> & { lines: Connection<NoticeLine> };

/** Every notice, newest first, with all its lines in line order. */
export async function fetchNotices(): Promise<NoticeDetail[]> {
  const notices: NoticeDetail[] = [];
  let after: string | null = null;
  for (;;) {
    const data: { subsidyNotices: Connection<RawNotice> } = await query(NOTICES, {
      first: NOTICES_PER_REQUEST,
      after,
      lines: NOTICE_LINES_PER_REQUEST,
    });
    for (const raw of data.subsidyNotices.nodes) {
      const lines = [...raw.lines.nodes];
      let page = raw.lines.pageInfo;
      while (page.hasNextPage) {
        const more: { node: { lines: Connection<NoticeLine> } } = await query(NOTICE_MORE_LINES, { id: raw.id, after: page.endCursor });
        lines.push(...more.node.lines.nodes);
        page = more.node.lines.pageInfo;
      }
      notices.push({ ...raw, lines });
    }
    if (!data.subsidyNotices.pageInfo.hasNextPage) break;
    after = data.subsidyNotices.pageInfo.endCursor;
  }
  return notices;
}

// ---------------------------------------------------------------------------------------------
// Evaluation agencies

export interface AgencyDetail {
  id: string;
  name: string;
  type: AgencyType;
  isDemo: boolean;
  alsoTrains: boolean;
  creditCode: string | null;
  source: string;
  region: { name: string; parent: { name: string } | null };
  trainingInstitution: { id: string; name: string } | null;
  fees: { item: string; level: SkillLevel; feeYuan: number }[];
  scope: {
    certificateType: CertificateType;
    level: SkillLevel;
    recordedFrom: LocalDate;
    recordedUntil: LocalDate | null;
    occupation: { code: string; name: string };
  }[];
}

const AGENCIES = /* GraphQL */ `
  query SiteAgencies($first: Int!, $after: String) {
    evaluationAgencies(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id name type isDemo alsoTrains creditCode source
        region { name parent { name } }
        trainingInstitution { id name }
        fees { item level feeYuan }
        scope { certificateType level recordedFrom recordedUntil occupation { code name } }
      }
    }
  }`;

export function fetchAgencies(): Promise<AgencyDetail[]> {
  return queryAll<{ evaluationAgencies: Connection<AgencyDetail> }, AgencyDetail>(AGENCIES, {}, (d) => d.evaluationAgencies);
}

// ---------------------------------------------------------------------------------------------
// The target tables of a year, whole (the /targets/ page)

export type TargetTable = 'ENTREPRENEURSHIP' | 'PREFECTURE_PLAN' | 'PROVINCIAL_PROJECT' | 'TECHNICAL_SCHOOL';

/** One figure of a published target table, with where it sits in the table. */
export interface TargetFigure {
  table: TargetTable;
  seq: number;
  metric: string;
  metricLabel: string;
  value: string;
  unit: string;
  persons: number;
  isTotal: boolean;
  unitName: string;
  source: string;
  region: { name: string } | null;
  institution: { id: string; name: string } | null;
}

const ANNUAL_TARGETS = /* GraphQL */ `
  query SiteAnnualTargets($year: Int!) {
    annualTargets(year: $year) {
      table seq metric metricLabel value unit persons isTotal unitName source
      region { name }
      institution { id name }
    }
  }`;

/** Every figure of a year's target tables, in table and row order: one request. */
export async function fetchAnnualTargets(year: number): Promise<TargetFigure[]> {
  const data = await query<{ annualTargets: TargetFigure[] }>(ANNUAL_TARGETS, { year });
  return data.annualTargets;
}

// ---------------------------------------------------------------------------------------------
// The course finder: regions for its selects, and where the browser searches

/** A 州市 with its counties, for the finder's region selects. */
export interface PrefectureOption {
  code: string;
  name: string;
  counties: { code: string; name: string }[];
}

/** Where browsers search: Meilisearch's public URL and its search-only key. */
export interface SearchEndpoint {
  url: string;
  searchKey: string;
}

const FINDER_REGIONS = /* GraphQL */ `
  query SiteFinderRegions {
    regions(level: PREFECTURE) { code name children { code name } }
  }`;

/** The 16 州市 and their counties in code order. */
export async function fetchPrefectures(): Promise<PrefectureOption[]> {
  const data = await query<{ regions: { code: string; name: string; children: PrefectureOption['counties'] }[] }>(FINDER_REGIONS);
  return data.regions.map((p) => ({ code: p.code, name: p.name, counties: p.children }));
}

const SEARCH_ENDPOINT = /* GraphQL */ `
  query SiteSearchEndpoint {
    searchEndpoint { url searchKey }
  }`;

/**
 * The search endpoint, or null when the API runs without search (`SEARCH=off`, or
 * Meilisearch down): the course list then stays the static, paginated one.
 */
export async function fetchSearchEndpoint(): Promise<SearchEndpoint | null> {
  try {
    return (await query<{ searchEndpoint: SearchEndpoint }>(SEARCH_ENDPOINT)).searchEndpoint;
  } catch (error) {
    if (error instanceof Error && error.message.includes('SEARCH_UNAVAILABLE')) {
      console.warn(`[site] no search island: ${error.message}`);
      return null;
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The Atom feed of notice events

/** One event in the life of a notice. */
export interface NoticeChange {
  kind: 'PUBLISHED' | 'REVISED' | 'WITHDRAWN' | 'OBJECTION_RECEIVED' | 'OBJECTION_DECIDED';
  on: LocalDate;
  revision: number | null;
  reason: string | null;
  objection: { status: 'RECEIVED' | 'UPHELD' | 'REJECTED'; outcome: string | null; lineSeq: number | null } | null;
  notice: { id: string; number: string; title: string; isDemo: boolean; bureau: { name: string } };
}

const CHANGES = /* GraphQL */ `
  query SiteChanges($first: Int!) {
    changes(since: "2000-01-01T00:00:00+08:00", first: $first, newestFirst: true) {
      nodes {
        kind on revision reason
        objection { status outcome lineSeq }
        notice { id number title isDemo bureau { name } }
      }
    }
  }`;

/** The latest `first` events, newest first (what the feed lists). */
export async function fetchLatestChanges(first = 100): Promise<NoticeChange[]> {
  return (await query<{ changes: { nodes: NoticeChange[] } }>(CHANGES, { first })).changes.nodes;
}

// ---------------------------------------------------------------------------------------------
// The subsidy dashboards (/subsidies/): totals, targets, programmes, top institutions, flags

/** A group of a year's subsidy totals. */
export interface SubsidyTotal {
  key: string;
  label: string;
  notices: number;
  trainees: number;
  amount: number;
  listed: number;
  certified: number;
  timedNotices: number;
  onTimeNotices: number;
  certifiedShare: number | null;
  subsidisedShare: number | null;
  averageWorkingDaysToNotice: number | null;
  onTimeShare: number | null;
  target: { value: string; unit: string; persons: number; share: number | null; metricLabel: string; source: string } | null;
}

/** What the notices show delivered against a target figure. */
export interface TargetDelivery {
  measured: boolean;
  basis: string;
  basisEn: string;
  delivered: number | null;
  share: number | null;
}

/** A programme with its targets and what the notices show for a year. */
export interface ProgrammeProgress {
  key: string;
  seq: number;
  name: string;
  unit: string;
  target2021: string | null;
  target2025: string;
  delivery: { measured: boolean; inYear: number; sinceStart: number; target2021Persons: number | null; target2025Persons: number | null; shareOf2021: number | null; shareOf2025: number | null };
}

/** One kind of red flag. */
export interface FlagKind {
  flagId: string;
  title: string;
  titleEn: string;
  basis: string;
}

/** Everything one year's dashboard shows. */
export interface SubsidyYearData {
  year: number;
  byPrefecture: SubsidyTotal[];
  byProgramme: SubsidyTotal[];
  byCertificate: SubsidyTotal[];
  programmes: ProgrammeProgress[];
  /** The five institutions with the most subsidised trainees, per 州市 (8号 四(二)). */
  top: { prefecture: { code: string; name: string }; institutions: SubsidyTotal[] }[];
  flags: (FlagKind & { notices: number })[];
  targets: (TargetFigure & { delivery: TargetDelivery })[];
}

const TOTAL_FIELDS = /* GraphQL */ `key label notices trainees amount listed certified timedNotices onTimeNotices certifiedShare subsidisedShare averageWorkingDaysToNotice onTimeShare
  target { value unit persons share metricLabel source }`;

const SUBSIDY_YEARS = /* GraphQL */ `
  query SiteSubsidyYears {
    ${Array.from({ length: new Date().getFullYear() - 2020 }, (_, i) => 2021 + i).map((y) => `y${y}: subsidyTotals(year: ${y}, groupBy: PREFECTURE) { notices }`).join('\n    ')}
    redFlagKinds { flagId title titleEn basis }
  }`;

/** The years with published notices (newest first) and the kinds of red flag. */
export async function fetchSubsidyYears(): Promise<{ years: number[]; flagKinds: FlagKind[] }> {
  const data = await query<Record<string, { notices: number }[]> & { redFlagKinds: FlagKind[] }>(SUBSIDY_YEARS);
  const years = Object.entries(data)
    .filter(([k, v]) => k.startsWith('y') && Array.isArray(v) && v.reduce((s, r) => s + (r as { notices: number }).notices, 0) > 0)
    .map(([k]) => Number(k.slice(1)))
    .sort((a, b) => b - a);
  return { years, flagKinds: data.redFlagKinds };
}

/** One year's dashboard data: three requests (totals and programmes; top five per 州市; flag counts and targets). */
export async function fetchSubsidyYear(year: number, prefectures: { code: string; name: string }[], flagKinds: FlagKind[]): Promise<SubsidyYearData> {
  const totals = await query<{ byPrefecture: SubsidyTotal[]; byProgramme: SubsidyTotal[]; byCertificate: SubsidyTotal[]; programmes: ProgrammeProgress[] }>(/* GraphQL */ `
    query SiteSubsidyTotals($year: Int!) {
      byPrefecture: subsidyTotals(year: $year, groupBy: PREFECTURE) { ${TOTAL_FIELDS} }
      byProgramme: subsidyTotals(year: $year, groupBy: PROGRAMME) { ${TOTAL_FIELDS} }
      byCertificate: subsidyTotals(year: $year, groupBy: CERTIFICATE_TYPE) { ${TOTAL_FIELDS} }
      programmes { key seq name unit target2021 target2025
        delivery(year: $year) { measured inYear sinceStart target2021Persons target2025Persons shareOf2021 shareOf2025 } }
    }`, { year });
  const top = await query<Record<string, SubsidyTotal[]>>(/* GraphQL */ `
    query SiteTopInstitutions($year: Int!) {
      ${prefectures.map((p) => `p${p.code}: topInstitutions(year: $year, prefecture: "${p.code}") { ${TOTAL_FIELDS} }`).join('\n      ')}
    }`, { year });
  const rest = await query<Record<string, { totalCount: number }> & { annualTargets: SubsidyYearData['targets'] }>(/* GraphQL */ `
    query SiteSubsidyFlags($year: Int!, $from: LocalDate!, $to: LocalDate!) {
      ${flagKinds.map((k, i) => `f${i}: subsidyNotices(first: 1, filter: { flag: "${k.flagId}", publishedFrom: $from, publishedTo: $to }) { totalCount }`).join('\n      ')}
      annualTargets(year: $year) {
        table seq metric metricLabel value unit persons isTotal unitName source
        region { name }
        institution { id name }
        delivery { measured basis basisEn delivered share }
      }
    }`, { year, from: `${year}-01-01`, to: `${year}-12-31` });
  return {
    year,
    ...totals,
    top: prefectures.map((p) => ({ prefecture: p, institutions: top[`p${p.code}`] ?? [] })),
    flags: flagKinds.map((k, i) => ({ ...k, notices: rest[`f${i}`]?.totalCount ?? 0 })),
    targets: rest.annualTargets,
  };
}

// ---------------------------------------------------------------------------------------------
// The institution directory's blacklist page (/institutions/blacklist/)

export type BlacklistingStatus = 'CURRENT' | 'ENDED' | 'LIFTED';

/** What the blacklist shows of the institution concerned. */
export interface BlacklistedInstitution {
  id: string;
  name: string;
  type: InstitutionType;
  isDemo: boolean;
  standing: InstitutionStanding;
  region: { code: string; name: string; parent: { name: string } | null };
  licenceRevocation: { on: LocalDate; document: string | null; reason: string | null } | null;
}

/** One blacklisting (8号 四(三)) with its status today. */
export interface BlacklistEntry {
  from: LocalDate;
  until: LocalDate;
  status: BlacklistingStatus | null;
  reason: string | null;
  document: string | null;
  liftedOn: LocalDate | null;
  liftDocument: string | null;
  liftReason: string | null;
  institution: BlacklistedInstitution;
}

const BLACKLISTED_INSTITUTION_FIELDS = 'id name type isDemo standing region { code name parent { name } } licenceRevocation { on document reason }';

const BLACKLISTINGS = /* GraphQL */ `
  query SiteBlacklistings($first: Int!, $after: String) {
    blacklistings(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { from until status reason document liftedOn liftDocument liftReason institution { ${BLACKLISTED_INSTITUTION_FIELDS} } }
    }
  }`;

/** Every blacklisting in force by today, current ones first (the API's order). */
export function fetchBlacklistings(): Promise<BlacklistEntry[]> {
  return queryAll<{ blacklistings: Connection<BlacklistEntry> }, BlacklistEntry>(BLACKLISTINGS, {}, (d) => d.blacklistings);
}

const REVOKED_INSTITUTIONS = /* GraphQL */ `
  query SiteRevokedInstitutions($first: Int!, $after: String) {
    institutions(first: $first, after: $after, filter: { standing: LICENCE_REVOKED }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ${BLACKLISTED_INSTITUTION_FIELDS} }
    }
  }`;

/** Every institution whose licence is revoked today (云人社通〔2022〕50号 (十九)). */
export function fetchRevokedInstitutions(): Promise<BlacklistedInstitution[]> {
  return queryAll<{ institutions: Connection<BlacklistedInstitution> }, BlacklistedInstitution>(REVOKED_INSTITUTIONS, {}, (d) => d.institutions);
}
