import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { todayIn } from '../config';
import { openOrm } from '../db/orm';
import { prepareDatabase } from '../db/seed';
import { cliConfig, failureLine, UsageError } from './cli-errors';

const USAGE = `Usage: npm run generate -- [--scale N] [--seed S] [--fresh]

Loads the reference data and generates the demo data into the configured database
(DATABASE_URL, or the embedded SQLite file under DATA_DIR).
  --scale N   demo scale, default DEMO_SCALE or 1 (1 ≈ 3,000 courses; 5 ≈ 75,000 courses, 3 million notice lines; 0 = reference only)
  --seed S    PRNG seed, default DEMO_SEED or 20220211 (same seed, same data)
  --fresh     drop every table first; without it a database that is already loaded is left alone`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string' },
      seed: { type: 'string' },
      fresh: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const config = cliConfig();
  const scale = values.scale !== undefined ? Number(values.scale) : config.demoScale;
  const seed = values.seed !== undefined ? Number(values.seed) : config.demoSeed;
  if (!Number.isInteger(scale) || scale < 0)
    throw new UsageError(`--scale must be a whole number ≥ 0, got "${values.scale}"\n\n${USAGE}`);
  if (!Number.isInteger(seed) || seed < 0)
    throw new UsageError(`--seed must be a whole number ≥ 0, got "${values.seed}"\n\n${USAGE}`);
  const orm = await openOrm(config.database);
  try {
    if (values.fresh) {
      console.log('[generate] dropping every table (--fresh)…');
      await orm.getSchemaGenerator().dropSchema({ dropMigrationsTable: true });
    }
    const { loaded, meta } = await prepareDatabase(orm, {
      scale,
      seed,
      today: todayIn(config),
      log: (l) => console.log(`[generate] ${l}`),
    });
    if (!loaded) console.log('[generate] nothing done: the database was already loaded (use --fresh to rebuild it)');
    console.log(
      Object.entries(meta)
        .filter(([k]) => k.startsWith('count.'))
        .map(([k, v]) => `  ${k.slice(6)}: ${v}`)
        .join('\n'),
    );
  } finally {
    await orm.close();
  }
}

main().catch((e) => {
  console.error(`[generate] ${failureLine(e)}`);
  process.exit(1);
});
