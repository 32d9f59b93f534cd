/**
 * What the browser test files of the built site share beyond harness.ts: one Chromium per file,
 * launched before its first test and closed after its last (with every context it opened), on
 * the catalogue `global-setup.ts` started, and the small page helpers the flows use. Each file
 * calls {@link useBrowser} inside its `describe`, so it sets up and tears down what it uses.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { ARTIFACTS, launchChromium } from './harness';

/** A file's browser on the shared catalogue, and the helpers its tests drive pages with. */
export interface BrowserSession {
  /** The static site's address (set once the file's `beforeAll` has run). */
  readonly site: string;
  /** The API's GraphQL endpoint (to find records to open). */
  readonly graphql: string;
  /** The catalogue's folder: its built site and Meilisearch's master key. */
  readonly dataDir: string;
  /** A page in a new browser context (closed after the file's last test). */
  newPage(options?: Parameters<Browser['newContext']>[0]): Promise<Page>;
  /** Opens `urlPath` of the site and checks the status (404 only for the not-found page). */
  open(page: Page, urlPath: string, status?: number): Promise<void>;
  /** The first link matching `selector`, as a site path. */
  firstLink(page: Page, selector: string): Promise<string>;
  /** Waits until the course finder has shown its results (or said it found none). */
  waitForResults(page: Page): Promise<void>;
  /** The course ids of the first `n` finder results. */
  resultIds(page: Page, n: number): Promise<string[]>;
  /** The number in the finder's status line ("找到 31 个班…"). */
  foundCount(page: Page): Promise<number>;
  /** Collects what the browser reports as errors on a page (CSP violations, failed scripts). */
  watchErrors(page: Page): string[];
}

/**
 * Registers the file's `beforeAll` (Chromium, the shared catalogue's addresses, the artifacts
 * folder) and `afterAll` (every context, then the browser) and returns the helpers.
 * Call it inside a `describe.runIf(hasChromium)` block: without Chromium there is nothing to launch.
 * @example describe.runIf(hasChromium)('…', () => { const b = useBrowser(); it('…', async () => { await b.open(await b.newPage(), '/'); }); });
 */
export function useBrowser(): BrowserSession {
  let urls = { site: '', graphql: '', dataDir: '' };
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    urls = inject('catalogue')!;
    browser = await launchChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
  });

  return {
    get site() {
      return urls.site;
    },
    get graphql() {
      return urls.graphql;
    },
    get dataDir() {
      return urls.dataDir;
    },

    async newPage(options = {}) {
      const context = await browser!.newContext(options);
      contexts.push(context);
      return context.newPage();
    },

    async open(page, urlPath, status = 200) {
      const res = await page.goto(`${urls.site}${urlPath}`, { waitUntil: 'load' });
      expect(res, urlPath).not.toBeNull();
      expect(res!.status(), urlPath).toBe(status);
    },

    async firstLink(page, selector) {
      const hrefValue = await page.locator(selector).first().getAttribute('href');
      expect(hrefValue, selector).toBeTruthy();
      return new URL(hrefValue!, page.url()).pathname;
    },

    async waitForResults(page) {
      await page
        .locator('[data-finder]:not([hidden]):not([aria-busy="true"]) [data-finder-status]')
        .filter({ hasText: /\d/ })
        .waitFor({ timeout: 15_000 });
    },

    async resultIds(page, n) {
      const hrefs = await page
        .locator('[data-finder-results] li h3 a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      expect(hrefs.length, 'finder results').toBeGreaterThanOrEqual(n);
      return hrefs.slice(0, n).map((h) => h.split('/').filter(Boolean).pop()!);
    },

    async foundCount(page) {
      const text = (await page.textContent('[data-finder-status]')) ?? '';
      const m = /([\d,]+)/.exec(text);
      expect(m, `status "${text}"`).not.toBeNull();
      return Number(m![1].replace(/,/g, ''));
    },

    watchErrors(page) {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      return errors;
    },
  };
}
