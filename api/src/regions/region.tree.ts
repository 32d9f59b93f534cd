import type { EntityManager } from '@mikro-orm/core';
import { RegionLevel } from '../common/enums';
import { Region } from './region.entity';

/** A region as held in memory: the division table is small (146 rows) and fixed while running. */
export interface RegionInfo {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/**
 * The division tree, answering "which codes lie within this region" without a query, so a
 * 州市 filter becomes `county IN (...)`.
 */
export class RegionTree {
  private readonly byCode = new Map<string, RegionInfo>();
  private readonly children = new Map<string, string[]>();

  constructor(regions: readonly RegionInfo[]) {
    for (const r of regions) {
      this.byCode.set(r.code, r);
      if (r.parentCode) this.children.set(r.parentCode, [...(this.children.get(r.parentCode) ?? []), r.code]);
    }
  }

  /** Loads the tree from the database. */
  static async load(em: EntityManager): Promise<RegionTree> {
    const rows = await em.fork().find(Region, {}, { orderBy: { code: 'asc' } });
    return new RegionTree(
      rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent?.code ?? null })),
    );
  }

  get(code: string): RegionInfo | undefined {
    return this.byCode.get(code);
  }

  /** The region and everything below it. @example tree.within('530100') → ['530100', '530102', …] */
  within(code: string): string[] {
    const out: string[] = [];
    const walk = (c: string) => {
      out.push(c);
      for (const k of this.children.get(c) ?? []) walk(k);
    };
    if (this.byCode.has(code)) walk(code);
    return out;
  }

  /** The region and the regions above it, nearest first. */
  ancestry(code: string): RegionInfo[] {
    const out: RegionInfo[] = [];
    for (let r = this.byCode.get(code); r; r = r.parentCode ? this.byCode.get(r.parentCode) : undefined) out.push(r);
    return out;
  }

  all(): RegionInfo[] {
    return [...this.byCode.values()];
  }
}
