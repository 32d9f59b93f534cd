import swc from 'unplugin-swc';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// esbuild/oxc cannot emit decorator metadata, which type-graphql and MikroORM read: swc can.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    // One graphql instance, or type-graphql and Apollo see "another module or realm".
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // API tests each build a database: run files one at a time on a 2-core machine.
    fileParallelism: false,
    pool: 'forks',
  },
});
