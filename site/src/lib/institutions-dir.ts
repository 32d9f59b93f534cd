/**
 * The institution directory (/institutions/, 云人社通〔2022〕50号 (十七): 及时公布…培训机构…目录，
 * 方便劳动者查询选择) as plain functions: how institutions are ordered and grouped by place,
 * the URL slugs of types and standings, and the browser search's state and Meilisearch filters.
 * The pages and src/scripts/institution-finder.ts only wire them; the tests check them here.
 */
import { either, eq, gt, INSTITUTION_FIELDS as I, isNull, lte, regionFilter } from '@skills-yunnan/search/vocabulary';
import type { InstitutionStanding, InstitutionType } from './queries';

/** Rows per page of the paginated lists: one short line each, so 50 stay light on a phone. */
export const INSTITUTIONS_PER_LIST_PAGE = 50;

/** The region code of the province: provincial units are registered there, not in a 州市. */
export const PROVINCE_CODE = '530000';

export const INSTITUTION_TYPES: readonly InstitutionType[] = [
  'TECHNICAL_SCHOOL',
  'VOCATIONAL_COLLEGE',
  'PRIVATE_TRAINING_INSTITUTION',
  'ENTERPRISE_TRAINING_CENTRE',
  'PUBLIC_TRAINING_BASE',
  'HIGH_SKILL_BASE',
  'PROVINCIAL_PROJECT_UNIT',
];

export const INSTITUTION_STANDINGS: readonly InstitutionStanding[] = ['GOOD', 'BLACKLISTED', 'LICENCE_REVOKED'];

const STANDING_SLUGS: Record<InstitutionStanding, string> = {
  GOOD: 'good',
  BLACKLISTED: 'blacklisted',
  LICENCE_REVOKED: 'revoked',
};

/**
 * The URL segment of a type: lower case, dashes.
 * @example typeSlug('TECHNICAL_SCHOOL') === 'technical-school'
 */
export function typeSlug(type: InstitutionType): string {
  return type.toLowerCase().replace(/_/g, '-');
}

/** The type of a URL segment, or null. @example typeOfSlug('technical-school') === 'TECHNICAL_SCHOOL' */
export function typeOfSlug(slug: string): InstitutionType | null {
  return INSTITUTION_TYPES.find((t) => typeSlug(t) === slug) ?? null;
}

/** The URL segment of a standing. @example standingSlug('LICENCE_REVOKED') === 'revoked' */
export function standingSlug(standing: InstitutionStanding): string {
  return STANDING_SLUGS[standing];
}

/** The standing of a URL segment, or null. @example standingOfSlug('blacklisted') === 'BLACKLISTED' */
export function standingOfSlug(slug: string): InstitutionStanding | null {
  return INSTITUTION_STANDINGS.find((s) => STANDING_SLUGS[s] === slug) ?? null;
}

/** The directory's pages of lists, without the language prefix. */
export const dirPaths = {
  index: () => '/institutions/',
  blacklist: () => '/institutions/blacklist/',
  region: (code: string) => `/institutions/region/${code}/`,
  /** Page `page` of a list whose page 1 is `base` (`/institutions/type/x/`). */
  page: (base: string, page: number) => (page === 1 ? base : `${base}page/${page}/`),
  type: (type: InstitutionType) => `/institutions/type/${typeSlug(type)}/`,
  standing: (standing: InstitutionStanding) => `/institutions/standing/${standingSlug(standing)}/`,
};

/** What the directory needs of an institution. */
export interface DirInstitution {
  id: string;
  name: string;
  type: InstitutionType;
  isDemo: boolean;
  standing: InstitutionStanding;
  region: { code: string; name: string };
}

/** A 州市 and its counties (GB/T 2260), as the API lists them. */
export interface Prefecture {
  code: string;
  name: string;
  counties: { code: string; name: string }[];
}

/** Where an institution sits: its 州市 and county codes (county null at 州市 level; both null for the province). */
export function placeCodes(
  regionCode: string,
  prefectures: readonly Prefecture[],
): { prefecture: string | null; county: string | null } {
  for (const p of prefectures) {
    if (p.code === regionCode) return { prefecture: p.code, county: null };
    if (p.counties.some((c) => c.code === regionCode)) return { prefecture: p.code, county: regionCode };
  }
  return { prefecture: null, county: null };
}

const collator = new Intl.Collator('zh-CN');

/**
 * The directory order: province-level units first, then 州市 and county in code order (the
 * order of GB/T 2260, which official lists use), units registered at 州市 level before its
 * counties, and by name (pinyin order) within a place.
 * @example sortForDirectory(list, prefectures)[0].region.code === '530000'
 */
export function sortForDirectory<T extends DirInstitution>(
  list: readonly T[],
  prefectures: readonly Prefecture[],
): T[] {
  const key = (i: T) => {
    const { prefecture, county } = placeCodes(i.region.code, prefectures);
    return `${prefecture ?? '000000'}|${county ?? '000000'}`;
  };
  return [...list].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1);
  });
}

/** One place of a 州市 page: the 州市 itself (units registered at 州市 level) or one county. */
export interface PlaceGroup<T> {
  code: string;
  name: string;
  institutions: T[];
}

/**
 * A 州市's institutions by place: those registered at 州市 level first, then each county in
 * code order; places without institutions are left out. Names sorted within each place.
 */
export function groupByCounty<T extends DirInstitution>(prefecture: Prefecture, list: readonly T[]): PlaceGroup<T>[] {
  const places = [{ code: prefecture.code, name: prefecture.name }, ...prefecture.counties];
  return places
    .map((p) => ({
      ...p,
      institutions: list.filter((i) => i.region.code === p.code).sort((a, b) => collator.compare(a.name, b.name)),
    }))
    .filter((g) => g.institutions.length > 0);
}

