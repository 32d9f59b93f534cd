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
 * What the data is now, for deciding whether the static site must be rebuilt: when it was
 * loaded, the newest audit entry (every write, from the API or an import, adds one) and the
 * day (what is enrolling, running, open to objections or barred changes with it).
 * @example await dataVersion(orm.em.fork(), '2026-12-02') // '2026-11-21T08:00:00.000Z|audit:12|today:2026-12-02'
 */
export async function dataVersion(em: EntityManager, today: string): Promise<string> {
  const meta = await readDatasetMeta(em);
  const [row] = (await em.getConnection().execute('select max(id) as id from audit_entry')) as {
    id: number | string | null;
  }[];
  return `${meta['loaded.at'] ?? 'empty'}|audit:${row?.id ?? 0}|today:${today}`;
}
