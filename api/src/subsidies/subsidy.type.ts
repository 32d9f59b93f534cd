import { Field, Float, Int, ObjectType } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { NoticeStatus, SkillLevel } from '../common/enums';
import { Node, toGlobalId } from '../graphql/node';
import type { Row } from '../graphql/rows';
import type { SubsidyNotice, SubsidyNoticeLine } from './subsidy-notice.entity';

@ObjectType('SubsidyNotice', { implements: Node, description: 'A training-subsidy disclosure notice (培训补贴公示) a bureau publishes for a finished class (云人社通〔2022〕50号 (十九)).' })
export class SubsidyNoticeObject extends Node {
  @Field({ description: 'Notice number as published: the stable natural key.' })
  number!: string;

  @Field({ description: 'Title as published.' })
  title!: string;

  @Field(() => GraphQLLocalDate, { description: 'Publication date.' })
  publishedOn!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day to raise an objection (inclusive).' })
  objectionUntil!: string;

  @Field(() => NoticeStatus, { description: '公示中, 公示期满 or 已撤回.' })
  status!: NoticeStatus;

  @Field(() => String, { nullable: true, description: 'Why the notice was withdrawn, if it was.' })
  withdrawnReason!: string | null;

  @Field(() => Int, { description: 'Number of trainee lines.' })
  lineCount!: number;

  @Field(() => Int, { description: 'Sum of the amounts, whole 元.' })
  totalAmount!: number;

  @Field({ description: 'True for generated demonstration data, not a real notice.' })
  isDemo!: boolean;

  /** Hidden: the row, for relation resolvers. */
  row!: Row<SubsidyNotice>;

  static from(n: Row<SubsidyNotice>): SubsidyNoticeObject {
    return Object.assign(new SubsidyNoticeObject(), {
      id: toGlobalId('SubsidyNotice', n.id), number: n.number, title: n.title, publishedOn: n.publishedOn, objectionUntil: n.objectionUntil,
      status: n.status, withdrawnReason: n.withdrawnReason ?? null, lineCount: n.lineCount, totalAmount: n.totalAmount, isDemo: n.isDemo, row: n,
    });
  }
}

@ObjectType('SubsidyNoticeLine', { description: 'One subsidised trainee on a notice. Personal data is masked before it is stored: it never exists unmasked here.' })
export class SubsidyNoticeLineObject {
  @Field(() => Int, { description: 'Line number on the notice.' })
  seq!: number;

  @Field({ description: 'Masked name: family name kept, each other character `*` (e.g. `张*`).' })
  maskedName!: string;

  @Field({ description: 'Masked resident ID: first 6 and last 4 characters kept, birth date hidden (e.g. `530102********123X`).' })
  maskedId!: string;

  @Field(() => SkillLevel, { description: 'Level certified.' })
  level!: SkillLevel;

  @Field(() => String, { nullable: true, description: 'Certificate number, where issued.' })
  certificateNumber!: string | null;

  @Field(() => Float, { description: 'Share of sessions attended, 0–1; at least 0.8 to be eligible (50号 (十四)).' })
  attendanceRate!: number;

  @Field(() => Int, { description: 'Subsidy on this line, whole 元.' })
  amount!: number;

  /** Hidden: the row, for relation resolvers. */
  row!: Row<SubsidyNoticeLine>;

  static from(l: Row<SubsidyNoticeLine>): SubsidyNoticeLineObject {
    return Object.assign(new SubsidyNoticeLineObject(), {
      seq: l.seq, maskedName: l.maskedName, maskedId: l.maskedId, level: l.level, certificateNumber: l.certificateNumber ?? null,
      attendanceRate: l.attendanceRate, amount: l.amount, row: l,
    });
  }
}
