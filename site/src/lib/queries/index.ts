/**
 * The GraphQL queries of the build and the shapes they return, one module per domain, each
 * document typed from /schema.graphql by gql.tada (see `graphql.ts`).
 *
 * Every list is walked through its connection 100 items at a time (`queryAll`), never one
 * request per page: the whole site (≈ 8,000 pages at scale 1) needs about a hundred requests.
 * Each page type has its own selection, no wider than that page shows, so the build holds
 * little in memory and the API does little work.
 */
export * from './graphql';
export * from './courses';
export * from './institutions';
export * from './occupations';
export * from './home';
export * from './notices';
export * from './agencies';
export * from './targets';
export * from './regions';
export * from './subsidies';
export * from './log';
