import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { CertificateType, CourseCategory, CourseMode, Enrolment, SkillLevel, TargetGroup } from '../common/enums';
import { EvaluationAgency } from '../agencies/agency.entity';
import { DirectoryEntry } from '../directory/directory.entity';
import { Institution } from '../institutions/institution.entity';
import { Occupation } from '../occupations/occupation.entity';
import { OnlinePlatform } from '../platforms/platform.entity';
import { Programme } from '../programmes/programme.entity';
import { Region } from '../regions/region.entity';

/** A training class (培训班次): an institution runs an occupation × level in a county. */
@Entity({ tableName: 'course' })
@Index({ properties: ['startDate', 'id'] })
// Classes of a place, in the order lists show them: every place filter reads by the county
// (on PostgreSQL nothing else indexes it; SQLite's own foreign-key index has no order).
@Index({ properties: ['county', 'startDate', 'id'] })
export class Course {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** Class number as registered, e.g. `KB2022-530102-00017`. */
  @Property({ type: 'string', length: 32 })
  @Unique()
  classNumber!: string;

  @Property({ type: 'string', length: 160 })
  title!: string;

  @ManyToOne(() => Institution, { ref: true })
  institution!: Ref<Institution>;

  /** The provincial project unit that contracted this class (省级项目), if any. */
  @ManyToOne(() => Institution, { ref: true, nullable: true })
  projectUnit?: Ref<Institution> | null;

  /** The directory entry the subsidy is claimed under; null for unsubsidised classes. */
  @ManyToOne(() => DirectoryEntry, { ref: true, nullable: true })
  directoryEntry?: Ref<DirectoryEntry> | null;

  @ManyToOne(() => Occupation, { ref: true })
  occupation!: Ref<Occupation>;

  @Enum({ items: () => CertificateType })
  certificateType!: CertificateType;

  @Enum({ items: () => SkillLevel })
  level!: SkillLevel;

  @Enum({ items: () => CourseCategory })
  category!: CourseCategory;

  /** The county-level unit where the class is held. */
  @ManyToOne(() => Region, { ref: true })
  county!: Ref<Region>;

  @Property({ type: 'string', length: 256, nullable: true })
  address?: string | null;

  @Enum({ items: () => CourseMode })
  mode!: CourseMode;

  /** Platform of the online part, for online and mixed classes. */
  @ManyToOne(() => OnlinePlatform, { ref: true, nullable: true })
  platform?: Ref<OnlinePlatform> | null;

  @Property({ type: 'date' })
  startDate!: string;

  @Property({ type: 'date' })
  endDate!: string;

  /** Class hours (课时) per teaching day. */
  @Property({ type: 'double' })
  hoursPerDay!: number;

  @Property({ type: 'integer' })
  totalHours!: number;

  @Property({ type: 'integer' })
  capacity!: number;

  @Property({ type: 'integer' })
  enrolled!: number;

  /** Fee the trainee is charged, whole 元 (0 = free). */
  @Property({ type: 'integer' })
  feeYuan!: number;

  /** Training subsidy per eligible trainee, whole 元 (0 = unsubsidised). */
  @Property({ type: 'integer' })
  subsidyPerTrainee!: number;

  /** Target groups, `|`-delimited with leading and trailing `|` so `LIKE '%|X|%'` filters portably. */
  @Property({ type: 'string', length: 256 })
  targetGroupsText!: string;

  @ManyToOne(() => Programme, { ref: true })
  programme!: Ref<Programme>;

  /** Reference of the theory teacher in the provincial teacher pool (师资库), never a name. */
  @Property({ type: 'string', length: 32, nullable: true })
  theoryTeacherRef?: string | null;

  @Property({ type: 'string', length: 32, nullable: true })
  practicalTeacherRef?: string | null;

  @Property({ type: 'string', length: 256, nullable: true })
  textbook?: string | null;

  @ManyToOne(() => EvaluationAgency, { ref: true, nullable: true })
  assessingAgency?: Ref<EvaluationAgency> | null;

  /** 考培结合 approved because the trainer is the province's only agency for this occupation. */
  @Property({ type: 'boolean' })
  soleAgencyExemption!: boolean;

  /** Accepts training vouchers (职业培训券) through the electronic social security card. */
  @Property({ type: 'boolean' })
  acceptsVouchers!: boolean;

  @Enum({ items: () => Enrolment })
  enrolment!: Enrolment;

  @Property({ type: 'date', nullable: true })
  cancelledOn?: string | null;

  /** Why the class was called off, as published. */
  @Property({ type: 'string', length: 256, nullable: true })
  cancelReason?: string | null;

  @Property({ type: 'boolean' })
  @Index()
  isDemo!: boolean;

  // Added after the first migration: last, as SQLite's ADD COLUMN places it.
  /** Last day to enrol as the bureau recorded it; null: the day before the start (course-status.rules). */
  @Property({ type: 'date', nullable: true })
  enrolmentCloses?: string | null;
}

/** The target groups of `targetGroupsText`. @example targetGroupsOf('|VETERANS|DISABLED|') */
export function targetGroupsOf(text: string): TargetGroup[] {
  return text.split('|').filter(Boolean) as TargetGroup[];
}

/** `|A|B|` for a list of target groups. */
export function targetGroupsToText(groups: readonly TargetGroup[]): string {
  return `|${groups.join('|')}|`;
}
