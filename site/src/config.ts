/**
 * Build-time configuration of the static site: the only module that reads the environment.
 *
 * The site is generated from the GraphQL API at build time; nothing here reaches a browser
 * (the course finder gets its Meilisearch address and search-only key from the API instead).
 */

/** Default when `SITE_API_URL` is unset: the API that `npm start` serves at the repository root. */
const DEFAULT_API_URL = 'http://127.0.0.1:4000/graphql';

/**
 * `SITE_API_URL`: the GraphQL endpoint the build reads every record from.
 *
 * Default `http://127.0.0.1:4000/graphql` (what `npm start` serves). Point it at another
 * instance, e.g. `SITE_API_URL=http://127.0.0.1:4310/graphql npm run build -w site`.
 * The whole catalogue is built (every course, institution and occupation): there is
 * deliberately no setting to build a sample, so a built site is always complete.
 */
export const apiUrl: string = readUrl('SITE_API_URL', DEFAULT_API_URL);

/**
 * How long one API request may take before the build gives up, in milliseconds.
 * Not configurable: a page of 100 courses with their rule checks takes well under a second,
 * so a minute only ever means the API is stuck.
 */
export const requestTimeoutMs = 60_000;

/** Page size of every connection the build walks: the API's maximum, to keep requests few. */
export const pageSize = 100;

function readUrl(name: string, fallback: string): string {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  try {
    return new URL(raw).toString();
  } catch {
    throw new Error(`${name} must be an absolute URL such as ${fallback}, got "${raw}"`);
  }
}

/**
 * `SITE_URL`: where readers reach the site, for every absolute address the build writes: the
 * feed's links, Astro's `site` (the sitemap), robots.txt, canonical and hreflang links, Open
 * Graph URLs and the course pages' JSON-LD.
 *
 * Default `http://localhost:4321` (what `npm start` serves at its default SITE_PORT). A
 * deployment sets its public address, e.g. `SITE_URL=https://skills.example.cn`, or search
 * engines are told the pages live on localhost.
 */
export const siteUrl: string = readUrl('SITE_URL', 'http://localhost:4321').replace(/\/$/, '');
