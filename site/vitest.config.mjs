// Unit tests beside the code (src/**/*.test.ts) and browser tests of the built site (test/browser.test.ts): they start the API CLI, which builds
// and serves the site, then drive Debian's Chromium through playwright-core. One file, one
// process: the CLI start dominates the time, so nothing is gained by parallel workers.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The first start generates the demo data and builds the site (about a minute).
    hookTimeout: 300_000,
    testTimeout: 120_000,
    fileParallelism: false,
  },
});
