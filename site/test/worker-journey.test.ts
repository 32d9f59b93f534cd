/**
 * A worker's whole journey on a 360 px phone (issue 12): choose a 州市 → the classes enrolling
 * there, soonest first → open one → answer the subsidy checker → the amount and its clauses →
 * add two more to compare → the institution's page → the blacklist page. Then the same
 * journey's core without JavaScript: the home page → the 州市's page of enrolling classes → a
 * class → its checklist and amount → its institution → the blacklist. Every expectation is read
 * from the API of the catalogue all browser tests share (harness.ts) at test time.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gql, hasChromium, launchChromium, requireChromium } from './harness';

const PHONE = { width: 360, height: 780 };
const KUNMING = '530100';

requireChromium('worker journey');

/** An enrolling class as the API describes it. */
interface Enrolling {
  id: string;
  startDate: string;
  region: { code: string };
  institution: { id: string; name: string };
  subsidyConditions: { amountYuan: number | null };
}

describe.runIf(hasChromium)("a worker's journey, at 360 px", () => {
  let site: string;
  let graphql: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** The classes enrolling in Kunming today, soonest first. */
  let kunming: Enrolling[];

  async function newPage(javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled });
    contexts.push(context);
    return context.newPage();
  }

  /** Follows a link by clicking it, and waits for the page it opens. */
  async function follow(page: Page, selector: string): Promise<string> {
    const link = page.locator(selector).first();
    const target = new URL((await link.getAttribute('href'))!, page.url()).pathname;
    await Promise.all([page.waitForURL((u) => u.pathname === target), link.click()]);
    return target;
  }

  const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  /** The blacklist as the API has it today: the current bars' institutions. */
  async function barredNow(): Promise<string[]> {
    const data = await gql(
      graphql,
      '{ blacklistings(first: 100, filter: { status: CURRENT }) { nodes { institution { name } } } }',
    );
    return data.blacklistings.nodes.map((b: { institution: { name: string } }) => b.institution.name);
  }

  beforeAll(async () => {
    ({ site, graphql } = inject('catalogue')!);
    browser = await launchChromium();
    const data = await gql(
      graphql,
      `{ courses(first: 100, orderBy: START_DATE_ASC, filter: { region: "${KUNMING}", enrolmentStatus: ENROLLING }) {
      nodes { id startDate region { code } institution { id name } subsidyConditions { amountYuan } } } }`,
    );
    kunming = data.courses.nodes;
    expect(kunming.length, 'classes enrolling in Kunming today').toBeGreaterThanOrEqual(4);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
  });

  it('with JavaScript: 州市 → enrolling classes soonest first → checker → amount → compare three → institution → blacklist', async () => {
    const page = await newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site}/courses/`);
    await page.selectOption('#finder-prefecture', KUNMING);
    await expect.poll(() => new URL(page.url()).searchParams.get('prefecture')).toBe(KUNMING);
    const results = page.locator('[data-finder-results] li h3 a');
    await expect
      .poll(
        async () => (await results.count()) > 0 && (await page.getAttribute('[data-finder]', 'aria-busy')) !== 'true',
        { timeout: 20_000 },
      )
      .toBe(true);
    // Enrolling classes of the 州市 first, soonest start first, as the API lists them.
    const ids = (await results.evaluateAll((as) => as.map((a) => a.getAttribute('href')!))).map(
      (h) => h.split('/').filter(Boolean).pop()!,
    );
    const startOf = new Map(kunming.map((c) => [c.id, c.startDate]));
    expect(
      ids.slice(0, 3).every((id) => startOf.has(id)),
      'the first results enroll in Kunming',
    ).toBe(true);
    expect(ids.slice(0, 3).map((id) => startOf.get(id))).toEqual(kunming.slice(0, 3).map((c) => c.startDate));
    expect(new Set(await page.locator('[data-finder-results] [data-slot="status"]').allTextContents())).toEqual(
      new Set(['报名中']),
    );

    // Open the soonest; answer the checker: all yes → the amount, with the clauses on the way.
    const first = kunming.find((c) => c.id === ids[0])!;
    await follow(page, '[data-finder-results] li h3 a');
    const form = page.locator('form[data-checker]');
    if (first.subsidyConditions.amountYuan) {
      await form.waitFor({ state: 'visible' });
      const attendance = form.locator('fieldset[data-condition="eligibility.attendance"]');
      expect(await attendance.getAttribute('data-clause')).toBe('云人社通〔2022〕50号 (十四)');
      const questions = form.locator('fieldset');
      for (let i = 0; i < (await questions.count()); i++)
        await questions.nth(i).locator('label.journey-choice').first().click();
      const result = page.locator('[data-checker-result]');
      await expect
        .poll(() => result.textContent())
        .toContain(first.subsidyConditions.amountYuan.toLocaleString('en-US'));
      // Below 80 % attendance: no subsidy, and the clause that says so.
      await attendance.locator('label.journey-choice').nth(1).click();
      expect(await result.locator('[data-reason="eligibility.attendance"] cite').textContent()).toBe(
        '云人社通〔2022〕50号 (十四)',
      );
      await attendance.locator('label.journey-choice').first().click();
    } else {
      expect(await page.locator('.journey-amount').textContent()).toContain('这个班没有培训补贴');
    }

    // Add it and the next two to compare, then compare them.
    for (const [i, id] of ids.slice(0, 3).entries()) {
      if (i > 0) await page.goto(`${site}/courses/${id}/`);
      const toggle = page.locator('[data-compare-toggle]');
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    }
    await follow(page, '[data-compare-bar] a');
    await page.locator('.compare-table').waitFor();
    expect(await page.locator('.compare-table thead th a').count()).toBe(3);

    // The first class's institution: its page, and from there the blacklist.
    await page.goto(`${site}/courses/${first.id}/`);
    await follow(page, '[data-fact="institution"] a');
    expect(await page.locator('h1').textContent()).toContain(first.institution.name);
    await follow(page, 'nav.breadcrumb a[href="/institutions/"]');
    await follow(page, 'main a[data-blacklist-link]');
    const listed = await page.locator('main').textContent();
    for (const name of await barredNow()) expect(listed).toContain(name);
    expect(await noSideways(page)).toBe(true);
    expect(errors).toEqual([]);
  });

  it("without JavaScript: home → the 州市's enrolling classes → a class's checklist and amount → its institution → the blacklist", async () => {
    const page = await newPage(false);
    await page.goto(`${site}/`);
    await follow(page, `main a[href="/courses/in/${KUNMING}/"]`);
    const listed = await page
      .locator('[data-enrolling-list] > li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-course-id')));
    expect(listed).toEqual(kunming.map((c) => c.id).slice(0, listed.length));
    expect(listed.length).toBe(kunming.length);
    const subsidised = kunming.find((c) => c.subsidyConditions.amountYuan)!;
    await page.goto(`${site}/courses/${subsidised.id}/`);
    expect(await page.locator('[data-checker-list]').isVisible()).toBe(true);
    expect(await page.locator('.journey-amount').textContent()).toContain(
      subsidised.subsidyConditions.amountYuan!.toLocaleString('en-US'),
    );
    await follow(page, '[data-fact="institution"] a');
    await follow(page, 'nav.breadcrumb a[href="/institutions/"]');
    await follow(page, 'main a[data-blacklist-link]');
    const text = await page.locator('main').textContent();
    for (const name of await barredNow()) expect(text).toContain(name);
    expect(await noSideways(page)).toBe(true);
  });
});
