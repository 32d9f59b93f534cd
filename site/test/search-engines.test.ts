/**
 * What a search engine finds in the built site (issue 14 §8), read from the files of the
 * catalogue all browser tests share, with no browser: robots.txt names the sitemap; the sitemap
 * is valid XML and lists every page of the site in both languages, each with its hreflang
 * alternates and x-default; every page has a canonical link, hreflang for itself, the other
 * language and x-default, Open Graph tags and the Atom feed's link; every course page carries a
 * schema.org Course JSON-LD with the properties Google requires (checked by the same function as
 * the unit test, src/lib/seo.ts), marked as demo where the page is.
 *
 * The catalogue is built with the default SITE_URL (http://localhost:4321), so absolute
 * addresses are compared by their path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { courseJsonLdProblems } from '../src/lib/seo';
import { pageAddress, pageFiles } from '../src/lib/paths';
import { hasChromium, requireChromium } from './harness';

requireChromium('search-engines');

const SITE_URL = 'http://localhost:4321';
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['url', 'sitemap', 'xhtml:link'].includes(name),
});

/** Every built page's path (`/`, `/en/courses/x/`), from its file (one per page), "not found" pages aside. */
function builtPages(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.relative(root, path.join(dir, e.name)).split(path.sep).join('/');
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (file.endsWith('.html') && !/(^|\/)404\.html$/.test(file)) found.push(pageAddress(file));
    }
  };
  walk(root);
  return found.sort();
}

/** The file the page at `address` was built as (see pageFiles). */
function fileOf(root: string, address: string): string {
  const file = pageFiles(address).find((f) => fs.existsSync(path.join(root, f)));
  if (!file) throw new Error(`no page built at ${address}`);
  return file;
}

/** The <head> of a built file, e.g. `head(root, 'en/courses.html')`. */
function head(root: string, file: string): string {
  const html = fs.readFileSync(path.join(root, file), 'utf8');
  return html.slice(0, html.indexOf('</head>'));
}

describe.runIf(hasChromium)('found by search engines', () => {
  let site: string;
  let root: string;
  /** Sitemap entries by path: the alternates each lists, hreflang → path. */
  const entries = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    const catalogue = inject('catalogue')!;
    site = catalogue.site;
    root = path.join(catalogue.dataDir, 'site');
    const index = fs.readFileSync(path.join(root, 'sitemap-index.xml'), 'utf8');
    expect(XMLValidator.validate(index)).toBe(true);
    for (const s of parser.parse(index).sitemapindex.sitemap as { loc: string }[]) {
      const xml = fs.readFileSync(path.join(root, new URL(s.loc).pathname), 'utf8');
      expect(XMLValidator.validate(xml), s.loc).toBe(true);
      for (const u of parser.parse(xml).urlset.url as {
        loc: string;
        'xhtml:link'?: { '@hreflang': string; '@href': string }[];
      }[]) {
        entries.set(
          new URL(u.loc).pathname,
          Object.fromEntries((u['xhtml:link'] ?? []).map((l) => [l['@hreflang'], new URL(l['@href']).pathname])),
        );
      }
    }
  });

  it('names the sitemap in robots.txt', async () => {
    const res = await fetch(`${site}/robots.txt`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`Sitemap: ${SITE_URL}/sitemap-index.xml`);
  });

  it('lists every page in both languages in a valid sitemap, each with hreflang and x-default', () => {
    const pages = builtPages(root).filter((p) => !/^\/(en\/)?404\/$/.test(p));
    expect(pages.length).toBeGreaterThan(100);
    expect([...entries.keys()].sort()).toEqual(pages);
    expect(pages.filter((p) => p.startsWith('/en/')).length * 2).toBe(pages.length);
    for (const [page, links] of entries) {
      const zh = page.replace(/^\/en\//, '/');
      expect(links, page).toEqual({ 'zh-CN': zh, en: `/en${zh}`, 'x-default': zh });
    }
  });

  it('gives every page its canonical link, hreflang (self, other, x-default), Open Graph tags and the feed', () => {
    for (const page of entries.keys()) {
      const h = head(root, fileOf(root, page));
      const zh = page.replace(/^\/en\//, '/');
      expect(h, page).toContain(`<link rel="canonical" href="${SITE_URL}${page}"`);
      for (const [lang, p] of [
        ['zh-CN', zh],
        ['en', `/en${zh}`],
        ['x-default', zh],
      ])
        expect(h, page).toContain(`<link rel="alternate" hreflang="${lang}" href="${SITE_URL}${p}"`);
      for (const property of ['og:title', 'og:description', 'og:type', 'og:site_name', 'og:locale'])
        expect(h, `${page} ${property}`).toContain(`<meta property="${property}" content="`);
      expect(h, page).toContain(`<meta property="og:url" content="${SITE_URL}${page}"`);
      expect(h, page).toContain('<link rel="alternate" type="application/atom+xml"');
    }
    for (const notFound of [head(root, '404.html'), head(root, 'en/404.html')]) {
      expect(notFound).toContain('<meta name="robots" content="noindex"');
      expect(notFound).not.toContain('rel="canonical"');
    }
  });

  it('describes every course page as a schema.org Course with the properties Google requires, demo marked as demo', async () => {
    const courses = [...entries.keys()].filter(
      (p) => /^\/(en\/)?courses\/[A-Za-z0-9_-]+\/$/.test(p) && !/\/courses\/(page|in)\//.test(p),
    );
    expect(courses.length).toBeGreaterThan(10);
    for (const page of courses) {
      const html = fs.readFileSync(path.join(root, fileOf(root, page)), 'utf8');
      const scripts = [...html.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)];
      expect(scripts, page).toHaveLength(1);
      const ld = JSON.parse(scripts[0][1]) as { url: string; name: string; provider: { url: string } };
      expect(courseJsonLdProblems(ld), page).toEqual([]);
      expect(ld.url).toBe(`${SITE_URL}${page}`);
      const demo = html.includes('data-demo="true"');
      expect(ld.name.startsWith(page.startsWith('/en/') ? 'Demo data' : '演示数据'), page).toBe(demo);
      // The organisation is linked to its own page on the site; no person appears.
      expect(fileOf(root, new URL(ld.provider.url).pathname), ld.provider.url).toMatch(/\.html$/);
    }
    // Served as it is on disk (the page a crawler gets).
    const served = await (await fetch(`${site}${courses[0]}`)).text();
    expect(served).toContain('<script type="application/ld+json">');
  });
});
