import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { TargetTable } from '../common/enums';
import { Institution } from '../institutions/institution.entity';
import { Region } from '../regions/region.entity';

/** One figure of a published annual target table, exactly as printed. */
@Entity({ tableName: 'annual_target' })
@Index({ properties: ['year', 'table'] })
@Index({ properties: ['institution'] })
export class AnnualTarget {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'integer' })
  year!: number;

  @Enum({ items: () => TargetTable })
  table!: TargetTable;

  /** Row order in the published table. */
  @Property({ type: 'integer' })
  seq!: number;

  /** The row's unit as printed (a 州市, a school, a project unit). */
  @Property({ type: 'string', length: 128 })
  unitName!: string;

  @ManyToOne(() => Region, { ref: true, nullable: true })
  region?: Ref<Region> | null;

  /** For 附件2 and 附件4: the technical school or project unit. */
  @ManyToOne(() => Institution, { ref: true, nullable: true })
  institution?: Ref<Institution> | null;

  /** Column key, e.g. `certificate_high_level`. */
  @Property({ type: 'string', length: 64 })
  metric!: string;

  /** Column heading as printed. */
  @Property({ type: 'string', length: 128 })
  metricLabel!: string;

  /** The figure exactly as printed, e.g. `15.50`. */
  @Property({ type: 'string', length: 16 })
  value!: string;

  /** Unit as printed: 万人次, 万人, 人次, 人. */
  @Property({ type: 'string', length: 16 })
  unit!: string;

  /** The figure normalised to persons (人次). */
  @Property({ type: 'integer' })
  persons!: number;

  /** A total row or column (合计, 全省, 州市汇总) rather than a unit's own figure. */
  @Property({ type: 'boolean' })
  isTotal!: boolean;

  /** Document and annex. */
  @Property({ type: 'string', length: 128 })
  source!: string;
}
