import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { CertificateType, SkillLevel } from '../common/enums';
import type { Context } from '../context';
import { intKeyOf } from '../graphql/node';
import { problemObjects, WriteProblemObject } from '../graphql/write-problem.type';
import { addDirectoryEntry, endDirectoryEntry, publishDirectoryEdition } from './directory-writes';
import { DirectoryEditionObject, DirectoryEntryObject } from './directory.type';

@InputType({ description: "A year's edition of the subsidised directory." })
export class DirectoryEditionInput {
  @Field(() => Int, { description: 'The year.' }) year!: number;
  @Field({ description: 'Issuing document number as printed.' }) documentNumber!: string;
  @Field({ description: 'Title as published.' }) title!: string;
  @Field(() => GraphQLLocalDate, { description: 'Day of publication.' }) publishedOn!: string;
}

@InputType({ description: 'An occupation × certificate × level admitted to an edition.' })
export class DirectoryEntryInput {
  @Field(() => Int, { description: 'Year of the edition.' }) year!: number;
  @Field({ description: 'Occupation code of the 2022 classification.' }) occupationCode!: string;
  @Field(() => CertificateType, { description: 'Certificate type.' }) certificateType!: CertificateType;
  @Field(() => SkillLevel, { description: 'Level.' }) level!: SkillLevel;
  @Field(() => Int, { description: 'Minimum class hours (at least 120 for certificate classes).' }) minHours!: number;
  @Field(() => Int, { description: 'Subsidy standard per trainee, whole 元.' }) subsidyPerTrainee!: number;
  @Field({ defaultValue: false, description: 'In the key occupation guidance.' }) isKeyOccupation!: boolean;
  @Field(() => GraphQLLocalDate, {
    description: "First day in force (in the edition's year; later than its start for a mid-year addition).",
  })
  effectiveFrom!: string;
}

@ObjectType('DirectoryEditionWritePayload', {
  description: 'The edition after a write, or every problem that stopped it.',
})
export class DirectoryEditionWritePayload {
  @Field(() => DirectoryEditionObject, { nullable: true, description: 'The edition (null when refused).' })
  edition!: DirectoryEditionObject | null;
  @Field(() => [WriteProblemObject], { description: 'Every problem found; empty when the write was made.' })
  problems!: WriteProblemObject[];
}

@ObjectType('DirectoryEntryWritePayload', { description: 'The entry after a write, or every problem that stopped it.' })
export class DirectoryEntryWritePayload {
  @Field(() => DirectoryEntryObject, { nullable: true, description: 'The entry (null when refused).' })
  entry!: DirectoryEntryObject | null;
  @Field(() => [WriteProblemObject], { description: 'Every problem found; empty when the write was made.' })
  problems!: WriteProblemObject[];
}

@Resolver()
export class DirectoryWriteResolver {
  @Authorized()
  @Mutation(() => DirectoryEditionWritePayload, {
    description: "Publishes a year's edition of the subsidised directory (province keys only).",
  })
  async publishDirectoryEdition(
    @Ctx() ctx: Context,
    @Arg('input', () => DirectoryEditionInput, { description: 'The edition.' }) input: DirectoryEditionInput,
  ) {
    const r = await publishDirectoryEdition(ctx.em, ctx.viewer!, { ...input });
    return r.ok
      ? { edition: DirectoryEditionObject.from(r.value), problems: [] }
      : { edition: null, problems: problemObjects(r.problems) };
  }

  @Authorized()
  @Mutation(() => DirectoryEntryWritePayload, {
    description:
      'Admits an occupation × certificate × level to an edition: graded certificates need a national standard (50号 (四)), every entry an evaluation agency recorded in the province (50号 (十三)). Province keys only.',
  })
  async addDirectoryEntry(
    @Ctx() ctx: Context,
    @Arg('input', () => DirectoryEntryInput, { description: 'The entry.' }) input: DirectoryEntryInput,
  ) {
    const r = await addDirectoryEntry(ctx.em, ctx.viewer!, { ...input });
    return r.ok
      ? { entry: DirectoryEntryObject.from(r.value), problems: [] }
      : { entry: null, problems: problemObjects(r.problems) };
  }

  @Authorized()
  @Mutation(() => DirectoryEntryWritePayload, {
    description:
      'Takes an entry out of the directory after its last day in force, with the reason; it stays on record. Province keys only.',
  })
  async endDirectoryEntry(
    @Ctx() ctx: Context,
    @Arg('entry', () => ID, { description: 'Global ID of the entry.' }) entry: string,
    @Arg('lastDay', () => GraphQLLocalDate, { description: 'Last day in force.' }) lastDay: string,
    @Arg('reason', () => String, { description: 'Why, as published.' }) reason: string,
  ) {
    const r = await endDirectoryEntry(ctx.em, ctx.viewer!, intKeyOf(entry, 'entry', 'DirectoryEntry'), lastDay, reason);
    return r.ok
      ? { entry: DirectoryEntryObject.from(r.value), problems: [] }
      : { entry: null, problems: problemObjects(r.problems) };
  }
}
