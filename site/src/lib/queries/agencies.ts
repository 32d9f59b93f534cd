/**
 * The evaluation agencies (评价机构), each with its fees and recorded scope.
 */
import { queryAll } from '../api';
import { graphql, type ResultOf } from './graphql';

/** Every evaluation agency with what its page shows. */
export const AGENCIES = graphql(`
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
  }`);

/** What an agency's page shows. */
export type AgencyDetail = ResultOf<typeof AGENCIES>['evaluationAgencies']['nodes'][number];

/** Every evaluation agency, in the API's order. */
export function fetchAgencies(): Promise<AgencyDetail[]> {
  return queryAll(AGENCIES, {}, (d) => d.evaluationAgencies);
}
