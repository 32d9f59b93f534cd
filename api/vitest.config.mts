import path from 'node:path';
import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
const graphqlDir = path.dirname(require.resolve('graphql/package.json'));

// esbuild/oxc cannot emit decorator metadata, which type-graphql and MikroORM read: swc can.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    // One graphql instance (the CommonJS build type-graphql requires), or graphql throws
    // "another module or realm": ESM builds of dependencies import graphql's .mjs files.
    alias: [
      { find: /^graphql$/, replacement: path.join(graphqlDir, 'index.js') },
      { find: /^graphql\/(.+?)(\.m?js)?$/, replacement: `${graphqlDir}/$1.js` },
      // The search workspace from source, so tests need no build of it.
      { find: /^@skills-yunnan\/search$/, replacement: path.resolve(__dirname, '../search/src/index.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // API tests each build a database: run files one at a time on a 2-core machine.
    fileParallelism: false,
    pool: 'forks',
    server: { deps: { inline: ['graphql-query-complexity'] } },
  },
});
