import { Field, InputType } from 'type-graphql';
import { BlacklistingStatus, InstitutionStanding, InstitutionType } from '../common/enums';

@InputType({ description: 'Narrows the institution list; all given conditions must hold.' })
export class InstitutionFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Region code; a 州市 includes its counties, the province everything.',
  })
  region?: string | null;

  @Field(() => InstitutionType, { nullable: true, description: 'Only this kind.' })
  type?: InstitutionType | null;

  @Field(() => InstitutionStanding, { nullable: true, description: 'Only institutions with this standing today.' })
  standing?: InstitutionStanding | null;

  @Field(() => String, { nullable: true, description: 'Only institutions approved to train this occupation code.' })
  occupation?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the name.' })
  search?: string | null;

  @Field(() => String, { nullable: true, description: 'Exactly this unified social credit code.' })
  creditCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only demo (true) or only real (false) records.' })
  isDemo?: boolean | null;
}

@InputType({ description: 'Narrows the list of blacklistings; all given conditions must hold.' })
export class BlacklistingFilter {
  @Field(() => BlacklistingStatus, {
    nullable: true,
    description: 'Only blacklistings in this status today (CURRENT, ENDED or LIFTED).',
  })
  status?: BlacklistingStatus | null;

  @Field(() => String, {
    nullable: true,
    description: 'Region code of the institution; a 州市 includes its counties, the province everything.',
  })
  region?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only demo (true) or only real (false) institutions.' })
  isDemo?: boolean | null;
}
