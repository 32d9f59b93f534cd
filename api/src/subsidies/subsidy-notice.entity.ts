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
  type Opt,
  type Ref,
} from '@mikro-orm/core';
import { ObjectionStatus, SkillLevel } from '../common/enums';
import { Course } from '../courses/course.entity';
import { Occupation } from '../occupations/occupation.entity';
import { Region } from '../regions/region.entity';

/** A training-subsidy disclosure notice (培训补贴公示) published by a bureau for one class. */
@Entity({ tableName: 'subsidy_notice' })
// A class's notices are read by it: indexed for PostgreSQL too (see AgencyScope).
@Index({ properties: ['course'] })
// Covers the yearly totals: a year's notices are summed from the index alone, without the rows.
@Index({
  properties: [
    'publishedOn',
    'withdrawnOn',
    'bureau',
    'paidTrainees',
    'paidAmount',
    'lineCount',
    'certifiedTrainees',
    'workingDaysToNotice',
    'withinDeadline',
    'isDemo',
    'course',
  ],
})
export class SubsidyNotice {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** Notice number as published; the natural key. */
  @Property({ type: 'string', length: 64 })
  @Unique()
  number!: string;

  @Property({ type: 'string', length: 256 })
  title!: string;

  /** The issuing bureau's region (a county, a 州市 or the province). */
  @ManyToOne(() => Region, { ref: true })
  bureau!: Ref<Region>;

  @ManyToOne(() => Course, { ref: true, nullable: true })
  course?: Ref<Course> | null;

  @Property({ type: 'date' })
  @Index()
  publishedOn!: string;

  /** Last day of the objection period (inclusive), in working days (notice-lifecycle.rules). */
  @Property({ type: 'date' })
  @Index()
  objectionUntil!: string;

  /** Day the notice was withdrawn (已撤回), or null. Status is computed from the dates and today. */
  @Property({ type: 'date', nullable: true })
  withdrawnOn?: string | null;

  @Property({ type: 'string', length: 512, nullable: true })
  withdrawnReason?: string | null;

  /** The current revision (1 when never corrected); its lines are the notice's lines. */
  @Property({ type: 'integer' })
  revision!: number;

  @Property({ type: 'integer' })
  lineCount!: number;

  /** Sum of the lines' amounts, whole 元. */
  @Property({ type: 'integer' })
  totalAmount!: number;

  /** Trainees actually subsidised: current lines with an amount, less claims cancelled on objection. Kept with every write, so totals never scan lines. */
  @Property({ type: 'integer' })
  paidTrainees!: number;

  /** Their amount, whole 元. */
  @Property({ type: 'integer' })
  paidAmount!: number;

  /** Trainees on the current revision with a certificate number (outcomes). */
  @Property({ type: 'integer' })
  certifiedTrainees!: number;

  /** Working days from the end of the class to publication (null without a class). */
  @Property({ type: 'integer', nullable: true })
  workingDaysToNotice?: number | null;

  /** Whether that is within the claim deadline in force when the class ended (red-flags.rules). */
  @Property({ type: 'boolean', nullable: true })
  withinDeadline?: boolean | null;

  /**
   * The ids of its red flags as `|a|b|` (empty: none), kept by `storeNoticeFlags` after every
   * write that can change them: lists, search filters and per-institution counts read this;
   * the notice's own `redFlags` are always computed live.
   */
  @Property({ type: 'string', length: 512, default: '' })
  flagIds: string & Opt = '';

  @Property({ type: 'boolean' })
  isDemo!: boolean;

  @OneToMany(
    () => SubsidyNoticeLine,
    (l) => l.notice,
  )
  lines = new Collection<SubsidyNoticeLine>(this);
}

/**
 * One published revision of a notice. A published notice is never rewritten: a correction
 * publishes revision n+1 with its reason, its own lines, the SHA-256 of its canonical JSON
 * (RFC 8785) and the previous revision's hash, so anyone can check the chain.
 */
@Entity({ tableName: 'subsidy_notice_revision' })
@Unique({ properties: ['notice', 'revision'] })
export class SubsidyNoticeRevision {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => SubsidyNotice, { ref: true })
  notice!: Ref<SubsidyNotice>;

  /** 1 for the first publication, then 2, 3 … */
  @Property({ type: 'integer' })
  revision!: number;

  @Property({ type: 'date' })
  publishedOn!: string;

  /** Why this revision was published (null for the first). */
  @Property({ type: 'string', length: 512, nullable: true })
  reason?: string | null;

  @Property({ type: 'integer' })
  lineCount!: number;

  @Property({ type: 'integer' })
  totalAmount!: number;

  /** SHA-256 (hex) of this revision's canonical JSON. */
  @Property({ type: 'string', length: 64 })
  sha256!: string;

  /** The previous revision's `sha256` (null for the first). */
  @Property({ type: 'string', length: 64, nullable: true })
  previousSha256?: string | null;
}

/** An objection (异议) raised against a notice, usually against one line, and what came of it. */
@Entity({ tableName: 'subsidy_objection' })
@Index({ properties: ['notice'] })
export class SubsidyObjection {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => SubsidyNotice, { ref: true })
  notice!: Ref<SubsidyNotice>;

  /** The line objected to, by its line number (null: the notice as a whole). */
  @Property({ type: 'integer', nullable: true })
  lineSeq?: number | null;

  @Property({ type: 'date' })
  receivedOn!: string;

  /** What was objected to, in the bureau's summary (never the objector's identity). */
  @Property({ type: 'string', length: 512 })
  summary!: string;

  @Enum({ items: () => ObjectionStatus })
  status!: ObjectionStatus;

  @Property({ type: 'date', nullable: true })
  decidedOn?: string | null;

  /** The finding, once decided. */
  @Property({ type: 'string', length: 512, nullable: true })
  outcome?: string | null;
}

/** One subsidised trainee on a notice. Personal data is stored masked only. */
@Entity({ tableName: 'subsidy_notice_line' })
@Index({ properties: ['notice', 'revision', 'seq'] })
// Finds the same masked person on other notices (the paid-twice red flag).
@Index({ properties: ['maskedId', 'occupation', 'level'] })
export class SubsidyNoticeLine {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => SubsidyNotice, { ref: true })
  notice!: Ref<SubsidyNotice>;

  /** The revision the line belongs to (a correction republishes every line under the next revision). */
  @Property({ type: 'integer' })
  revision!: number;

  @Property({ type: 'integer' })
  seq!: number;

  /** Family name and one `*` per hidden character, e.g. `张*`. */
  @Property({ type: 'string', length: 32 })
  maskedName!: string;

  /** First 6 and last 4 characters of the resident ID, e.g. `530102********123X`. */
  @Property({ type: 'string', length: 18 })
  maskedId!: string;

  @ManyToOne(() => Occupation, { ref: true })
  occupation!: Ref<Occupation>;

  @Enum({ items: () => SkillLevel })
  level!: SkillLevel;

  @Property({ type: 'string', length: 64, nullable: true })
  certificateNumber?: string | null;

  /** Share of sessions attended, 0–1. */
  @Property({ type: 'double' })
  attendanceRate!: number;

  /** Whole 元. */
  @Property({ type: 'integer' })
  amount!: number;
}
