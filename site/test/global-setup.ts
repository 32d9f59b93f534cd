/**
 * Starts one catalogue for every browser test file (the CLI's first start loads the demo,
 * builds the search indexes and the site: a minute or two, paid once rather than per file) and
 * stops it after the last one. Files reach it with `inject('catalogue')`. None of them writes
 * data; the nginx test, which publishes, starts its own.
 */
import type { TestProject } from 'vitest/node';
import { hasChromium, startCatalogue, type CatalogueUrls } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared catalogue, or null without Chromium (the browser tests are then left out). */
    catalogue: CatalogueUrls | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!hasChromium) {
    project.provide('catalogue', null);
    return async () => {};
  }
  const catalogue = await startCatalogue();
  project.provide('catalogue', { site: catalogue.site, graphql: catalogue.graphql, dataDir: catalogue.dataDir });
  return () => catalogue.stop();
}
