/**
 * One class's page in a real browser (issue 12 §3): how to join, and "can I get the subsidy,
 * and how much?" — without JavaScript a plain checklist with the amount, with JavaScript the
 * questions answered to the amount, and a "no" explained with its clause — at 360 px wide, with
 * axe-core (WCAG 2.2 AA) in both languages, on the catalogue all browser tests share (see
 * harness.ts). The class is found at test time: the first subsidised class enrolling on the
 * catalogue's day at an institution in good standing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pageWeights } from '../scripts/page-weight.mjs';
import {
  ARTIFACTS,
  CATALOGUE_DAY,
  expectNoAxeViolations,
  gql,
  hasChromium,
  launchChromium,
  requireChromium,
} from './harness';

const PHONE = { width: 360, height: 780 };

requireChromium('course journey browser tests');

describe.runIf(hasChromium)('a course page in Chromium', () => {
  let dataDir: string;
  let site: string;
  let graphql: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** The enrolling subsidised class the tests open, as the API describes it. */
  let course: {
    id: string;
    targetGroups: string[];
    enrolment: string;
    institution: { phone: string | null; isDemo: boolean };
    subsidyConditions: {
      amountYuan: number;
      conditions: { id: string; holds: boolean | null; clause: string | null }[];
    };
  };

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
    ({ site, graphql, dataDir } = inject('catalogue')!);
    const data = await gql(
      graphql,
      `{ courses(first: 1, filter: { enrolmentStatus: ENROLLING, subsidised: true, institutionStanding: GOOD }) {
      nodes { id targetGroups enrolment institution { phone isDemo } subsidyConditions { amountYuan conditions { id holds clause } } } } }`,
    );
    course = data.courses.nodes[0];
    expect(course, `an enrolling subsidised class on ${CATALOGUE_DAY}`).toBeDefined();
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
  });

  it('without JavaScript at 360 px: how to join, and a plain checklist of the conditions with their clauses and the amount', async () => {
    const page = await newPage({ viewport: PHONE, javaScriptEnabled: false });
    await open(page, coursePath());
    await expect(page.locator('[data-enrolment-status="ENROLLING"]').textContent()).resolves.toContain('报名中');
    // A published phone (a demo one must not be dialled, so it is no link), or the county's bureau to ask.
    const phone = await page.locator('[data-fact="phone"] dd').textContent();
    if (!course.institution.phone) expect(phone).toMatch(/人力资源和社会保障局/);
    else {
      expect(phone).toContain(course.institution.phone);
      expect(await page.locator('[data-fact="phone"] a[href^="tel:"]').count()).toBe(course.institution.isDemo ? 0 : 1);
    }
    expect(await page.locator('[data-bring="bring.id-card"]').textContent()).toContain('身份证');
    const amount = await page.locator('.journey-amount').textContent();
    expect(amount).toContain(amountDigits());
    expect(amount).toContain('下面每一条都做到');
    const items = page.locator('[data-checker-list] > li');
    expect(await items.count()).toBe(course.subsidyConditions.conditions.length);
    expect(await page.locator('[data-checker-list] [data-condition="eligibility.attendance"] cite').textContent()).toBe(
      '云人社通〔2022〕50号 (十四)',
    );
    expect(
      await page.locator('[data-checker-list] [data-condition="eligibility.three-a-year"] cite').textContent(),
    ).toBe('云人社（2021）职业技能提升行动通知 二(四)');
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
    expect(await result.locator('[data-reason="eligibility.attendance"]').textContent()).toContain(
      'Below 80 % attendance',
    );
    expect(await result.locator('[data-reason="eligibility.attendance"] cite').textContent()).toBe(
      '云人社通〔2022〕50号 (十四)',
    );
    expect(await result.textContent()).not.toContain('You would receive');
    expect(await noSideways(page)).toBe(true);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('.journey-check').screenshot({ path: path.join(ARTIFACTS, 'course-checker-360-en.png') });
    expect(errors).toEqual([]);
  });

  it("a finished class shows its outcomes as the API suppressed them, and the institution's record; axe 0 in both languages", async () => {
    const res = await fetch(graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ courses(first: 60, filter: { enrolmentStatus: FINISHED, subsidised: true }) { nodes { id outcomes { listed { display displayEn } subsidised { display suppressed } } institutionOutcomes { certificationRate { display } } } } }`,
      }),
    });
    const finished = (await res.json()).data.courses.nodes.find((n: any) => n.outcomes);
    expect(finished, 'a finished class with a published notice').toBeDefined();
    const page = await newPage({ viewport: PHONE });
    await open(page, `/courses/${encodeURIComponent(finished.id)}/`);
    expect((await page.locator('[data-fact="listed"] dd').textContent())!.trim()).toBe(
      finished.outcomes.listed.display,
    );
    expect((await page.locator('[data-fact="subsidised"] dd').textContent())!.trim()).toBe(
      finished.outcomes.subsidised.display,
    );
    expect(await page.locator('[data-fact="subsidised"] dd').getAttribute('data-suppressed')).toBe(
      String(finished.outcomes.subsidised.suppressed),
    );
    expect((await page.locator('[data-fact="recordRate"] dd').textContent())!.trim()).toBe(
      finished.institutionOutcomes.certificationRate.display,
    );
    for (const prefix of ['', '/en']) {
      await open(page, `${prefix}/courses/${encodeURIComponent(finished.id)}/`);
      await expectNoAxeViolations(page, `finished ${prefix || 'zh'}`);
    }
    expect((await page.locator('[data-fact="listed"] dd').textContent())!.trim()).toBe(
      finished.outcomes.listed.displayEn,
    );
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
      await expectNoAxeViolations(page, `${prefix || 'zh'} ${stage}`);
    }
  });
});