/** How many of `list` fall in each value of `keyOf`, in the order of `values` (zeros kept). */
export function countBy<T, K extends string>(
  list: readonly T[],
  values: readonly K[],
  keyOf: (item: T) => K,
): { value: K; count: number }[] {
  const counts = new Map<K, number>();
  for (const item of list) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return values.map((value) => ({ value, count: counts.get(value) ?? 0 }));
}

// ---------------------------------------------------------------------------------------------
// The browser search over the `institutions` index (name, pinyin, initials, credit code)

/** A search: text, and optionally a 州市, a type and a standing today. Empty strings mean "any". */
export interface InstitutionSearch {
  q: string;
  prefecture: string;
  type: '' | InstitutionType;
  standing: '' | InstitutionStanding;
  page: number;
}

export const EMPTY_INSTITUTION_SEARCH: Readonly<InstitutionSearch> = Object.freeze({
  q: '',
  prefecture: '',
  type: '',
  standing: '',
  page: 1,
});

/**
 * Reads a search from a URL's query; malformed values are dropped, so an edited link still opens.
 * @example parseInstitutionSearch(new URLSearchParams('q=kunming&standing=blacklisted')) // { q: 'kunming', standing: 'BLACKLISTED', … }
 */
export function parseInstitutionSearch(params: URLSearchParams): InstitutionSearch {
  const get = (k: string) => (params.get(k) ?? '').trim();
  const page = Number.parseInt(get('page'), 10);
  return {
    q: get('q').slice(0, 100),
    prefecture: /^53\d{2}00$/.test(get('prefecture')) && get('prefecture') !== PROVINCE_CODE ? get('prefecture') : '',
    type: typeOfSlug(get('type')) ?? '',
    standing: standingOfSlug(get('standing')) ?? '',
    page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1,
  };
}

/**
 * The query string of a search (defaults left out, slugs for type and standing).
 * @example institutionSearchQuery({ ...EMPTY_INSTITUTION_SEARCH, q: '昆明', type: 'TECHNICAL_SCHOOL' }) === 'q=%E6%98%86%E6%98%8E&type=technical-school'
 */
export function institutionSearchQuery(s: InstitutionSearch): string {
  const out = new URLSearchParams();
  if (s.q) out.set('q', s.q);
  if (s.prefecture) out.set('prefecture', s.prefecture);
  if (s.type) out.set('type', typeSlug(s.type));
  if (s.standing) out.set('standing', standingSlug(s.standing));
  if (s.page > 1) out.set('page', String(s.page));
  return out.toString();
}

/** Whether the search asks for anything (an empty one leaves the static lists in place). */
export function isActiveSearch(s: InstitutionSearch): boolean {
  return Boolean(s.q || s.prefecture || s.type || s.standing);
}

/** The dates of a standing as the index stores them: days since 1970-01-01, or null. */
export interface StandingDays {
  blacklistedFromDay: number | null;
  blacklistedUntilDay: number | null;
  licenceRevokedDay: number | null;
}

/**
 * An institution's standing on day `today` (days since 1970-01-01), the API's rule
 * (institution.rules.ts, 8号 四(三), 50号 (十九)): a revoked licence outranks the blacklist;
 * a bar counts from its first day up to, not including, its end.
 * @example standingOnDay({ blacklistedFromDay: 10, blacklistedUntilDay: 20, licenceRevokedDay: null }, 20) === 'GOOD'
 */
export function standingOnDay(d: StandingDays, today: number): InstitutionStanding {
  if (d.licenceRevokedDay !== null && d.licenceRevokedDay <= today) return 'LICENCE_REVOKED';
  if (
    d.blacklistedFromDay !== null &&
    d.blacklistedUntilDay !== null &&
    d.blacklistedFromDay <= today &&
    today < d.blacklistedUntilDay
  )
    return 'BLACKLISTED';
  return 'GOOD';
}

/**
 * Meilisearch filters (all must hold) of a search on day `today`: the same standing rule as
 * {@link standingOnDay}, written as conditions on the indexed days.
 * @example institutionFilters({ ...EMPTY_INSTITUTION_SEARCH, standing: 'LICENCE_REVOKED' }, 20000) // ['licenceRevokedDay <= 20000']
 */
export function institutionFilters(s: InstitutionSearch, today: number): string[] {
  const out: string[] = [];
  if (s.prefecture) out.push(regionFilter(s.prefecture));
  if (s.type) out.push(eq(I.type, s.type));
  const licensed = either(isNull(I.licenceRevokedDay), gt(I.licenceRevokedDay, today));
  if (s.standing === 'LICENCE_REVOKED') out.push(lte(I.licenceRevokedDay, today));
  else if (s.standing === 'BLACKLISTED')
    out.push(licensed, lte(I.blacklistedFromDay, today), gt(I.blacklistedUntilDay, today));
  else if (s.standing === 'GOOD')
    out.push(
      licensed,
      either(isNull(I.blacklistedFromDay), gt(I.blacklistedFromDay, today), lte(I.blacklistedUntilDay, today)),
    );
  return out;
}

/** What a result line shows. */
export const INSTITUTION_HIT_ATTRIBUTES = [
  I.globalId,
  I.name,
  I.type,
  I.creditCode,
  I.countyName,
  I.prefectureName,
  I.isDemo,
  I.blacklistedFromDay,
  I.blacklistedUntilDay,
  I.licenceRevokedDay,
] as const;
