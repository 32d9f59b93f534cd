/**
 * One class's page in a real browser (issue 12 §3): how to join, and "can I get the subsidy,
 * and how much?" — without JavaScript a plain checklist with the amount, with JavaScript the
 * questions answered to the amount, and a "no" explained with its clause — at 360 px wide, with
 * axe-core (WCAG 2.2 AA) in both languages. Set up like browser.test.ts: `npm start`'s compiled
 * CLI builds and serves the site from a fresh demo dataset in a temp folder (search off: the
 * page needs none), Debian's Chromium through playwright-core. The class is found at test time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageWeights } from '../scripts/page-weight.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.resolve(HERE, '..', '..', 'api', 'dist', 'cli', 'start.js');
const ARTIFACTS = path.join(HERE, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// A day on which the demo has classes starting later (the generator relative to today keeps it so).
const TODAY = '2023-06-15';
const PHONE = { width: 360, height: 780 };

it('has Chromium for the browser tests (required under CI)', () => {
  if (hasChromium) return;
  if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: CI must run the browser tests.`);
  console.warn(`[course journey browser tests] left out: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
});

describe.runIf(hasChromium)('a course page in Chromium', () => {
  let dataDir: string;
  let cli: ChildProcess | undefined;
  let cliExit: Promise<number | null> | undefined;
  let site: string;
  let graphql: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** The enrolling subsidised class the tests open, as the API describes it. */
  let course: { id: string; targetGroups: string[]; enrolment: string; subsidyConditions: { amountYuan: number; conditions: { id: string; holds: boolean | null; clause: string | null }[] } };

  function startCli(): Promise<string> {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` at the repository root first`);
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', SITE_PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_SCALE: '1', CATALOGUE_TODAY: TODAY, SEARCH: 'off' };
    for (const k of ['DATABASE_URL', 'MEILI_URL', 'MEILI_MASTER_KEY', 'MEILI_PUBLIC_URL', 'SITE', 'SITE_OUT_DIR']) delete env[k];
    const child = spawn(process.execPath, [CLI], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    cli = child;
    cliExit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    let out = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "static site at" line within 300 s:\n${out}`)), 300_000);
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const m = /static site at (http:\/\/[\d.]+:\d+)\//.exec(out);
        if (m) {
          clearTimeout(timer);
          graphql = /GraphQL API and IDE at (http:\/\/[\d.]+:\d+\/graphql)/.exec(out)![1];
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

  async function open(page: Page, urlPath: string): Promise<void> {
    const res = await page.goto(`${site}${urlPath}`, { waitUntil: 'load' });
    expect(res!.status(), urlPath).toBe(200);
  }

  const coursePath = (prefix = '') => `${prefix}/courses/${encodeURIComponent(course.id)}/`;
  const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const amountDigits = () => course.subsidyConditions.amountYuan.toLocaleString('en-US');

  /** Answers every question yes (the first radio of each fieldset), by tapping its label. */
  async function answerAllYes(page: Page): Promise<void> {
    const questions = page.locator('form[data-checker] fieldset');
    const n = await questions.count();
    expect(n).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < n; i++) await questions.nth(i).locator('label.journey-choice').first().click();
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-course-journey-'));
    site = await startCli();
    const res = await fetch(graphql, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ courses(first: 1, filter: { enrolmentStatus: ENROLLING, subsidised: true, institutionStanding: GOOD }) { nodes { id targetGroups enrolment subsidyConditions { amountYuan conditions { id holds clause } } } } }` }),
    });
    course = (await res.json()).data.courses.nodes[0];
    expect(course, `an enrolling subsidised class on ${TODAY}`).toBeDefined();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  }, 360_000);

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

  it('without JavaScript at 360 px: how to join, and a plain checklist of the conditions with their clauses and the amount', async () => {
    const page = await newPage({ viewport: PHONE, javaScriptEnabled: false });
    await open(page, coursePath());
    await expect(page.locator('[data-enrolment-status="ENROLLING"]').textContent()).resolves.toContain('报名中');
    expect(await page.locator('[data-fact="phone"] dd').textContent()).toMatch(/人力资源和社会保障局/);
    expect(await page.locator('[data-bring="bring.id-card"]').textContent()).toContain('身份证');
    const amount = await page.locator('.journey-amount').textContent();
    expect(amount).toContain(amountDigits());
    expect(amount).toContain('下面每一条都做到');
    const items = page.locator('[data-checker-list] > li');
    expect(await items.count()).toBe(course.subsidyConditions.conditions.length);
    expect(await page.locator('[data-checker-list] [data-condition="eligibility.attendance"] cite').textContent()).toBe('云人社通〔2022〕50号 (十四)');
    expect(await page.locator('[data-checker-list] [data-condition="eligibility.three-a-year"] cite').textContent()).toBe('云人社（2021）职业技能提升行动通知 二(四)');
    expect(await page.locator('[data-checker-list]').isVisible()).toBe(true);
    expect(await page.locator('form[data-checker]').isVisible()).toBe(false);
    expect(await noSideways(page)).toBe(true);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'course-journey-360-nojs.png'), fullPage: true });
  });

  it('with JavaScript at 360 px: the questions → the amount; a "no" → why not, with its clause', async () => {
    const page = await newPage({ viewport: PHONE });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await open(page, coursePath('/en'));
    const form = page.locator('form[data-checker]');
    await form.waitFor({ state: 'visible' });
    expect(await page.locator('[data-checker-list]').isVisible()).toBe(false);
    // Large targets: every answer is at least 44 px high.
    const box = await form.locator('label.journey-choice').first().boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await answerAllYes(page);
    const result = page.locator('[data-checker-result]');
    await expect(result.textContent()).resolves.toContain(`You would receive`);
    expect(await result.textContent()).toContain(amountDigits());
    expect(await result.getAttribute('class')).toContain('is-eligible');
    // No to attendance: the answer changes at once and cites 50号 (十四).
    await form.locator('fieldset[data-condition="eligibility.attendance"] label.journey-choice').nth(1).click();
    expect(await result.getAttribute('class')).toContain('is-not-eligible');
    expect(await result.locator('[data-reason="eligibility.attendance"]').textContent()).toContain('Below 80 % attendance');
    expect(await result.locator('[data-reason="eligibility.attendance"] cite').textContent()).toBe('云人社通〔2022〕50号 (十四)');
    expect(await result.textContent()).not.toContain('You would receive');
    expect(await noSideways(page)).toBe(true);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('.journey-check').screenshot({ path: path.join(ARTIFACTS, 'course-checker-360-en.png') });
    expect(errors).toEqual([]);
  });

  it('a finished class shows its outcomes as the API suppressed them, and the institution\'s record; axe 0 in both languages', async () => {
    const res = await fetch(graphql, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ courses(first: 60, filter: { enrolmentStatus: FINISHED, subsidised: true }) { nodes { id outcomes { listed { display displayEn } subsidised { display suppressed } } institutionOutcomes { certificationRate { display } } } } }` }),
    });
    const finished = (await res.json()).data.courses.nodes.find((n: any) => n.outcomes);
    expect(finished, 'a finished class with a published notice').toBeDefined();
    const page = await newPage({ viewport: PHONE });
    await open(page, `/courses/${encodeURIComponent(finished.id)}/`);
    expect((await page.locator('[data-fact="listed"] dd').textContent())!.trim()).toBe(finished.outcomes.listed.display);
    expect((await page.locator('[data-fact="subsidised"] dd').textContent())!.trim()).toBe(finished.outcomes.subsidised.display);
    expect(await page.locator('[data-fact="subsidised"] dd').getAttribute('data-suppressed')).toBe(String(finished.outcomes.subsidised.suppressed));
    expect((await page.locator('[data-fact="recordRate"] dd').textContent())!.trim()).toBe(finished.institutionOutcomes.certificationRate.display);
    for (const prefix of ['', '/en']) {
      await open(page, `${prefix}/courses/${encodeURIComponent(finished.id)}/`);
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} [${v.nodes.map((n) => n.target.join(' ')).join(', ')}]`), `finished ${prefix || 'zh'}`).toEqual([]);
    }
    expect((await page.locator('[data-fact="listed"] dd').textContent())!.trim()).toBe(finished.outcomes.listed.displayEn);
    expect(await noSideways(page)).toBe(true);
  });

  it('keeps the course page within its weight budget (≤ 50 KB gzip with its CSS and JS) with the journey added', () => {
    const weights = pageWeights(path.join(dataDir, 'site'));
    expect(weights.course.total, JSON.stringify(weights.course)).toBeLessThanOrEqual(50 * 1024);
  });

  it.each([
    { lang: 'zh-CN', prefix: '' },
    { lang: 'en', prefix: '/en' },
  ])('has no axe violations on the course page in $lang, before and after answering', async ({ prefix }) => {
    const page = await newPage({ viewport: PHONE });
    await open(page, coursePath(prefix));
    await page.locator('form[data-checker]').waitFor({ state: 'visible' });
    for (const stage of ['before', 'after']) {
      if (stage === 'after') await answerAllYes(page);
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      const report = results.violations.map((v) => `${v.id}: ${v.help} [${v.nodes.map((n) => n.target.join(' ')).join(', ')}]`);
      expect(results.passes.length).toBeGreaterThan(10);
      expect(report, `${prefix || 'zh'} ${stage}`).toEqual([]);
    }
  });
});
