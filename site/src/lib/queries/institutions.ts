/**
 * The training institutions: each with everything its page shows, and the blacklist page's
 * blacklistings and revoked licences (/institutions/blacklist/).
 */
import { queryAll } from '../api';
import { BlacklistingFields, RuleCheckFields, graphql, type ResultOf } from './graphql';

/** Every institution with its targets, compliance and subsidy years. */
export const INSTITUTIONS = graphql(
  `
  query SiteInstitutions($first: Int!, $after: String) {
    institutions(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id name type isDemo creditCode licenceNumber licenceRevokedOn standing
        blacklisting { ...SiteBlacklisting }
        ownerCompany address source
        region { code name parent { name } }
        scope { code name }
        targets { year table metricLabel value unit persons isTotal unitName source region { name } }
        compliance { ...SiteRuleCheck }
        subsidyYears { year notices withdrawnNotices trainees amount listed certified certifiedShare averageWorkingDaysToNotice onTimeShare
          flaggedNotices flags { flagId title titleEn basis notices } }
      }
    }
  }`,
  [BlacklistingFields, RuleCheckFields],
);

/** Everything an institution's page shows. */
export type InstitutionDetail = ResultOf<typeof INSTITUTIONS>['institutions']['nodes'][number];
/** One of the institution's rows in a year's target tables. */
export type AnnualTarget = InstitutionDetail['targets'][number];
/** One year of an institution's subsidy notices. */
export type InstitutionSubsidyYear = InstitutionDetail['subsidyYears'][number];

/** Every institution, in the API's order. */
export function fetchInstitutions(): Promise<InstitutionDetail[]> {
  return queryAll(INSTITUTIONS, {}, (d) => d.institutions);
}

/** Every institution's ID alone: what a slice of a full build links by (100 a request). */
export const INSTITUTION_IDS = graphql(`
  query SiteInstitutionIds($first: Int!, $after: String) {
    institutions(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id }
    }
  }`);

/** The IDs of every institution. */
export async function fetchInstitutionIds(): Promise<string[]> {
  return (await queryAll(INSTITUTION_IDS, {}, (d) => d.institutions)).map((i) => i.id);
}

/** What the blacklist shows of the institution concerned. */
const BlacklistedInstitutionFields = graphql(`
  fragment SiteBlacklistedInstitution on Institution {
    id name type isDemo standing region { code name parent { name } } licenceRevocation { on document reason }
  }`);

/** What the blacklist shows of the institution concerned. */
export type BlacklistedInstitution = ResultOf<typeof BlacklistedInstitutionFields>;

/** Every blacklisting (8号 四(三)) in force by today with its status today. */
export const BLACKLISTINGS = graphql(
  `
  query SiteBlacklistings($first: Int!, $after: String) {
    blacklistings(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { from until status reason document liftedOn liftDocument liftReason institution { ...SiteBlacklistedInstitution } }
    }
  }`,
  [BlacklistedInstitutionFields],
);

/** One blacklisting (8号 四(三)) with its status today. */
export type BlacklistEntry = ResultOf<typeof BLACKLISTINGS>['blacklistings']['nodes'][number];

/** Every blacklisting in force by today, current ones first (the API's order). */
export function fetchBlacklistings(): Promise<BlacklistEntry[]> {
  return queryAll(BLACKLISTINGS, {}, (d) => d.blacklistings);
}

/** Every institution whose licence is revoked today. */
export const REVOKED_INSTITUTIONS = graphql(
  `
  query SiteRevokedInstitutions($first: Int!, $after: String) {
    institutions(first: $first, after: $after, filter: { standing: LICENCE_REVOKED }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...SiteBlacklistedInstitution }
    }
  }`,
  [BlacklistedInstitutionFields],
);

/** Every institution whose licence is revoked today (云人社通〔2022〕50号 (十九)). */
export function fetchRevokedInstitutions(): Promise<BlacklistedInstitution[]> {
  return queryAll(REVOKED_INSTITUTIONS, {}, (d) => d.institutions);
}
