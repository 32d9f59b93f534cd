import { Entity, PrimaryKeyProp, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { RegionLevel } from '../common/enums';

/** Yunnan province, a 州市 or a county-level unit, keyed by its GB/T 2260 code. */
@Entity({ tableName: 'region' })
export class Region {
  [PrimaryKeyProp]?: 'code';

  /** Six-digit GB/T 2260 code, e.g. `530102`. */
  @PrimaryKey({ type: 'string', length: 6 })
  code!: string;

  @Property({ type: 'string', length: 64 })
  name!: string;

  @Enum({ items: () => RegionLevel })
  @Index()
  level!: RegionLevel;

  @ManyToOne(() => Region, { ref: true, nullable: true })
  parent?: Ref<Region> | null;
}
