/**
 * What the built site serves besides pages, checked in Chromium and over HTTP (see harness.ts
 * and global-setup.ts for the shared catalogue): a notice's CSV download as Excel reads it, the
 * Atom feed, and the Content-Security-Policy that lets the finder reach Meilisearch only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, hasChromium, requireChromium } from './harness';
import { useBrowser } from './browser-session';

requireChromium('site browser tests');

describe.runIf(hasChromium)('downloads, feed and security headers of the built site', () => {
  const b = useBrowser();
  const { newPage, open, firstLink } = b;

  it('downloads a notice as CSV that Excel reads as UTF-8, columns as the data dictionary says, and serves a valid Atom feed', async () => {
    const page = await newPage({ acceptDownloads: true });
    await open(page, '/notices/');
    const notice = await firstLink(page, 'main :is(h2, h3) a[href^="/notices/"]');
    await open(page, notice);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a[data-download="csv"]').click(),
    ]);
    const file = path.join(ARTIFACTS, 'notice-download.csv');
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)], 'UTF-8 byte-order mark').toEqual([0xef, 0xbb, 0xbf]);
    const header = bytes.subarray(3).toString('utf8').split('\n')[0].split(',');
    await open(page, '/notices/data/');
    const documented = await page.locator('table[data-dictionary="csv"] tbody th').allTextContents();
    expect(header).toEqual(documented);
    // The feed: Atom 1.0 with the elements RFC 4287 requires, absolute links, newest first.
    const res = await fetch(`${b.site}/notices/feed.xml`);
    expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);
    const feed = doc.feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    for (const k of ['id', 'title', 'updated']) expect(feed[k], `feed ${k}`).toBeTruthy();
    const entries = Array.isArray(feed.entry) ? feed.entry : [feed.entry];
    expect(entries.length).toBeGreaterThan(10);
    const ids = new Set<string>();
    let previous = '9999';
    for (const e of entries) {
      for (const k of ['id', 'title', 'updated']) expect(e[k], `entry ${k}`).toBeTruthy();
      expect(Number.isNaN(Date.parse(e.updated))).toBe(false);
      expect(e.updated <= previous).toBe(true);
      previous = e.updated;
      expect(ids.has(e.id), `unique entry id ${e.id}`).toBe(false);
      ids.add(e.id);
      expect(String((Array.isArray(e.link) ? e.link[0] : e.link)['@href'])).toMatch(
        /^https?:\/\/[^/]+\/notices\/[A-Za-z0-9_-]+\/$/,
      );
    }
  });

  it('sends a Content-Security-Policy that lets the finder reach Meilisearch and nothing else', async () => {
    const res = await fetch(`${b.site}/courses/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:\d+;/);
    // The finder learns where to search from the site, live: the search-only key, never the
    // master key, and a key that cannot write.
    const endpoint = (await (await fetch(`${b.site}/search-endpoint.json`)).json()) as {
      url: string;
      searchKey: string;
    };
    expect(csp).toContain(`connect-src 'self' ${new URL(endpoint.url).origin};`);
    const masterKey = fs.readFileSync(path.join(b.dataDir, 'meilisearch', 'master-key'), 'utf8').trim();
    expect(endpoint.searchKey).not.toBe(masterKey);
    const write = await fetch(`${endpoint.url}/indexes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${endpoint.searchKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ uid: 'not-allowed' }),
    });
    expect(write.status).toBe(403);
    // No inline executable script anywhere in the page (only the JSON data block).
    const html = await res.text();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    for (const attrs of scripts) expect(attrs, 'script tag').toMatch(/src="\/_astro\/|type="application\/json"/);
  });
});
