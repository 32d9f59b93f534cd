import {
  AGENCY_FIELDS as AGENCY,
  COURSE_FIELDS as COURSE,
  eq,
  gte,
  INSTITUTION_FIELDS as INSTITUTION,
  lte,
  OCCUPATION_FIELDS as OCCUPATION,
  regionFilter,
} from './vocabulary';

/** Conditions a search may be narrowed by; the same as the list filters of the API. */
export interface SearchFilterInput {
  region?: string | null;
  occupation?: string | null;
  level?: string | null;
  certificateType?: string | null;
  mode?: string | null;
  /** Inclusive day numbers (days since 1970-01-01) of the start date. */
  startFromDay?: number | null;
  startToDay?: number | null;
  programme?: string | null;
  targetGroup?: string | null;
  subsidised?: boolean | null;
  institutionType?: string | null;
  isDemo?: boolean | null;
}

/** Which filter fields each index has (a filter an index lacks is an error, not silently ignored). */
export const FILTER_FIELDS: Record<string, readonly (keyof SearchFilterInput)[]> = {
  courses: [
    'region',
    'occupation',
    'level',
    'certificateType',
    'mode',
    'startFromDay',
    'startToDay',
    'programme',
    'targetGroup',
    'subsidised',
    'institutionType',
    'isDemo',
  ],
  occupations: ['certificateType'],
  institutions: ['region', 'institutionType', 'isDemo'],
  agencies: ['region', 'occupation', 'level', 'isDemo'],
  notices: ['region', 'isDemo'],
};

/**
 * Meilisearch filter expressions (all must hold) for an index.
 * @throws Error naming the first filter field the index does not have
 * @example buildFilter('courses', { region: '530100', subsidised: true }) // ['regionCodes = "530100"', 'subsidised = true']
 */
export function buildFilter(index: string, f: SearchFilterInput | null | undefined): string[] {
  if (!f) return [];
  const allowed = FILTER_FIELDS[index] ?? [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(f) as [keyof SearchFilterInput, unknown][]) {
    if (value == null) continue;
    if (!allowed.includes(key))
      throw new Error(
        `filter.${key === 'startFromDay' ? 'startFrom' : key === 'startToDay' ? 'startTo' : key}: the ${index} index cannot be filtered by it`,
      );
  }
  if (f.region) out.push(regionFilter(f.region));
  if (f.occupation) out.push(eq(index === 'agencies' ? AGENCY.occupationCodes : COURSE.occupationCode, f.occupation));
  if (f.level) out.push(eq(index === 'agencies' ? AGENCY.levels : COURSE.level, f.level));
  if (f.certificateType)
    out.push(eq(index === 'occupations' ? OCCUPATION.certificateTypes : COURSE.certificateType, f.certificateType));
  if (f.mode) out.push(eq(COURSE.mode, f.mode));
  if (f.startFromDay != null) out.push(gte(COURSE.startDay, f.startFromDay));
  if (f.startToDay != null) out.push(lte(COURSE.startDay, f.startToDay));
  if (f.programme) out.push(eq(COURSE.programme, f.programme));
  if (f.targetGroup) out.push(eq(COURSE.targetGroups, f.targetGroup));
  if (f.subsidised != null) out.push(eq(COURSE.subsidised, f.subsidised));
  if (f.institutionType)
    out.push(eq(index === 'institutions' ? INSTITUTION.type : COURSE.institutionType, f.institutionType));
  // Every index with a demo flag names it the same.
  if (f.isDemo != null) out.push(eq(COURSE.isDemo, f.isDemo));
  return out;
}
