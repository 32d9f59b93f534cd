/**
 * The words a search of the catalogue's indexes is written in: each index's field names, the
 * filter and sort expressions built from them, and the quoting of values. The API's search
 * service (filters.ts), the document mappers (documents.ts) and the site's finders in the
 * browser all build their Meilisearch expressions from here, so a renamed field or a changed
 * region rule is changed once.
 *
 * Browser-safe on purpose: no Node module and no Meilisearch client are imported, and the
 * package also builds this file as an ES module (`@skills-yunnan/search/vocabulary`) for the
 * site's bundler.
 */

/** `{ name: 'name' }` for each name: field names that can be imported instead of retyped. */
function fieldNames<const T extends readonly string[]>(names: T): { readonly [K in T[number]]: K } {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as { readonly [K in T[number]]: K };
}

/** The indexes' uids. @example INDEX_UIDS.notices // 'notices' */
export const INDEX_UIDS = fieldNames(['courses', 'occupations', 'institutions', 'agencies', 'notices']);

/**
 * Fields of a course document (documents.ts `toCourseDocument` has exactly these).
 * @example COURSE_FIELDS.prefectureCode // 'prefectureCode'
 */
export const COURSE_FIELDS = fieldNames([
  'id',
  'globalId',
  'classNumber',
  'title',
  'occupationCode',
  'occupationName',
  'occupationLabel',
  'aliases',
  'institutionId',
  'institutionName',
  'institutionType',
  'certificateType',
  'level',
  'category',
  'mode',
  'countyCode',
  'countyName',
  'prefectureCode',
  'prefectureName',
  'regionCodes',
  'startDate',
  'endDate',
  'startDay',
  'endDay',
  'closesDay',
  'enrolmentCloses',
  'capacity',
  'placesLeft',
  'startMonth',
  'programme',
  'programmeName',
  'targetGroups',
  'subsidised',
  'subsidyPerTrainee',
  'feeYuan',
  'acceptsVouchers',
  'cancelled',
  'isDemo',
  'aliasesPinyin',
  'occupationPinyin',
  'occupationPinyinJoined',
  'occupationInitials',
  'institutionPinyin',
  'institutionPinyinJoined',
  'institutionInitials',
]);

/** Fields of an occupation document; its id is the classification code. */
export const OCCUPATION_FIELDS = fieldNames([
  'id',
  'globalId',
  'code',
  'name',
  'aliases',
  'groups',
  'majorGroup',
  'certificateTypes',
  'hasNationalStandard',
  'directoryYears',
  'inDirectory',
  'aliasesPinyin',
  'namePinyin',
  'namePinyinJoined',
  'nameInitials',
]);

/** Fields of an institution document. */
export const INSTITUTION_FIELDS = fieldNames([
  'id',
  'globalId',
  'name',
  'type',
  'creditCode',
  'countyName',
  'prefectureName',
  'regionCodes',
  'blacklistedFromDay',
  'blacklistedUntilDay',
  'licenceRevokedDay',
  'isDemo',
  'namePinyin',
  'namePinyinJoined',
  'nameInitials',
]);

/** Fields of an evaluation agency document. */
export const AGENCY_FIELDS = fieldNames([
  'id',
  'globalId',
  'name',
  'type',
  'countyName',
  'prefectureName',
  'regionCodes',
  'occupationCodes',
  'occupationNames',
  'levels',
  'alsoTrains',
  'isDemo',
  'namePinyin',
  'namePinyinJoined',
  'nameInitials',
]);

/** Fields of a subsidy notice document (its header: trainee lines are never indexed). */
export const NOTICE_FIELDS = fieldNames([
  'id',
  'globalId',
  'number',
  'title',
  'bureauName',
  'regionCodes',
  'publishedOn',
  'publishedDay',
  'objectionUntil',
  'objectionUntilDay',
  'withdrawn',
  'totalAmount',
  'lineCount',
  'occupationName',
  'institutionId',
  'institutionName',
  'institutionLabel',
  'flags',
  'flagged',
  'isDemo',
]);

