/**
 * The worker's flows through the course finder in Chromium (see harness.ts and global-setup.ts
 * for the shared catalogue): search 养老 and yanglao, open a class, compare three; a filter kept
 * in the URL and reopened from it; nearest first.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, hasChromium, requireChromium } from './harness';
import { useBrowser } from './browser-session';

requireChromium('site browser tests');

describe.runIf(hasChromium)('the course finder in Chromium', () => {
  const b = useBrowser();
  const { newPage, open, waitForResults, resultIds, foundCount, watchErrors } = b;

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
    await Promise.all([
      page.waitForURL(`${b.site}/courses/${ids[0]}/`),
      page.locator('[data-finder-results] li h3 a').first().click(),
    ]);
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
    const headers = await page
      .locator('.compare-table thead th a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
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
      os.map((o) => ({
        code: (o as HTMLOptionElement).value,
        name: o.getAttribute('data-label') ?? '',
        n: Number(/(\d+)\D*$/.exec(o.textContent ?? '')?.[1] ?? 0),
      })),
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
});
