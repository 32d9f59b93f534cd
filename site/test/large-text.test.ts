/**
 * 大字 / large text (适老化, issue 12 §4) in a real browser: the switch in the header of every
 * page, its choice kept on the device and applied before the first paint, and what large mode
 * promises, measured at 360 × 740 on every page template in both languages — body text ≥ 18 px
 * computed, line height ≥ 1.3, every control a target of ≥ 44 × 44 px, contrast ≥ 4.5:1 for all
 * text (axe with its large-text allowance of 3:1 taken away), no sideways scrolling. Sanity
 * checks prove the thresholds are real: with the CSS block's rules removed the same
 * measurements fail, and a 3.5:1 heading that plain axe accepts fails the contrast check here.
 *
 * On the catalogue all browser tests share (harness.ts), Debian's Chromium through playwright-core.
 * Records are found at test time (the first class listed, the first notice, a year of the
 * subsidy figures), never by id. Run: `npm run build` at the root, then
 * `cd site && npx vitest run test/large-text.test.ts`.
 *
 * Exception, decided deliberately (WCAG 2.5.8 "inline"): a link inside a sentence — an inline
 * link within a <p> that has words of its own besides its links — grows with the text but gets
 * no 44 px box, so that paragraphs read as paragraphs (a paragraph of links only is a row of
 * targets, and measured). Every other link (navigation, lists, tables, headings, flex
 * rows), button, input, select and summary must measure ≥ 44 × 44 px, checkboxes and radios
 * together with their label.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { RunOptions } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, AXE_TAGS, hasChromium, launchChromium, layoutShiftSoFar, requireChromium } from './harness';

/** Where the switch keeps the choice (src/scripts/text-size.js). */
const STORAGE_KEY = 'skills-yunnan.large-text';
const PHONE = { width: 360, height: 740 };
const MIN_FONT_PX = 18;
const MIN_LINE_HEIGHT = 1.3;
const MIN_TARGET_PX = 44;
const LANGS = [
  { lang: 'zh-CN', prefix: '', label: '大字' },
  { lang: 'en', prefix: '/en', label: 'Large text' },
] as const;

/**
 * axe's colour-contrast check with its default options, except that large text (≥ 24 px, or
 * bold ≥ 18.66 px) must also reach 4.5:1: in large mode nearly all text is "large", for which
 * WCAG AA would accept 3:1; the brief asks 4.5:1 throughout. axe replaces a check's options
 * whole, so every default is repeated (axe-core 4.13). axe.run reads `checks` from its options
 * (getCheckOption) although its RunOptions type leaves it out, hence the cast.
 */
const STRICT_CONTRAST = {
  checks: {
    'color-contrast': {
      options: {
        ignoreUnicode: true,
        ignoreLength: false,
        ignorePseudo: false,
        boldValue: 700,
        boldTextPt: 14,
        largeTextPt: 18,
        contrastRatio: { normal: { expected: 4.5 }, large: { expected: 4.5 } },
        pseudoSizeThreshold: 0.25,
        shadowOutlineEmMax: 0.2,
        textStrokeEmMin: 0.03,
      },
    },
  },
} as RunOptions;

/** What one page measures in the browser (see `measure`). */
interface Measures {
  /** Visible text in main smaller than 18 px: "tag.class 14px «text»". */
  smallText: string[];
  /** The font size of every visible paragraph in main, in px. */
  paragraphSizes: number[];
  /** Paragraphs, list items and definitions in main whose line height is under 1.3 × font size. */
  tightLines: string[];
  /** Controls under 44 × 44 px: "tag.class «name» w×h". */
  smallTargets: string[];
  /** How many controls were measured, and how many links were left out as inline in a sentence. */
  targets: number;
  inlineLinks: number;
  scrollWidth: number;
}

requireChromium('site large-text tests');

