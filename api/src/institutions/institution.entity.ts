import {
  Collection,
  Entity,
  Enum,
  Index,
  ManyToMany,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
} from '@mikro-orm/core';
import { InstitutionType } from '../common/enums';
import { Occupation } from '../occupations/occupation.entity';
import { Region } from '../regions/region.entity';

/** A training institution, or a provincial project unit that contracts institutions. */
@Entity({ tableName: 'institution' })
export class Institution {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 128 })
  @Index()
  name!: string;

  @Enum({ items: () => InstitutionType })
  @Index()
  type!: InstitutionType;

  /** 统一社会信用代码 (GB 32100-2015); null where the source does not publish it. */
  @Property({ type: 'string', length: 18, nullable: true })
  @Unique()
  creditCode?: string | null;

  /** 办学许可证号; null where none is published or needed. */
  @Property({ type: 'string', length: 64, nullable: true })
  licenceNumber?: string | null;

  @ManyToOne(() => Region, { ref: true })
  region!: Ref<Region>;

  @Property({ type: 'string', length: 256, nullable: true })
  address?: string | null;

  /** For an enterprise training centre: the company whose staff it trains. */
  @Property({ type: 'string', length: 128, nullable: true })
  ownerCompany?: string | null;

  /** Occupations the institution is approved to train. */
  @ManyToMany(() => Occupation, undefined, { pivotTable: 'institution_scope' })
  scope = new Collection<Occupation>(this);

  /** First day on the blacklist. */
  @Property({ type: 'date', nullable: true })
  blacklistedFrom?: string | null;

  /** First day off the blacklist (exclusive end: three years after the start). */
  @Property({ type: 'date', nullable: true })
  blacklistedUntil?: string | null;

  @Property({ type: 'string', length: 512, nullable: true })
  blacklistReason?: string | null;

  /** The decision's document number, e.g. 昆人社发〔2026〕12号. */
  @Property({ type: 'string', length: 128, nullable: true })
  blacklistDocument?: string | null;

  /** Day the bar was lifted early (then also `blacklistedUntil`), with the document and reason. */
  @Property({ type: 'date', nullable: true })
  blacklistLiftedOn?: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  blacklistLiftDocument?: string | null;

  @Property({ type: 'string', length: 512, nullable: true })
  blacklistLiftReason?: string | null;

  /** The revocation's document and reason. */
  @Property({ type: 'string', length: 128, nullable: true })
  licenceRevocationDocument?: string | null;

  @Property({ type: 'string', length: 512, nullable: true })
  licenceRevocationReason?: string | null;

  @Property({ type: 'date', nullable: true })
  licenceRevokedOn?: string | null;

  @Property({ type: 'boolean' })
  @Index()
  isDemo!: boolean;

  /** Where a real row comes from (document and annex); for demo rows, the generator. */
  @Property({ type: 'string', length: 256 })
  source!: string;

  // Added after the first migration: last, as SQLite's ADD COLUMN places it.
  /** Enrolment phone as published (mainland mobile or landline with area code, checked); null when unknown. */
  @Property({ type: 'string', length: 32, nullable: true })
  phone?: string | null;
}
