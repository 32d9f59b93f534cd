import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  absoluteUrl,
  alternates,
  courseJsonLd,
  courseJsonLdProblems,
  jsonLdText,
  openGraph,
  sitemapEntry,
  type CourseJsonLdInput,
} from './seo';

const SITE = 'https://skills.example.cn';

const course: CourseJsonLdInput = {
  url: `${SITE}/courses/Q291cnNlOjE/`,
  name: '中式面点师（五级）培训班',
  description: '中式面点师 · 五级 · 五华区，昆明市',
  classNumber: 'KM-2026-0001',
  credential: '职业技能等级证书',
  mode: 'OFFLINE',
  startDate: '2026-11-01',
  endDate: '2026-11-20',
  cancelled: false,
  totalHours: 64,
  feeYuan: 0,
  subsidyProgramme: '职业技能提升行动',
  address: '昆明市五华区人民中路1号',
  county: '五华区',
  prefecture: '昆明市',
  platform: null,
  institution: { name: '昆明市某职业培训学校', url: `${SITE}/institutions/SW5zdDox/` },
};

describe('head links', () => {
  it('makes absolute addresses in both languages, whatever the trailing slash of SITE_URL', () => {
    expect(absoluteUrl(SITE, 'zh-CN', '/courses/')).toBe(`${SITE}/courses/`);
    expect(absoluteUrl(`${SITE}/`, 'en', '/courses/')).toBe(`${SITE}/en/courses/`);
    expect(absoluteUrl(SITE, 'en', '/')).toBe(`${SITE}/en/`);
  });

  it('lists the page itself, the other language and x-default (the Chinese page)', () => {
    expect(alternates(SITE, 'en', '/about/')).toEqual([
      { hreflang: 'en', href: `${SITE}/en/about/` },
      { hreflang: 'zh-CN', href: `${SITE}/about/` },
      { hreflang: 'x-default', href: `${SITE}/about/` },
    ]);
    expect(alternates(SITE, 'zh-CN', '/').map((a) => a.hreflang)).toEqual(['zh-CN', 'en', 'x-default']);
  });

  it('gives the Open Graph tags search engines and link previews read', () => {
    const og = Object.fromEntries(
      openGraph({
        siteUrl: SITE,
        lang: 'en',
        path: '/courses/',
        title: 'Courses',
        description: 'All classes',
        siteName: 'Skills Yunnan',
      }),
    );
    expect(og).toEqual({
      'og:type': 'website',
      'og:site_name': 'Skills Yunnan',
      'og:title': 'Courses',
      'og:description': 'All classes',
      'og:url': `${SITE}/en/courses/`,
      'og:locale': 'en_US',
      'og:locale:alternate': 'zh_CN',
    });
  });

  it('gives a sitemap entry of either language both languages and x-default, from its own address', () => {
    const links = [
      { url: `${SITE}/courses/x/`, lang: 'zh-CN' },
      { url: `${SITE}/en/courses/x/`, lang: 'en' },
      { url: `${SITE}/courses/x/`, lang: 'x-default' },
    ];
    expect(sitemapEntry(SITE, { url: `${SITE}/courses/x/` })).toEqual({ url: `${SITE}/courses/x/`, links });
    expect(sitemapEntry(SITE, { url: `${SITE}/en/courses/x/`, priority: 1 })).toEqual({
      url: `${SITE}/en/courses/x/`,
      priority: 1,
      links,
    });
    expect(sitemapEntry(SITE, { url: `${SITE}/en/` }).links.map((l) => l.url)).toEqual([
      `${SITE}/`,
      `${SITE}/en/`,
      `${SITE}/`,
    ]);
    // A path that merely starts with "en" is Chinese.
    expect(sitemapEntry(SITE, { url: `${SITE}/enrolling/` }).links[1].url).toBe(`${SITE}/en/enrolling/`);
  });
});

