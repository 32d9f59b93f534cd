import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Field, Float, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { ObjectionStatus, SkillLevel } from '../common/enums';
import type { Context } from '../context';
import { intKeyOf } from '../graphql/node';
import { findRows } from '../db/rows';
import { Occupation } from '../occupations/occupation.entity';
import { checkNoticeRows, type LineColumn, type MaskedLine } from './notice-import.rules';
import { publishNotice } from './notice-publish';
import { correctNotice, decideObjection, recordObjection, withdrawNotice, type WriteProblem } from './notice-writes';
import { problemObjects, WriteProblemObject } from '../graphql/write-problem.type';
import { SubsidyNoticeObject, SubsidyObjectionObject } from './subsidy.type';
import { SubsidyNotice } from './subsidy-notice.entity';

@InputType({
  description:
    'One trainee as the bureau holds them. Name and ID number are masked before anything is stored; they are never stored, logged or returned.',
})
export class NoticeLineInput {
  @Field(() => Int, { description: 'Line number, from 1, unique in the notice.' })
  seq!: number;

  @Field({ description: 'Full name (stored only as family name + *).' })
  name!: string;

  @Field({
    description:
      'Resident identity number, checked with the GB 11643 check digit (stored only as the first 6 and last 4 characters).',
  })
  idNumber!: string;

  @Field({ description: 'Occupation code of the 2022 classification, e.g. `4-10-01-05`.' })
  occupationCode!: string;

  @Field(() => SkillLevel, { description: 'Level certified.' })
  level!: SkillLevel;

  @Field(() => String, { nullable: true, description: 'Certificate number, when one was issued.' })
  certificateNumber?: string | null;

  @Field(() => Float, { description: 'Attendance as a share, 0–1.' })
  attendanceRate!: number;

  @Field(() => Int, { description: 'Subsidy, whole 元 (0 when not eligible).' })
  amount!: number;
}

@InputType({ description: 'A notice to publish as revision 1.' })
export class PublishNoticeInput {
  @Field({ description: 'Notice number as the bureau prints it, e.g. 五华人社培公〔2026〕第12号: the natural key.' })
  number!: string;

  @Field({ description: 'Title as published.' })
  title!: string;

  @Field({ description: "Region code of the issuing bureau; must lie within the key's region." })
  bureau!: string;

  @Field(() => String, { nullable: true, description: 'Class number of the class the notice is for.' })
  classNumber?: string | null;

  @Field(() => GraphQLLocalDate, {
    description: 'Day of publication: the objection period of 5 working days starts here.',
  })
  publishedOn!: string;

  @Field(() => [NoticeLineInput], { description: 'Every trainee line.' })
  lines!: NoticeLineInput[];
}

@InputType({ description: 'A correction: every line again, as revision n+1.' })
export class CorrectNoticeInput {
  @Field({ description: 'Number of the notice to correct.' })
  number!: string;

  @Field(() => GraphQLLocalDate, { description: 'Day the correction is published.' })
  publishedOn!: string;

  @Field({ description: 'Why, as the public will read it (e.g. 第3行出勤率录入有误).' })
  reason!: string;

  @Field(() => [NoticeLineInput], { description: 'Every line of the corrected notice.' })
  lines!: NoticeLineInput[];
}

@InputType({ description: 'An objection received during the objection period.' })
export class RecordObjectionInput {
  @Field({ description: 'Number of the notice objected to.' })
  number!: string;

  @Field(() => GraphQLLocalDate, { description: 'Day it was received.' })
  receivedOn!: string;

  @Field(() => Int, { nullable: true, description: 'The line objected to (null: the notice as a whole).' })
  lineSeq?: number | null;

  @Field({ description: "What is objected to, summarised; never the objector's name." })
  summary!: string;
}

@InputType({ description: 'The decision on an objection.' })
export class DecideObjectionInput {
  @Field(() => ID, { description: 'Global ID of the objection (`SubsidyObjection.id`).' })
  objection!: string;

  @Field(() => ObjectionStatus, { description: 'UPHELD (the claim on its line is cancelled) or REJECTED.' })
  status!: ObjectionStatus;

