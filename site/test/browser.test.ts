/**
 * The built site in a real browser: `npm start`'s compiled CLI builds and serves the site from a
 * fresh demo dataset, then Debian's Chromium (driven by playwright-core, no browser download)
 * checks accessibility with axe-core on every page template in both languages, the skip link
 * and focus style, the 360 px layout, and the list and pagination without JavaScript.
 *
 * Needs Chromium: `apt-get install -y chromium` (or CHROMIUM_PATH=/path/to/chrome). Without it
 * the browser tests are left out locally, and fail under CI (CI must run them).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.resolve(HERE, '..', '..', 'api', 'dist', 'cli', 'start.js');
const ARTIFACTS = path.join(HERE, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
const INSTALL_HINT = `Chromium not found at ${CHROMIUM}: the browser tests need it. Install it with \`apt-get install -y chromium\` (Debian/Ubuntu) or set CHROMIUM_PATH to a Chrome/Chromium executable.`;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const LANGS = [
  { lang: 'zh-CN', prefix: '' },
  { lang: 'en', prefix: '/en' },
] as const;

it('has Chromium for the browser tests (required under CI)', () => {
  if (hasChromium) return;
  if (process.env.CI) throw new Error(`${INSTALL_HINT} CI must run the browser tests.`);
  console.warn(`[site browser tests] left out: ${INSTALL_HINT}`);
});

describe.runIf(hasChromium)('the built site in Chromium', () => {
  let dataDir: string;
  let cli: ChildProcess | undefined;
  let cliExit: Promise<number | null> | undefined;
  let site: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  /** Starts the CLI and resolves with the site's URL once it serves. */
  function startCli(): Promise<string> {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` at the repository root first`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      SITE_PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_SCALE: '1',
      CATALOGUE_TODAY: '2026-11-21',
      SEARCH: 'off',
    };
    // Embedded SQLite in the temporary folder, whatever the caller's environment points at.
    delete env.DATABASE_URL;
    delete env.MEILI_URL;
    delete env.SITE;
    delete env.SITE_OUT_DIR;
    const child = spawn(process.execPath, [CLI], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    cli = child;
    cliExit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    let out = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "static site at" line within 240 s:\n${out}`)), 240_000);
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const m = /static site at (http:\/\/[\d.]+:\d+)\//.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        } else if (/\[site\] not served/.test(out) || /failed to start/.test(out)) {
          clearTimeout(timer);
          reject(new Error(`the site is not served:\n${out}`));
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the CLI exited with ${code} before serving the site:\n${out}`));
      });
    });
  }

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

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-site-browser-'));
    site = await startCli();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    if (cli && cli.exitCode === null && cli.signalCode === null) {
      cli.kill('SIGTERM');
      const killer = setTimeout(() => cli!.kill('SIGKILL'), 30_000);
      await cliExit;
      clearTimeout(killer);
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  describe.each(LANGS)('axe-core in $lang', ({ lang, prefix }) => {
    /** Runs axe on the open page; prints every violation with its targets before failing. */
    async function expectNoViolations(page: Page, label: string): Promise<void> {
      expect(await page.getAttribute('html', 'lang'), `${label}: <html lang>`).toBe(lang === 'en' && !label.includes('404') ? 'en' : 'zh-CN');
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

    it('has no violations on the notices, agencies, directory, targets, occupations and accessibility pages', async () => {
      const page = await newPage();
      for (const p of ['/notices/', '/agencies/', '/directory/', '/directory/2022/', '/targets/', '/occupations/', '/accessibility/']) {
        await open(page, `${prefix}${p}`);
        await expectNoViolations(page, `${lang} ${p}`);
      }
      await open(page, `${prefix}/notices/`);
      const notice = await firstLink(page, `main :is(h2, h3) a[href^="${prefix}/notices/"]`);
      await open(page, notice);
      await expectNoViolations(page, `${lang} notice ${notice}`);
      await open(page, `${prefix}/agencies/`);
      const agency = await firstLink(page, `main :is(h2, h3) a[href^="${prefix}/agencies/"]`);
      await open(page, agency);
      await expectNoViolations(page, `${lang} agency ${agency}`);
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
});
