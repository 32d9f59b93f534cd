import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * PostGraphile 5 (Grafast, the Amber preset) on a PostgreSQL database, the benchmark's peer: a
 * GraphQL API generated from the same tables. It is not a dependency of this project: the
 * benchmark installs it into a cache folder (postgraphile-peer.ts) and runs this script with
 * the Node 22 it needs, resolving every module from that folder.
 * Usage: `node22 dist/bench/postgraphile-server.js <install folder> <postgres url> <port>`.
 */
async function main(): Promise<void> {
  const [folder, connectionString, port] = process.argv.slice(2);
  const load = createRequire(path.join(folder, 'package.json'));
  const { postgraphile } = load('postgraphile');
  const { PostGraphileAmberPreset } = load('postgraphile/presets/amber');
  const { makePgService } = load('postgraphile/adaptors/pg');
  const { grafserv } = load('postgraphile/grafserv/node');
  const preset = {
    extends: [PostGraphileAmberPreset],
    // PostgreSQL has no index on course.county_code (MikroORM indexes foreign keys on SQLite only):
    // without this PostGraphile would offer no condition on it, and the mix filters by it.
    disablePlugins: ['PgIndexBehaviorsPlugin'],
    // A pool as large as the other PostgreSQL servers' (pg's default of 10).
    pgServices: [makePgService({ connectionString, schemas: ['public'], poolConfig: { max: 10 } })],
    grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false, maxRequestLength: 100_000 },
    grafast: { explain: false },
  };
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = http.createServer();
  await serv.addTo(server);
  await pgl.getSchema();
  // Gone with the benchmark that forked it, however it ended.
  process.on('disconnect', () => process.exit(0));
  server.listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
