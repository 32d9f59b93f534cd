// Four projects: unit tests beside the code (src/**/*.test.ts); browser tests of the built site
// (test/*.test.ts), which share one catalogue started by test/global-setup.ts (`npm start`'s
// CLI: demo data, search, the built site) and drive Debian's Chromium through playwright-core;
// the nginx front end and incremental publishing, which start catalogues of their own because
// they publish data.
// One file at a time: the machine has 2 cores and the browser tests are the heavy part.
import { defineConfig } from 'vitest/config';

const browserTimeouts = { hookTimeout: 300_000, testTimeout: 120_000 };

export default defineConfig({
  test: {
    fileParallelism: false,
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'browser',
          include: ['test/**/*.test.ts'],
          exclude: ['test/nginx.test.ts', 'test/incremental.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          ...browserTimeouts,
        },
      },
      { test: { name: 'nginx', include: ['test/nginx.test.ts'], ...browserTimeouts } },
      // Incremental publishing under npm start: a catalogue of its own, since it writes data.
      { test: { name: 'incremental', include: ['test/incremental.test.ts'], ...browserTimeouts } },
    ],
  },
});
