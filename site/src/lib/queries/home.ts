/**
 * The home page (programmes and the latest notices) and the about page (real and demo counts).
 */
import { query } from '../api';
import { graphql, type ResultOf } from './graphql';

/** The programmes and the 5 latest notices. */
export const HOME = graphql(`
  query SiteHome {
    programmes { seq key name group unit target2021 target2025 source }
    subsidyNotices(first: 5, orderBy: PUBLISHED_DESC) {
      nodes { number title publishedOn objectionUntil status totalAmount lineCount isDemo bureau { name } course { id } }
    }
  }`);

/** One of the 16 programmes of the 2021–2025 plan. */
export type Programme = ResultOf<typeof HOME>['programmes'][number];
/** What the home page shows of a notice. */
export type NoticeSummary = ResultOf<typeof HOME>['subsidyNotices']['nodes'][number];

/** The 16 programmes and the 5 latest notices: one request, the home page's own. */
export async function fetchHome(): Promise<{ programmes: Programme[]; notices: NoticeSummary[] }> {
  const data = await query(HOME);
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
export const COUNTS = graphql(`
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
  }`);

/** The about page's counts: one request. */
export async function fetchCounts(): Promise<DemoCounts> {
  const d = await query(COUNTS);
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
