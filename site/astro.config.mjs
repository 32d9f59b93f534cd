// @ts-check
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { buildPlan, servedPages, siteUrl } from './src/config.ts';
import { recordPages } from './src/lib/paths.ts';
import { sitemapEntry } from './src/lib/seo.ts';

// The rest of a full build made in parts lists the pages its slices write beside it.
const otherPages = buildPlan?.kind === 'rest' ? recordPages(buildPlan) : servedPages;

// A static site generated from the GraphQL API at build time (see src/lib/catalogue.ts).
// Languages are plain routes (src/pages/[...lang]/…): Chinese at /…, English at /en/…, so no
// Astro i18n routing, no middleware and no client-side redirects are involved.
export default defineConfig({
  output: 'static',
  // The public address (SITE_URL, read in src/config.ts): the sitemap's and the canonical links'
  // absolute URLs are made from it.
  site: siteUrl,
  // /sitemap-index.xml (named in /robots.txt): every page in both languages, each with its
  // hreflang alternates and x-default. Pages only: every page URL ends in "/", so the feed and
  // the JSON files are left out, and so is /en/404/ (a page of its own, unlike /404.html,
  // and marked noindex). A slice of a full build writes none: the rest's lists its pages.
  integrations:
    buildPlan?.kind === 'slice'
      ? []
      : [
          sitemap({
            filter: (url) => url.endsWith('/') && !url.endsWith('/404/'),
            // A partial build writes a few pages; the sitemap still lists every page served.
            customPages: otherPages.map((p) => `${siteUrl}${p}`),
            // Language alternates come from each page's own address (see sitemapEntry), not the
            // integration's i18n option, whose cost grows with the square of the pages.
            serialize: (entry) => sitemapEntry(siteUrl, entry),
          }),
        ],
  // Links always end in "/" so servers never redirect (each redirect is another round trip on a
  // slow mobile network).
  trailingSlash: 'always',
  build: {
    // A file per page (`/courses/<id>/` is `courses/<id>.html`), but an index route's page stays
    // its folder's index.html (`/courses/` is `courses/index.html`, `/` is `index.html`): nginx
    // and npm start's site server look for `x/y.html`, then `x/y/index.html`, at `/x/y/`. A
    // folder for each page cost the kernel about 0.5 ms a page on ext4 (BENCHMARKS.md, "Site
    // build"). Not 'file': @astrojs/sitemap then pipes its 110 MB through a string replacer
    // (for the home page's slash), which doubled the time of the build that writes it.
    format: 'preserve',
    // Pages render 4 at a time: the data is already in memory, so this only overlaps
    // rendering and file writes; higher values gave no gain on 2 cores and cost memory.
    concurrency: 4,
    // One small stylesheet shared by every page: fetched once, then cached, instead of being
    // repeated inside thousands of pages.
    inlineStylesheets: 'never',
  },
  // Prefetching would add a script to every page; only the course finder, the compare page and
  // the "add to compare" buttons ship JavaScript.
  prefetch: false,
  vite: {
    // Never inline a script into the HTML, however small: the Content-Security-Policy allows
    // scripts from the site's own files only (no 'unsafe-inline').
    build: { assetsInlineLimit: 0 },
  },
  devToolbar: { enabled: false },
});
