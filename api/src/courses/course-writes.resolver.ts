import { GraphQLLocalDate } from 'graphql-scalars';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { EvaluationAgency } from '../agencies/agency.entity';
import { EvaluationAgencyObject } from '../agencies/agency.type';
import { CertificateType, CourseCategory, CourseMode, Enrolment, SkillLevel, TargetGroup } from '../common/enums';
import { citation } from '../common/rule-check';
import type { Context } from '../context';
import { intKeyOf } from '../graphql/node';
import { problemObjects, WriteProblemObject } from '../graphql/write-problem.type';
import { AgencyDraw } from './agency-draw.entity';
import { DRAW_CLAUSE, type DrawInputs } from './agency-draw.rules';
import { approveCourse, cancelCourse, changeCourse, type CourseDraft, type CourseWriteResult } from './course-writes';
import { CourseObject } from './course.type';

@InputType({ description: 'A class to approve.' })
export class CourseInput {
  @Field({ description: 'Class number, unique: the natural key, e.g. KB2026-530102-00001.' }) classNumber!: string;
  @Field({ description: 'Title as published.' }) title!: string;
  @Field(() => ID, { description: 'Global ID of the training institution (it must be approved for the occupation).' })
  institution!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'Global ID of the provincial project unit that contracted the class, if any.',
  })
  projectUnit?: string | null;
  @Field({ description: 'Occupation code of the 2022 classification.' }) occupationCode!: string;
  @Field(() => CertificateType, { description: 'Certificate the class leads to.' }) certificateType!: CertificateType;
  @Field(() => SkillLevel, { description: 'Level.' }) level!: SkillLevel;
  @Field(() => CourseCategory, { description: 'Skills or entrepreneurship training.' }) category!: CourseCategory;
  @Field({ description: "County-level region code where the class is held; must lie within the key's region." })
  county!: string;
  @Field(() => String, { nullable: true, description: 'Address.' }) address?: string | null;
  @Field(() => CourseMode, { description: 'Offline, online or mixed.' }) mode!: CourseMode;
  @Field(() => Int, {
    nullable: true,
    description: 'Sequence number of the recommended online platform (online and mixed classes).',
  })
  platform?: number | null;
  @Field(() => GraphQLLocalDate, { description: 'First day.' }) startDate!: string;
  @Field(() => GraphQLLocalDate, { description: 'Last day.' }) endDate!: string;
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Day of assessment (default: the last day): the agency is drawn among those recorded on it.',
  })
  examDate?: string | null;
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Last day to enrol, before the first day (default: the day before the start).',
  })
  enrolmentCloses?: string | null;
  @Field(() => Float, { description: 'Class hours per teaching day.' }) hoursPerDay!: number;
  @Field(() => Int, { description: 'Class hours in all.' }) totalHours!: number;
  @Field(() => Int, { description: 'Places.' }) capacity!: number;
  @Field(() => Int, { defaultValue: 0, description: 'Trainees enrolled so far.' }) enrolled!: number;
  @Field(() => Int, { description: 'Fee charged to the trainee, whole 元 (0 = free).' }) feeYuan!: number;
  @Field(() => Int, {
    description: 'Subsidy per eligible trainee, whole 元 (0 = unsubsidised); at most the directory standard.',
  })
  subsidyPerTrainee!: number;
  @Field(() => [TargetGroup], { defaultValue: [], description: 'Who the class is for.' }) targetGroups!: TargetGroup[];
  @Field({ description: 'Programme key, e.g. KANGYANG.' }) programme!: string;
  @Field(() => String, {
    nullable: true,
    description: "Theory teacher's reference in the teacher pool (never a name).",
  })
  theoryTeacherRef?: string | null;
  @Field(() => String, { nullable: true, description: "Practical teacher's reference." }) practicalTeacherRef?:
    | string
    | null;
  @Field(() => String, { nullable: true, description: 'Textbook.' }) textbook?: string | null;
  @Field({
    defaultValue: false,
    description:
      "考培结合 approved: the trainer is the province's only agency for the occupation and level (8号 三(十)).",
  })
  soleAgencyExemption!: boolean;
  @Field({ defaultValue: false, description: 'Accepts training vouchers.' }) acceptsVouchers!: boolean;
  @Field(() => Enrolment, { defaultValue: Enrolment.PUBLIC, description: 'Who may enrol.' }) enrolment!: Enrolment;
}