  @Field(() => GraphQLLocalDate, { description: 'Day of the decision.' })
  decidedOn!: string;

  @Field({ description: 'The finding, as the public will read it.' })
  outcome!: string;
}

@ObjectType('NoticeWritePayload', { description: 'The notice after a write, or every problem that stopped it.' })
export class NoticeWritePayload {
  @Field(() => SubsidyNoticeObject, { nullable: true, description: 'The notice as it now stands (null when refused).' })
  notice!: SubsidyNoticeObject | null;

  @Field(() => [WriteProblemObject], { description: 'Every problem found; empty when the write was made.' })
  problems!: WriteProblemObject[];
}

@ObjectType('ObjectionWritePayload', { description: 'The objection after a write, or every problem that stopped it.' })
export class ObjectionWritePayload {
  @Field(() => SubsidyObjectionObject, {
    nullable: true,
    description: 'The objection as it now stands (null when refused).',
  })
  objection!: SubsidyObjectionObject | null;

  @Field(() => [WriteProblemObject], { description: 'Every problem found; empty when the write was made.' })
  problems!: WriteProblemObject[];
}

const LINE_FIELDS: Record<LineColumn, string> = {
  seq: 'seq',
  name: 'name',
  id: 'idNumber',
  occupation: 'occupationCode',
  level: 'level',
  certificate: 'certificateNumber',
  attendance: 'attendanceRate',
  amount: 'amount',
};

/** Checks and masks the lines of a write; problems name `input.lines[i].<field>`. */
async function maskLines(
  ctx: Context,
  lines: readonly NoticeLineInput[],
): Promise<{ lines: MaskedLine[]; problems: WriteProblem[] }> {
  const codes = new Set(
    (await findRows(ctx.em, Occupation, { code: { $in: [...new Set(lines.map((l) => l.occupationCode))] } })).map(
      (o) => o.code,
    ),
  );
  const rows = lines.map((l) => ({
    seq: String(l.seq),
    name: l.name,
    id: l.idNumber,
    occupation: l.occupationCode,
    level: l.level,
    certificate: l.certificateNumber ?? '',
    attendance: String(l.attendanceRate),
    amount: String(l.amount),
  }));
  const checked = checkNoticeRows(rows, { occupationCodes: codes }, { firstRow: 0, columnOf: (k) => LINE_FIELDS[k] });
  return {
    lines: checked.lines,
    problems: checked.problems.map((p) => ({
      field: p.column === '-' ? 'input.lines' : `input.lines[${p.row}].${p.column}`,
      rule: p.rule,
      message: p.message,
    })),
  };
}

const refused = (problems: WriteProblem[]) => ({ notice: null, problems: problemObjects(problems) });
const refusedObjection = (problems: WriteProblem[]) => ({ objection: null, problems: problemObjects(problems) });

@Resolver()
export class NoticeWriteResolver {
  @Authorized()
  @Mutation(() => NoticeWritePayload, {
    description:
      'Publishes a subsidy notice (revision 1). Names and ID numbers are validated (GB 11643) and masked before storage; every problem is returned at once and nothing is written then. Needs a key whose region covers the bureau and the class.',
  })
  async publishNotice(
    @Ctx() ctx: Context,
    @Arg('input', () => PublishNoticeInput, { description: 'The notice.' }) input: PublishNoticeInput,
  ): Promise<NoticeWritePayload> {
    const masked = await maskLines(ctx, input.lines);
    const header = {
      number: input.number,
      title: input.title,
      bureau: input.bureau,
      classNumber: input.classNumber ?? null,
      publishedOn: input.publishedOn,
    };
    // The header is checked even when lines fail (given no lines, nothing can be written), so
    // every problem comes back at once.
    const result = await publishNotice(ctx.em, header, masked.problems.length ? [] : masked.lines, {
      today: ctx.today,
      writer: ctx.viewer!,
    });
    if (!result.ok || masked.problems.length) {
      const headerProblems = result.ok
        ? []
        : result.problems
            .filter((p) => p.column !== 'lines')
            .map((p) => ({ field: `input.${p.column}`, rule: p.rule, message: p.message }));
      return refused([...headerProblems, ...masked.problems]);
    }
    return { notice: await noticeObject(ctx, result.number), problems: [] };
  }

