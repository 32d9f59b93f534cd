import 'reflect-metadata';
import { loadConfig } from '../config';
import { openOrm } from '../db/orm';
import { prepareDatabase } from '../db/seed';
import { SearchRuntime } from '../search/search-runtime';
import { startApi } from '../server';

/** `npm start`: prepare the embedded (or configured) database, then serve the API until stopped. */
async function main(): Promise<void> {
  const config = loadConfig();
  const where = config.database.kind === 'sqlite' ? `SQLite file ${config.database.file}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`[api] database: ${where}`);
  const orm = await openOrm(config.database, { debug: config.sqlDebug });
  await prepareDatabase(orm, { scale: config.demoScale, seed: config.demoSeed, log: (l) => console.log(`[api] ${l}`) });
  let stopping = false;
  let stop: (signal: string) => Promise<void> = async (signal) => {
    console.log(`[api] ${signal} while starting: exiting`);
    process.exit(1);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const search = await SearchRuntime.start(config, (l) => console.log(`[search] ${l}`));
  try {
    const state = await search.sync(orm, (l) => console.log(`[search] ${l}`));
    console.log(`[search] indexes ${state}`);
  } catch (e) {
    console.error(`[search] could not bring the indexes up to date: ${(e as Error).message}`);
  }
  search.watch(orm);
  const api = await startApi(orm, config, search);
  console.log(`[api] GraphQL API and IDE at ${api.url}/graphql · health at ${api.url}/health`);
  stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[api] ${signal}: stopping…`);
    await api.stop();
    await search.stop();
    await orm.close();
    process.exit(0);
  };
}

main().catch((e) => {
  console.error('[api] failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
