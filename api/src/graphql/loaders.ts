import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';

/** Per-request batch loaders for aggregates MikroORM's reference dataloader cannot express. */
export interface Loaders {
  /** Agencies recorded in the province for an occupation × level on a date: key `code|level|date`. */
  agenciesInProvince: DataLoader<string, number>;
}

/** Builds fresh loaders for one request (caches must not outlive it). */
export function createLoaders(em: EntityManager): Loaders {
  const knex = (em as any).getKnex() as Knex;
  return {
    agenciesInProvince: new DataLoader<string, number>(async (keys) => {
      const parsed = keys.map((k) => k.split('|'));
      const codes = [...new Set(parsed.map((p) => p[0]))];
      // One grouped query for the whole batch; the per-date filter is applied in memory
      // because a batch mixes dates and scope rows per occupation are few.
      const rows: { occupation_code: string; level: string; agency_id: number; recorded_from: string; recorded_until: string | null }[] =
        await knex('agency_scope').select('occupation_code', 'level', 'agency_id', 'recorded_from', 'recorded_until').whereIn('occupation_code', codes);
      return parsed.map(([code, level, date]) => {
        const agencies = new Set<number>();
        for (const r of rows) {
          const from = String(r.recorded_from).slice(0, 10);
          const until = r.recorded_until ? String(r.recorded_until).slice(0, 10) : null;
          if (r.occupation_code === code && r.level === level && from <= date && (!until || until >= date)) agencies.add(r.agency_id);
        }
        return agencies.size;
      });
    }),
  };
}
