/**
 * Finding a class to join, in a real browser (issue 12, section 2): the course finder opens on
 * the classes enrolling today, soonest start first; its status facet counts what the API says
 * for today; a 州市 → county choice narrows the list and is remembered on the device until it is
 * forgotten; a mistyped occupation (焊功, 养佬护理员) finds its classes by sound; without
 * JavaScript, /courses/, the home page and a page per 州市 list the enrolling classes soonest
 * first. Every figure is checked against the API at test time (nothing of the demo hard-coded).
 *
 * On the catalogue all browser tests share (harness.ts), whose day is fixed: the browser's clock
 * is left as it is, and the finder counts for the catalogue's day, served with its search endpoint.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  CATALOGUE_DAY,
  LANGS,
  expectNoAxeViolations,
  gql as query,
  hasChromium,
  launchChromium,
  requireChromium,
} from './harness';

const TODAY = CATALOGUE_DAY;

requireChromium('finder-today');

/** A class as the API lists it, with what its status today follows from. */
interface ApiCourse {
  id: string;
  startDate: string;
  seatsLeft: number;
  enrolmentStatus: string;
  region: { code: string; name: string };
}

describe.runIf(hasChromium)('finding a class to join today', () => {
  let site: string;
  let graphql: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  /**
   * A page in a fresh context (its own localStorage). Its clock is the machine's: the finder
   * counts "today" for the catalogue's fixed day, which the site serves in /search-endpoint.json.
   */
  async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext(options);
    contexts.push(context);
    return context.newPage();
  }

  async function open(page: Page, urlPath: string): Promise<void> {
    const res = await page.goto(`${site}${urlPath}`, { waitUntil: 'load' });
    expect(res?.status(), urlPath).toBe(200);
  }

  function watchErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    return errors;
  }

  const gql = (text: string, variables: Record<string, unknown> = {}): Promise<any> => query(graphql, text, variables);

  /** Every class matching `filter`, in the API's START_DATE_ASC order. */
  async function apiCourses(filter: Record<string, unknown>): Promise<ApiCourse[]> {
    const out: ApiCourse[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await gql(
        `query($filter: CourseFilter, $after: String) { courses(first: 100, after: $after, filter: $filter, orderBy: START_DATE_ASC) {
          pageInfo { hasNextPage endCursor } nodes { id startDate seatsLeft enrolmentStatus region { code name } } } }`,
        { filter, after },
      );
      out.push(...data.courses.nodes);
      if (!data.courses.pageInfo.hasNextPage) return out;
      after = data.courses.pageInfo.endCursor;
    }
  }

  /** The classes enrolling today as the API says (places left, deadline not passed, not cancelled). */
  function apiEnrolling(region?: string): Promise<ApiCourse[]> {
    return apiCourses({ enrolmentStatus: 'ENROLLING', ...(region ? { region } : {}) });
  }

  async function waitForResults(page: Page): Promise<void> {
    await page
      .locator('[data-finder]:not([aria-busy="true"]) [data-finder-status]')
      .filter({ hasText: /\d/ })
      .waitFor({ timeout: 20_000 });
  }

  async function foundCount(page: Page): Promise<number> {
    const text = (await page.textContent('[data-finder-status]')) ?? '';
    const m = /找到 ([\d,]+) 个班|([\d,]+) class/.exec(text);
    expect(m, `status "${text}"`).not.toBeNull();
    return Number((m![1] ?? m![2]).replace(/,/g, ''));
  }

  async function resultIds(page: Page, selector = '[data-finder-results] li h3 a'): Promise<string[]> {
    const hrefs = await page.locator(selector).evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    return hrefs.map((h) => h.split('/').filter(Boolean).pop()!);
  }

  /** The number in a status option's text ("报名中（123）"). */
  async function optionCount(page: Page, value: string): Promise<number> {
    const text = (await page.locator(`#finder-status option[value="${value}"]`).textContent()) ?? '';
    const m = /[（(]([\d,]+)[）)]\s*$/.exec(text);
    expect(m, `option ${value}: "${text}"`).not.toBeNull();
    return Number(m![1].replace(/,/g, ''));
  }

  const expectNoViolations = expectNoAxeViolations;

  async function expectNoSidewaysScroll(page: Page, label: string): Promise<void> {
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `${label} at 360 px`).toBeLessThanOrEqual(360);
  }

  beforeAll(async () => {
    ({ site, graphql } = inject('catalogue')!);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
  });

  it("serves the catalogue's fixed day with the search endpoint, so the finder counts for the day the data was made for", async () => {
    const endpoint = (await (await fetch(`${site}/search-endpoint.json`)).json()) as { today?: string };
    expect(endpoint.today).toBe(TODAY);
  });

  it('opens with the classes enrolling today, soonest start first, as the API lists them', async () => {
    const enrolling = await apiEnrolling();
    expect(enrolling.length, 'the demo has classes enrolling today').toBeGreaterThan(100);
    const byId = new Map(enrolling.map((c) => [c.id, c]));
    const page = await newPage();
    const errors = watchErrors(page);
    await open(page, '/courses/');
    await waitForResults(page);
    expect(await page.inputValue('#finder-status')).toBe('enrolling');
    expect(await page.inputValue('#finder-sort')).toBe('soonest');
    expect(await foundCount(page)).toBe(enrolling.length);
    const ids = await resultIds(page);
    expect(ids).toHaveLength(20);
    for (const id of ids) expect(byId.has(id), `${id} is enrolling`).toBe(true);
    // Soonest first: the same start dates as the API's first twenty (classes starting on one
    // day may come in another order).
    expect(ids.map((id) => byId.get(id)!.startDate)).toEqual(enrolling.slice(0, 20).map((c) => c.startDate));
    const statuses = new Set(await page.locator('[data-finder-results] [data-slot="status"]').allTextContents());
    expect([...statuses]).toEqual(['报名中']);
    for (const places of await page.locator('[data-finder-results] [data-slot="places"]').allTextContents())
      expect(places).toMatch(/还剩 \d+ 个名额/);
    expect(errors).toEqual([]);
  });

  it('counts each status for today as the API does, and lists a status when chosen', async () => {
    const counts = await gql(`{ enrolling: courses(first: 1, filter: { enrolmentStatus: ENROLLING }) { totalCount }
      full: courses(first: 1, filter: { enrolmentStatus: FULL }) { totalCount }
      closed: courses(first: 1, filter: { enrolmentStatus: ENROLMENT_CLOSED }) { totalCount }
      running: courses(first: 1, filter: { enrolmentStatus: RUNNING }) { totalCount }
      finished: courses(first: 1, filter: { enrolmentStatus: FINISHED }) { totalCount }
      cancelled: courses(first: 1, filter: { enrolmentStatus: CANCELLED }) { totalCount }
      all: courses(first: 1) { totalCount } }`);
    const expected = Object.fromEntries(
      Object.entries(counts).map(([k, v]) => [k, (v as { totalCount: number }).totalCount]),
    );
    for (const status of ['enrolling', 'full', 'closed', 'running', 'finished'])
      expect(expected[status], status).toBeGreaterThan(0);
    const page = await newPage();
    await open(page, '/courses/');
    await waitForResults(page);
    for (const [status, n] of Object.entries(expected)) expect(await optionCount(page, status), status).toBe(n);
    await page.selectOption('#finder-status', 'running');
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('running');
    await waitForResults(page);
    expect(await foundCount(page)).toBe(expected.running);
    expect([...new Set(await page.locator('[data-finder-results] [data-slot="status"]').allTextContents())]).toEqual([
      '进行中',
    ]);
    // Running and finished classes list the latest start first unless an order is chosen.
    expect(await page.inputValue('#finder-sort')).toBe('newest');
  });

  it('narrows to a 州市 and a county, remembers the choice on the device, and forgets it on request', async () => {
    const page = await newPage();
    const errors = watchErrors(page);
    await open(page, '/courses/');
    await waitForResults(page);
    await page.selectOption('#finder-prefecture', '530100');
    await expect.poll(() => new URL(page.url()).searchParams.get('prefecture')).toBe('530100');
    await waitForResults(page);
    const kunming = await apiEnrolling('530100');
    expect(await foundCount(page)).toBe(kunming.length);
    // A county of 昆明市 with enrolling classes, as its option counts them.
    const counties = await page.locator('#finder-county option[value]:not([value=""])').evaluateAll((os) =>
      os.map((o) => ({
        code: (o as HTMLOptionElement).value,
        name: o.getAttribute('data-label') ?? '',
        n: Number(/([\d,]+)\D*$/.exec(o.textContent ?? '')?.[1] ?? 0),
      })),
    );
    const county = counties.find((c) => c.n > 0)!;
    expect(county, JSON.stringify(counties)).toBeTruthy();
    expect(county.n).toBe(kunming.filter((c) => c.region.code === county.code).length);
    await page.selectOption('#finder-county', county.code);
    await expect.poll(() => new URL(page.url()).searchParams.get('county')).toBe(county.code);
    await waitForResults(page);
    expect(await foundCount(page)).toBe(county.n);
    for (const place of await page.locator('[data-finder-results] [data-slot="place"]').allTextContents())
      expect(place).toContain(county.name);

    // Reopened later from the bare address: the finder opens on the remembered place.
    await open(page, '/courses/');
    await waitForResults(page);
    expect(new URL(page.url()).searchParams.get('county')).toBe(county.code);
    expect(await page.inputValue('#finder-prefecture')).toBe('530100');
    expect(await page.inputValue('#finder-county')).toBe(county.code);
    expect(await foundCount(page)).toBe(county.n);
    const note = page.locator('[data-place-note]');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toContain(county.name);
    await expectNoViolations(page, 'finder with a remembered place');

    // A link naming another place shows that place (and does not change the remembered one).
    await open(page, '/courses/?prefecture=530300');
    await waitForResults(page);
    expect(await page.inputValue('#finder-prefecture')).toBe('530300');

    // Forgetting: the list opens on the whole province again, now and next time.
    await open(page, '/courses/');
    await waitForResults(page);
    await page.locator('[data-place-forget]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('prefecture')).toBeNull();
    await waitForResults(page);
    expect(await note.isVisible()).toBe(false);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    await open(page, '/courses/');
    await waitForResults(page);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.inputValue('#finder-prefecture')).toBe('');
    expect(await foundCount(page)).toBe((await apiEnrolling()).length);
    expect(errors).toEqual([]);
  });

  it.each([
    { typed: '焊功', meant: '焊工' },
    { typed: '养佬护理员', meant: '养老护理员' },
  ])('finds $meant classes when $typed is typed, and says so', async ({ typed, meant }) => {
    const page = await newPage({ viewport: { width: 360, height: 800 } });
    const errors = watchErrors(page);
    await open(page, '/courses/');
    await waitForResults(page);
    await page.fill('#finder-q', typed);
    await page.press('#finder-q', 'Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(typed);
    await page.locator('[data-finder-status]').filter({ hasText: meant }).waitFor({ timeout: 20_000 });
    const status = (await page.textContent('[data-finder-status]')) ?? '';
    expect(status).toContain(`“${typed}”`);
    expect(status).toContain(`“${meant}`);
    const found = await foundCount(page);
    expect(found).toBeGreaterThan(0);
    const occupations = await page.locator('[data-finder-results] [data-slot="occupation"]').allTextContents();
    expect(occupations.length).toBe(Math.min(found, 20));
    for (const o of occupations) expect(o).toContain(meant);
    // Still the classes enrolling today: the status filter holds in the fallback too.
    expect([...new Set(await page.locator('[data-finder-results] [data-slot="status"]').allTextContents())]).toEqual([
      '报名中',
    ]);
    // The correct spelling finds them directly, without the note.
    await page.fill('#finder-q', meant);
    await page.press('#finder-q', 'Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(meant);
    await waitForResults(page);
    expect(await page.textContent('[data-finder-status]')).not.toContain('读音相同');
    await expectNoSidewaysScroll(page, `finder ${typed}`);
    expect(errors).toEqual([]);
  });

  it('lists only the enrolling classes, soonest first, without JavaScript: /courses/, the home page and a 州市 page', async () => {
    const enrolling = await apiEnrolling();
    const page = await newPage({ javaScriptEnabled: false });
    await open(page, '/courses/');
    // The static list (the finder needs JavaScript) opens on the API's enrolling classes, in its order.
    expect(await resultIds(page, 'main [data-static-list] .cards > li .card :is(h2, h3) a')).toEqual(
      enrolling.slice(0, 20).map((c) => c.id),
    );
    const toKunming = page.locator('main .prefecture-links a[href="/courses/in/530100/"]');
    expect(await toKunming.count()).toBe(1);
    await Promise.all([page.waitForURL(`${site}/courses/in/530100/`), toKunming.click()]);
    const kunming = await apiEnrolling('530100');
    expect(kunming.length).toBeGreaterThan(0);
    expect(await resultIds(page, 'main [data-enrolling-list] > li h2 a')).toEqual(kunming.map((c) => c.id));
    // Built for the API's day, and says which.
    expect(await page.textContent('main')).toContain('2026年11月21日');
    // Each class shows its start date, places left, county, institution and subsidy.
    const first = page.locator('main [data-enrolling-list] > li').first();
    for (const fact of ['start', 'places', 'county', 'institution', 'subsidy'])
      expect((await first.locator(`[data-fact="${fact}"] dd`).textContent())?.trim(), fact).toBeTruthy();
    expect(await first.locator('[data-fact="places"] dd').textContent()).toContain(
      `还剩 ${kunming[0].seatsLeft} 个名额`,
    );
    expect(await first.locator('[data-fact="county"] dd').textContent()).toContain(kunming[0].region.name);
    // The home page: the soonest enrolling classes, and the way to every 州市's page.
    await open(page, '/');
    expect(await resultIds(page, 'main [data-enrolling-list] > li h3 a')).toEqual(
      enrolling.slice(0, 5).map((c) => c.id),
    );
    expect(await page.locator('main .prefecture-links a[href^="/courses/in/"]').count()).toBe(16);
    await open(page, '/en/courses/in/530100/');
    expect(await resultIds(page, 'main [data-enrolling-list] > li h2 a')).toEqual(kunming.map((c) => c.id));
  });

  describe.each(LANGS)('in $lang', ({ prefix }) => {
    it('has no axe violations and no sideways scroll at 360 px on the finder, the home page and a 州市 page', async () => {
      const page = await newPage({ viewport: { width: 360, height: 800 } });
      await open(page, `${prefix}/courses/?prefecture=530100`);
      await waitForResults(page);
      await expectNoViolations(page, `${prefix}/courses/ finder`);
      await expectNoSidewaysScroll(page, `${prefix}/courses/`);
      for (const p of ['/', '/courses/in/530100/', '/courses/in/532800/']) {
        await open(page, `${prefix}${p}`);
        await expectNoViolations(page, `${prefix}${p}`);
        await expectNoSidewaysScroll(page, `${prefix}${p}`);
      }
    }, 300_000);
  });
});
