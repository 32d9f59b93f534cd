import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { NoticeStatus, SkillLevel } from '../common/enums';
import { Course } from '../courses/course.entity';
import { Occupation } from '../occupations/occupation.entity';
import { Region } from '../regions/region.entity';

/** A training-subsidy disclosure notice (培训补贴公示) published by a bureau for one class. */
@Entity({ tableName: 'subsidy_notice' })
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

  /** Last day of the objection period (inclusive). */
  @Property({ type: 'date' })
  objectionUntil!: string;

  @Enum({ items: () => NoticeStatus })
  status!: NoticeStatus;

  @Property({ type: 'string', length: 512, nullable: true })
  withdrawnReason?: string | null;

  @Property({ type: 'integer' })
  lineCount!: number;

  /** Sum of the lines' amounts, whole 元. */
  @Property({ type: 'integer' })
  totalAmount!: number;

  @Property({ type: 'boolean' })
  isDemo!: boolean;

  @OneToMany(() => SubsidyNoticeLine, (l) => l.notice)
  lines = new Collection<SubsidyNoticeLine>(this);
}

/** One subsidised trainee on a notice. Personal data is stored masked only. */
@Entity({ tableName: 'subsidy_notice_line' })
@Index({ properties: ['notice', 'seq'] })
export class SubsidyNoticeLine {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => SubsidyNotice, { ref: true })
  notice!: Ref<SubsidyNotice>;

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
