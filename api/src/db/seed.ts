import { RecordChange } from '../changes/record-change.entity';
import { analyzeDatabase } from './analyze';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { onPostgres } from './postgres';
import { generateDemoData } from './demo/generate';
import { demoIsStale } from './demo/timeline';
import { readDatasetMeta, type DatasetInfo } from './dataset-meta';
import { DatasetMeta } from './meta.entity';
import { withPrepareLock } from './prepare-lock';
import { migrateDatabase } from './migrations';
import { loadReferenceData, REFERENCE_WRITER } from './reference-data';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { todayIn } from '../config';
import { createLoaders } from './loaders';
import { ReferenceData } from './reference';
import { storeAllNoticeFlags } from '../subsidies/notice-flags';
import type { LogEvent } from '../log/log-entries';

/** Options for {@link prepareDatabase}. */
export interface PrepareOptions {
  /** Demo scale (default 1); 0 loads the reference data only. */
  scale: number;
  /** Demo seed (default 20220211). */
  seed: number;
  /** The day the demo is made for and flags are computed for (default: today in China). */
  today?: string;
  /** Progress output (default: none). */
  log?: (line: string) => void;
}

/**
 * Why a loaded database should be made again for today, or null: it holds only what the loader
 * generated (no publisher, no audit entry but the reference load's) and its demo was made for a
 * day more than a month ago, or before demos followed the calendar. A database holding anything
 * a publisher wrote is never remade.
 */
async function staleDemoReason(em: EntityManager, meta: DatasetInfo, today: string): Promise<string | null> {
  if (meta['demo.scale'] === undefined || meta['demo.scale'] === '0') return null;
  if (!demoIsStale(meta['demo.today'], today)) return null;
  const execute = async (sql: string, params: unknown[] = []) =>
    Number(Object.values(((await em.getConnection().execute(sql, params)) as Record<string, unknown>[])[0])[0]);
  const written =
    (await execute('select count(*) from publisher')) +
    (await execute('select count(*) from audit_entry where actor <> ?', [REFERENCE_WRITER.name]));
  if (written > 0) return null;
  return `the demo data were made for ${meta['demo.today'] ?? 'the 2021–2023 calendar'} and nothing was published into them`;
}

/** Deletes every row of every entity table, children first, inside the caller's transaction. */
async function clearData(orm: MikroORM, em: EntityManager): Promise<void> {
  const ordered = (
    orm.getSchemaGenerator() as unknown as { getOrderedMetadata(): { className: string }[] }
  ).getOrderedMetadata();
  for (const meta of ordered.reverse()) await em.nativeDelete(meta.className, {});
}

/** Tables whose integer ids the loaders assign explicitly: PostgreSQL's sequences must catch up. */
const EXPLICIT_ID_TABLES = [
  'directory_entry',
  'institution',
  'evaluation_agency',
  'agency_scope',
  'agency_fee',
  'course',
  'subsidy_notice',
  'subsidy_notice_revision',
  'subsidy_objection',
  'annual_target',
];

/**
 * Runs the migrations the database has not run, then loads the reference and demo data when
 * the database is new; a database that was loaded before keeps every row (no reseed, nothing
 * lost). The load is one transaction: a failure leaves no half-filled database behind. One
 * process at a time (prepare-lock.ts): replicas started together wait for the first.
 * @example await prepareDatabase(orm, { scale: 1, seed: 20220211, log: console.log });
 */
export function prepareDatabase(orm: MikroORM, opts: PrepareOptions): Promise<{ loaded: boolean; meta: DatasetInfo }> {
  return withPrepareLock(orm, () => prepareUnlocked(orm, opts));
}

async function prepareUnlocked(orm: MikroORM, opts: PrepareOptions): Promise<{ loaded: boolean; meta: DatasetInfo }> {
  const log = opts.log ?? (() => undefined);
  const today = opts.today ?? todayIn({ fixedToday: null });
  const { applied } = await migrateDatabase(orm, log);
  const existing = await readDatasetMeta(orm.em.fork());
  const remake = existing['loaded.at'] ? await staleDemoReason(orm.em.fork(), existing, today) : null;
  if (existing['loaded.at'] && !remake) {
    log(`database already loaded on ${existing['loaded.at']} (demo scale ${existing['demo.scale']}): reusing it`);
    return { loaded: false, meta: existing };
  }
  if (remake) log(`${remake}: making the demo again for ${today}`);
  const started = Date.now();
  const counts: Record<string, number> = {};
  await orm.em.fork().transactional(async (em) => {
    if (remake) await clearData(orm, em);
    log('loading reference data (divisions, 2022 classification, 2022 annex tables, programmes, platforms)…');
    // With a demo, the annex figures' log entries go into the log among the demo's history, by day.
    const referenceLog: LogEvent[] = [];
    Object.assign(counts, await loadReferenceData(em, today, opts.scale > 0 ? referenceLog : undefined));
    if (opts.scale > 0) {
      log(`generating demo data at scale ${opts.scale} (seed ${opts.seed}) for ${today}…`);
      let lastStep = '';
      Object.assign(
        counts,
        await generateDemoData(em, {
          scale: opts.scale,
          seed: opts.seed,
          today,
          priorLog: referenceLog,
          onProgress: (step, done, total) => {
            if (step !== lastStep || done === total) log(`  ${step}: ${done}/${total}`);
            lastStep = step;
          },
        }),
      );
    }
    if (opts.scale > 0) {
      // Stored red flags: what lists, search filters and institution pages count.
      log('computing red flags of the demo notices…');
      const sql = em as unknown as SqlEntityManager;
      // Fresh statistics before the flags' joins: the tables were empty when the planner last looked.
      await analyzeDatabase(sql);
      const ctx = { em: sql, today, loaders: createLoaders(sql), reference: await ReferenceData.load(sql) };
      counts.flaggedNotices = await storeAllNoticeFlags(ctx, {
        queueSearch: false,
        onProgress: (done) => log(`  red flags: ${done}/${counts.subsidyNotices}`),
      });
    }
    if (onPostgres(orm)) {
      for (const table of EXPLICIT_ID_TABLES) {
        // Inside the load's transaction (its rows are not visible outside it yet).
        await em
          .getConnection()
          .execute(
            `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`,
            [],
            'all',
            em.getTransactionContext(),
          );
      }
    }
    // A load starts the feed of changed records afresh: its readers see `loaded.at` change and
    // read everything again (the reference targets went in through the write paths that note).
    await em.nativeDelete(RecordChange, {});
    const meta: DatasetInfo = {
      'loaded.at': new Date().toISOString(),
      'schema.migration': applied.at(-1) ?? existing['schema.migration'] ?? '',
      'demo.scale': String(opts.scale),
      'demo.seed': String(opts.seed),
      ...(opts.scale > 0 ? { 'demo.today': today } : {}),
      ...Object.fromEntries(Object.entries(counts).map(([k, v]) => [`count.${k}`, String(v)])),
    };
    await em.insertMany(
      DatasetMeta,
      Object.entries(meta).map(([key, value]) => ({ key, value })),
    );
  });
  log(`database loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { loaded: true, meta: await readDatasetMeta(orm.em.fork()) };
}
