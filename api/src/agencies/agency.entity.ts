import {
  Collection,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
} from '@mikro-orm/core';
import { AgencyType, CertificateType, SkillLevel } from '../common/enums';
import { Institution } from '../institutions/institution.entity';
import { Occupation } from '../occupations/occupation.entity';
import { Region } from '../regions/region.entity';

/** A skill evaluation agency (评价机构) recorded with the provincial bureau. */
@Entity({ tableName: 'evaluation_agency' })
export class EvaluationAgency {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 128 })
  @Index()
  name!: string;

  @Enum({ items: () => AgencyType })
  type!: AgencyType;

  @Property({ type: 'string', length: 18, nullable: true })
  @Unique()
  creditCode?: string | null;

  @ManyToOne(() => Region, { ref: true })
  region!: Ref<Region>;

  /** The training institution this agency belongs to, when it also trains. */
  @ManyToOne(() => Institution, { ref: true, nullable: true })
  institution?: Ref<Institution> | null;

  @OneToMany(
    () => AgencyScope,
    (s) => s.agency,
  )
  scope = new Collection<AgencyScope>(this);

  @OneToMany(
    () => AgencyFee,
    (f) => f.agency,
  )
  fees = new Collection<AgencyFee>(this);

  @Property({ type: 'boolean' })
  isDemo!: boolean;

  @Property({ type: 'string', length: 256 })
  source!: string;
}

/** A recorded (备案) occupation × level the agency may certify, with its dates. */
@Entity({ tableName: 'agency_scope' })
@Index({ properties: ['occupation', 'level'] })
// Foreign keys read by a loader are indexed here, for PostgreSQL (which indexes none by itself);
// at class level, so that on SQLite MikroORM's own index of the key is this one, not a second.
@Index({ properties: ['agency'] })
export class AgencyScope {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => EvaluationAgency, { ref: true })
  agency!: Ref<EvaluationAgency>;

  @ManyToOne(() => Occupation, { ref: true })
  occupation!: Ref<Occupation>;

  @Enum({ items: () => CertificateType })
  certificateType!: CertificateType;

  @Enum({ items: () => SkillLevel })
  level!: SkillLevel;

  @Property({ type: 'date' })
  recordedFrom!: string;

  /** Last day of the record, inclusive; null while current. */
  @Property({ type: 'date', nullable: true })
  recordedUntil?: string | null;
}

/** One line of an agency's published fee schedule (50号 (十二)). */
@Entity({ tableName: 'agency_fee' })
@Index({ properties: ['agency'] })
export class AgencyFee {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => EvaluationAgency, { ref: true })
  agency!: Ref<EvaluationAgency>;

  @Enum({ items: () => SkillLevel })
  level!: SkillLevel;

  /** What the fee covers, e.g. 理论考试, 实操考核. */
  @Property({ type: 'string', length: 64 })
  item!: string;

  /** Whole 元 per candidate. */
  @Property({ type: 'integer' })
  feeYuan!: number;

  /** Day a new schedule replaced this line (kept, never deleted); null while current. */
  @Property({ type: 'date', nullable: true })
  replacedOn?: string | null;
}
