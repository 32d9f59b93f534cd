/**
 * The benchmark's workloads in each server's dialect: this API's GraphQL, PostGraphile's
 * generated GraphQL, and the floors' JSON parameters (one SQL statement each). The single query
 * is one case; the varied mix is every combination of 16 counties (the busiest county of each
 * 州市: PostGraphile's conditions are equalities, and a county is a region filter the API takes
 * as it is), four page sizes, two orders and with or without the detail fields.
 */

/** One request of a workload, as every dialect can say it. */
export interface BenchCase {
  /** County code the classes are held in, or null for all. */
  county: string | null;
  /** Page size. */
  first: number;
  /** Latest start first (else earliest first). */
  desc: boolean;
  /** Also the class's end date, capacity, enrolled, fee and the institution's type and licence. */
  detail: boolean;
}

/** The single query's case: `courses(first: 20)`, earliest start first, no filter. */
export const SINGLE_CASE: BenchCase = { county: null, first: 20, desc: false, detail: false };

/** Page sizes of the mix. */
const PAGE_SIZES = [5, 10, 20, 50];

/**
 * The mix: every combination of the counties given, the page sizes, both orders, with and
 * without detail (16 counties give 256 distinct requests).
 * @example mixCases(['530102', '530302']).length // 32
 */
export function mixCases(counties: string[]): BenchCase[] {
  const cases: BenchCase[] = [];
  for (const county of counties)
    for (const first of PAGE_SIZES)
      for (const desc of [false, true]) for (const detail of [false, true]) cases.push({ county, first, desc, detail });
  return cases;
}

/**
 * The case as this API's GraphQL (the single case is exactly bench-query.ts's BENCH_QUERY).
 * @example apiQuery(SINGLE_CASE) === BENCH_QUERY // true
 */
export function apiQuery(c: BenchCase): string {
  const args = [`first: ${c.first}`];
  if (c.county) args.push(`filter: { region: "${c.county}" }`);
  if (c.desc) args.push('orderBy: START_DATE_DESC');
  const detail = c.detail ? ' endDate capacity enrolled feeYuan' : '';
  const institution = c.detail ? 'name type licenceNumber' : 'name';
  return `{ courses(${args.join(', ')}) { edges { cursor node { id title startDate subsidyPerTrainee${detail} institution { ${institution} } occupation { code name } region { code name } } } } }`;
}

/**
 * The case in PostGraphile 5's generated schema (Amber preset): the same rows, columns and order.
 * @example pglQuery(SINGLE_CASE) // '{ allCourses(first: 20, orderBy: [START_DATE_ASC, ROW_ID_ASC]) { … } }'
 */
export function pglQuery(c: BenchCase): string {
  const dir = c.desc ? 'DESC' : 'ASC';
  const args = [`first: ${c.first}`, `orderBy: [START_DATE_${dir}, ROW_ID_${dir}]`];
  if (c.county) args.push(`condition: { countyCode: "${c.county}" }`);
  const detail = c.detail ? ' endDate capacity enrolled feeYuan' : '';
  const institution = c.detail ? 'name type licenceNumber' : 'name';
  return `{ allCourses(${args.join(', ')}) { edges { cursor node { rowId title startDate subsidyPerTrainee${detail} institutionByInstitutionId { ${institution} } occupationByOccupationCode { code name } regionByCountyCode { code name } } } } }`;
}

/** The dialects of the servers measured. */
export type Dialect = 'api' | 'postgraphile' | 'floor';

/**
 * The POST body of the case in a dialect (the floors read the case itself).
 * @example postBody('floor', SINGLE_CASE) // '{"floor":{"county":null,…}}'
 */
export function postBody(dialect: Dialect, c: BenchCase): string {
  if (dialect === 'floor') return JSON.stringify({ floor: c });
  return JSON.stringify({ query: dialect === 'api' ? apiQuery(c) : pglQuery(c) });
}

/**
 * The GET path of the case in this API's dialect (cacheable: an anonymous read sent as GET).
 * @example getPath(SINGLE_CASE) // '/graphql?query=%7B%20courses…'
 */
export function getPath(c: BenchCase): string {
  return `/graphql?query=${encodeURIComponent(apiQuery(c))}`;
}

/** Node of a course in a comparable form, whatever the dialect answered. */
export interface ComparableRow {
  id: number;
  title: string;
  startDate: string;
  subsidy: number;
  institution: string;
  occupation: string;
  region: string;
  detail: string;
}

/**
 * The rows of an answer in comparable form: ids as integers (this API's and the floors' are
 * global IDs `Course:<n>` in base64, PostGraphile's a `rowId`), relations flattened.
 * @example comparableRows('postgraphile', { data: { allCourses: { edges: [] } } }) // []
 */
export function comparableRows(dialect: Dialect, body: any): ComparableRow[] {
  const edges = dialect === 'postgraphile' ? body?.data?.allCourses?.edges : body?.data?.courses?.edges;
  if (!Array.isArray(edges)) throw new Error(`no edges in ${JSON.stringify(body).slice(0, 300)}`);
  return edges.map(({ node: n }: any) => {
    const pgl = dialect === 'postgraphile';
    const inst = pgl ? n.institutionByInstitutionId : n.institution;
    const occ = pgl ? n.occupationByOccupationCode : n.occupation;
    const reg = pgl ? n.regionByCountyCode : n.region;
    const id = pgl ? n.rowId : Number(Buffer.from(n.id, 'base64').toString('utf8').split(':')[1]);
    return {
      id,
      title: n.title,
      startDate: n.startDate,
      subsidy: n.subsidyPerTrainee,
      institution: inst.name,
      occupation: `${occ.code} ${occ.name}`,
      region: `${reg.code} ${reg.name}`,
      detail: JSON.stringify([n.endDate, n.capacity, n.enrolled, n.feeYuan, inst.type, inst.licenceNumber]),
    };
  });
}