describe('course JSON-LD', () => {
  it('has every property Google requires for Course info, for a free class in person', () => {
    const ld = courseJsonLd(course);
    expect(courseJsonLdProblems(ld)).toEqual([]);
    expect(ld).toMatchObject({
      '@type': 'Course',
      name: course.name,
      provider: { '@type': 'Organization', name: course.institution.name },
      offers: { '@type': 'Offer', category: 'Free', price: 0, priceCurrency: 'CNY' },
      financialAidEligible: '职业技能提升行动',
      hasCourseInstance: [
        {
          '@type': 'CourseInstance',
          courseMode: 'Onsite',
          courseWorkload: 'PT64H',
          startDate: '2026-11-01',
          endDate: '2026-11-20',
          location: {
            '@type': 'Place',
            address: { addressRegion: '昆明市', addressLocality: '五华区', streetAddress: course.address },
          },
        },
      ],
    });
  });

  it('prices a paid class in CNY, places an online class on its platform and marks a cancelled one', () => {
    const ld = courseJsonLd({
      ...course,
      feeYuan: 1200,
      mode: 'ONLINE',
      address: null,
      platform: { name: '云岭职教', url: 'https://learn.example.cn' },
      cancelled: true,
      subsidyProgramme: null,
    });
    expect(courseJsonLdProblems(ld)).toEqual([]);
    expect(ld.offers).toMatchObject({ category: 'Paid', price: 1200, priceCurrency: 'CNY' });
    expect(ld).not.toHaveProperty('financialAidEligible');
    const [instance] = ld.hasCourseInstance as Record<string, unknown>[];
    expect(instance).toMatchObject({
      courseMode: 'Online',
      eventStatus: 'https://schema.org/EventCancelled',
      location: { '@type': 'VirtualLocation', url: 'https://learn.example.cn' },
    });
    const blended = courseJsonLd({
      ...course,
      mode: 'MIXED',
      platform: { name: '云岭职教', url: 'https://learn.example.cn' },
    });
    expect((blended.hasCourseInstance as Record<string, unknown>[])[0].location).toHaveLength(2);
  });

  it('names what is missing: the check fails on an incomplete Course', () => {
    const ld = courseJsonLd(course);
    const { provider: _p, ...noProvider } = ld;
    expect(courseJsonLdProblems(noProvider)).toEqual(['Course.provider Organization with a name']);
    expect(courseJsonLdProblems({ ...ld, offers: { '@type': 'Offer', category: 'Paid' } })).toEqual([
      'Offer.price and priceCurrency when Paid',
    ]);
    expect(
      courseJsonLdProblems({ ...ld, hasCourseInstance: [{ '@type': 'CourseInstance', courseMode: 'in person' }] }),
    ).toEqual([
      'CourseInstance.courseMode Online, Onsite or Blended',
      'CourseInstance.courseWorkload (ISO 8601) or courseSchedule',
    ]);
    expect(courseJsonLdProblems({})).toContain('Course.hasCourseInstance');
  });

  it('cannot be closed from inside by a record: < is escaped, and the text parses back', () => {
    const text = jsonLdText(courseJsonLd({ ...course, name: '</script><script>alert(1)</script>' }));
    expect(text).not.toContain('<');
    expect((JSON.parse(text) as { name: string }).name).toBe('</script><script>alert(1)</script>');
  });
});

describe('the sitemap integration, as patched (patches/README.md)', () => {
  // Its package exports only its integration, so the module is loaded from its file.
  const file = path.join(
    path.dirname(createRequire(import.meta.url).resolve('@astrojs/sitemap/package.json')),
    'dist',
    'generate-sitemap.js',
  );

  it('sorts with one collator, not a collator per comparison', () => {
    const source = fs.readFileSync(file, 'utf8');
    expect(source).toContain('new Intl.Collator("en", { numeric: true })');
    expect(source).not.toContain('localeCompare(b, "en"');
  });

  it('orders the addresses as the unpatched comparison did', async () => {
    const { generateSitemap } = (await import(pathToFileURL(file).href)) as {
      generateSitemap: (pages: string[], site: string, opts?: object) => { url: string }[];
    };
    const pages = [2, 10, 1, 100, 21].flatMap((n) => [`${SITE}/notices/page/${n}/`, `${SITE}/en/notices/page/${n}/`]);
    pages.push(`${SITE}/courses/Q291cnNlOjE/`, `${SITE}/courses/q291cnNlOjE/`, `${SITE}/`);
    const expected = [...pages].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    expect(generateSitemap(pages, `${SITE}/`).map((u) => u.url)).toEqual(expected);
  });
});
