/**
 * The occupations and the subsidised directory (补贴目录), edition by edition.
 */
import { query, queryAll, queryByIds } from '../api';
import { graphql, type ResultOf } from './graphql';

/** Every occupation with its certificates and groups. */
export const OCCUPATIONS = graphql(`
  query SiteOccupations($first: Int!, $after: String) {
    occupations(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { code name certificateTypes certificationIsDemo hasNationalStandard groups { code level name } }
    }
  }`);

/** What an occupation's page shows. A group's `level` is `major`, `middle` or `minor`. */
export type OccupationDetail = ResultOf<typeof OCCUPATIONS>['occupations']['nodes'][number];

/** All 1,639 occupations: 17 requests, fewer than asking for each occupation that has a page. */
export function fetchOccupations(): Promise<OccupationDetail[]> {
  return queryAll(OCCUPATIONS, {}, (d) => d.occupations);
}

/** The published editions of the directory. */
export const DIRECTORY_EDITIONS = graphql(`
  query SiteDirectoryEditions {
    directoryEditions { year title documentNumber publishedOn isDemo source }
  }`);

/** One edition of the directory (its year, document and date). */
export type DirectoryEdition = ResultOf<typeof DIRECTORY_EDITIONS>['directoryEditions'][number];

/** One edition's entries, a connection walked to its end. */
export const DIRECTORY_ENTRIES = graphql(`
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
  }`);

/** One entry of the directory: an occupation, certificate and level with its hours and subsidy. */
export type DirectoryEntry = ResultOf<typeof DIRECTORY_ENTRIES>['directory']['entries']['nodes'][number];

/** The editions, newest first, each with all its entries in directory order. */
export async function fetchDirectory(): Promise<{ edition: DirectoryEdition; entries: DirectoryEntry[] }[]> {
  const { directoryEditions } = await query(DIRECTORY_EDITIONS);
  return Promise.all(
    directoryEditions.map(async (edition) => ({
      edition,
      entries: await queryAll(DIRECTORY_ENTRIES, { year: edition.year }, (d) => d.directory.entries),
    })),
  );
}

/** The codes of occupations named by global ID. */
export const OCCUPATION_CODES_BY_ID = graphql(`
  query SiteOccupationCodesById($ids: [ID!]!) {
    nodes(ids: $ids) { ... on Occupation { id code } }
  }`);

/** Each occupation's code by its global ID; those gone are left out. */
export async function fetchOccupationCodes(ids: readonly string[]): Promise<Map<string, string>> {
  const found = await queryByIds<{ id: string; code: string }>(OCCUPATION_CODES_BY_ID, ids);
  return new Map(found.map((o) => [o.id, o.code]));
}
