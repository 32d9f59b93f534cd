import { Field, InputType } from 'type-graphql';
import { AgencyType, SkillLevel } from '../common/enums';

@InputType({ description: 'Narrows the agency list; all given conditions must hold.' })
export class EvaluationAgencyFilter {
  @Field(() => String, { nullable: true, description: 'Region code; a 州市 includes its counties.' })
  region?: string | null;

  @Field(() => AgencyType, { nullable: true, description: 'Only this kind.' })
  type?: AgencyType | null;

  @Field(() => String, { nullable: true, description: 'Only agencies recorded for this occupation code.' })
  occupation?: string | null;

  @Field(() => SkillLevel, {
    nullable: true,
    description: 'Only agencies recorded for this level (with `occupation`, for that occupation at that level).',
  })
  level?: SkillLevel | null;

  @Field(() => Boolean, { nullable: true, description: 'Only agencies that also train (true) or that do not (false).' })
  alsoTrains?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Part of the name.' })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only demo (true) or only real (false) records.' })
  isDemo?: boolean | null;
}
