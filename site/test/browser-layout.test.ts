/**
 * The built site's layout in Chromium (see harness.ts and global-setup.ts for the shared
 * catalogue): a course page on a 360 px phone, the list and pagination without JavaScript, text
 * at 200 %, no layout shift while loading, and the page-weight budgets.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageWeights } from '../scripts/page-weight.mjs';
import { ARTIFACTS, hasChromium, layoutShiftSoFar, requireChromium } from './harness';
import { useBrowser } from './browser-session';

requireChromium('site browser tests');

describe.runIf(hasChromium)('layout of the built site in Chromium', () => {
  const b = useBrowser();
  const { newPage, open, firstLink, waitForResults, resultIds } = b;

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
    await Promise.all([page.waitForURL(`${b.site}/courses/page/2/`), next.click()]);
    expect(await page.locator('main nav.pagination [aria-current="page"]').textContent()).toBe('2');
    const secondPage = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(secondPage).toHaveLength(20);
    expect(secondPage.filter((h) => firstPage.includes(h))).toEqual([]);
    // A course link from the list opens its page.
    await Promise.all([page.waitForLoadState('load'), links.first().click()]);
    expect(new URL(page.url()).pathname).toBe(secondPage[0]);
    expect(await page.locator('main h1').count()).toBe(1);
  });

  it('keeps the finder and a course page readable with text at 200 %', async () => {
    const page = await newPage({ viewport: { width: 1280, height: 900 } });
    await open(page, `/courses/?q=${encodeURIComponent('养老')}`);
    await waitForResults(page);
    const course = (await resultIds(page, 1))[0];
    for (const p of [
      `/courses/?q=${encodeURIComponent('养老')}`,
      `/courses/${course}/`,
      `/compare/?ids=${(await resultIds(page, 2)).join(',')}`,
    ]) {
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
    const cls = () => layoutShiftSoFar(page);
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

  it('keeps the page-weight budgets (course page ≤ 50 KB gzip with its CSS and JS, search JS ≤ 100 KB gzip)', () => {
    const weights = pageWeights(path.join(b.dataDir, 'site'));
    expect(weights.course.total, JSON.stringify(weights.course)).toBeLessThanOrEqual(50 * 1024);
    expect(weights.search.js, JSON.stringify(weights.search)).toBeLessThanOrEqual(100 * 1024);
    expect(weights.search.js, 'the finder ships its script').toBeGreaterThan(1024);
  });
});
