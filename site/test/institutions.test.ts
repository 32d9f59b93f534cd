/**
 * The institution directory in a real browser (云人社通〔2022〕50号 (十七): 及时公布…培训机构…目录):
 * `/institutions/` and its lists by 州市, type and standing list exactly what the API counts,
 * the blacklist page lists every blacklisting the API reports (current first, with dates, reason
 * and clause), the header links to it in both languages, the browser search finds an
 * institution by pinyin and by credit code, everything works without JavaScript, axe-core finds
 * nothing on the new templates in either language, and nothing scrolls sideways at 360 px.
 *
 * On the catalogue all browser tests share (harness.ts: the compiled CLI with a scale-1 demo
 * made for its day, and the embedded Meilisearch). Every expectation is read from the API at
 * test time, whatever the demo generator made blacklisted on that day.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pinyinForms } from '../../search/src/pinyin';
import { formatDate } from '../src/lib/format-date';
import { LANGS, expectNoAxeViolations, gql, hasChromium, launchChromium, requireChromium } from './harness';

requireChromium('institution directory tests');

describe.runIf(hasChromium)('the institution directory in Chromium', () => {
  let site: string;
  let graphql: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function api(query: string, variables: Record<string, unknown> = {}): Promise<any> {
    return gql(graphql, query, variables);
  }

  /** Every node of a connection, walked 100 at a time (`$after` and `{ nodes … pageInfo }` in `query`). */
  async function apiAll(query: string, pick: (d: any) => any): Promise<any[]> {
    const out: unknown[] = [];
    let after: string | null = null;
    for (;;) {
      const c = pick(await api(query, { after }));
      out.push(...c.nodes);
      if (!c.pageInfo.hasNextPage) return out;
      after = c.pageInfo.endCursor;
    }
  }

  async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext(options);
    contexts.push(context);
    return context.newPage();
  }

  async function open(page: Page, urlPath: string): Promise<void> {
    const res = await page.goto(`${site}${urlPath}`, { waitUntil: 'load' });
    expect(res?.status(), urlPath).toBe(200);
  }

  /** The institution ids a list links to, following its "next" links from `start` to the last page. */
  async function walkList(page: Page, start: string): Promise<string[]> {
    const ids: string[] = [];
    let next: string | null = start;
    for (let guard = 0; next && guard < 200; guard++) {
      await open(page, next);
      ids.push(...(await rowIds(page, '[data-inst-rows]')));
      const nextLink = page.locator('nav.pagination a[rel="next"]');
      const rel = (await nextLink.count()) > 0 ? await nextLink.first().getAttribute('href') : null;
      next = rel ? new URL(rel, page.url()).pathname : null;
    }
    return ids;
  }

  /** Ids of the institutions linked from the rows under `scope`. */
  async function rowIds(page: Page, scope: string): Promise<string[]> {
    const hrefs = await page
      .locator(`${scope} > li > a:first-child`)
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    return hrefs.map((h) => h.split('/').filter(Boolean).pop()!);
  }

  beforeAll(async () => {
    ({ site, graphql } = inject('catalogue')!);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
  });

  it('links the directory from the header in both languages, and the blacklist from the directory', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    for (const { prefix } of LANGS) {
      await open(page, `${prefix}/`);
      const link = page.locator(`header .site-nav a[href="${prefix}/institutions/"]`);
      await expect(link.count()).resolves.toBe(1);
      await link.click();
      expect(new URL(page.url()).pathname).toBe(`${prefix}/institutions/`);
      expect(await page.locator(`a[href="${prefix}/institutions/blacklist/"]`).count()).toBeGreaterThan(0);
      expect(await page.getAttribute(`header .site-nav a[href="${prefix}/institutions/"]`, 'aria-current')).toBe(
        'page',
      );
    }
  });

  it('lists every institution across the pages of /institutions/, without JavaScript, each linked to its page', async () => {
    const { institutions } = await api('{ institutions(first: 1) { totalCount } }');
    const page = await newPage({ javaScriptEnabled: false });
    const ids = await walkList(page, '/institutions/');
    expect(ids.length).toBe(institutions.totalCount);
    expect(new Set(ids).size).toBe(ids.length);
    // Every line links to a page that exists (the directory lists institutions without classes too).
    const missing: string[] = [];
    for (const id of ids) {
      const res = await fetch(`${site}/institutions/${id}/`, { method: 'HEAD' });
      if (res.status !== 200) missing.push(id);
    }
    expect(missing).toEqual([]);
    // The page's own "how many" agrees.
    await open(page, '/en/institutions/');
    expect(await page.textContent('#inst-list-heading + p')).toContain(
      `${institutions.totalCount.toLocaleString('en-GB')} in all`,
    );
  });

  it('lists on each 州市 page exactly the institutions the API counts for that region, grouped by county', async () => {
    const { regions } = await api('{ regions(level: PREFECTURE) { code name } }');
    const counts = await api(
      `{ ${regions.map((r: { code: string }) => `r${r.code}: institutions(first: 1, filter: { region: "${r.code}" }) { totalCount }`).join(' ')} }`,
    );
    const page = await newPage({ javaScriptEnabled: false });
    await open(page, '/institutions/');
    const regionLinks = await page
      .locator('[data-by-region] a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(regionLinks).toEqual(
      expect.arrayContaining(regions.map((r: { code: string }) => `/institutions/region/${r.code}/`)),
    );
    let sum = 0;
    for (const r of regions as { code: string; name: string }[]) {
      await open(page, `/institutions/region/${r.code}/`);
      const ids = await rowIds(page, '[data-inst-rows]');
      expect(ids.length, `${r.name} ${r.code}`).toBe(counts[`r${r.code}`].totalCount);
      expect(new Set(ids).size).toBe(ids.length);
      expect(await page.textContent('h1')).toContain(r.name);
      sum += ids.length;
    }
    // With the province-level units, the 州市 pages hold the whole directory.
    const { institutions } = await api('{ institutions(first: 1) { totalCount } }');
    await open(page, '/institutions/region/530000/');
    expect(sum + (await rowIds(page, '[data-inst-rows]')).length).toBe(institutions.totalCount);
  });

  it('lists by type and by standing exactly what the API filters give', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    const types = ['TECHNICAL_SCHOOL', 'PRIVATE_TRAINING_INSTITUTION', 'PROVINCIAL_PROJECT_UNIT'];
    const standings = ['GOOD', 'BLACKLISTED', 'LICENCE_REVOKED'];
    const counts =
      await api(`{ ${types.map((t) => `${t}: institutions(first: 1, filter: { type: ${t} }) { totalCount }`).join(' ')}
      ${standings.map((s) => `${s}: institutions(first: 1, filter: { standing: ${s} }) { totalCount }`).join(' ')} }`);
    for (const t of types)
      expect((await walkList(page, `/institutions/type/${t.toLowerCase().replace(/_/g, '-')}/`)).length, t).toBe(
        counts[t].totalCount,
      );
    const slugs: Record<string, string> = { GOOD: 'good', BLACKLISTED: 'blacklisted', LICENCE_REVOKED: 'revoked' };
    for (const s of standings) {
      const ids = await walkList(page, `/institutions/standing/${slugs[s]}/`);
      expect(ids.length, s).toBe(counts[s].totalCount);
      if (ids.length) expect(await page.locator(`[data-inst-rows] [data-standing="${s}"]`).count()).toBeGreaterThan(0);
    }
  });

  it('lists every blacklisting the API reports, current ones first, with dates, reason and what it means', async () => {
    const all = await apiAll(
      'query($after: String) { blacklistings(first: 100, after: $after) { nodes { from until status reason institution { id } } pageInfo { hasNextPage endCursor } } }',
      (d) => d.blacklistings,
    );
    const revoked = await apiAll(
      'query($after: String) { institutions(first: 100, after: $after, filter: { standing: LICENCE_REVOKED }) { nodes { id licenceRevocation { on } } pageInfo { hasNextPage endCursor } } }',
      (d) => d.institutions,
    );
    const current = all.filter((b) => b.status === 'CURRENT');
    const ended = all.filter((b) => b.status === 'ENDED' || b.status === 'LIFTED');
    const firstEnded = all.findIndex((b) => b.status !== 'CURRENT');
    if (firstEnded >= 0)
      expect(
        all.slice(firstEnded).every((b) => b.status !== 'CURRENT'),
        'the API puts current ones first',
      ).toBe(true);
    const page = await newPage({ javaScriptEnabled: false });
    for (const { lang, prefix } of LANGS) {
      await open(page, `${prefix}/institutions/blacklist/`);
      const meaning = (await page.textContent('[data-blacklist-meaning]'))!;
      expect(meaning).toContain('云人社通〔2022〕8号 四(三)');
      expect(meaning).toContain('三年内不得参与政府补贴性培训工作');
      expect(meaning).toContain('50号 (十九)');
      for (const [section, expected] of [
        ['current', current],
        ['ended', ended],
      ] as const) {
        const items = page.locator(`[data-blacklist-section="${section}"] li[data-blacklisting]`);
        const hrefs = await items
          .locator('h3 a')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href')!.split('/').filter(Boolean).pop()!));
        expect(hrefs, `${lang} ${section}`).toEqual(expected.map((b) => b.institution.id));
        for (let i = 0; i < expected.length; i++) {
          const item = items.nth(i);
          expect((await item.locator('[data-fact="from"] dd').textContent())?.trim()).toBe(
            formatDate(lang, expected[i].from),
          );
          expect((await item.locator('[data-fact="until"] dd').textContent())?.trim()).toBe(
            formatDate(lang, expected[i].until),
          );
          if (expected[i].reason)
            expect((await item.locator('[data-fact="reason"] dd').textContent())?.trim()).toBe(expected[i].reason);
        }
        if (expected.length === 0)
          expect(await page.locator(`[data-blacklist-section="${section}"] p`).count()).toBeGreaterThan(0);
      }
      // Current ones come first on the page too.
      const order = await page
        .locator('[data-blacklist-section]')
        .evaluateAll((ss) => ss.map((s) => s.getAttribute('data-blacklist-section')));
      expect(order).toEqual(['current', 'ended', 'revoked']);
      const revokedIds = await page
        .locator('[data-blacklist-section="revoked"] li[data-revocation] h3 a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')!.split('/').filter(Boolean).pop()!));
      expect(revokedIds).toEqual(revoked.map((i) => i.id));
    }
    // An institution's own page leads back to the blacklist when it was ever on it.
    if (all.length > 0) {
      await open(page, `/institutions/${all[0].institution.id}/`);
      expect(await page.locator('nav.breadcrumb a[href="/institutions/"]').count()).toBe(1);
      await page.locator('a[data-blacklist-link]').click();
      expect(new URL(page.url()).pathname).toBe('/institutions/blacklist/');
    }
  });

  it('finds an institution in the browser by its pinyin and by its credit code, linking to its page', async () => {
    const { withCode } = await api(
      '{ withCode: institutions(first: 100, filter: { isDemo: true }) { nodes { id name creditCode } } }',
    );
    const target = withCode.nodes.find(
      (n: { creditCode: string | null; name: string }) => n.creditCode && n.name.startsWith('昆明'),
    );
    expect(target, 'a demo institution in 昆明 with a credit code').toBeTruthy();
    const page = await newPage({ viewport: { width: 360, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await open(page, '/institutions/');
    const input = page.locator('#if-q');
    // The search is enabled once its script has read where to search.
    await expect.poll(() => input.isEnabled()).toBe(true);

    // A place in pinyin, typed as a worker would: institutions of 昆明 come back.
    await input.fill('kunming');
    await page.locator('[data-institution-finder] button[type="submit"]').click();
    await page
      .locator('[data-institution-finder]:not([aria-busy="true"]) [data-finder-status]')
      .filter({ hasText: /\d/ })
      .waitFor({ timeout: 15_000 });
    const names = await page.locator('[data-finder-results] li > a').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names[0]).toContain('昆明');
    expect(new URL(page.url()).search).toBe('?q=kunming');
    expect(await page.locator('[data-static-section]').first().isHidden()).toBe(true);

    // One institution's whole name in pinyin, then its initials: it is the first result.
    const forms = pinyinForms(target.name);
    for (const q of [forms.joined, forms.initials]) {
      await open(page, `/institutions/?q=${q}`);
      const first = page.locator('[data-finder-results] li > a').first();
      await first.waitFor({ timeout: 15_000 });
      const hrefs = await page
        .locator('[data-finder-results] li > a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs, q).toContain(`/institutions/${target.id}/`);
    }

    // The credit code: exactly that institution, with the code shown, and its page opens.
    await open(page, `/institutions/?q=${target.creditCode}`);
    const hit = page.locator('[data-finder-results] li').first();
    await hit.waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-finder-results] li').count()).toBe(1);
    expect(await hit.locator('a').first().getAttribute('href')).toBe(`/institutions/${target.id}/`);
    expect(await hit.locator('[data-slot="code"]').textContent()).toBe(target.creditCode);
    await hit.locator('a').first().click();
    await page.waitForURL(`**/institutions/${target.id}/`);
    expect(await page.textContent('h1')).toBe(target.name);
    expect(await page.locator(`nav.breadcrumb a[href="/institutions/"]`).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('works without JavaScript: the search says so and the static lists are the page', async () => {
    const page = await newPage({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    for (const { prefix } of LANGS) {
      await open(page, `${prefix}/institutions/`);
      expect(await page.locator('#if-q').isDisabled()).toBe(true);
      expect(
        await page
          .locator('[data-institution-finder] noscript + *, [data-institution-finder] .notice-box')
          .first()
          .isVisible(),
      ).toBe(true);
      expect(await page.locator('[data-static-section]').first().isVisible()).toBe(true);
      expect(await page.locator('[data-inst-rows] > li').count()).toBe(50);
      await page.locator('[data-by-region] a').nth(1).click();
      expect(await page.locator('[data-inst-rows] > li').count()).toBeGreaterThan(0);
      await page.locator('.dir-links a[href^="#place-"]').first().click();
      expect(page.url()).toContain('#place-');
    }
  });

  describe.each(LANGS)('accessibility and 360 px in $lang', ({ lang, prefix }) => {
    const templates = [
      '/institutions/',
      '/institutions/page/2/',
      '/institutions/region/530100/',
      '/institutions/region/530000/',
      '/institutions/type/technical-school/',
      '/institutions/standing/good/page/2/',
      '/institutions/blacklist/',
    ];

    async function expectNoViolations(page: Page, label: string): Promise<void> {
      expect(await page.getAttribute('html', 'lang'), label).toBe(lang);
      await expectNoAxeViolations(page, label);
    }

    it('has no axe violations and no sideways scroll on every directory template, the search results and an institution page', async () => {
      const { institutions } = await api('{ institutions(first: 1) { nodes { id } } }');
      const page = await newPage({ viewport: { width: 360, height: 800 } });
      for (const p of [...templates, `/institutions/${institutions.nodes[0].id}/`]) {
        await open(page, `${prefix}${p}`);
        await expectNoViolations(page, `${lang} ${p}`);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth),
          `${lang} ${p} at 360 px`,
        ).toBeLessThanOrEqual(360);
      }
      await open(page, `${prefix}/institutions/?q=kunming&standing=good`);
      await page.locator('[data-finder-results] li').first().waitFor({ timeout: 15_000 });
      await expectNoViolations(page, `${lang} search results`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    });
  });
});
