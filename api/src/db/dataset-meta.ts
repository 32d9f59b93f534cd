import type { EntityManager } from '@mikro-orm/core';
import { DatasetMeta } from './meta.entity';

/** How the database was filled, as `/health` and the seed CLI report it. */
export type DatasetInfo = Record<string, string>;

/** Reads what was loaded; empty before the first load. */
export async function readDatasetMeta(em: EntityManager): Promise<DatasetInfo> {
  const rows = await em.find(DatasetMeta, {}, { orderBy: { key: 'asc' } });
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/**
 * What the data is now, for deciding whether the static site must be rebuilt and which cached
 * answers still hold (api/src/graphql/response-cache.ts): when it was loaded, how many audit
 * entries there are (every write, from the API or an import, adds one in its own transaction,
 * and none is ever removed but by a reload) and the day (what is enrolling, running, open to
 * objections or barred changes with it). The count, not the newest id: on PostgreSQL two
 * writes may commit in the other order than their ids, and the later commit of the lower id
 * would leave the newest id, and so the version, as it was. One statement, as every anonymous
 * GET asks it.
 * @example await dataVersion(orm.em.fork(), '2026-12-02') // '2026-11-21T08:00:00.000Z|audit:12|today:2026-12-02'
 */
export async function dataVersion(em: EntityManager, today: string): Promise<string> {
  const [row] = (await em
    .getConnection()
    .execute(
      `select (select "value" from dataset_meta where "key" = 'loaded.at') as loaded, (select count(*) from audit_entry) as entries`,
    )) as { loaded: string | null; entries: number | string }[];
  return `${row?.loaded ?? 'empty'}|audit:${row?.entries ?? 0}|today:${today}`;
}
