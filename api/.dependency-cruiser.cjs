/**
 * The layers the README draws, as dependency-cruiser rules. Paths are relative to the
 * repository root: `npx depcruise api/src site/src --config api/.dependency-cruiser.cjs`
 * from there, or `api/test/layers.test.ts`, which runs the same rules on every `npm test`.
 */
// The domain folders, one per part of the catalogue: everything under api/src/ except the folders
// below the domains (common/, db/, graphql/, http/, observability/) and the composition (server.ts, schema.ts,
// config.ts, cli/, bench/, site/).
const DOMAIN = '^api/src/(?!(common|db|graphql|http|observability|cli|bench|site)/)[^/]+/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'An import cycle (type-only imports included): no module may depend on itself through others.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'rules-are-pure',
      comment: 'A *.rules.ts file imports only common/ and other rules files (pure functions all), and npm packages.',
      severity: 'error',
      from: { path: '\\.rules\\.ts$' },
      to: { path: '^(api|search|site)/', pathNot: ['^api/src/common/', '^api/src/[^/]+/[^/]+\\.rules\\.ts$'] },
    },
    {
      name: 'common-is-the-floor',
      comment: 'common/ imports nothing of the project outside common/.',
      severity: 'error',
      from: { path: '^api/src/common/' },
      to: { path: '^(api|search|site)/', pathNot: '^api/src/common/' },
    },
    {
      name: 'graphql-below-domains',
      comment: 'graphql/ (context, errors, connections, node registry) imports no domain folder.',
      severity: 'error',
      from: { path: '^api/src/graphql/' },
      to: { path: DOMAIN },
    },
    {
      name: 'site-apart-from-api',
      comment: 'The static site imports nothing from the API’s sources: it reads the API over HTTP.',
      severity: 'error',
      from: { path: '^site/src/' },
      to: { path: '^api/src/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.test\\.ts$|/node_modules/|/dist/)' },
    tsPreCompilationDeps: true,
  },
};