/** Every index's fields, by index uid. */
export const INDEX_FIELDS = {
  courses: COURSE_FIELDS,
  occupations: OCCUPATION_FIELDS,
  institutions: INSTITUTION_FIELDS,
  agencies: AGENCY_FIELDS,
  notices: NOTICE_FIELDS,
} as const satisfies Record<keyof typeof INDEX_UIDS, unknown>;

/** The public indexes. */
export type IndexName = keyof typeof INDEX_UIDS;
/** A field of one index. @example const f: FieldOf<'notices'> = 'flagged'; */
export type FieldOf<I extends IndexName> = keyof (typeof INDEX_FIELDS)[I];
/** A field of any index: what the builders below accept. */
export type Field = { [I in IndexName]: FieldOf<I> }[IndexName];
/** A document of index `I` as the vocabulary sees it: every field, values of any type. */
export type DocumentShape<I extends IndexName> = Record<FieldOf<I>, unknown>;

/** The province's own region code: every document with a place also carries it in `regionCodes`. */
export const PROVINCE_CODE = '530000';

/**
 * Quotes a value for a Meilisearch filter expression: double quotes, with `\` and `"` escaped.
 * @example quote('a"b') // '"a\\"b"'
 */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A value in a filter: text is quoted, numbers and booleans are written bare. */
export type FilterValue = string | number | boolean;

function literal(value: FilterValue): string {
  return typeof value === 'string' ? quote(value) : String(value);
}

/** `field = value`. @example eq('level', 'LEVEL_4') // 'level = "LEVEL_4"' */
export function eq(field: Field, value: FilterValue): string {
  return `${field} = ${literal(value)}`;
}

/** `field != value`. @example ne('countyCode', '530102') // 'countyCode != "530102"' */
export function ne(field: Field, value: FilterValue): string {
  return `${field} != ${literal(value)}`;
}

/** `field > n`. @example gt('placesLeft', 0) // 'placesLeft > 0' */
export function gt(field: Field, n: number): string {
  return `${field} > ${n}`;
}

/** `field >= n`. @example gte('startDay', 19000) // 'startDay >= 19000' */
export function gte(field: Field, n: number): string {
  return `${field} >= ${n}`;
}

/** `field < n`. @example lt('endDay', 20778) // 'endDay < 20778' */
export function lt(field: Field, n: number): string {
  return `${field} < ${n}`;
}

/** `field <= n`. @example lte('publishedDay', 19121) // 'publishedDay <= 19121' */
export function lte(field: Field, n: number): string {
  return `${field} <= ${n}`;
}

/** `field IS NULL`. @example isNull('licenceRevokedDay') // 'licenceRevokedDay IS NULL' */
export function isNull(field: Field): string {
  return `${field} IS NULL`;
}

/**
 * `field IN [values]`: any of the values.
 * @example anyOf('occupationCode', ['6-18-02-04']) // 'occupationCode IN ["6-18-02-04"]'
 */
export function anyOf(field: Field, values: readonly string[]): string {
  return `${field} IN [${values.map(quote).join(', ')}]`;
}

/**
 * Any of the conditions, in parentheses so it can stand beside others.
 * @example either(isNull('licenceRevokedDay'), gt('licenceRevokedDay', 20000)) // '(licenceRevokedDay IS NULL OR licenceRevokedDay > 20000)'
 */
export function either(...conditions: readonly string[]): string {
  return `(${conditions.join(' OR ')})`;
}

/**
 * The records in a region: the province, a 州市 or a county (GB/T 2260 code). Documents carry
 * their county's, their 州市's and the province's codes in `regionCodes`, so one condition
 * covers a region and everything inside it.
 * @example regionFilter('530100') // 'regionCodes = "530100"'
 */
export function regionFilter(code: string): string {
  return eq('regionCodes', code);
}

/** A sort rule, lowest first. @example ascending('startDay') // 'startDay:asc' */
export function ascending(field: Field): string {
  return `${field}:asc`;
}

/** A sort rule, highest first. @example descending('publishedDay') // 'publishedDay:desc' */
export function descending(field: Field): string {
  return `${field}:desc`;
}

/**
 * Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`): dates are indexed as these numbers so
 * Meilisearch can filter and sort on them.
 * @example dayNumber('1970-01-02') // 1
 */
export function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);
}
