/**
 * What search engines read in a page's <head>: the canonical address, the language alternates,
 * Open Graph tags and the schema.org JSON-LD of a course page. Pure functions of the site's
 * public address and the page's own data, so they are tested without a build (seo.test.ts).
 *
 * Chinese is the site's default language (at /…), English is at /en/… with the same path, so
 * `x-default` — what a search engine shows a reader whose language is neither — is the Chinese page.
 */
import type { Lang } from '../i18n';
import { href, otherLang } from './paths';

/** A `<link rel="alternate" hreflang>` of a page. */
export interface Alternate {
  hreflang: Lang | 'x-default';
  href: string;
}

/** The absolute address of a language-neutral `path` in `lang`, e.g. `https://x.cn/en/courses/`. */
export function absoluteUrl(siteUrl: string, lang: Lang, path: string): string {
  return new URL(href(lang, path), `${siteUrl.replace(/\/$/, '')}/`).href;
}

/**
 * The page in both languages and `x-default` (the Chinese page): a search engine wants the
 * page's own language listed too, or it ignores the pair.
 * @example alternates('https://x.cn', 'en', '/about/') // zh-CN → https://x.cn/about/, en → https://x.cn/en/about/, x-default → https://x.cn/about/
 */
export function alternates(siteUrl: string, lang: Lang, path: string): Alternate[] {
  const other = otherLang(lang);
  return [
    { hreflang: lang, href: absoluteUrl(siteUrl, lang, path) },
    { hreflang: other, href: absoluteUrl(siteUrl, other, path) },
    { hreflang: 'x-default', href: absoluteUrl(siteUrl, 'zh-CN', path) },
  ];
}

// Open Graph wants language_TERRITORY; the English pages are not for one country, so en_US,
// Open Graph's own default.
const OG_LOCALE: Record<Lang, string> = { 'zh-CN': 'zh_CN', en: 'en_US' };

/** What {@link openGraph} needs of a page. */
export interface OpenGraphInput {
  siteUrl: string;
  lang: Lang;
  path: string;
  title: string;
  description: string;
  siteName: string;
  /** Default `website`; Open Graph has no type for a course or a notice. */
  type?: 'website' | 'article';
}

/**
 * The Open Graph tags of a page as `[property, content]` pairs, in the order they are written.
 * @example openGraph({ siteUrl, lang: 'en', path: '/', title, description, siteName })
 */
export function openGraph(p: OpenGraphInput): [string, string][] {
  return [
    ['og:type', p.type ?? 'website'],
    ['og:site_name', p.siteName],
    ['og:title', p.title],
    ['og:description', p.description],
    ['og:url', absoluteUrl(p.siteUrl, p.lang, p.path)],
    ['og:locale', OG_LOCALE[p.lang]],
    ['og:locale:alternate', OG_LOCALE[otherLang(p.lang)]],
  ];
}

/** What the course JSON-LD is made of: public facts of the class, never a person. */
export interface CourseJsonLdInput {
  /** Absolute address of the course page in the page's language. */
  url: string;
  name: string;
  description: string;
  classNumber: string;
  /** The certificate's label in the page's language. */
  credential: string;
  mode: 'ONLINE' | 'OFFLINE' | 'MIXED';
  startDate: string;
  endDate: string;
  cancelled: boolean;
  totalHours: number;
  feeYuan: number;
  /** The subsidy programme's name when the class is subsidised, else null. */
  subsidyProgramme: string | null;
  address: string | null;
  county: string;
  prefecture: string;
  platform: { name: string; url: string } | null;
  institution: { name: string; url: string };
}

const COURSE_MODE: Record<CourseJsonLdInput['mode'], string> = {
  ONLINE: 'Online',
  OFFLINE: 'Onsite',
  MIXED: 'Blended',
};

/**
 * A schema.org `Course` with one `CourseInstance` (the class), holding what Google's "Course
 * info" documentation requires — name, description, provider, offers (category, and price in
 * CNY when the worker pays), hasCourseInstance with courseMode and courseWorkload — and what it
 * recommends that the catalogue knows (dates, place, credential, language, financial aid).
 * The institution is an organisation; no contact person or trainee appears. Demo records are
 * marked by the caller in `name` and `description`, as the page marks them.
 * @example const ld = courseJsonLd({ url, name: '中式面点师（五级）培训班', … });
 */
export function courseJsonLd(c: CourseJsonLdInput): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Course',
    '@id': c.url,
    url: c.url,
    name: c.name,
    description: c.description,
    courseCode: c.classNumber,
    inLanguage: 'zh-CN',
    educationalCredentialAwarded: c.credential,
    provider: { '@type': 'Organization', name: c.institution.name, url: c.institution.url },
    offers: offer(c.feeYuan, c.url),
    ...(c.subsidyProgramme ? { financialAidEligible: c.subsidyProgramme } : {}),
    hasCourseInstance: [courseInstance(c)],
  };
}

function offer(feeYuan: number, url: string): Record<string, unknown> {
  return feeYuan > 0
    ? { '@type': 'Offer', category: 'Paid', price: feeYuan, priceCurrency: 'CNY', url }
    : { '@type': 'Offer', category: 'Free', price: 0, priceCurrency: 'CNY', url };
}