@InputType({ description: 'What may change on an approved class; omitted fields stay. The agency draw stands.' })
export class CourseChangeInput {
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'New first day.' }) startDate?: string;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'New last day.' }) endDate?: string;
  @Field(() => String, { nullable: true, description: 'New address.' }) address?: string;
  @Field(() => Int, { nullable: true, description: 'New number of places.' }) capacity?: number;
  @Field(() => Int, { nullable: true, description: 'Trainees enrolled.' }) enrolled?: number;
  @Field(() => String, { nullable: true, description: "Theory teacher's reference." }) theoryTeacherRef?: string;
  @Field(() => String, { nullable: true, description: "Practical teacher's reference." }) practicalTeacherRef?: string;
}

@ObjectType('CourseWritePayload', { description: 'The class after a write, or every problem that stopped it.' })
export class CourseWritePayload {
  @Field(() => CourseObject, { nullable: true, description: 'The class as it now stands (null when refused).' })
  course!: CourseObject | null;
  @Field(() => [WriteProblemObject], { description: 'Every problem found; empty when the write was made.' })
  problems!: WriteProblemObject[];
}

@ObjectType('AgencyDraw', {
  description:
    "The recorded random draw of the class's assessing agency (云人社通〔2022〕50号 (十一)): its inputs, the seed and the result, so anyone can repeat it.",
})
export class AgencyDrawObject {
  @Field(() => GraphQLLocalDate, { description: 'Day of the draw (the approval).' }) drawnOn!: string;
  @Field({ description: 'Version of the procedure, e.g. `draw-v1`.' }) rule!: string;
  @Field({
    description:
      'The inputs as RFC 8785 canonical JSON: class, occupation, level, exam date, day of the draw, the beacon (SHA-256 of the newest notice revision in publication order when the draw was recorded; draws of rule draw-v1: the newest published before that day) and the eligible agencies by id.',
  })
  inputsJson!: string;
  @Field({ description: 'SHA-256 (hex) of `inputsJson`.' }) seed!: string;
  @Field(() => Int, { description: 'How many agencies were eligible.' }) eligibleCount!: number;
  @Field(() => Int, {
    description:
      'The position chosen: the seed, read as a 256-bit number, modulo `eligibleCount` (0-based, in id order).',
  })
  index!: number;
  @Field(() => EvaluationAgencyObject, { description: 'The agency drawn.' }) chosen!: EvaluationAgencyObject;
  @Field({ description: 'How to check it yourself.' }) howToVerify!: string;
  @Field({ description: 'Where the draw is required.' }) clause!: string;
}

const draftOf = (i: CourseInput): CourseDraft => ({
  classNumber: i.classNumber.trim(),
  title: i.title,
  institution: intKeyOf(i.institution, 'input.institution', 'Institution'),
  projectUnit: i.projectUnit ? intKeyOf(i.projectUnit, 'input.projectUnit', 'Institution') : null,
  occupationCode: i.occupationCode,
  certificateType: i.certificateType,
  level: i.level,
  category: i.category,
  county: i.county,
  address: i.address ?? null,
  mode: i.mode,
  platform: i.platform ?? null,
  startDate: i.startDate,
  endDate: i.endDate,
  examDate: i.examDate ?? null,
  enrolmentCloses: i.enrolmentCloses ?? null,
  hoursPerDay: i.hoursPerDay,
  totalHours: i.totalHours,
  capacity: i.capacity,
  enrolled: i.enrolled,
  feeYuan: i.feeYuan,
  subsidyPerTrainee: i.subsidyPerTrainee,
  targetGroups: i.targetGroups,
  programmeKey: i.programme,
  theoryTeacherRef: i.theoryTeacherRef ?? null,
  practicalTeacherRef: i.practicalTeacherRef ?? null,
  textbook: i.textbook ?? null,
  soleAgencyExemption: i.soleAgencyExemption,
  acceptsVouchers: i.acceptsVouchers,
  enrolment: i.enrolment,
});
const payload = (r: CourseWriteResult, prefix: string): CourseWritePayload =>
  r.ok
    ? { course: CourseObject.from(r.course), problems: [] }
    : {
        course: null,
        problems: problemObjects(
          r.problems.map((p) => ({
            ...p,
            field:
              p.field.startsWith('input') || p.field === 'classNumber' || p.field === 'on' || p.field === 'reason'
                ? p.field
                : `${prefix}${p.field}`,
          })),
        ),
      };

