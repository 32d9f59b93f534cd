import { Field, ID, InputType } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { NoticeStatus } from '../common/enums';

@InputType({ description: 'Narrows the notice list; all given conditions must hold.' })
export class SubsidyNoticeFilter {
  @Field(() => String, { nullable: true, description: "Region code of the issuing bureau; a 州市 includes its counties' bureaus." })
  region?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Published on or after this day.' })
  publishedFrom?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Published on or before this day.' })
  publishedTo?: string | null;

  @Field(() => NoticeStatus, { nullable: true, description: 'Only this status.' })
  status?: NoticeStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only notices of this class (global ID).' })
  course?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only demo (true) or only real (false) records.' })
  isDemo?: boolean | null;
}
