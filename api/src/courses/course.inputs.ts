import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import {
  CertificateType,
  CourseCategory,
  CourseMode,
  CourseStatus,
  EnrolmentStatus,
  InstitutionStanding,
  InstitutionType,
  SkillLevel,
  TargetGroup,
} from '../common/enums';

/** Orders of the course list. */
export enum CourseOrder {
  START_DATE_ASC = 'START_DATE_ASC',
  START_DATE_DESC = 'START_DATE_DESC',
  SUBSIDY_DESC = 'SUBSIDY_DESC',
}
registerEnumType(CourseOrder, {
  name: 'CourseOrder',
  description: 'Order of the course list; ties are broken by id.',
  valuesConfig: {
    START_DATE_ASC: { description: 'Earliest start first (default).' },
    START_DATE_DESC: { description: 'Latest start first.' },
    SUBSIDY_DESC: { description: 'Highest subsidy per trainee first.' },
  },
});

@InputType({ description: 'Narrows the course list; all given conditions must hold.' })
export class CourseFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Region code of the class; a 州市 includes its counties, the province everything.',
  })
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'Occupation code, e.g. `4-10-01-05`.' })
  occupation?: string | null;

  @Field(() => SkillLevel, { nullable: true, description: 'Only this level.' })
  level?: SkillLevel | null;

  @Field(() => CertificateType, { nullable: true, description: 'Only this certificate type.' })
  certificateType?: CertificateType | null;

  @Field(() => CourseMode, { nullable: true, description: 'Only this mode.' })
  mode?: CourseMode | null;

  @Field(() => CourseCategory, { nullable: true, description: 'Skills or entrepreneurship.' })
  category?: CourseCategory | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Classes starting on or after this day.' })
  startFrom?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Classes starting on or before this day.' })
  startTo?: string | null;

  @Field(() => String, { nullable: true, description: 'Programme key, e.g. `KANGYANG` (see `programmes`).' })
  programme?: string | null;

  @Field(() => TargetGroup, { nullable: true, description: 'Classes meant for this group.' })
  targetGroup?: TargetGroup | null;

  @Field(() => ID, { nullable: true, description: 'Classes of this institution (global ID).' })
  institution?: string | null;

  @Field(() => InstitutionType, { nullable: true, description: 'Classes run by this kind of institution.' })
  institutionType?: InstitutionType | null;

  @Field(() => InstitutionStanding, {
    nullable: true,
    description: 'Classes whose institution has this standing today.',
  })
  institutionStanding?: InstitutionStanding | null;

  @Field(() => CourseStatus, { nullable: true, description: 'Classes in this state today.' })
  status?: CourseStatus | null;

  @Field(() => EnrolmentStatus, {
    nullable: true,
    description:
      'Classes with this enrolment status today, e.g. ENROLLING: start after today, places left, before the enrolment deadline, not cancelled.',
  })
  enrolmentStatus?: EnrolmentStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only subsidised classes; false: only unsubsidised ones.',
  })
  subsidised?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only classes that accept training vouchers.' })
  acceptsVouchers?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only demo (true) or only real (false) records.' })
  isDemo?: boolean | null;
}
