import 'reflect-metadata';
import path from 'node:path';
import fs from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import { SearchService, toSynonyms } from '@skills-yunnan/search';
import { todayIn } from '../config';
import { cliConfig, failureLine, UsageError } from './cli-errors';
import { openOrm } from '../db/orm';
import { prepareDatabase } from '../db/seed';
import { SearchRuntime } from '../search/search-runtime';
import { loadColloquialTerms } from '../search/search-sources';
import { Course } from '../courses/course.entity';
import { EvaluationAgency } from '../agencies/agency.entity';
import { Institution } from '../institutions/institution.entity';
import { Occupation } from '../occupations/occupation.entity';
import { SubsidyNotice } from '../subsidies/subsidy-notice.entity';

/**
 * `npm run search:reindex`: rebuilds every search index from the database into new indexes
 * swapped in atomically, with a progress bar. Uses the running API's embedded Meilisearch when
 * it answers (the data folder can only be opened by one server), else starts one for the run,
 * or the external server of MEILI_URL.
 */
async function main(): Promise<void> {
  const config = cliConfig();
  if (config.search.mode === 'off') throw new UsageError('SEARCH=off: nothing to reindex');
  const orm = await openOrm(config.database);
  let runtime: SearchRuntime | null = null;
  try {
    await prepareDatabase(orm, {
      scale: config.demoScale,
      seed: config.demoSeed,
      today: todayIn(config),
      log: (l) => console.log(`[reindex] ${l}`),
    });
    const keyFile = path.join(config.dataDir, 'meilisearch', 'master-key');
    const running =
      config.search.mode === 'embedded' && fs.existsSync(keyFile)
        ? new SearchService(
            { url: `http://127.0.0.1:${config.search.port}`, apiKey: fs.readFileSync(keyFile, 'utf8').trim() },
            toSynonyms(loadColloquialTerms()),
          )
        : null;
    runtime =
      running && (await running.isHealthy())
        ? SearchRuntime.over(running)
        : await SearchRuntime.start(config, (l) => console.log(`[reindex] ${l}`));
    if (!runtime.service) throw new UsageError(runtime.problem ?? 'search is unavailable');
    const em = orm.em.fork();
    const total = (
      await Promise.all(
        // biome-ignore lint/suspicious/noExplicitAny: five entity classes of different types, counted alike
        [Course, Occupation, Institution, EvaluationAgency, SubsidyNotice].map((e) => em.count(e as any, {})),
      )
    ).reduce((a, b) => a + b, 0);
    const bar = new SingleBar(
      { format: '[reindex] {bar} {percentage}% | {value}/{total} documents | {index}', hideCursor: true },
      Presets.shades_classic,
    );
    bar.start(total, 0, { index: '' });
    const done: Record<string, number> = {};
    const state = await runtime.sync(orm, () => undefined, {
      force: true,
      onProgress: (index, n) => {
        done[index] = n;
        bar.update(
          Object.values(done).reduce((a, b) => a + b, 0),
          { index },
        );
      },
    });
    bar.stop();
    console.log(
      `[reindex] ${state}: ${Object.entries(done)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  } finally {
    await runtime?.stop();
    await orm.close();
  }
}

main().catch((e) => {
  console.error(`[reindex] failed: ${failureLine(e)}`);
  process.exit(1);
});
