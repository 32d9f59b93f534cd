/**
 * The built site in a real browser: `npm start`'s compiled CLI builds and serves the site from a
 * fresh demo dataset with its embedded Meilisearch (one for all browser test files, see
 * harness.ts and global-setup.ts), then Debian's Chromium (driven by
 * playwright-core, no browser download) checks the worker's flows (search 养老 and yanglao, a
 * filter in the URL, nearest first, add three to compare, keyboard only), accessibility with
 * axe-core on every page template in both languages, the skip link and focus style, 360 px and
 * 200 % text, the list and pagination without JavaScript, and the page-weight budgets.
 *
 * Needs Chromium: `apt-get install -y chromium` (or CHROMIUM_PATH=/path/to/chrome). Without it
 * the browser tests are left out locally, and fail under CI (CI must run them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pageWeights } from '../scripts/page-weight.mjs';
import { ARTIFACTS, AXE_TAGS, LANGS, hasChromium, launchChromium, requireChromium } from './harness';

requireChromium('site browser tests');

describe.runIf(hasChromium)('the built site in Chromium', () => {
  let site: string;
  /** The API's GraphQL endpoint (to find records to open). */
  let graphql: string;
  /** The catalogue's folder: its built site and Meilisearch's master key. */
  let dataDir: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext(options);
    contexts.push(context);
    return context.newPage();
  }

  /** Opens `path` and checks the status (404 only for the not-found page). */
  async function open(page: Page, urlPath: string, status = 200): Promise<void> {
    const res = await page.goto(`${site}${urlPath}`, { waitUntil: 'load' });
    expect(res, urlPath).not.toBeNull();
    expect(res!.status(), urlPath).toBe(status);
  }

  /** The first link in `main` whose href matches, as a site path. */
  async function firstLink(page: Page, selector: string): Promise<string> {
    const hrefValue = await page.locator(selector).first().getAttribute('href');
    expect(hrefValue, selector).toBeTruthy();
    return new URL(hrefValue!, page.url()).pathname;
  }

  /** Waits until the course finder has shown its results (or said it found none). */
  async function waitForResults(page: Page): Promise<void> {
    await page.locator('[data-finder]:not([hidden]):not([aria-busy="true"]) [data-finder-status]').filter({ hasText: /\d/ }).waitFor({ timeout: 15_000 });
  }

  /** The course ids of the first `n` finder results. */
  async function resultIds(page: Page, n: number): Promise<string[]> {
    const hrefs = await page.locator('[data-finder-results] li h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.length, 'finder results').toBeGreaterThanOrEqual(n);
    return hrefs.slice(0, n).map((h) => h.split('/').filter(Boolean).pop()!);
  }

  /** The number in the finder's status line ("找到 31 个班…"). */
  async function foundCount(page: Page): Promise<number> {
    const text = (await page.textContent('[data-finder-status]')) ?? '';
    const m = /([\d,]+)/.exec(text);
    expect(m, `status "${text}"`).not.toBeNull();
    return Number(m![1].replace(/,/g, ''));
  }

  /** Collects what the browser reports as errors on a page (CSP violations, failed scripts). */
  function watchErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    return errors;
  }

  beforeAll(async () => {
    ({ site, graphql, dataDir } = inject('catalogue')!);
    browser = await launchChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
  });

  describe.each(LANGS)('axe-core in $lang', ({ lang, prefix }) => {
    /** Runs axe on the open page; prints every violation with its targets before failing. */
    async function expectNoViolations(page: Page, label: string): Promise<void> {
      expect(await page.getAttribute('html', 'lang'), `${label}: <html lang>`).toBe(lang === 'en' ? 'en' : 'zh-CN');
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      const report = results.violations
        .map((v) => `  ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n${v.nodes.map((n) => `    - ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`).join('\n')}`)
        .join('\n');
      if (report) console.error(`axe violations on ${label} (${page.url()}):\n${report}`);
      // axe really looked at the page (a blank or error page passes almost nothing).
      expect(results.passes.length, `${label}: axe passes`).toBeGreaterThan(10);
      expect(results.violations.map((v) => `${v.id}: ${v.help} [${v.nodes.map((n) => n.target.join(' ')).join(', ')}]`), label).toEqual([]);
    }

    it('has no violations on the home, list, page 2, about and 404 pages', async () => {
      const page = await newPage();
      for (const p of ['/', '/courses/', '/courses/page/2/', '/about/']) {
        await open(page, `${prefix}${p}`);
        await expectNoViolations(page, `${lang} ${p}`);
      }
      await open(page, `${prefix}/no-such-page/`, 404);
      await expectNoViolations(page, `${lang} 404`);
    });

    // Two tests, not one: axe on the long directory and occupation lists takes a while.
    it('has no violations on the notices and subsidy figures pages', async () => {
      const page = await newPage();
      for (const p of ['/notices/', '/notices/data/', '/subsidies/', '/subsidies/2022/']) {
        await open(page, `${prefix}${p}`);
        await expectNoViolations(page, `${lang} ${p}`);
      }
      await open(page, `${prefix}/notices/`);
      const notice = await firstLink(page, `main :is(h2, h3) a[href^="${prefix}/notices/"]`);
      await open(page, notice);
      await expectNoViolations(page, `${lang} notice ${notice}`);
    });

    it('has no violations on the agencies, directory, targets, occupations and accessibility pages', async () => {
      const page = await newPage();
      for (const p of ['/agencies/', '/directory/', '/directory/2022/', '/targets/', '/occupations/', '/accessibility/']) {
        await open(page, `${prefix}${p}`);
        await expectNoViolations(page, `${lang} ${p}`);
      }
      await open(page, `${prefix}/agencies/`);
      const agency = await firstLink(page, `main :is(h2, h3) a[href^="${prefix}/agencies/"]`);
      await open(page, agency);
      await expectNoViolations(page, `${lang} agency ${agency}`);
    });

    it('has no violations on the course finder with results and filters open, and on the compare page', async () => {
      const page = await newPage();
      // Every status, so that a filter of the panel still leaves results (the panel opens when one is chosen).
      await open(page, `${prefix}/courses/?q=${encodeURIComponent('养老')}&status=all&prefecture=530100&mode=OFFLINE`);
      await waitForResults(page);
      expect(await page.locator('[data-finder-filters]').getAttribute('open')).not.toBeNull();
      await expectNoViolations(page, `${lang} finder`);
      const ids = await resultIds(page, 3);
      await open(page, `${prefix}/compare/?ids=${ids.join(',')}`);
      await page.locator('.compare-table').waitFor();
      await expectNoViolations(page, `${lang} compare`);
    });

    it('has no violations on a course, its occupation and its institution', async () => {
      const page = await newPage();
      await open(page, `${prefix}/courses/`);
      const course = await firstLink(page, 'main .card :is(h2, h3) a');
      expect(course).toMatch(new RegExp(`^${prefix}/courses/[^/]+/$`));
      await open(page, course);
      await expectNoViolations(page, `${lang} course ${course}`);
      const occupation = await firstLink(page, `main a[href^="${prefix}/occupations/"]`);
      const institution = await firstLink(page, `main a[href^="${prefix}/institutions/"]`);
      await open(page, occupation);
      await expectNoViolations(page, `${lang} occupation ${occupation}`);
      await open(page, institution);
      await expectNoViolations(page, `${lang} institution ${institution}`);
    });
  });

  it('reaches the skip link first with Tab, shows its focus, and moves focus to main', async () => {
    const page = await newPage();
    await open(page, '/');
    const skip = page.locator('a.skip-link');
    const style = () =>
      skip.evaluate((el) => {
        const s = getComputedStyle(el);
        return { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, boxShadow: s.boxShadow, top: el.getBoundingClientRect().top };
      });
    const unfocused = await style();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return { className: el?.className, href: el?.getAttribute('href') };
    });
    expect(focused).toEqual({ className: 'skip-link', href: '#main' });
    const withFocus = await style();
    // A visible focus indicator: an outline or a shadow that the unfocused link does not have.
    const visibleOutline = !withFocus.outline.startsWith('none') && !/^\S+ 0px/.test(withFocus.outline);
    expect(visibleOutline || withFocus.boxShadow !== 'none', `focus style: ${JSON.stringify(withFocus)}`).toBe(true);
    expect(withFocus.outline !== unfocused.outline || withFocus.boxShadow !== unfocused.boxShadow).toBe(true);
    // The skip link is on screen while it has focus (it hides above the page otherwise).
    expect(unfocused.top).toBeLessThan(0);
    expect(withFocus.top).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main', undefined, { timeout: 5_000 });
    expect(new URL(page.url()).hash).toBe('#main');
    // The next Tab continues inside main, not at the top of the page again.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
  });

  it('fits a course page on a 360 px phone and saves screenshots at 360 and 1280 px', async () => {
    const list = await newPage();
    await open(list, '/courses/');
    const course = await firstLink(list, 'main .card :is(h2, h3) a');
    for (const { width, height } of [
      { width: 360, height: 800 },
      { width: 1280, height: 900 },
    ]) {
      const page = await newPage({ viewport: { width, height } });
      for (const p of [course, `/en${course}`]) {
        await open(page, p);
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scrollWidth, `${p} at ${width} px`).toBeLessThanOrEqual(width);
      }
      await open(page, course);
      await page.screenshot({ path: path.join(ARTIFACTS, `course-${width}.png`), fullPage: true });
      expect(fs.statSync(path.join(ARTIFACTS, `course-${width}.png`)).size).toBeGreaterThan(1000);
    }
  });

  it('lists 20 courses and paginates without JavaScript', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await open(page, '/courses/');
    const links = page.locator('main .cards > li .card :is(h2, h3) a');
    await expect.poll(() => links.count()).toBe(20);
    const firstPage = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const next = page.locator('main nav.pagination a[href="/courses/page/2/"]').first();
    await expect.poll(() => next.count()).toBeGreaterThan(0);
    await Promise.all([page.waitForURL(`${site}/courses/page/2/`), next.click()]);
    expect(await page.locator('main nav.pagination [aria-current="page"]').textContent()).toBe('2');
    const secondPage = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(secondPage).toHaveLength(20);
    expect(secondPage.filter((h) => firstPage.includes(h))).toEqual([]);
    // A course link from the list opens its page.
    await Promise.all([page.waitForLoadState('load'), links.first().click()]);
    expect(new URL(page.url()).pathname).toBe(secondPage[0]);
    expect(await page.locator('main h1').count()).toBe(1);
  });
  it('finds 养老 and yanglao, opens a course, adds three to compare, and compares them in that order', async () => {
    const page = await newPage({ viewport: { width: 360, height: 800 } });
    const errors = watchErrors(page);
    await open(page, '/courses/');
    await waitForResults(page);
    const input = page.locator('#finder-q');
    await input.fill('养老');
    await input.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('养老');
    await waitForResults(page);
    const hanTitles = await page.locator('[data-finder-results] li h3 a').allTextContents();
    expect(hanTitles.length).toBeGreaterThan(0);
    expect(hanTitles[0]).toContain('养老');
    // The same classes by pinyin, typed the way a phone keyboard without Chinese input would.
    await input.fill('yanglao');
    await input.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('yanglao');
    await waitForResults(page);
    const pinyinTitles = await page.locator('[data-finder-results] li h3 a').allTextContents();
    expect(pinyinTitles[0]).toContain('养老');
    expect(new Set(pinyinTitles)).toEqual(new Set(hanTitles));
    await page.screenshot({ path: path.join(ARTIFACTS, 'finder-360.png'), fullPage: true });

    const ids = await resultIds(page, 3);
    // Open the first class from the results, add it there; add the next two from their own pages.
    await Promise.all([page.waitForURL(`${site}/courses/${ids[0]}/`), page.locator('[data-finder-results] li h3 a').first().click()]);
    for (const [i, id] of ids.entries()) {
      if (i > 0) await open(page, `/courses/${id}/`);
      const toggle = page.locator('[data-compare-toggle]');
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => page.textContent('[data-compare-status]')).toContain(String(i + 1));
    }
    const bar = page.locator('[data-compare-bar] a');
    await Promise.all([page.waitForURL(/\/compare\//), bar.click()]);
    expect(new URL(page.url()).searchParams.get('ids')).toBe(ids.join(','));
    await page.locator('.compare-table').waitFor();
    const headers = await page.locator('.compare-table thead th a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(headers).toEqual(ids.map((id) => `/courses/${id}/`));
    // Facts line up row by row, and the ones that differ say so in words, not colour alone.
    const rows = page.locator('.compare-table tbody tr');
    expect(await rows.count()).toBeGreaterThan(15);
    const differing = page.locator('.compare-table tbody tr.differs');
    expect(await differing.count()).toBeGreaterThan(0);
    expect(await differing.first().locator('th').textContent()).toMatch(/≠ 不同/);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(ARTIFACTS, `compare-${width}.png`), fullPage: true });
    }
    // Removing one keeps the order of the others, in the table and in the shareable address.
    await page.locator('.compare-remove').nth(1).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('ids')).toBe([ids[0], ids[2]].join(','));
    await expect.poll(() => page.locator('.compare-table thead th a').count()).toBe(2);
    expect(errors, 'browser errors (CSP, scripts)').toEqual([]);
  });

  it('narrows the results with a filter, keeps the search in the URL and reopens it from there', async () => {
    const page = await newPage();
    const errors = watchErrors(page);
    await open(page, '/courses/');
    await waitForResults(page);
    const all = await foundCount(page);
    await page.locator('[data-finder-filters-summary]').click();
    await page.selectOption('#finder-prefecture', '530100');
    await expect.poll(() => new URL(page.url()).searchParams.get('prefecture')).toBe('530100');
    await waitForResults(page);
    const kunming = await foundCount(page);
    expect(kunming).toBeGreaterThan(0);
    expect(kunming).toBeLessThan(all);
    const places = await page.locator('[data-finder-results] [data-slot="place"]').allTextContents();
    expect(places.length).toBeGreaterThan(0);
    for (const place of places) expect(place).toContain('昆明市');
    // The 州市's option shows its count; the county select now offers its counties.
    expect(await page.locator('#finder-prefecture option[value="530100"]').textContent()).toContain(String(kunming));
    expect(await page.locator('#finder-county option').count()).toBeGreaterThan(10);
    await page.selectOption('#finder-level', 'LEVEL_5');
    await expect.poll(() => new URL(page.url()).searchParams.get('level')).toBe('LEVEL_5');
    await waitForResults(page);
    const narrower = await foundCount(page);
    expect(narrower).toBeLessThanOrEqual(kunming);
    // The address alone reopens the same search, in a fresh page.
    const shared = page.url();
    const other = await newPage();
    await other.goto(shared);
    await waitForResults(other);
    expect(await foundCount(other)).toBe(narrower);
    expect(await other.inputValue('#finder-prefecture')).toBe('530100');
    expect(await other.inputValue('#finder-level')).toBe('LEVEL_5');
    // Back goes to the previous search.
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('level')).toBeNull();
    await waitForResults(page);
    await expect.poll(() => foundCount(page)).toBe(kunming);
    // A later page of results is in the URL too.
    await page.locator('[data-page-step="1"]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('page')).toBe('2');
    expect(errors, 'browser errors (CSP, scripts)').toEqual([]);
  });

  it('lists nearest first: the chosen county, then the rest of its 州市, then the province', async () => {
    const page = await newPage();
    // A county of 昆明市 with a few classes, so that three pages cross from one tier to the next.
    await open(page, '/courses/?prefecture=530100');
    await waitForResults(page);
    const counties = await page.locator('#finder-county option[value]').evaluateAll((os) =>
      os.map((o) => ({ code: (o as HTMLOptionElement).value, name: o.getAttribute('data-label') ?? '', n: Number(/(\d+)\D*$/.exec(o.textContent ?? '')?.[1] ?? 0) })),
    );
    const county = counties.filter((c) => c.code && c.n > 0 && c.n < 20).sort((a, b) => a.n - b.n)[0];
    expect(county, JSON.stringify(counties)).toBeTruthy();
    const tierOf = (place: string) => (place.startsWith(county.name) ? 0 : place.includes('昆明市') ? 1 : 2);
    const seen: number[] = [];
    for (const n of [1, 2, 3]) {
      await open(page, `/courses/?sort=near&near=${county.code}${n > 1 ? `&page=${n}` : ''}`);
      await waitForResults(page);
      const places = await page.locator('[data-finder-results] [data-slot="place"]').allTextContents();
      expect(places).toHaveLength(20);
      seen.push(...places.map(tierOf));
    }
    expect(seen.filter((t) => t === 0)).toHaveLength(county.n);
    expect(seen[0]).toBe(0);
    expect(seen[county.n]).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(await page.inputValue('#finder-sort')).toBe('near');
    expect(await page.inputValue('#finder-near')).toBe(county.code);
  });

  it('lets the keyboard alone search, filter and add to compare', async () => {
    const page = await newPage();
    // Every status: 电工 in the first 州市 may have no class enrolling today.
    await open(page, '/courses/?status=all');
    await waitForResults(page);
    await page.locator('#finder-q').focus();
    await page.keyboard.type('电工');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('电工');
    await waitForResults(page);
    // Tab from the search box to the 州市 (above the other filters), pick one with the arrows,
    // then on to the other filters and open them with Enter.
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 40; i++) {
        if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await tabTo('#finder-prefecture');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => new URL(page.url()).searchParams.get('prefecture')).toMatch(/^53\d{4}$/);
    await waitForResults(page);
    await tabTo('[data-finder-filters-summary]');
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-finder-filters]').getAttribute('open')).not.toBeNull();
    await tabTo('[data-finder-results] [data-compare-toggle]');
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-pressed'))).toBe('true');
    await expect.poll(() => page.locator('[data-compare-bar]').isVisible()).toBe(true);
  });

  it('keeps the finder and a course page readable with text at 200 %', async () => {
    const page = await newPage({ viewport: { width: 1280, height: 900 } });
    await open(page, '/courses/?q=' + encodeURIComponent('养老'));
    await waitForResults(page);
    const course = (await resultIds(page, 1))[0];
    for (const p of ['/courses/?q=' + encodeURIComponent('养老'), `/courses/${course}/`, '/compare/?ids=' + (await resultIds(page, 2)).join(',')]) {
      await open(page, p);
      const base = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
      const bigger = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      expect(bigger / base, p).toBeCloseTo(2, 1);
      // Nothing is cut off: the page does not scroll sideways (tables scroll inside their own box).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${p} at 200 %`).toBeLessThanOrEqual(0);
    }
  });

  it('moves nothing while loading: no layout shift on the finder, a course page and the compare page', async () => {
    const page = await newPage({ viewport: { width: 360, height: 800 } });
    /** Cumulative layout shift so far (Chromium's layout-shift entries, buffered since navigation). */
    const cls = () =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let sum = 0;
            new PerformanceObserver((list) => {
              for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) sum += e.value;
            }).observe({ type: 'layout-shift', buffered: true });
            setTimeout(() => resolve(sum), 300);
          }),
      );
    await open(page, '/courses/');
    await waitForResults(page);
    expect(await cls(), '/courses/').toBeLessThanOrEqual(0.01);
    await open(page, `/courses/?q=${encodeURIComponent('养老')}`);
    await waitForResults(page);
    expect(await cls(), '/courses/?q=养老').toBeLessThanOrEqual(0.01);
    const ids = await resultIds(page, 2);
    // With classes already chosen, the compare link appears on the course page as it loads.
    await page.evaluate((list) => localStorage.setItem('skills-yunnan.compare', list), ids.join(','));
    await open(page, `/courses/${ids[0]}/`);
    await page.locator('[data-compare-bar]:not([hidden])').waitFor();
    expect(await cls(), 'course page').toBeLessThanOrEqual(0.01);
    await open(page, `/compare/?ids=${ids.join(',')}`);
    await page.locator('.compare-table').waitFor();
    expect(await cls(), 'compare page').toBeLessThanOrEqual(0.01);
  });

  it('shows a corrected notice with its revision chain, and an objection that cancelled a claim', async () => {
    const gql = async (query: string) => ((await (await fetch(graphql, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as any).data;
    // A notice with a correction, and one with an upheld objection (both exist in the demo data).
    const notices = (await gql('{ subsidyNotices(first: 100, filter: { isDemo: true }) { nodes { id revision objections { status lineSeq } revisions { sha256 previousSha256 } } } }')).subsidyNotices.nodes;
    let revised = notices.find((n: any) => n.revision === 2);
    let objected = notices.find((n: any) => n.objections.some((o: any) => o.status === 'UPHELD'));
    for (let after: string | null = null; !revised || !objected; ) {
      const page: any = (await gql(`{ subsidyNotices(first: 100${after ? `, after: "${after}"` : ''}) { pageInfo { hasNextPage endCursor } nodes { id revision objections { status lineSeq } revisions { sha256 previousSha256 } } } }`)).subsidyNotices;
      revised ??= page.nodes.find((n: any) => n.revision === 2);
      objected ??= page.nodes.find((n: any) => n.objections.some((o: any) => o.status === 'UPHELD'));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(revised, 'a corrected notice').toBeTruthy();
    expect(objected, 'a notice with an upheld objection').toBeTruthy();
    const page = await newPage({ viewport: { width: 360, height: 800 } });
    await open(page, `/notices/${revised.id}/`);
    const hashes = await page.locator('table.revisions tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('code.hash')].map((c) => c.textContent)));
    expect(hashes).toEqual([[revised.revisions[0].sha256], [revised.revisions[1].sha256, revised.revisions[0].sha256]]);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, 'no sideways scroll at 360 px').toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(ARTIFACTS, 'notice-revised-360.png'), fullPage: true });
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await open(page, `/en/notices/${objected.id}/`);
    const upheld = objected.objections.find((o: any) => o.status === 'UPHELD');
    await expect.poll(() => page.locator('main table').filter({ hasText: 'Upheld: subsidy cancelled' }).count()).toBe(1);
    const cancelledRow = page.locator('main table tbody tr').filter({ hasText: 'Cancelled (objection upheld)' });
    expect(await cancelledRow.count()).toBe(1);
    expect(await cancelledRow.locator('td').first().textContent()).toBe(String(upheld.lineSeq));
    expect((await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()).violations.map((v) => v.id)).toEqual([]);
  });

  /** Waits until the notice finder has shown its results (or said it found none). */
  async function waitForNotices(page: Page): Promise<number> {
    const status = page.locator('[data-notice-finder]:not([aria-busy="true"]) [data-finder-status]').filter({ hasText: /\d|没有|No notice/ });
    await status.waitFor({ timeout: 15_000 });
    const m = /([\d,]+)/.exec((await status.textContent()) ?? '');
    return m ? Number(m[1].replace(/,/g, '')) : 0;
  }
  const apiGql = async (query: string, variables: Record<string, unknown> = {}) =>
    ((await (await fetch(graphql, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json()) as any).data;

  it('filters notices by red flag, 州市 and status, keeps the filters in the URL, and agrees with the API', async () => {
    const page = await newPage();
    const errors = watchErrors(page);
    await open(page, '/notices/?flag=flag.paid-twice');
    const flagged = await waitForNotices(page);
    const api = await apiGql('{ a: subsidyNotices(first: 1, filter: { flag: "flag.paid-twice" }) { totalCount } }');
    expect(flagged).toBe(api.a.totalCount);
    expect(flagged).toBeGreaterThan(0);
    const flagTexts = await page.locator('[data-finder-results] [data-slot="flags"]').allTextContents();
    expect(flagTexts.length).toBeGreaterThan(0);
    for (const text of flagTexts) expect(text).toContain('同一人同年同职业同等级领取两次');
    // Choosing a 州市 narrows the list, and the URL says so.
    await page.selectOption('#nf-prefecture', '530100');
    await page.waitForURL(/prefecture=530100/);
    const inKunming = await waitForNotices(page);
    const apiKunming = await apiGql('{ a: subsidyNotices(first: 1, filter: { flag: "flag.paid-twice", region: "530100" }) { totalCount } }');
    expect(inKunming).toBe(apiKunming.a.totalCount);
    expect(new URL(page.url()).searchParams.get('flag')).toBe('flag.paid-twice');
    // Status: withdrawn notices, across all flags and places.
    await page.locator('[data-finder-reset]').click();
    await page.waitForURL((u) => u.search === '');
    // The filters stay open after a reset (they were in use); open them if not.
    if ((await page.locator('[data-finder-filters]').getAttribute('open')) === null) await page.locator('[data-finder-filters] summary').click();
    await page.selectOption('#nf-status', 'withdrawn');
    await page.waitForURL(/status=withdrawn/);
    const withdrawn = await waitForNotices(page);
    const apiWithdrawn = await apiGql('{ a: subsidyNotices(first: 1, filter: { status: WITHDRAWN }) { totalCount } }');
    expect(withdrawn).toBe(apiWithdrawn.a.totalCount);
    const statuses = new Set(await page.locator('[data-finder-results] [data-slot="status"]').allTextContents());
    expect([...statuses]).toEqual(['已撤回']);
    // Back returns to the unfiltered list.
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('status='));
    expect(await waitForNotices(page)).toBeGreaterThan(withdrawn);
    expect(errors).toEqual([]);
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('shows an institution\'s subsidies and red flags year by year, linked to its notices', async () => {
    const top = (await apiGql('{ subsidyTotals(year: 2022, groupBy: INSTITUTION) { key trainees notices } }')).subsidyTotals[0];
    const page = await newPage({ viewport: { width: 360, height: 800 } });
    await open(page, `/institutions/${top.key}/`);
    const row = page.locator('main table').filter({ hasText: '带红旗的公示' }).locator('tbody tr').filter({ has: page.locator('th', { hasText: /^2022$/ }) });
    expect(await row.count()).toBe(1);
    const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
    expect(cells[0]).toMatch(new RegExp(`^${top.notices}`));
    expect(cells[1]).toBe(top.trainees.toLocaleString('zh-CN'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // Its notices: the finder opens filtered to the institution, with as many notices as the API has.
    await Promise.all([page.waitForURL(/\/notices\/\?institution=/), page.locator('main a', { hasText: '这家机构的所有补贴公示' }).click()]);
    const shown = await waitForNotices(page);
    const api = await apiGql('query($i: ID!) { a: subsidyNotices(first: 1, filter: { institution: $i }) { totalCount } }', { i: top.key });
    expect(shown).toBe(api.a.totalCount);
    expect(await page.locator('#nf-institution').inputValue()).toBe(top.key);
  });

  it('draws the subsidy dashboard at build time, its figures equal to the API\'s, readable on a phone', async () => {
    const page = await newPage({ viewport: { width: 360, height: 800 } });
    await open(page, '/subsidies/2022/');
    const totals = (await apiGql('{ subsidyTotals(year: 2022, groupBy: PREFECTURE) { trainees } }')).subsidyTotals as { trainees: number }[];
    const headline = (await page.locator('.headline div').filter({ hasText: '补贴人数' }).locator('dd').textContent())!.trim();
    expect(headline).toBe(totals.reduce((a, t) => a + t.trainees, 0).toLocaleString('zh-CN'));
    // Charts are inline SVG with a text alternative; no chart script is loaded.
    const charts = page.locator('main figure.bar-chart svg[role="img"] title');
    expect(await charts.count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('script[src]').evaluateAll((s) => s.map((x) => x.getAttribute('src')).filter((src) => /chart/i.test(src ?? '')))).toEqual([]);
    // Every unmeasurable target says why, instead of a number.
    const unmeasured = page.locator('#targets ~ * tbody tr, section[aria-labelledby="targets"] tbody tr').filter({ hasText: '无法统计' });
    expect(await unmeasured.count()).toBeGreaterThanOrEqual(5);
    for (const text of await unmeasured.allTextContents()) expect(text).toMatch(/无法从公示统计/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(ARTIFACTS, 'subsidies-2022-360.png'), fullPage: true });
    // A flag's count links to the notices carrying it in that year.
    const flagRow = page.locator('section[aria-labelledby="flags"] tbody tr').filter({ has: page.locator('a') }).first();
    const flagLink = flagRow.locator('a');
    const href = (await flagLink.getAttribute('href'))!;
    expect(href).toMatch(/^\/notices\/\?from=2022-01-01&to=2022-12-31&flag=flag\./);
    const expected = Number((await flagRow.locator('td').first().textContent())!.replace(/,/g, ''));
    await Promise.all([page.waitForURL(/\/notices\/\?/), flagLink.click()]);
    expect(await waitForNotices(page)).toBe(expected);
  });

  it('downloads a notice as CSV that Excel reads as UTF-8, columns as the data dictionary says, and serves a valid Atom feed', async () => {
    const page = await newPage({ acceptDownloads: true });
    await open(page, '/notices/');
    const notice = await firstLink(page, 'main :is(h2, h3) a[href^="/notices/"]');
    await open(page, notice);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-download="csv"]').click()]);
    const file = path.join(ARTIFACTS, 'notice-download.csv');
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)], 'UTF-8 byte-order mark').toEqual([0xef, 0xbb, 0xbf]);
    const header = bytes.subarray(3).toString('utf8').split('\n')[0].split(',');
    await open(page, '/notices/data/');
    const documented = await page.locator('table[data-dictionary="csv"] tbody th').allTextContents();
    expect(header).toEqual(documented);
    // The feed: Atom 1.0 with the elements RFC 4287 requires, absolute links, newest first.
    const res = await fetch(`${site}/notices/feed.xml`);
    expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);
    const feed = doc.feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    for (const k of ['id', 'title', 'updated']) expect(feed[k], `feed ${k}`).toBeTruthy();
    const entries = Array.isArray(feed.entry) ? feed.entry : [feed.entry];
    expect(entries.length).toBeGreaterThan(10);
    const ids = new Set<string>();
    let previous = '9999';
    for (const e of entries) {
      for (const k of ['id', 'title', 'updated']) expect(e[k], `entry ${k}`).toBeTruthy();
      expect(Number.isNaN(Date.parse(e.updated))).toBe(false);
      expect(e.updated <= previous).toBe(true);
      previous = e.updated;
      expect(ids.has(e.id), `unique entry id ${e.id}`).toBe(false);
      ids.add(e.id);
      expect(String((Array.isArray(e.link) ? e.link[0] : e.link)['@href'])).toMatch(/^https?:\/\/[^/]+\/notices\/[A-Za-z0-9_-]+\/$/);
    }
  });

  it('sends a Content-Security-Policy that lets the finder reach Meilisearch and nothing else', async () => {
    const res = await fetch(`${site}/courses/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:\d+;/);
    // The finder learns where to search from the site, live: the search-only key, never the
    // master key, and a key that cannot write.
    const endpoint = (await (await fetch(`${site}/search-endpoint.json`)).json()) as { url: string; searchKey: string };
    expect(csp).toContain(`connect-src 'self' ${new URL(endpoint.url).origin};`);
    const masterKey = fs.readFileSync(path.join(dataDir, 'meilisearch', 'master-key'), 'utf8').trim();
    expect(endpoint.searchKey).not.toBe(masterKey);
    const write = await fetch(`${endpoint.url}/indexes`, { method: 'POST', headers: { authorization: `Bearer ${endpoint.searchKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ uid: 'not-allowed' }) });
    expect(write.status).toBe(403);
    // No inline executable script anywhere in the page (only the JSON data block).
    const html = await res.text();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    for (const attrs of scripts) expect(attrs, 'script tag').toMatch(/src="\/_astro\/|type="application\/json"/);
  });

  it('keeps the page-weight budgets (course page ≤ 50 KB gzip with its CSS and JS, search JS ≤ 100 KB gzip)', () => {
    const weights = pageWeights(path.join(dataDir, 'site'));
    expect(weights.course.total, JSON.stringify(weights.course)).toBeLessThanOrEqual(50 * 1024);
    expect(weights.search.js, JSON.stringify(weights.search)).toBeLessThanOrEqual(100 * 1024);
    expect(weights.search.js, 'the finder ships its script').toBeGreaterThan(1024);
  });
});