describe.runIf(hasChromium)('大字 / large text in Chromium at 360 px', () => {
  let site: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** The page templates, as found in the built site: label → path without the language prefix. */
  let templates: { name: string; path: string; ready?: (page: Page) => Promise<void> }[];

  async function newContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: PHONE, ...options });
    contexts.push(context);
    return context;
  }

  /** A phone-sized page whose device already chose large text (as a returning reader's has). */
  async function largePage(): Promise<Page> {
    const context = await newContext();
    await context.addInitScript((key) => localStorage.setItem(key, 'on'), STORAGE_KEY);
    return context.newPage();
  }

  async function open(page: Page, urlPath: string): Promise<void> {
    const res = await page.goto(`${site}${urlPath}`, { waitUntil: 'load' });
    expect(res?.status(), urlPath).toBe(200);
  }

  /** The first link in main matching `selector`, as a site path. */
  async function firstLink(page: Page, selector: string): Promise<string> {
    const value = await page.locator(selector).first().getAttribute('href');
    expect(value, selector).toBeTruthy();
    return new URL(value!, page.url()).pathname;
  }

  /** Opens a template and waits for what its scripts draw (finder results, the compare table). */
  async function openTemplate(page: Page, prefix: string, template: (typeof templates)[number]): Promise<void> {
    await open(page, `${prefix}${template.path}`);
    await template.ready?.(page);
  }

  /** Everything large mode promises, measured on the open page (see `Measures`). */
  function measure(page: Page): Promise<Measures> {
    return page.evaluate(
      ({ minFont, minLine, minTarget }) => {
        const shown = (el: Element) => {
          const rect = el.getBoundingClientRect();
          return (
            el.getClientRects().length > 0 &&
            rect.width > 1 &&
            rect.height > 1 &&
            getComputedStyle(el).visibility !== 'hidden'
          );
        };
        const describe = (el: Element) =>
          `${el.tagName.toLowerCase()}${el.getAttribute('class') ? `.${el.getAttribute('class')!.split(/\s+/).join('.')}` : ''} «${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 24)}»`;
        const main = document.querySelector('main')!;

        const smallText: string[] = [];
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const el = node.parentElement;
          if (!node.textContent?.trim() || !el || !shown(el)) continue;
          const size = parseFloat(getComputedStyle(el).fontSize);
          if (size < minFont) smallText.push(`${describe(el)} ${size}px`);
        }

        const paragraphSizes = [...main.querySelectorAll('p')]
          .filter((p) => shown(p) && p.textContent!.trim())
          .map((p) => parseFloat(getComputedStyle(p).fontSize));

        const tightLines: string[] = [];
        for (const el of main.querySelectorAll('p, li, dd, dt, td, th')) {
          if (!shown(el) || !el.textContent!.trim()) continue;
          const style = getComputedStyle(el);
          // "normal" is the font's own leading, about 1.2 for most: not enough.
          const ratio = style.lineHeight === 'normal' ? 1.2 : parseFloat(style.lineHeight) / parseFloat(style.fontSize);
          if (ratio < minLine) tightLines.push(`${describe(el)} ${ratio.toFixed(2)}`);
        }

        // Every control a finger has to hit. A checkbox or radio counts with its label.
        const controls =
          'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';
        const smallTargets: string[] = [];
        let targets = 0;
        let inlineLinks = 0;
        for (const el of document.querySelectorAll(controls)) {
          if (!shown(el)) continue;
          // The inline exception: a link flowing inside a sentence of a paragraph, i.e. a
          // paragraph with words of its own besides its links ("a · b" is a row of links).
          const paragraph = el.closest('p');
          const words = (p: Element) =>
            [...p.childNodes]
              .filter((n) => !(n instanceof HTMLAnchorElement))
              .map((n) => n.textContent)
              .join('');
          if (
            el.tagName === 'A' &&
            paragraph &&
            getComputedStyle(el).display === 'inline' &&
            /[\p{L}\p{N}]/u.test(words(paragraph))
          ) {
            inlineLinks++;
            continue;
          }
          let rect = el.getBoundingClientRect();
          if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
            const label =
              el.closest('label') ?? (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null);
            if (label) {
              const l = label.getBoundingClientRect();
              const left = Math.min(rect.left, l.left);
              const top = Math.min(rect.top, l.top);
              rect = new DOMRect(
                left,
                top,
                Math.max(rect.right, l.right) - left,
                Math.max(rect.bottom, l.bottom) - top,
              );
            }
          }
          targets++;
          // Half a pixel of rounding (sub-pixel layout), no more.
          if (rect.width < minTarget - 0.5 || rect.height < minTarget - 0.5)
            smallTargets.push(`${describe(el)} ${rect.width.toFixed(1)}×${rect.height.toFixed(1)}`);
        }
        return {
          smallText,
          paragraphSizes,
          tightLines,
          smallTargets,
          targets,
          inlineLinks,
          scrollWidth: document.documentElement.scrollWidth,
        };
      },
      { minFont: MIN_FONT_PX, minLine: MIN_LINE_HEIGHT, minTarget: MIN_TARGET_PX },
    );
  }

  /** Deletes every rule of the large-text block (selectors naming `.large-text`), as if it were not there. */
  function removeLargeTextRules(page: Page): Promise<number> {
    return page.evaluate(() => {
      let removed = 0;
      const prune = (list: CSSRuleList, owner: CSSStyleSheet | CSSGroupingRule) => {
        for (let i = list.length - 1; i >= 0; i--) {
          const rule = list[i];
          if (rule instanceof CSSStyleRule && rule.selectorText.includes('large-text')) {
            owner.deleteRule(i);
            removed++;
          } else if (rule instanceof CSSGroupingRule) prune(rule.cssRules, rule);
        }
      };
      for (const sheet of document.styleSheets) prune(sheet.cssRules, sheet);
      return removed;
    });
  }

  /** axe's violations on the open page, with the contrast check at 4.5:1 for all text. */
  async function axeViolations(page: Page): Promise<string[]> {
    const results = await new AxeBuilder({ page }).options(STRICT_CONTRAST).withTags(AXE_TAGS).analyze();
    expect(results.passes.length, `${page.url()}: axe passes`).toBeGreaterThan(10);
    return results.violations.map(
      (v) =>
        `${v.id}: ${v.help} [${v.nodes.map((n) => `${n.target.join(' ')}${n.any[0]?.message ? ` — ${n.any[0].message}` : ''}`).join(', ')}]`,
    );
  }

  const bodyFontSize = (page: Page) => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  const isLarge = (page: Page) => page.evaluate(() => document.documentElement.classList.contains('large-text'));

  beforeAll(async () => {
    ({ site } = inject('catalogue')!);
    browser = await launchChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });

    // The templates, with records found in the built site itself.
    const page = await (await newContext()).newPage();
    await open(page, '/courses/page/2/');
    const courseLinks = await page
      .locator('main .card :is(h2, h3) a')
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(courseLinks.length, 'course cards').toBeGreaterThanOrEqual(3);
    const ids = courseLinks.slice(0, 3).map((p) => p.split('/').filter(Boolean).pop()!);
    await open(page, courseLinks[0]);
    const institution = await firstLink(page, 'main a[href^="/institutions/"]');
    await open(page, '/notices/page/2/');
    const notice = await firstLink(page, 'main :is(h2, h3) a[href^="/notices/"]');
    await open(page, '/subsidies/');
    const year = await firstLink(page, 'main a[href^="/subsidies/2"]');
    expect(year).toMatch(/^\/subsidies\/\d{4}\/$/);
    const finderDone = (page: Page) =>
      page
        .locator(':is([data-finder], [data-notice-finder]):not([hidden]):not([aria-busy="true"]) [data-finder-status]')
        .filter({ hasText: /\d|没有|No / })
        .first()
        .waitFor({ timeout: 15_000 });
    templates = [
      { name: 'home', path: '/' },
      // The finder with its filters open (a 州市 chosen) and its results drawn.
      { name: 'course finder', path: '/courses/?prefecture=530100', ready: finderDone },
      { name: 'course list page 2', path: '/courses/page/2/' },
      { name: 'course', path: courseLinks[0] },
      { name: 'notice finder', path: '/notices/', ready: finderDone },
      { name: 'notice', path: notice },
      { name: 'subsidy figures', path: '/subsidies/' },
      { name: 'subsidy year', path: year },
      {
        name: 'compare',
        path: `/compare/?ids=${ids.join(',')}`,
        ready: (p) => p.locator('.compare-table').waitFor({ timeout: 15_000 }),
      },
      { name: 'institution', path: institution },
      { name: '2022 targets', path: '/targets/' },
      { name: 'accessibility', path: '/accessibility/' },
      { name: 'institution directory', path: '/institutions/' },
      { name: 'institutions of a 州市', path: '/institutions/region/530100/' },
      { name: 'blacklist', path: '/institutions/blacklist/' },
    ];
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
  });

  it('offers the switch in the header of every template in both languages: a labelled toggle button, off until chosen', async () => {
    const page = await (await newContext()).newPage();
    for (const { prefix, label } of LANGS) {
      for (const template of templates) {
        await openTemplate(page, prefix, template);
        const toggle = page.locator('header [data-text-size-toggle]');
        expect(await toggle.count(), `${prefix}${template.path}`).toBe(1);
        expect(await toggle.isVisible(), `${prefix}${template.path}`).toBe(true);
        expect(await toggle.evaluate((el) => el.tagName)).toBe('BUTTON');
        expect(await toggle.getAttribute('type')).toBe('button');
        expect(await toggle.getAttribute('aria-pressed'), `${prefix}${template.path}`).toBe('false');
        // The visible label is the accessible name, the same in both states.
        expect((await toggle.textContent())!.trim()).toBe(label);
        expect(await isLarge(page)).toBe(false);
      }
    }
  }, 240_000);

  it('switches on from the home page at once, keeps the choice across pages and visits, applies it before the first paint, and switches off', async () => {
    const context = await newContext();
    // Records whether <html> had the class when <body> first appeared and at DOMContentLoaded:
    // before body exists nothing can be painted, so "at body" means "before the first paint".
    await context.addInitScript(() => {
      const seen: Record<string, boolean | null> = { atBody: null, atDomReady: null };
      (window as unknown as { __largeText: typeof seen }).__largeText = seen;
      const has = () => document.documentElement?.classList.contains('large-text') ?? false;
      new MutationObserver((_records, observer) => {
        if (!document.body) return;
        seen.atBody = has();
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
      document.addEventListener('DOMContentLoaded', () => (seen.atDomReady = has()));
    });
    const page = await context.newPage();
    const seen = () =>
      page.evaluate(() => (window as unknown as { __largeText: Record<string, boolean | null> }).__largeText);
    const layoutShift = () => layoutShiftSoFar(page);

    await open(page, '/');
    const normal = await bodyFontSize(page);
    expect(normal).toBeLessThan(MIN_FONT_PX);
    const toggle = page.locator('header [data-text-size-toggle]');
    await toggle.click();
    // At once, on this page: no reload, no dialog.
    expect(await isLarge(page)).toBe(true);
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await bodyFontSize(page)).toBeGreaterThanOrEqual(MIN_FONT_PX);
    expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBe('on');
    expect(await page.locator('[role="dialog"], dialog[open]').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'large-text-home-360.png') });

    // Another page, reached by a link: large from its first paint, nothing moves.
    await Promise.all([
      page.waitForURL(`${site}/accessibility/`),
      page.locator('footer a[href="/accessibility/"]').click(),
    ]);
    await page.waitForLoadState('load');
    expect(await seen()).toEqual({ atBody: true, atDomReady: true });
    expect(await layoutShift(), 'layout shift on /accessibility/').toBe(0);
    expect(await page.locator('header [data-text-size-toggle]').getAttribute('aria-pressed')).toBe('true');

    // A later visit: a new tab of the same browser, a course page, in English.
    const later = await context.newPage();
    await later.goto(`${site}/en${templates.find((t) => t.name === 'course')!.path}`, { waitUntil: 'load' });
    expect(
      await later.evaluate(() => (window as unknown as { __largeText: Record<string, boolean | null> }).__largeText),
    ).toEqual({ atBody: true, atDomReady: true });
    expect(await later.locator('header [data-text-size-toggle]').getAttribute('aria-pressed')).toBe('true');
    expect(await bodyFontSize(later)).toBeGreaterThanOrEqual(MIN_FONT_PX);
    await later.close();

    // The keyboard switches it off again (Space on the focused button), and that is kept too.
    await page.locator('header [data-text-size-toggle]').focus();
    await page.keyboard.press('Space');
    expect(await isLarge(page)).toBe(false);
    expect(await page.locator('header [data-text-size-toggle]').getAttribute('aria-pressed')).toBe('false');
    expect(await bodyFontSize(page)).toBe(normal);
    expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBeNull();
    await open(page, '/');
    expect(await seen()).toEqual({ atBody: false, atDomReady: false });
    expect(await bodyFontSize(page)).toBe(normal);
    expect(await layoutShift(), 'layout shift on / after switching off').toBe(0);
  }, 120_000);

  it.each(LANGS)(
    'meets the large-text measures on every template in $lang: text ≥ 18 px, line height ≥ 1.3, targets ≥ 44 × 44 px, no sideways scroll',
    async ({ prefix }) => {
      const page = await largePage();
      const failures: string[] = [];
      for (const template of templates) {
        await openTemplate(page, prefix, template);
        expect(await isLarge(page)).toBe(true);
        const m = await measure(page);
        const where = `${template.name} (${prefix}${template.path})`;
        expect(m.targets, `${where}: controls measured`).toBeGreaterThan(10);
        expect(m.paragraphSizes.length, `${where}: paragraphs measured`).toBeGreaterThan(0);
        for (const s of m.smallText) failures.push(`${where}: text under 18 px: ${s}`);
        for (const s of m.tightLines) failures.push(`${where}: line height under 1.3: ${s}`);
        for (const s of m.smallTargets) failures.push(`${where}: target under 44 × 44: ${s}`);
        if (m.scrollWidth > PHONE.width) failures.push(`${where}: scrolls sideways (${m.scrollWidth} px)`);
        if (Math.min(...m.paragraphSizes) < MIN_FONT_PX) failures.push(`${where}: a paragraph under 18 px`);
        if (prefix === '' && ['course', 'subsidy year', 'notice'].includes(template.name)) {
          await page.screenshot({
            path: path.join(ARTIFACTS, `large-text-${template.name.replace(/\W+/g, '-')}-360.png`),
            fullPage: true,
          });
        }
      }
      expect(failures).toEqual([]);
    },
    240_000,
  );

  it('fails the same measures without the large-text CSS block (the thresholds are real)', async () => {
    const page = await largePage();
    for (const name of ['course', 'course finder']) {
      const template = templates.find((t) => t.name === name)!;
      await openTemplate(page, '', template);
      const before = await measure(page);
      expect(before.smallText, name).toEqual([]);
      expect(before.smallTargets, name).toEqual([]);
      expect(await removeLargeTextRules(page)).toBeGreaterThan(3);
      // The class is still on <html>, but nothing large is left.
      expect(await isLarge(page)).toBe(true);
      const after = await measure(page);
      expect(Math.min(...after.paragraphSizes), name).toBeLessThan(MIN_FONT_PX);
      expect(after.smallText.length, name).toBeGreaterThan(0);
      expect(after.smallTargets.length, name).toBeGreaterThan(0);
    }
    // Contrast: a bold heading at 3.5:1 passes axe's default (3:1 for large text), not ours.
    const template = templates.find((t) => t.name === 'course')!;
    await openTemplate(page, '', template);
    await page.evaluate(() => {
      for (const h of document.querySelectorAll<HTMLElement>('main h2')) h.style.color = '#8a8a8a';
    });
    const plain = await new AxeBuilder({ page }).withTags(AXE_TAGS).withRules(['color-contrast']).analyze();
    expect(plain.violations.map((v) => v.id)).toEqual([]);
    expect((await axeViolations(page)).filter((v) => v.startsWith('color-contrast')).length).toBe(1);
  }, 120_000);

  it.each(LANGS)(
    'has no axe violations in large mode on every template in $lang, text contrast 4.5:1 or more',
    async ({ prefix }) => {
      const page = await largePage();
      const failures: string[] = [];
      for (const template of templates) {
        await openTemplate(page, prefix, template);
        expect(await isLarge(page)).toBe(true);
        for (const v of await axeViolations(page)) failures.push(`${template.name} (${prefix}${template.path}): ${v}`);
      }
      if (failures.length) console.error(failures.join('\n'));
      expect(failures).toEqual([]);
    },
    300_000,
  );

  it("shows no switch without JavaScript, and the pages still follow the browser's own text size in both modes", async () => {
    const noScript = await newContext({ javaScriptEnabled: false });
    const page = await noScript.newPage();
    await open(page, '/');
    expect(await page.locator('header [data-text-size-toggle]').count()).toBe(1);
    expect(await page.locator('header [data-text-size-toggle]').isVisible(), 'a button that could do nothing').toBe(
      false,
    );
    const usual = await bodyFontSize(page);
    // The browser's text size setting (Chromium's default font size) raised from 16 to 24 px.
    const cdp = await noScript.newCDPSession(page);
    await cdp.send('Page.enable');
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24 } });
    await open(page, '/');
    expect(await bodyFontSize(page)).toBeCloseTo((usual * 24) / 16, 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    // With JavaScript, large mode multiplies whatever size the browser has.
    const large = await largePage();
    const cdpLarge = await large.context().newCDPSession(large);
    await cdpLarge.send('Page.enable');
    await cdpLarge.send('Page.setFontSizes', { fontSizes: { standard: 24 } });
    await open(large, '/');
    expect(await isLarge(large)).toBe(true);
    expect(await bodyFontSize(large)).toBeGreaterThan((usual * 24) / 16);
    expect(await large.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  }, 60_000);
});
