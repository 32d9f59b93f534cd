import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** A 技能云南 programme of 云政发〔2021〕28号 (十个一批, 六个一万). */
@Entity({ tableName: 'programme' })
export class Programme {
  /** Sequence number in the source table (1–16). */
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  /** Stable short key for URLs and filters, e.g. `KANGYANG`. */
  @Property({ type: 'string', length: 32 })
  @Unique()
  key!: string;

  /** `十个一批` or `六个一万`. */
  @Property({ type: 'string', length: 16 })
  groupName!: string;

  @Property({ type: 'string', length: 128 })
  name!: string;

  /** 2025 cumulative target as published. */
  @Property({ type: 'string', length: 16 })
  target2025!: string;

  /** 2021 target as published; null where none was set. */
  @Property({ type: 'string', length: 16, nullable: true })
  target2021?: string | null;

  /** Unit as published, e.g. 万人次. */
  @Property({ type: 'string', length: 32 })
  unit!: string;

  /** Lead units, `;`-separated as published. */
  @Property({ type: 'string', length: 256 })
  leadUnits!: string;

  @Property({ type: 'string', length: 128 })
  source!: string;
}
