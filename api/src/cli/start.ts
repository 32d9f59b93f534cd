import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, REPO_ROOT, todayIn } from '../config';
import { openOrm } from '../db/orm';
import { dataVersion } from '../db/dataset-meta';
import { prepareDatabase } from '../db/seed';
import { SearchRuntime } from '../search/search-runtime';
import { startApi } from '../server';
import { buildSite } from '../site/site-builder';
import { serveSite, type SiteServer } from '../site/site-server';
import { logger } from '../observability/logger';

// Each line says which part of `npm start` wrote it.
const apiLog = logger.child({ part: 'api' });
const searchLog = logger.child({ part: 'search' });
const siteLog = logger.child({ part: 'site' });

/** `npm start`: prepare the embedded (or configured) database, then serve the API until stopped. */
async function main(): Promise<void> {
  const config = loadConfig();
  logger.level = config.logLevel;
  const where = config.database.kind === 'sqlite' ? `SQLite file ${config.database.file}` : 'PostgreSQL (DATABASE_URL)';
  apiLog.info(`database: ${where}`);
  const orm = await openOrm(config.database, { debug: config.sqlDebug });
  await prepareDatabase(orm, {
    scale: config.demoScale,
    seed: config.demoSeed,
    today: todayIn(config),
    log: (l) => apiLog.info(l),
  });
  let stopping = false;
  let stop: (signal: string) => Promise<void> = async (signal) => {
    // Nothing is served yet: no request to finish first.
    apiLog.info(`${signal} while starting: exiting`);
    process.exit(1);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const search = await SearchRuntime.start(config, (l) => searchLog.info(l));
  try {
    const state = await search.sync(orm, (l) => searchLog.info(l));
    searchLog.info(`indexes ${state}`);
  } catch (e) {
    searchLog.error(`could not bring the indexes up to date: ${(e as Error).message}`);
  }
  search.watch(orm);
  const api = await startApi(orm, config, search);
  apiLog.info(`GraphQL API and IDE at ${api.url}/graphql · health at ${api.url}/health`);
  let site: SiteServer | null = null;
  let rebuildTimer: NodeJS.Timeout | null = null;
  // Stops a site build under way when the API stops (the build's child must not outlive it).
  const aborting = new AbortController();
  let building: Promise<unknown> = Promise.resolve();
  // From here on a signal stops everything in order: requests under way are answered first.
  stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    apiLog.info(`${signal}: stopping…`);
    let code = 0;
    try {
      if (rebuildTimer) clearInterval(rebuildTimer);
      aborting.abort();
      await building.catch(() => undefined);
      await site?.stop();
      await api.stop();
      await search.stop();
      await orm.close();
    } catch (e) {
      apiLog.error(`could not stop cleanly: ${(e as Error).message}`);
      code = 1;
    }
    process.exit(code);
  };
  const siteRoot = path.join(REPO_ROOT, 'site');
  if (config.site.enabled && fs.existsSync(path.join(siteRoot, 'astro.config.mjs'))) {
    try {
      siteLog.info('checking the static site (a first build takes about half a minute)…');
      // Whether search is on decides whether the course finder is built; where it is and its key
      // are served live at /search-endpoint.json, so a Meilisearch on another port needs no rebuild.
      let siteSearch: { url: string; searchKey: string } | null = null;
      if (search.service && (await search.service.isHealthy())) {
        siteSearch = {
          url: config.search.publicUrl ?? search.service.connection.url,
          searchKey: await search.service.searchOnlyKey(),
          ...(config.fixedToday ? { today: config.fixedToday } : {}),
        };
      }
      const build = async () =>
        api.metrics.builds.measure(async () =>
          buildSite({
            siteRoot,
            outDir: config.site.outDir,
            apiUrl: `${api.url}/graphql`,
            siteUrl: config.site.publicUrl,
            sliceRecords: config.site.sliceRecords,
            sliceWorkers: config.site.sliceWorkers,
            dataVersion: `${await dataVersion(orm.em.fork(), todayIn(config))}|search:${siteSearch ? 'on' : 'off'}`,
            log: (l) => siteLog.info(l),
            signal: aborting.signal,
          }),
        );
      const first = build();
      building = first;
      if ((await first).kind === 'reused') siteLog.info('data and pages unchanged: reusing the last build');
      site = await serveSite(config.site.outDir, config.host, config.site.port, siteSearch, api.url);
      siteLog.info(`static site at ${site.url}/`);
      if (config.site.rebuildSeconds > 0) {
        // Published notices and imports reach the pages without a restart: the pages that show
        // the changed records are rebuilt and moved in one by one, each whole.
        let rebuilding = false;
        rebuildTimer = setInterval(() => {
          if (rebuilding || stopping) return;
          rebuilding = true;
          building = build()
            .catch(
              (e) =>
                stopping || siteLog.error(`rebuild failed, still serving the previous pages: ${(e as Error).message}`),
            )
            .finally(() => {
              rebuilding = false;
            });
        }, config.site.rebuildSeconds * 1000);
        rebuildTimer.unref();
      }
    } catch (e) {
      if (stopping) return;
      siteLog.error(`not served: ${(e as Error).message}`);
    }
  }
}

main().catch((e) => {
  apiLog.error(`failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
