/**
 * Accessibility of the built site in Chromium (see harness.ts and global-setup.ts for the shared
 * catalogue): axe-core (WCAG 2.2 AA) on every page template in both languages, the skip link and
 * its focus style, and the course finder used with the keyboard alone.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AXE_TAGS, LANGS, hasChromium, requireChromium } from './harness';
import { useBrowser } from './browser-session';

requireChromium('site browser tests');

/** Runs axe on the open page in `lang`; prints every violation with its targets before failing. */
async function expectNoViolations(page: Page, lang: string, label: string): Promise<void> {
  expect(await page.getAttribute('html', 'lang'), `${label}: <html lang>`).toBe(lang === 'en' ? 'en' : 'zh-CN');
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const report = results.violations
    .map(
      (v) =>
        `  ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n${v.nodes.map((n) => `    - ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`).join('\n')}`,
    )
    .join('\n');
  if (report) console.error(`axe violations on ${label} (${page.url()}):\n${report}`);
  // axe really looked at the page (a blank or error page passes almost nothing).
  expect(results.passes.length, `${label}: axe passes`).toBeGreaterThan(10);
  expect(
    results.violations.map((v) => `${v.id}: ${v.help} [${v.nodes.map((n) => n.target.join(' ')).join(', ')}]`),
    label,
  ).toEqual([]);
}

describe.runIf(hasChromium)('accessibility of the built site in Chromium', () => {
  const b = useBrowser();
  const { newPage, open, firstLink, waitForResults, resultIds } = b;

  describe.each(LANGS)('axe-core in $lang', ({ lang, prefix }) => {
    it('has no violations on the home, list, page 2, about, disclosure log and 404 pages', async () => {
      const page = await newPage();
      for (const p of ['/', '/courses/', '/courses/page/2/', '/about/', '/log/']) {
        await open(page, `${prefix}${p}`);
        await expectNoViolations(page, lang, `${lang} ${p}`);
      }
      await open(page, `${prefix}/no-such-page/`, 404);
      await expectNoViolations(page, lang, `${lang} 404`);
    });

    // Two tests, not one: axe on the long directory and occupation lists takes a while.
    it('has no violations on the notices, a page of the notice list and the subsidy figures pages', async () => {
      const page = await newPage();
      for (const p of ['/notices/', '/notices/page/2/', '/notices/data/', '/subsidies/', '/subsidies/2022/']) {
        await open(page, `${prefix}${p}`);
        await expectNoViolations(page, lang, `${lang} ${p}`);
      }
      await open(page, `${prefix}/notices/`);
      const notice = await firstLink(page, `main :is(h2, h3) a[href^="${prefix}/notices/"]`);
      await open(page, notice);
      await expectNoViolations(page, lang, `${lang} notice ${notice}`);
    });

    it('has no violations on the agencies, directory, targets, occupations and accessibility pages', async () => {
      const page = await newPage();
      for (const p of [
        '/agencies/',
        '/directory/',
        '/directory/2022/',
        '/targets/',
        '/occupations/',
        '/accessibility/',
      ]) {
        await open(page, `${prefix}${p}`);
        await expectNoViolations(page, lang, `${lang} ${p}`);
      }
      await open(page, `${prefix}/agencies/`);
      const agency = await firstLink(page, `main :is(h2, h3) a[href^="${prefix}/agencies/"]`);
      await open(page, agency);
      await expectNoViolations(page, lang, `${lang} agency ${agency}`);
    });

    it('has no violations on the course finder with results and filters open, and on the compare page', async () => {
      const page = await newPage();
      // Every status, so that a filter of the panel still leaves results (the panel opens when one is chosen).
      await open(page, `${prefix}/courses/?q=${encodeURIComponent('养老')}&status=all&prefecture=530100&mode=OFFLINE`);
      await waitForResults(page);
      expect(await page.locator('[data-finder-filters]').getAttribute('open')).not.toBeNull();
      await expectNoViolations(page, lang, `${lang} finder`);
      const ids = await resultIds(page, 3);
      await open(page, `${prefix}/compare/?ids=${ids.join(',')}`);
      await page.locator('.compare-table').waitFor();
      await expectNoViolations(page, lang, `${lang} compare`);
    });

    it('has no violations on a course, its occupation and its institution', async () => {
      const page = await newPage();
      await open(page, `${prefix}/courses/`);
      const course = await firstLink(page, 'main .card :is(h2, h3) a');
      expect(course).toMatch(new RegExp(`^${prefix}/courses/[^/]+/$`));
      await open(page, course);
      await expectNoViolations(page, lang, `${lang} course ${course}`);
      const occupation = await firstLink(page, `main a[href^="${prefix}/occupations/"]`);
      const institution = await firstLink(page, `main a[href^="${prefix}/institutions/"]`);
      await open(page, occupation);
      await expectNoViolations(page, lang, `${lang} occupation ${occupation}`);
      await open(page, institution);
      await expectNoViolations(page, lang, `${lang} institution ${institution}`);
    });
  });

  it('reaches the skip link first with Tab, shows its focus, and moves focus to main', async () => {
    const page = await newPage();
    await open(page, '/');
    const skip = page.locator('a.skip-link');
    const style = () =>
      skip.evaluate((el) => {
        const s = getComputedStyle(el);
        return {
          outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
          boxShadow: s.boxShadow,
          top: el.getBoundingClientRect().top,
        };
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
});
