/**
 * URLs of the notice, agency and accessibility pages, in the style of `paths` in paths.ts
 * (kept apart so the pages could be added without touching that file; merge when convenient).
 * Notice numbers contain Chinese and 〔〕, so notice URLs use the notice's global ID.
 */
const URL_SAFE = /^[A-Za-z0-9_-]+$/;
function segment(value: string, what: string): string {
  if (!URL_SAFE.test(value)) throw new Error(`${what} "${value}" is not URL-safe`);
  return value;
}

export const recordPaths = {
  notices: (page = 1) => (page === 1 ? '/notices/' : `/notices/page/${page}/`),
  notice: (id: string) => `/notices/${segment(id, 'Notice id')}/`,
  agencies: (page = 1) => (page === 1 ? '/agencies/' : `/agencies/page/${page}/`),
  agency: (id: string) => `/agencies/${segment(id, 'Agency id')}/`,
  accessibility: () => '/accessibility/',
};

/** "county, prefecture" data of a record's region, as the agency pages show it. */
export function regionParts(region: { name: string; parent: { name: string } | null }): { county: string; prefecture: string } | null {
  return region.parent && region.parent.name !== '云南省' ? { county: region.name, prefecture: region.parent.name } : null;
}
