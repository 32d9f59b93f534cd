import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { InstitutionType } from '../common/enums';
import type { WriteProblem } from '../common/write-problem';
import type { Context } from '../context';
import { intKeyOf } from '../graphql/node';
import { problemObjects, WriteProblemObject } from '../graphql/write-problem.type';
import type { InstitutionDraft } from './institution.rules';
import { InstitutionObject } from './institution.type';
import {
  changeStanding,
  createInstitution,
  updateInstitution,
  type InstitutionWriteResult,
  type StandingChange,
} from './institution-writes';

@InputType({ description: "An institution's record as registered." })
export class InstitutionInput {
  @Field({ description: 'Registered name.' })
  name!: string;

  @Field(() => InstitutionType, { description: 'Kind of institution.' })
  type!: InstitutionType;

  @Field(() => String, {
    nullable: true,
    description: '统一社会信用代码 (GB 32100-2015, checked), unique: the natural key.',
  })
  creditCode?: string | null;

  @Field(() => String, { nullable: true, description: '办学许可证号.' })
  licenceNumber?: string | null;

  @Field({ description: "Region code where it is registered (a county or 州市); must lie within the key's region." })
  region!: string;

  @Field(() => String, { nullable: true, description: 'Address.' })
  address?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Phone for enrolment: a mainland mobile number (e.g. `13812345678`) or a landline with its area code (e.g. `0871-63211234`), stored normalised. Omitted: unchanged on update; null: none.',
  })
  phone?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'For an enterprise training centre: the company whose staff it trains (required then).',
  })
  ownerCompany?: string | null;

  @Field(() => [String], { description: 'Occupation codes it is approved to train (2022 classification).' })
  scope!: string[];
}

@ObjectType('InstitutionWritePayload', {
  description: 'The institution after a write, or every problem that stopped it.',
})
export class InstitutionWritePayload {
  @Field(() => InstitutionObject, {
    nullable: true,
    description: 'The institution as it now stands (null when refused).',
  })
  institution!: InstitutionObject | null;

  @Field(() => [WriteProblemObject], { description: 'Every problem found; empty when the write was made.' })
  problems!: WriteProblemObject[];
}

const draftOf = (i: InstitutionInput): InstitutionDraft => ({
  name: i.name,
  type: i.type,
  creditCode: i.creditCode?.trim() || null,
  licenceNumber: i.licenceNumber?.trim() || null,
  region: i.region,
  address: i.address?.trim() || null,
  phone: i.phone === undefined ? undefined : i.phone?.trim() || null,
  ownerCompany: i.ownerCompany?.trim() || null,
  scope: [...new Set(i.scope)],
});
const payload = (r: InstitutionWriteResult, prefix: string): InstitutionWritePayload =>
  r.ok
    ? { institution: InstitutionObject.from(r.institution), problems: [] }
    : {
        institution: null,
        problems: problemObjects(
          r.problems.map((p: WriteProblem) => ({
            ...p,
            field: p.field === 'institution' ? 'institution' : `${prefix}${p.field}`,
          })),
        ),
      };

@Resolver()
export class InstitutionWriteResolver {
  @Authorized()
  @Mutation(() => InstitutionWritePayload, { description: "Registers a training institution in the key's region." })
  async createInstitution(
    @Ctx() ctx: Context,
    @Arg('input', () => InstitutionInput, { description: 'The record.' }) input: InstitutionInput,
  ) {
    return payload(await createInstitution(ctx.em, ctx.viewer!, draftOf(input)), 'input.');
  }

  @Authorized()
  @Mutation(() => InstitutionWritePayload, {
    description:
      "Changes an institution's record (not its standing: see blacklistInstitution, liftBlacklisting, revokeLicence).",
  })
  async updateInstitution(
    @Ctx() ctx: Context,
    @Arg('institution', () => ID, { description: 'Global ID of the institution.' }) institution: string,
    @Arg('input', () => InstitutionInput, { description: 'The whole record as it should stand.' })
    input: InstitutionInput,
  ) {
    return payload(
      await updateInstitution(ctx.em, ctx.viewer!, intKeyOf(institution, 'institution', 'Institution'), draftOf(input)),
      'input.',
    );
  }

  @Authorized()
  @Mutation(() => InstitutionWritePayload, {
    description:
      'Blacklists an institution for three years from `from` (云人社通〔2022〕8号 四(三)), with the deciding document and the reason, both published. Its classes and notices are flagged accordingly.',
  })
  async blacklistInstitution(
    @Ctx() ctx: Context,
    @Arg('institution', () => ID, { description: 'Global ID of the institution.' }) institution: string,
    @Arg('from', () => GraphQLLocalDate, { description: 'First day barred.' }) from: string,
    @Arg('document', () => String, { description: 'Number of the deciding document.' }) document: string,
    @Arg('reason', () => String, { description: 'Reason, as published.' }) reason: string,
  ) {
    return this.change(ctx, institution, { kind: 'blacklist', from, document, reason });
  }

  @Authorized()
  @Mutation(() => InstitutionWritePayload, {
    description:
      'Lifts a blacklisting early, from `on`, with the document and reason; the blacklisting stays on record.',
  })
  async liftBlacklisting(
    @Ctx() ctx: Context,
    @Arg('institution', () => ID, { description: 'Global ID of the institution.' }) institution: string,
    @Arg('on', () => GraphQLLocalDate, { description: 'First day no longer barred.' }) on: string,
    @Arg('document', () => String, { description: 'Number of the deciding document.' }) document: string,
    @Arg('reason', () => String, { description: 'Reason, as published.' }) reason: string,
  ) {
    return this.change(ctx, institution, { kind: 'lift', on, document, reason });
  }

  @Authorized()
  @Mutation(() => InstitutionWritePayload, {
    description:
      "Revokes an institution's licence (取消办学许可, 云人社通〔2022〕50号 (十九)); it may no longer train.",
  })
  async revokeLicence(
    @Ctx() ctx: Context,
    @Arg('institution', () => ID, { description: 'Global ID of the institution.' }) institution: string,
    @Arg('on', () => GraphQLLocalDate, { description: 'Day of revocation.' }) on: string,
    @Arg('document', () => String, { description: 'Number of the deciding document.' }) document: string,
    @Arg('reason', () => String, { description: 'Reason, as published.' }) reason: string,
  ) {
    return this.change(ctx, institution, { kind: 'revoke', on, document, reason });
  }

  private async change(ctx: Context, institution: string, c: StandingChange) {
    return payload(
      await changeStanding(ctx.em, ctx.viewer!, intKeyOf(institution, 'institution', 'Institution'), c, ctx.today),
      '',
    );
  }
}
