import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Institution } from './institution.entity';

/**
 * One blacklisting decision (8号 四(三): barred from subsidised training for three years), kept
 * for good with its document: a later decision adds a row, never rewrites one; lifting it early
 * completes the row with the lift. The institution's `blacklisted*` columns repeat its latest
 * decision (the one with the latest first day), which the course rules, search and the
 * published blacklist read.
 */
@Entity({ tableName: 'blacklisting' })
@Index({ properties: ['institution', 'from'] })
export class Blacklisting {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Institution, { ref: true })
  institution!: Ref<Institution>;

  /** First day barred. */
  @Property({ type: 'date', fieldName: 'blacklisted_from' })
  from!: string;

  /** First day no longer barred: three years after `from`, or the day it was lifted. */
  @Property({ type: 'date', fieldName: 'blacklisted_until' })
  until!: string;

  /** Reason as published (required of every new decision; null only on rows carried over from before this table). */
  @Property({ type: 'string', length: 512, nullable: true })
  reason?: string | null;

  /** The deciding document's number, e.g. 昆人社发〔2026〕12号 (null as `reason`). */
  @Property({ type: 'string', length: 128, nullable: true })
  document?: string | null;

  @Property({ type: 'date', nullable: true })
  liftedOn?: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  liftDocument?: string | null;

  @Property({ type: 'string', length: 512, nullable: true })
  liftReason?: string | null;

  /** When the decision was recorded here. */
  @Property({ type: 'datetime' })
  recordedAt!: Date;
}
