import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { ObjectionStatus, SkillLevel } from '../common/enums';
import { citation } from '../common/rule-check';
import { Node, toGlobalId } from '../graphql/node';
import type { RedFlag } from './red-flags.rules';
import type { Row } from '../db/rows';
import type {
  SubsidyNotice,
  SubsidyNoticeLine,
  SubsidyNoticeRevision,
  SubsidyObjection,
} from './subsidy-notice.entity';

@ObjectType('SubsidyNotice', {
  implements: Node,
  description:
    'A training-subsidy disclosure notice (培训补贴公示) a bureau publishes for a finished class (云人社通〔2022〕50号 (十九)).',
})
export class SubsidyNoticeObject extends Node {
  @Field({ description: 'Notice number as published: the stable natural key.' })
  number!: string;

  @Field({ description: 'Title as published.' })
  title!: string;

  @Field(() => GraphQLLocalDate, { description: 'Publication date.' })
  publishedOn!: string;

  @Field(() => GraphQLLocalDate, {
    description:
      'Last day to raise an objection (inclusive): 5 working days from publication, mainland public holidays and make-up workdays counted.',
  })
  objectionUntil!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Day the notice was withdrawn (已撤回), if it was.' })
  withdrawnOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the notice was withdrawn, if it was.' })
  withdrawnReason!: string | null;

  @Field(() => Int, {
    description:
      'The current revision: 1 unless corrections were published (each a new revision; none is ever rewritten).',
  })
  revision!: number;

  @Field(() => Int, { description: 'Number of trainee lines.' })
  lineCount!: number;

  @Field(() => Int, { description: 'Sum of the amounts, whole 元.' })
  totalAmount!: number;

  @Field(() => Int, {
    description: 'Trainees actually subsidised: lines with an amount, less claims cancelled by an upheld objection.',
  })
  paidTrainees!: number;

  @Field(() => Int, { description: 'Their subsidy, whole 元.' })
  paidAmount!: number;

  @Field(() => Int, { description: 'Trainees listed with a certificate number.' })
  certifiedTrainees!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Working days from the end of the class to this notice (null without a class).',
  })
  workingDaysToNotice!: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether that is within the claim deadline in force when the class ended (10 working days in 2021; 30 from 8号 三(九)).',
  })
  withinDeadline!: boolean | null;

  @Field({ description: 'True for generated demonstration data, not a real notice.' })
  isDemo!: boolean;

  /** Hidden: the row, for relation resolvers. */
  row!: Row<SubsidyNotice>;

  static from(n: Row<SubsidyNotice>): SubsidyNoticeObject {
    return Object.assign(new SubsidyNoticeObject(), {
      id: toGlobalId('SubsidyNotice', n.id),
      number: n.number,
      title: n.title,
      publishedOn: n.publishedOn,
      objectionUntil: n.objectionUntil,
      withdrawnOn: n.withdrawnOn ?? null,
      withdrawnReason: n.withdrawnReason ?? null,
      revision: n.revision,
      lineCount: n.lineCount,
      totalAmount: n.totalAmount,
      paidTrainees: n.paidTrainees,
      paidAmount: n.paidAmount,
      certifiedTrainees: n.certifiedTrainees,
      workingDaysToNotice: n.workingDaysToNotice ?? null,
      withinDeadline: n.withinDeadline == null ? null : Boolean(n.withinDeadline),
      isDemo: n.isDemo,
      row: n,
    });
  }
}

@ObjectType('SubsidyNoticeLine', {
  description:
    'One subsidised trainee on a notice. Personal data is masked before it is stored: it never exists unmasked here.',
})
export class SubsidyNoticeLineObject {
  @Field(() => Int, { description: 'Line number on the notice.' })
  seq!: number;

  @Field({ description: 'Masked name: family name kept, each other character `*` (e.g. `张*`).' })
  maskedName!: string;

  @Field({
    description:
      'Masked resident ID: first 6 and last 4 characters kept, birth date hidden (e.g. `530102********123X`).',
  })
  maskedId!: string;

  @Field(() => SkillLevel, { description: 'Level certified.' })
  level!: SkillLevel;

  @Field(() => String, { nullable: true, description: 'Certificate number, where issued.' })
  certificateNumber!: string | null;

  @Field(() => Float, { description: 'Share of sessions attended, 0–1; at least 0.8 to be eligible (50号 (十四)).' })
  attendanceRate!: number;

  @Field(() => Int, { description: 'Subsidy on this line as published, whole 元 (see `cancelled`).' })
  amount!: number;

  @Field(() => Int, { description: 'The revision this line was published in.' })
  revision!: number;

  /** Hidden: the row, for relation resolvers. */
  row!: Row<SubsidyNoticeLine>;

