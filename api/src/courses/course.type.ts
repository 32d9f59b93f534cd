import { Field, Float, Int, ObjectType } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { CertificateType, CourseCategory, CourseMode, Enrolment, SkillLevel, TargetGroup } from '../common/enums';
import { Node, toGlobalId } from '../graphql/node';
import type { Row } from '../db/rows';
import { targetGroupsOf, type Course } from './course.entity';

@ObjectType('Course', {
  implements: Node,
  description:
    'A training class (培训班次): an institution teaches an occupation at a level in a county, with dates, hours, fee and subsidy.',
})
export class CourseObject extends Node {
  @Field({ description: 'Class number as registered, e.g. `KB2022-530102-00017`: the stable natural key.' })
  classNumber!: string;

  @Field({ description: 'Class title, e.g. `养老护理员（四级）培训班`.' })
  title!: string;

  @Field(() => CertificateType, { description: 'Certificate the class leads to.' })
  certificateType!: CertificateType;

  @Field(() => SkillLevel, { description: 'Skill level of the certificate.' })
  level!: SkillLevel;

  @Field(() => CourseCategory, { description: 'Skills or entrepreneurship training.' })
  category!: CourseCategory;

  @Field(() => String, { nullable: true, description: 'Where the class meets (offline and mixed classes).' })
  address!: string | null;

  @Field(() => CourseMode, { description: 'Offline, online or mixed.' })
  mode!: CourseMode;

  @Field(() => GraphQLLocalDate, { description: 'First day of class.' })
  startDate!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day of class.' })
  endDate!: string;

  @Field(() => Float, { description: 'Class hours (课时) per teaching day; at most 8 (云人社通〔2022〕50号 (六)).' })
  hoursPerDay!: number;

  @Field(() => Int, { description: 'Total class hours; at least 120 for subsidised certificate classes (8号 三(五)).' })
  totalHours!: number;

  @Field(() => Int, { description: 'Places in the class; at most 60, entrepreneurship at most 30 (35 in 2021).' })
  capacity!: number;

  @Field(() => Int, { description: 'Trainees enrolled.' })
  enrolled!: number;

  @Field(() => Int, { description: 'Places still free (capacity − enrolled, never below 0).' })
  seatsLeft!: number;

  @Field(() => Int, { description: 'Fee the trainee is charged, whole 元 (0 = free).' })
  feeYuan!: number;

  @Field(() => Int, {
    description:
      'Training subsidy per eligible trainee, whole 元 (0 = unsubsidised). Paid with attendance ≥ 80 % and the certificate obtained (50号 (十四), (五)).',
  })
  subsidyPerTrainee!: number;

  @Field({ description: 'Whether the class is government-subsidised (subsidyPerTrainee > 0).' })
  subsidised!: boolean;

  @Field(() => [TargetGroup], { description: 'Groups the class is meant for.' })
  targetGroups!: TargetGroup[];

  @Field(() => String, {
    nullable: true,
    description: 'Theory teacher: reference in the provincial teacher pool (师资库), not a name.',
  })
  theoryTeacherRef!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Practical teacher: reference in the provincial teacher pool; must differ from the theory teacher (50号 (九)).',
  })
  practicalTeacherRef!: string | null;

  @Field(() => String, { nullable: true, description: 'Textbook as declared.' })
  textbook!: string | null;

  @Field({
    description:
      '考培结合 approved: the trainer is the only agency in the province for this occupation and level (8号 三(十)).',
  })
  soleAgencyExemption!: boolean;

  @Field({
    description: 'Accepts training vouchers (职业培训券) through the electronic social security card (8号 三(四)).',
  })
  acceptsVouchers!: boolean;

  @Field(() => Enrolment, { description: "Open to the public, or only to the running company's own staff." })
  enrolment!: Enrolment;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Day the class was cancelled, if it was.' })
  cancelledOn!: string | null;

  @Field({ description: 'True for generated demonstration data, not a real class.' })
  isDemo!: boolean;

  /** Hidden: the row, for relation resolvers. */
  row!: Row<Course>;

  static from(c: Row<Course>): CourseObject {
    return Object.assign(new CourseObject(), {
      id: toGlobalId('Course', c.id),
      classNumber: c.classNumber,
      title: c.title,
      certificateType: c.certificateType,
      level: c.level,
      category: c.category,
      address: c.address ?? null,
      mode: c.mode,
      startDate: c.startDate,
      endDate: c.endDate,
      hoursPerDay: c.hoursPerDay,
      totalHours: c.totalHours,
      capacity: c.capacity,
      enrolled: c.enrolled,
      seatsLeft: Math.max(0, c.capacity - c.enrolled),
      feeYuan: c.feeYuan,
      subsidyPerTrainee: c.subsidyPerTrainee,
      subsidised: c.subsidyPerTrainee > 0,
      targetGroups: targetGroupsOf(c.targetGroupsText),
      theoryTeacherRef: c.theoryTeacherRef ?? null,
      practicalTeacherRef: c.practicalTeacherRef ?? null,
      textbook: c.textbook ?? null,
      soleAgencyExemption: c.soleAgencyExemption,
      acceptsVouchers: c.acceptsVouchers,
      enrolment: c.enrolment,
      cancelledOn: c.cancelledOn ?? null,
      isDemo: c.isDemo,
      row: c,
    });
  }
}