@Resolver(() => CourseObject)
export class CourseWriteResolver {
  @Authorized()
  @Mutation(() => CourseWritePayload, {
    description:
      "Approves a class: runs the year's course rules on it, draws its assessing agency at random among the eligible ones (50号 (十一)) in a way anyone can repeat, and publishes both. Every failing rule comes back with its clause.",
  })
  async approveCourse(
    @Ctx() ctx: Context,
    @Arg('input', () => CourseInput, { description: 'The class.' }) input: CourseInput,
  ) {
    return payload(await approveCourse(ctx, ctx.viewer!, draftOf(input)), 'input.');
  }

  @Authorized()
  @Mutation(() => CourseWritePayload, {
    description: 'Changes an approved class (dates, place, places, enrolment, teachers); the rules run again.',
  })
  async changeCourse(
    @Ctx() ctx: Context,
    @Arg('classNumber', () => String, { description: 'The class.' }) classNumber: string,
    @Arg('input', () => CourseChangeInput, { description: 'What changes.' }) input: CourseChangeInput,
  ) {
    const change = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null));
    return payload(await changeCourse(ctx, ctx.viewer!, classNumber, change), 'input.');
  }

  @Authorized()
  @Mutation(() => CourseWritePayload, {
    description: 'Cancels a class with the reason; it stays on record as cancelled.',
  })
  async cancelCourse(
    @Ctx() ctx: Context,
    @Arg('classNumber', () => String, { description: 'The class.' }) classNumber: string,
    @Arg('on', () => GraphQLLocalDate, { description: 'Day of cancellation.' }) on: string,
    @Arg('reason', () => String, { description: 'Why, as published.' }) reason: string,
  ) {
    return payload(await cancelCourse(ctx, ctx.viewer!, classNumber, on, reason), '');
  }

  @FieldResolver(() => AgencyDrawObject, {
    nullable: true,
    description:
      'The recorded draw of the assessing agency, for classes approved through the API (null for older records).',
  })
  async agencyDraw(@Root() c: CourseObject, @Ctx() ctx: Context): Promise<AgencyDrawObject | null> {
    // One batched query for a page of classes (the first draw recorded, as before).
    const [d] = await ctx.loaders.childrenOf(AgencyDraw, 'course').load(c.row.id);
    if (!d) return null;
    const agency = await ctx.loaders.byKey(EvaluationAgency).load(d.chosenAgency);
    const inputs = JSON.parse(d.inputsJson) as DrawInputs;
    const index = inputs.eligible.findIndex((e) => e.agencyId === d.chosenAgency);
    return Object.assign(new AgencyDrawObject(), {
      drawnOn: d.drawnOn,
      rule: d.rule,
      inputsJson: d.inputsJson,
      seed: d.seed,
      eligibleCount: d.eligibleCount,
      index,
      chosen: EvaluationAgencyObject.from(agency!),
      howToVerify:
        'sha256sum of inputsJson (as UTF-8, no newline) equals seed; int(seed, 16) % eligibleCount is the position of the chosen agency in inputsJson.eligible; `npm run draws:verify` also re-derives the eligible agencies and the beacon from the records.',
      clause: citation(DRAW_CLAUSE),
    });
  }
}