  static from(l: Row<SubsidyNoticeLine>): SubsidyNoticeLineObject {
    return Object.assign(new SubsidyNoticeLineObject(), {
      seq: l.seq,
      maskedName: l.maskedName,
      maskedId: l.maskedId,
      level: l.level,
      certificateNumber: l.certificateNumber ?? null,
      attendanceRate: l.attendanceRate,
      amount: l.amount,
      revision: l.revision,
      row: l,
    });
  }
}

@ObjectType('SubsidyNoticeRevision', {
  description:
    'One published revision of a notice. Published revisions are never changed: a correction is a new revision, and each names the hash of the one before.',
})
export class SubsidyNoticeRevisionObject {
  @Field(() => Int, { description: '1 for the first publication, then 2, 3 …' })
  revision!: number;

  @Field(() => GraphQLLocalDate, { description: 'Day this revision was published.' })
  publishedOn!: string;

  @Field(() => String, { nullable: true, description: 'Why this revision was published (null for the first).' })
  reason!: string | null;

  @Field(() => Int, { description: 'Lines in this revision.' })
  lineCount!: number;

  @Field(() => Int, { description: 'Sum of the amounts in this revision, whole 元.' })
  totalAmount!: number;

  @Field({ description: 'SHA-256 (hex) of `canonicalJson`: `sha256sum` of that text gives the same value.' })
  sha256!: string;

  @Field(() => String, {
    nullable: true,
    description: "The previous revision's `sha256` (null for the first): the link of the chain.",
  })
  previousSha256!: string | null;

  /** Hidden: the row. */
  row!: Row<SubsidyNoticeRevision>;

  static from(r: Row<SubsidyNoticeRevision>): SubsidyNoticeRevisionObject {
    return Object.assign(new SubsidyNoticeRevisionObject(), {
      revision: r.revision,
      publishedOn: r.publishedOn,
      reason: r.reason ?? null,
      lineCount: r.lineCount,
      totalAmount: r.totalAmount,
      sha256: r.sha256,
      previousSha256: r.previousSha256 ?? null,
      row: r,
    });
  }
}

@ObjectType('SubsidyObjection', {
  description:
    'An objection (异议) to a notice, as the bureau recorded it: when, against which line, and what came of it. The objector is never named.',
})
export class SubsidyObjectionObject {
  @Field(() => ID, { description: 'Global ID of the objection (what `decideObjection` takes).' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'Line objected to (null: the notice as a whole).' })
  lineSeq!: number | null;

  @Field(() => GraphQLLocalDate, { description: 'Day the objection was received.' })
  receivedOn!: string;

  @Field({ description: 'What was objected to, as the bureau summarised it.' })
  summary!: string;

  @Field(() => ObjectionStatus, { description: 'Received, upheld (the claim on the line is cancelled) or rejected.' })
  status!: ObjectionStatus;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Day of the decision.' })
  decidedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'The finding.' })
  outcome!: string | null;

  static from(o: Row<SubsidyObjection>): SubsidyObjectionObject {
    return Object.assign(new SubsidyObjectionObject(), {
      id: toGlobalId('SubsidyObjection', o.id),
      lineSeq: o.lineSeq ?? null,
      receivedOn: o.receivedOn,
      summary: o.summary,
      status: o.status,
      decidedOn: o.decidedOn ?? null,
      outcome: o.outcome ?? null,
    });
  }
}

@ObjectType('RedFlagKind', { description: 'One kind of red flag: its stable id, name and where the rule is written.' })
export class RedFlagKindObject {
  @Field({ description: 'Stable id, e.g. `flag.late-claim`.' })
  flagId!: string;

  @Field({ description: 'Short name in Chinese.' })
  title!: string;

  @Field({ description: 'Short name in English.' })
  titleEn!: string;

  @Field({ description: 'Document and clause the rule comes from.' })
  basis!: string;
}

@ObjectType('RedFlag', {
  description:
    'Something on a notice to look at twice, computed from the published data and tied to its clause. A signal, not a finding: an objection or an inspection decides.',
})
export class RedFlagObject {
  @Field({ description: 'Stable flag id, e.g. `flag.paid-below-attendance`.' })
  flagId!: string;

  @Field({ description: 'What was found, in plain Chinese.' })
  message!: string;

  @Field({ description: 'What was found, in plain English.' })
  messageEn!: string;

  @Field({ description: 'Document and clause, e.g. `云人社通〔2022〕50号 (十四)`.' })
  clause!: string;

  @Field({ description: 'Full title of the cited document.' })
  documentTitle!: string;

  @Field(() => [Int], { description: 'Line numbers concerned (empty when the flag is about the notice or its class).' })
  lineSeqs!: number[];

  static from(f: RedFlag): RedFlagObject {
    return Object.assign(new RedFlagObject(), {
      flagId: f.flagId,
      message: f.message,
      messageEn: f.messageEn,
      clause: citation(f.clause),
      documentTitle: f.clause.document.title,
      lineSeqs: f.lineSeqs,
    });
  }
}
