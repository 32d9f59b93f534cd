/**
 * URLs of the site. Chinese pages live at /…, English ones at /en/… with the same path, and
 * every URL ends in "/" (trailingSlash: 'always').
 */
import type { Lang } from '../i18n';

/** The `[...lang]` route parameter: none for Chinese (the root), `en` for English. */
export function langParam(lang: Lang): string | undefined {
  return lang === 'en' ? 'en' : undefined;
}

/** The page language from the `[...lang]` parameter; anything unexpected fails the build. */
export function langFromParam(param: string | undefined): Lang {
  if (param === undefined) return 'zh-CN';
  if (param === 'en') return 'en';
  throw new Error(`Unknown language segment "${param}"`);
}

/** A language-neutral path (`/courses/x/`) in `lang`. */
export function href(lang: Lang, path: string): string {
  return lang === 'en' ? `/en${path}` : path;
}

/** The other language of the two. */
export function otherLang(lang: Lang): Lang {
  return lang === 'en' ? 'zh-CN' : 'en';
}

// Global IDs are base64url already, but a character outside it would make a broken URL:
// better to stop the build than to publish it.
const URL_SAFE = /^[A-Za-z0-9_-]+$/;
function segment(value: string, what: string): string {
  if (!URL_SAFE.test(value)) throw new Error(`${what} "${value}" is not URL-safe`);
  return value;
}

export const paths = {
  home: () => '/',
  about: (anchor?: string) => (anchor ? `/about/#${anchor}` : '/about/'),
  courses: (page = 1) => (page === 1 ? '/courses/' : `/courses/page/${page}/`),
  course: (id: string) => `/courses/${segment(id, 'Course id')}/`,
  occupation: (code: string) => `/occupations/${segment(code, 'Occupation code')}/`,
  institution: (id: string) => `/institutions/${segment(id, 'Institution id')}/`,
};
