/**
 * URLs of the site. Chinese pages live at /…, English ones at /en/… with the same path, and
 * every URL ends in "/" (trailingSlash: 'always').
 */
import { LANGS, type Lang } from '../i18n';

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
  /** The classes enrolling in a 州市 today (a static page, no JavaScript needed). */
  coursesIn: (prefecture: string) => `/courses/in/${segment(prefecture, 'Prefecture code')}/`,
  occupation: (code: string) => `/occupations/${segment(code, 'Occupation code')}/`,
  institution: (id: string) => `/institutions/${segment(id, 'Institution id')}/`,
  // Notice numbers contain Chinese and 〔〕, so notice URLs use the notice's global ID.
  /** The latest notices; older ones are on {@link paths.noticesPage}. */
  notices: () => '/notices/',
  /** Page `page` of the notice list, counted from the oldest notice (lib/notice-archive.ts). */
  noticesPage: (page: number) => `/notices/page/${page}/`,
  notice: (id: string) => `/notices/${segment(id, 'Notice id')}/`,
  agencies: (page = 1) => (page === 1 ? '/agencies/' : `/agencies/page/${page}/`),
  agency: (id: string) => `/agencies/${segment(id, 'Agency id')}/`,
  accessibility: () => '/accessibility/',
  /** The disclosure log: what it proves and how to check it (its files are under /log/ too). */
  log: () => '/log/',
};

/** The props every list page gets, plus its own slice of items as `extra`. */
export type ListPageProps<X> = { lang: Lang; page: number; pages: number; total: number } & X;

/** How many pages a list of `total` items makes (at least one, so an empty list still has its page). */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/**
 * The routes of a list's pages 2… (page 1 is the list's index route), in every language: each
 * page gets only its own slice as props, so memory grows with the page, not with the catalogue.
 * @example return laterListPages(cards, 20, (courses) => ({ courses }));
 */
export function laterListPages<T, X>(items: readonly T[], perPage: number, toProps: (slice: T[], lang: Lang) => X) {
  const pages = pageCount(items.length, perPage);
  return LANGS.flatMap((lang) =>
    Array.from({ length: pages - 1 }, (_, i) => {
      const page = i + 2;
      const props: ListPageProps<X> = {
        lang,
        page,
        pages,
        total: items.length,
        ...toProps(items.slice((page - 1) * perPage, page * perPage), lang),
      };
      return { params: { lang: langParam(lang), n: String(page) }, props };
    }),
  );
}

/**
 * The own pages of the classes and notices named, in both languages: what the slices of a full
 * build made in parts write, for the sitemap of its rest.
 * @example recordPages({ courses: ['Q291cnNlOjE'], notices: [] }) // ['/courses/Q291cnNlOjE/', '/en/courses/Q291cnNlOjE/']
 */
export function recordPages(records: { courses: readonly string[]; notices: readonly string[] }): string[] {
  return LANGS.flatMap((lang) => [
    ...records.courses.map((id) => href(lang, paths.course(id))),
    ...records.notices.map((id) => href(lang, paths.notice(id))),
  ]);
}

/**
 * The files the page at `address` may be built as, in the order nginx and the site server of
 * `npm start` look for them (`build.format: 'preserve'` in astro.config.mjs): a route's page is
 * `x/y.html`, an index route's `x/y/index.html`; the home page is `index.html`.
 * @example pageFiles('/en/courses/x/') // ['en/courses/x.html', 'en/courses/x/index.html']
 */
export function pageFiles(address: string): string[] {
  if (!address.startsWith('/') || !address.endsWith('/')) throw new Error(`Not a page's address: "${address}"`);
  return address === '/' ? ['index.html'] : [`${address.slice(1, -1)}.html`, `${address.slice(1)}index.html`];
}

/**
 * The address of the page built as `file`, the inverse of {@link pageFiles}.
 * @example pageAddress('en/courses/x.html') // '/en/courses/x/'
 * @example pageAddress('en/courses/index.html') // '/en/courses/'
 */
export function pageAddress(file: string): string {
  if (!file.endsWith('.html')) throw new Error(`Not a page's file: "${file}"`);
  if (file === 'index.html' || file.endsWith('/index.html')) return `/${file.slice(0, -'index.html'.length)}`;
  return `/${file.slice(0, -'.html'.length)}/`;
}
