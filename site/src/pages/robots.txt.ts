/**
 * `/robots.txt`: every page may be crawled, and the sitemap (made by `@astrojs/sitemap` from
 * SITE_URL) is where the whole catalogue is listed, in both languages.
 */
import type { APIRoute } from 'astro';
import { siteUrl } from '../config';

export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${siteUrl}/sitemap-index.xml\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
