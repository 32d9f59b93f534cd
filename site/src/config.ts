/**
 * Build-time configuration of the static site: the only module that reads the environment.
 *
 * The site is generated from the GraphQL API at build time; nothing here reaches a browser
 * (the course finder gets its Meilisearch address and search-only key from the API instead).
 */
import fs from 'node:fs';
import { TYPE_OF_CHANGE, type ChangedRecords } from './lib/build-plan';

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

/**
 * What a build writes when it is not a single full build (`SITE_BUILD_PLAN`):
 * - `changes`: the pages that show the records the API's change feed names (a partial build);
 * - `slice`: the own pages of the classes and notices named, and nothing else: one part of a
 *   full build made in parts (a large catalogue's, so that no one process holds every notice);
 *   `coursesWithPage` names every class of the whole build, for the notices' links;
 * - `rest`: every other page of that full build: lists, aggregates, institutions, agencies,
 *   occupations and the pages without data; it names the classes and notices the slices build,
 *   so that its sitemap lists their pages too (the slices and the rest run side by side).
 */
export type BuildPlan =
  | { kind: 'changes'; changed: ChangedRecords }
  | { kind: 'slice'; courses: readonly string[]; notices: readonly string[]; coursesWithPage: readonly string[] }
  | { kind: 'rest'; courses: readonly string[]; notices: readonly string[] };

/**
 * `SITE_BUILD_PLAN`: the path of a JSON file written by the site builder
 * (api/src/site/site-builder.ts), one of
 * - `{ "changed": { "<ChangedRecordType>": ["<global ID>", …] } }` (from the API's `recordChanges`
 *   feed; the pages that show those records are built, see lib/build-plan.ts),
 * - `{ "slice": { "courses": ["<global ID>", …], "notices": […], "coursesWithPage": […] } }`,
 * - `{ "rest": { "courses": [IDs], "notices": [IDs] } }`
 * (see {@link BuildPlan}). The builder merges what is built into the served site.
 *
 * Default: unset, a full build of every page.
 * @example SITE_BUILD_PLAN=/srv/site.plan.json astro build --outDir /srv/site.part
 */
export const buildPlan: BuildPlan | null = readPlan('SITE_BUILD_PLAN');

function isIdList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((id) => typeof id === 'string');
}

function readPlan(name: string): BuildPlan | null {
  const file = process.env[name]?.trim();
  if (!file) return null;
  const plan = JSON.parse(fs.readFileSync(file, 'utf8')) as { changed?: unknown; slice?: unknown; rest?: unknown };
  const rest = plan.rest as { courses?: unknown; notices?: unknown } | undefined;
  if (rest && isIdList(rest.courses) && isIdList(rest.notices))
    return { kind: 'rest', courses: rest.courses, notices: rest.notices };
  const slice = plan.slice as { courses?: unknown; notices?: unknown; coursesWithPage?: unknown } | undefined;
  if (slice && isIdList(slice.courses ?? []) && isIdList(slice.notices ?? []) && isIdList(slice.coursesWithPage))
    return {
      kind: 'slice',
      courses: (slice.courses as string[]) ?? [],
      notices: (slice.notices as string[]) ?? [],
      coursesWithPage: slice.coursesWithPage,
    };
  const entries = plan.changed && typeof plan.changed === 'object' ? Object.entries(plan.changed) : null;
  if (!entries?.every(([type, ids]) => Object.hasOwn(TYPE_OF_CHANGE, type) && isIdList(ids)))
    throw new Error(
      `${name} (${file}) must hold { "changed": { "<ChangedRecordType>": ["<global ID>", …] } }, ` +
        '{ "slice": { "courses": [IDs], "notices": [IDs], "coursesWithPage": [IDs] } } or ' +
        '{ "rest": { "courses": [IDs], "notices": [IDs] } }',
    );
  // The feed's values (SUBSIDY_NOTICE) become the type names the plan speaks of (SubsidyNotice).
  const changed = Object.fromEntries(
    entries.map(([type, ids]) => [TYPE_OF_CHANGE[type as keyof typeof TYPE_OF_CHANGE], ids as string[]]),
  );
  return { kind: 'changes', changed: changed as ChangedRecords };
}

/**
 * `SITE_SITEMAP_PAGES`: in a partial build, the path of a JSON array of every page the served
 * site has (`/courses/x/`, …), so the sitemap it writes lists them as well as the pages it
 * builds. Written by the site builder beside the plan.
 *
 * Default: unset, the sitemap lists the pages built (a full build builds them all).
 */
export const servedPages: string[] = readServedPages('SITE_SITEMAP_PAGES');

function readServedPages(name: string): string[] {
  const file = process.env[name]?.trim();
  if (!file) return [];
  const pages = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(pages) || !pages.every((p) => typeof p === 'string' && p.startsWith('/')))
    throw new Error(`${name} (${file}) must hold a JSON array of page paths such as "/courses/"`);
  return pages;
}