  @Authorized()
  @Mutation(() => NoticeWritePayload, {
    description:
      'Withdraws a notice (已撤回) from a day, with the reason the public will read. Published records are never deleted.',
  })
  async withdrawNotice(
    @Ctx() ctx: Context,
    @Arg('number', () => String, { description: 'Number of the notice.' }) number: string,
    @Arg('on', () => GraphQLLocalDate, { description: 'Day of withdrawal.' }) on: string,
    @Arg('reason', () => String, { description: 'Why, as the public will read it.' }) reason: string,
  ): Promise<NoticeWritePayload> {
    const r = await withdrawNotice(ctx.em, ctx.viewer!, { number, on, reason }, ctx.today);
    return r.ok
      ? { notice: await noticeObject(ctx, r.value.number), problems: [] }
      : refused(r.problems.map(prefix('')));
  }

  @Authorized()
  @Mutation(() => NoticeWritePayload, {
    description:
      'Corrects a notice: publishes revision n+1 with every line and the reason, chained by SHA-256 to revision n, which stays readable. Never a rewrite.',
  })
  async correctNotice(
    @Ctx() ctx: Context,
    @Arg('input', () => CorrectNoticeInput, { description: 'The correction.' }) input: CorrectNoticeInput,
  ): Promise<NoticeWritePayload> {
    const masked = await maskLines(ctx, input.lines);
    if (masked.problems.length) return refused(masked.problems);
    const r = await correctNotice(
      ctx.em,
      ctx.viewer!,
      { number: input.number, publishedOn: input.publishedOn, reason: input.reason, lines: masked.lines },
      ctx.today,
    );
    return r.ok
      ? { notice: await noticeObject(ctx, r.value.notice.number), problems: [] }
      : refused(r.problems.map(prefix('input.')));
  }

  @Authorized()
  @Mutation(() => ObjectionWritePayload, { description: 'Records an objection received during the objection period.' })
  async recordObjection(
    @Ctx() ctx: Context,
    @Arg('input', () => RecordObjectionInput, { description: 'The objection.' }) input: RecordObjectionInput,
  ): Promise<ObjectionWritePayload> {
    const r = await recordObjection(
      ctx.em,
      ctx.viewer!,
      { number: input.number, receivedOn: input.receivedOn, lineSeq: input.lineSeq ?? null, summary: input.summary },
      ctx.today,
    );
    return r.ok
      ? { objection: SubsidyObjectionObject.from(r.value), problems: [] }
      : refusedObjection(r.problems.map(prefix('input.')));
  }

  @Authorized()
  @Mutation(() => ObjectionWritePayload, {
    description:
      'Decides an objection: UPHELD cancels the claim on its line (paid totals and red flags follow), REJECTED keeps it; the finding is published.',
  })
  async decideObjection(
    @Ctx() ctx: Context,
    @Arg('input', () => DecideObjectionInput, { description: 'The decision.' }) input: DecideObjectionInput,
  ): Promise<ObjectionWritePayload> {
    const objectionId = intKeyOf(input.objection, 'input.objection', 'SubsidyObjection');
    const r = await decideObjection(
      ctx.em,
      ctx.viewer!,
      { objectionId, status: input.status, decidedOn: input.decidedOn, outcome: input.outcome },
      ctx.today,
    );
    return r.ok
      ? { objection: SubsidyObjectionObject.from(r.value), problems: [] }
      : refusedObjection(r.problems.map(prefix('input.')));
  }
}

const prefix =
  (p: string) =>
  (x: WriteProblem): WriteProblem => ({ ...x, field: `${p}${x.field}` });

async function noticeObject(ctx: Context, number: string): Promise<SubsidyNoticeObject> {
  const [n] = await findRows(ctx.em, SubsidyNotice, { number });
  return SubsidyNoticeObject.from(n);
}
