/**
 * Subsidy notices on the built site in Chromium (see harness.ts and global-setup.ts for the
 * shared catalogue): a corrected notice's revision chain and an upheld objection, the notice
 * finder's filters against the API, an institution's subsidies year by year, and the 2022
 * subsidy dashboard.
 */
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, AXE_TAGS, hasChromium, requireChromium } from './harness';
import { useBrowser } from './browser-session';

requireChromium('site browser tests');

describe.runIf(hasChromium)('subsidy notices on the built site in Chromium', () => {
  const b = useBrowser();
  const { newPage, open, watchErrors } = b;

  it('shows a corrected notice with its revision chain, and an objection that cancelled a claim', async () => {
    const gql = async (query: string) =>
      (
        (await (
          await fetch(b.graphql, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query }),
          })
        ).json()) as any
      ).data;
    // A notice with a correction, and one with an upheld objection (both exist in the demo data).
    const notices = (
      await gql(
        '{ subsidyNotices(first: 100, filter: { isDemo: true }) { nodes { id revision objections { status lineSeq } revisions { sha256 previousSha256 } } } }',
      )
    ).subsidyNotices.nodes;
    let revised = notices.find((n: any) => n.revision === 2);
    let objected = notices.find((n: any) => n.objections.some((o: any) => o.status === 'UPHELD'));
    for (let after: string | null = null; !revised || !objected; ) {
      const page: any = (
        await gql(
          `{ subsidyNotices(first: 100${after ? `, after: "${after}"` : ''}) { pageInfo { hasNextPage endCursor } nodes { id revision objections { status lineSeq } revisions { sha256 previousSha256 } } } }`,
        )
      ).subsidyNotices;
      revised ??= page.nodes.find((n: any) => n.revision === 2);
      objected ??= page.nodes.find((n: any) => n.objections.some((o: any) => o.status === 'UPHELD'));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(revised, 'a corrected notice').toBeTruthy();
    expect(objected, 'a notice with an upheld objection').toBeTruthy();
    const page = await newPage({ viewport: { width: 360, height: 800 } });
    await open(page, `/notices/${revised.id}/`);
    const hashes = await page
      .locator('table.revisions tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('code.hash')].map((c) => c.textContent)));
    expect(hashes).toEqual([[revised.revisions[0].sha256], [revised.revisions[1].sha256, revised.revisions[0].sha256]]);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, 'no sideways scroll at 360 px').toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(ARTIFACTS, 'notice-revised-360.png'), fullPage: true });
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await open(page, `/en/notices/${objected.id}/`);
    const upheld = objected.objections.find((o: any) => o.status === 'UPHELD');
    await expect
      .poll(() => page.locator('main table').filter({ hasText: 'Upheld: subsidy cancelled' }).count())
      .toBe(1);
    const cancelledRow = page.locator('main table tbody tr').filter({ hasText: 'Cancelled (objection upheld)' });
    expect(await cancelledRow.count()).toBe(1);
    expect(await cancelledRow.locator('td').first().textContent()).toBe(String(upheld.lineSeq));
    expect((await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()).violations.map((v) => v.id)).toEqual([]);
  });

  /** Waits until the notice finder has shown its results (or said it found none). */
  async function waitForNotices(page: Page): Promise<number> {
    const status = page
      .locator('[data-notice-finder]:not([aria-busy="true"]) [data-finder-status]')
      .filter({ hasText: /\d|没有|No notice/ });
    await status.waitFor({ timeout: 15_000 });
    const m = /([\d,]+)/.exec((await status.textContent()) ?? '');
    return m ? Number(m[1].replace(/,/g, '')) : 0;
  }
  const apiGql = async (query: string, variables: Record<string, unknown> = {}) =>
    (
      (await (
        await fetch(b.graphql, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as any
    ).data;

  it('lists every notice once, from the latest back to page 1, the first notices published', async () => {
    const all: string[] = [];
    for (let after: string | null = null; ; ) {
      const { subsidyNotices: page } = await apiGql(
        'query($after: String) { subsidyNotices(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }',
        { after },
      );
      all.push(...page.nodes.map((n: { id: string }) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    // Following "older notices" from /notices/ as a reader would, without JavaScript.
    const read = async (urlPath: string) => {
      const html = await (await fetch(new URL(urlPath, b.site))).text();
      // The static list (on /notices/ the filter island comes first, with a list of its own).
      const start = html.indexOf('<ul class="notices', html.indexOf('data-static-list'));
      const list = html.slice(start, html.indexOf('</ul>', start));
      return {
        html,
        ids: [...list.matchAll(/<a href="\/notices\/([\w-]+)\/"/g)].map((m) => m[1]),
        older: html.match(/<a href="([^"]+)" rel="next"/)?.[1] ?? null,
        newer: html.match(/<a href="([^"]+)" rel="prev"/)?.[1] ?? null,
      };
    };
    const shown: string[] = [];
    const visited: string[] = [];
    for (let at: string | null = '/notices/'; at; ) {
      const page = await read(at);
      shown.push(...page.ids);
      visited.push(at);
      at = page.older;
    }
    expect(shown).toEqual(all);
    expect(visited.at(-1)).toBe('/notices/page/1/');
    // Page 1 holds the first 20 notices published, and says so; the newest page leads back to /notices/.
    const first = await read('/notices/page/1/');
    expect(first.ids).toEqual(all.slice(-20));
    expect(first.html).toContain('第1至第20份');
    const newest = Math.ceil(all.length / 20);
    expect((await read(`/notices/page/${newest}/`)).newer).toBe('/notices/');
    expect((await fetch(new URL(`/notices/page/${newest + 1}/`, b.site))).status).toBe(404);
  });

  it('filters notices by red flag, 州市 and status, keeps the filters in the URL, and agrees with the API', async () => {
    const page = await newPage();
    const errors = watchErrors(page);
    await open(page, '/notices/?flag=flag.paid-twice');
    const flagged = await waitForNotices(page);
    const api = await apiGql('{ a: subsidyNotices(first: 1, filter: { flag: "flag.paid-twice" }) { totalCount } }');
    expect(flagged).toBe(api.a.totalCount);
    expect(flagged).toBeGreaterThan(0);
    const flagTexts = await page.locator('[data-finder-results] [data-slot="flags"]').allTextContents();
    expect(flagTexts.length).toBeGreaterThan(0);
    for (const text of flagTexts) expect(text).toContain('同一人同年同职业同等级领取两次');
    // Choosing a 州市 narrows the list, and the URL says so.
    await page.selectOption('#nf-prefecture', '530100');
    await page.waitForURL(/prefecture=530100/);
    const inKunming = await waitForNotices(page);
    const apiKunming = await apiGql(
      '{ a: subsidyNotices(first: 1, filter: { flag: "flag.paid-twice", region: "530100" }) { totalCount } }',
    );
    expect(inKunming).toBe(apiKunming.a.totalCount);
    expect(new URL(page.url()).searchParams.get('flag')).toBe('flag.paid-twice');
    // Status: withdrawn notices, across all flags and places.
    await page.locator('[data-finder-reset]').click();
    await page.waitForURL((u) => u.search === '');
    // The filters stay open after a reset (they were in use); open them if not.
    if ((await page.locator('[data-finder-filters]').getAttribute('open')) === null)
      await page.locator('[data-finder-filters] summary').click();
    await page.selectOption('#nf-status', 'withdrawn');
    await page.waitForURL(/status=withdrawn/);
    const withdrawn = await waitForNotices(page);
    const apiWithdrawn = await apiGql('{ a: subsidyNotices(first: 1, filter: { status: WITHDRAWN }) { totalCount } }');
    expect(withdrawn).toBe(apiWithdrawn.a.totalCount);
    const statuses = new Set(await page.locator('[data-finder-results] [data-slot="status"]').allTextContents());
    expect([...statuses]).toEqual(['已撤回']);
    // Back returns to the unfiltered list.
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('status='));
    expect(await waitForNotices(page)).toBeGreaterThan(withdrawn);
    expect(errors).toEqual([]);
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it("shows an institution's subsidies and red flags year by year, linked to its notices", async () => {
    const top = (await apiGql('{ subsidyTotals(year: 2022, groupBy: INSTITUTION) { key trainees notices } }'))
      .subsidyTotals[0];
    const page = await newPage({ viewport: { width: 360, height: 800 } });
    await open(page, `/institutions/${top.key}/`);
    const row = page
      .locator('main table')
      .filter({ hasText: '带红旗的公示' })
      .locator('tbody tr')
      .filter({ has: page.locator('th', { hasText: /^2022$/ }) });
    expect(await row.count()).toBe(1);
    const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
    expect(cells[0]).toMatch(new RegExp(`^${top.notices}`));
    expect(cells[1]).toBe(top.trainees.toLocaleString('zh-CN'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // Its notices: the finder opens filtered to the institution, with as many notices as the API has.
    await Promise.all([
      page.waitForURL(/\/notices\/\?institution=/),
      page.locator('main a', { hasText: '这家机构的所有补贴公示' }).click(),
    ]);
    const shown = await waitForNotices(page);
    const api = await apiGql(
      'query($i: ID!) { a: subsidyNotices(first: 1, filter: { institution: $i }) { totalCount } }',
      { i: top.key },
    );
    expect(shown).toBe(api.a.totalCount);
    expect(await page.locator('#nf-institution').inputValue()).toBe(top.key);
  });

  it("draws the subsidy dashboard at build time, its figures equal to the API's, readable on a phone", async () => {
    const page = await newPage({ viewport: { width: 360, height: 800 } });
    await open(page, '/subsidies/2022/');
    const totals = (await apiGql('{ subsidyTotals(year: 2022, groupBy: PREFECTURE) { trainees } }')).subsidyTotals as {
      trainees: number;
    }[];
    const headline = (await page
      .locator('.headline div')
      .filter({ hasText: '补贴人数' })
      .locator('dd')
      .textContent())!.trim();
    expect(headline).toBe(totals.reduce((a, t) => a + t.trainees, 0).toLocaleString('zh-CN'));
    // Charts are inline SVG with a text alternative; no chart script is loaded.
    const charts = page.locator('main figure.bar-chart svg[role="img"] title');
    expect(await charts.count()).toBeGreaterThanOrEqual(4);
    expect(
      await page
        .locator('script[src]')
        .evaluateAll((s) => s.map((x) => x.getAttribute('src')).filter((src) => /chart/i.test(src ?? ''))),
    ).toEqual([]);
    // Every unmeasurable target says why, instead of a number.
    const unmeasured = page
      .locator('#targets ~ * tbody tr, section[aria-labelledby="targets"] tbody tr')
      .filter({ hasText: '无法统计' });
    expect(await unmeasured.count()).toBeGreaterThanOrEqual(5);
    for (const text of await unmeasured.allTextContents()) expect(text).toMatch(/无法从公示统计/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(ARTIFACTS, 'subsidies-2022-360.png'), fullPage: true });
    // A flag's count links to the notices carrying it in that year.
    const flagRow = page
      .locator('section[aria-labelledby="flags"] tbody tr')
      .filter({ has: page.locator('a') })
      .first();
    const flagLink = flagRow.locator('a');
    const href = (await flagLink.getAttribute('href'))!;
    expect(href).toMatch(/^\/notices\/\?from=2022-01-01&to=2022-12-31&flag=flag\./);
    const expected = Number((await flagRow.locator('td').first().textContent())!.replace(/,/g, ''));
    await Promise.all([page.waitForURL(/\/notices\/\?/), flagLink.click()]);
    expect(await waitForNotices(page)).toBe(expected);
  });
});
