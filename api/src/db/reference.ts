import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { Occupation, OccupationGroup } from '../occupations/occupation.entity';
import { OnlinePlatform } from '../platforms/platform.entity';
import { Programme } from '../programmes/programme.entity';
import { findRows, type Row } from './rows';

/**
 * The reference tables held in memory for the life of the process: the classification
 * (1,639 occupations, 537 groups), the 16 programmes and the 7 platforms. They change only
 * when the dataset is (re)loaded, and nearly every page needs them, so resolving them costs
 * no query (measured: −0.5 ms per page of 20 courses, see BENCHMARKS.md).
 */
export class ReferenceData {
  private constructor(
    private readonly occupations: Map<string, Row<Occupation>>,
    private readonly groups: Map<string, Row<OccupationGroup>>,
    private readonly programmes: Map<number, Row<Programme>>,
    private readonly platforms: Map<number, Row<OnlinePlatform>>,
  ) {}

  /** Reads the tables once. */
  static async load(em: EntityManager): Promise<ReferenceData> {
    // One after the other: inside a transaction (a write's flags) they share one connection,
    // which runs one query at a time; node-postgres deprecates issuing them together.
    const occupations = await findRows(em, Occupation, {});
    const groups = await findRows(em, OccupationGroup, {});
    const programmes = await findRows(em, Programme, {});
    const platforms = await findRows(em, OnlinePlatform, {});
    return new ReferenceData(
      new Map(occupations.map((o) => [o.code, o])),
      new Map(groups.map((g) => [g.code, g])),
      new Map(programmes.map((p) => [p.id, p])),
      new Map(platforms.map((p) => [p.id, p])),
    );
  }

  occupation(code: string): Row<Occupation> | undefined {
    return this.occupations.get(code);
  }

  occupationGroup(code: string): Row<OccupationGroup> | undefined {
    return this.groups.get(code);
  }

  programme(id: number): Row<Programme> | undefined {
    return this.programmes.get(id);
  }

  /** A programme by its key, e.g. `KANGYANG`. */
  programmeByKey(key: string): Row<Programme> | undefined {
    return [...this.programmes.values()].find((p) => p.key === key);
  }

  platform(id: number): Row<OnlinePlatform> | undefined {
    return this.platforms.get(id);
  }
}
