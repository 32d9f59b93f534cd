import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { AgencyType, CertificateType, SkillLevel } from '../common/enums';
import type { Context } from '../context';
import { intKeyOf } from '../graphql/node';
import { problemObjects, WriteProblemObject } from '../graphql/write-problem.type';
import {
  createAgency,
  endAgencyScope,
  recordAgencyScope,
  setAgencyFees,
  type AgencyWriteResult,
} from './agency-writes';
import { EvaluationAgencyObject } from './agency.type';

@InputType({ description: 'An evaluation agency as registered.' })
export class AgencyInput {
  @Field({ description: 'Registered name.' }) name!: string;
  @Field(() => AgencyType, { description: 'Kind of agency.' }) type!: AgencyType;
  @Field(() => String, { nullable: true, description: '统一社会信用代码 (checked, unique).' }) creditCode?:
    | string
    | null;
  @Field({ description: "Region code; must lie within the key's region." }) region!: string;
  @Field(() => ID, { nullable: true, description: 'The training institution it belongs to, when it also trains.' })
  institution?: string | null;
}

@InputType({ description: 'A recorded occupation × certificate × level.' })
export class AgencyScopeInput {
  @Field({ description: 'Occupation code.' }) occupationCode!: string;
  @Field(() => CertificateType, { description: 'Certificate type.' }) certificateType!: CertificateType;
  @Field(() => SkillLevel, { description: 'Level.' }) level!: SkillLevel;
  @Field(() => GraphQLLocalDate, { description: 'First day of the record.' }) recordedFrom!: string;
}

@InputType({ description: 'One line of a fee schedule.' })
export class AgencyFeeInput {
  @Field(() => SkillLevel, { description: 'Level.' }) level!: SkillLevel;
  @Field({ description: 'What the fee covers, e.g. 理论考试.' }) item!: string;
  @Field(() => Int, { description: 'Whole 元 per candidate.' }) feeYuan!: number;
}

@ObjectType('AgencyWritePayload', { description: 'The agency after a write, or every problem that stopped it.' })
export class AgencyWritePayload {
  @Field(() => EvaluationAgencyObject, { nullable: true, description: 'The agency (null when refused).' })
  agency!: EvaluationAgencyObject | null;
  @Field(() => [WriteProblemObject], { description: 'Every problem found; empty when the write was made.' })
  problems!: WriteProblemObject[];
}

const payload = (r: AgencyWriteResult): AgencyWritePayload =>
  r.ok
    ? { agency: EvaluationAgencyObject.from(r.agency), problems: [] }
    : { agency: null, problems: problemObjects(r.problems) };

@Resolver()
export class AgencyWriteResolver {
  @Authorized()
  @Mutation(() => AgencyWritePayload, { description: "Registers an evaluation agency in the key's region." })
  async createEvaluationAgency(
    @Ctx() ctx: Context,
    @Arg('input', () => AgencyInput, { description: 'The agency.' }) input: AgencyInput,
  ) {
    return payload(
      await createAgency(ctx.em, ctx.viewer!, {
        name: input.name,
        type: input.type,
        creditCode: input.creditCode?.trim() || null,
        region: input.region,
        institution: input.institution ? intKeyOf(input.institution, 'input.institution', 'Institution') : null,
      }),
    );
  }

  @Authorized()
  @Mutation(() => AgencyWritePayload, {
    description:
      "Records (备案) an occupation × certificate × level the agency may certify, from a day: what the draw of a class's agency reads.",
  })
  async recordAgencyScope(
    @Ctx() ctx: Context,
    @Arg('agency', () => ID, { description: 'Global ID of the agency.' }) agency: string,
    @Arg('input', () => AgencyScopeInput, { description: 'The record.' }) input: AgencyScopeInput,
  ) {
    return payload(
      await recordAgencyScope(ctx.em, ctx.viewer!, intKeyOf(agency, 'agency', 'EvaluationAgency'), { ...input }),
    );
  }

  @Authorized()
  @Mutation(() => AgencyWritePayload, { description: 'Ends a current record after its last day; it stays on record.' })
  async endAgencyScope(
    @Ctx() ctx: Context,
    @Arg('agency', () => ID, { description: 'Global ID of the agency.' }) agency: string,
    @Arg('occupationCode', () => String, { description: 'Occupation code.' }) occupationCode: string,
    @Arg('level', () => SkillLevel, { description: 'Level.' }) level: SkillLevel,
    @Arg('lastDay', () => GraphQLLocalDate, { description: 'Last day of the record.' }) lastDay: string,
  ) {
    return payload(
      await endAgencyScope(ctx.em, ctx.viewer!, intKeyOf(agency, 'agency', 'EvaluationAgency'), {
        occupationCode,
        level,
        lastDay,
      }),
    );
  }

  @Authorized()
  @Mutation(() => AgencyWritePayload, {
    description:
      "Publishes the agency's fee schedule (云人社通〔2022〕50号 (十二)) as a whole; the previous lines stay on record, marked replaced.",
  })
  async setAgencyFees(
    @Ctx() ctx: Context,
    @Arg('agency', () => ID, { description: 'Global ID of the agency.' }) agency: string,
    @Arg('fees', () => [AgencyFeeInput], { description: 'Every line of the new schedule.' }) fees: AgencyFeeInput[],
  ) {
    return payload(
      await setAgencyFees(
        ctx.em,
        ctx.viewer!,
        intKeyOf(agency, 'agency', 'EvaluationAgency'),
        fees.map((f) => ({ ...f })),
        ctx.today,
      ),
    );
  }
}