function courseInstance(c: CourseJsonLdInput): Record<string, unknown> {
  return {
    '@type': 'CourseInstance',
    courseMode: COURSE_MODE[c.mode],
    // ISO 8601 duration of the whole class, the form Google asks for.
    courseWorkload: `PT${c.totalHours}H`,
    startDate: c.startDate,
    endDate: c.endDate,
    ...(c.cancelled ? { eventStatus: 'https://schema.org/EventCancelled' } : {}),
    location: location(c),
  };
}

function location(c: CourseJsonLdInput): Record<string, unknown> | Record<string, unknown>[] {
  const place = {
    '@type': 'Place',
    name: c.address ?? `${c.county}，${c.prefecture}`,
    address: {
      '@type': 'PostalAddress',
      addressCountry: 'CN',
      addressRegion: c.prefecture,
      addressLocality: c.county,
      ...(c.address ? { streetAddress: c.address } : {}),
    },
  };
  const virtual = c.platform ? { '@type': 'VirtualLocation', name: c.platform.name, url: c.platform.url } : null;
  if (c.mode === 'ONLINE' && virtual) return virtual;
  return virtual && c.mode === 'MIXED' ? [place, virtual] : place;
}

/**
 * The JSON-LD as it goes inside `<script type="application/ld+json">`: `<` escaped so no text
 * of a record can close the script element.
 */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

/**
 * What a course JSON-LD lacks of the properties Google's "Course info" documentation marks
 * required (and of the type names it expects): an empty list when it is complete. Used by the
 * unit test and by the test of the built site.
 * @example expect(courseJsonLdProblems(JSON.parse(script.textContent))).toEqual([]);
 */
export function courseJsonLdProblems(ld: unknown): string[] {
  const o = obj(ld);
  const problems: string[] = [];
  const need = (ok: unknown, what: string) => {
    if (!ok) problems.push(what);
  };
  need(o['@context'] === 'https://schema.org', '@context https://schema.org');
  need(o['@type'] === 'Course', '@type Course');
  for (const k of ['name', 'description']) need(text(o[k]), `Course.${k}`);
  const provider = obj(o.provider);
  need(provider['@type'] === 'Organization' && text(provider.name), 'Course.provider Organization with a name');
  const offers = list(o.offers);
  need(
    offers.length > 0 && offers.every((f) => f['@type'] === 'Offer' && OFFER_CATEGORIES.includes(String(f.category))),
    'Course.offers Offer with a category',
  );
  for (const f of offers.filter((x) => x.category === 'Paid')) {
    need(
      typeof f.price === 'number' && f.price > 0 && /^[A-Z]{3}$/.test(String(f.priceCurrency)),
      'Offer.price and priceCurrency when Paid',
    );
  }
  const instances = list(o.hasCourseInstance);
  need(instances.length > 0, 'Course.hasCourseInstance');
  for (const i of instances) {
    need(i['@type'] === 'CourseInstance', '@type CourseInstance');
    need(
      ['Online', 'Onsite', 'Blended'].includes(String(i.courseMode)),
      'CourseInstance.courseMode Online, Onsite or Blended',
    );
    need(
      /^PT\d+(\.\d+)?H$/.test(String(i.courseWorkload)) || i.courseSchedule,
      'CourseInstance.courseWorkload (ISO 8601) or courseSchedule',
    );
    for (const k of ['startDate', 'endDate'])
      if (i[k] !== undefined) need(/^\d{4}-\d{2}-\d{2}/.test(String(i[k])), `CourseInstance.${k} ISO 8601`);
  }
  return problems;
}

const OFFER_CATEGORIES = ['Free', 'Partially Free', 'Paid', 'Subscription'];
const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const list = (v: unknown): Record<string, unknown>[] => (v === undefined ? [] : [v].flat().map(obj));
const text = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';

/** A sitemap entry as `@astrojs/sitemap` hands it to `serialize`. */
export interface SitemapEntry {
  url: string;
  links?: { url: string; lang: string }[];
  [key: string]: unknown;
}

/**
 * A sitemap entry with its language alternates and `x-default` (the Chinese page), found from its
 * own address: every page is built in both languages at the same path (paths.ts). Not the
 * `i18n` option of `@astrojs/sitemap`, which finds each page's pair by looking through every
 * other page: a cost that grows with the square of the pages (0.7 s of a 13,000-page build,
 * minutes at 300,000).
 * @example sitemapEntry('https://x.cn', { url: 'https://x.cn/en/about/' }).links // zh-CN https://x.cn/about/, en https://x.cn/en/about/, x-default https://x.cn/about/
 */
export function sitemapEntry<E extends SitemapEntry>(siteUrl: string, entry: E): E & Required<SitemapEntry> {
  const own = new URL(entry.url).pathname;
  const path = own.startsWith('/en/') ? own.slice('/en'.length) : own;
  const links = alternates(siteUrl, 'zh-CN', path).map((a) => ({ url: a.href, lang: a.hreflang }));
  return { ...entry, links };
}
