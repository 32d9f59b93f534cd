import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { NoticeStatus } from '../common/enums';

/** Orders of the notice list. */
export enum SubsidyNoticeOrder {
  PUBLISHED_DESC = 'PUBLISHED_DESC',
  PUBLISHED_ASC = 'PUBLISHED_ASC',
  TOTAL_AMOUNT_DESC = 'TOTAL_AMOUNT_DESC',
}
registerEnumType(SubsidyNoticeOrder, {
  name: 'SubsidyNoticeOrder',
  description: 'Order of the notice list; ties are broken by id.',
  valuesConfig: {
    PUBLISHED_DESC: { description: 'Newest first (default).' },
    PUBLISHED_ASC: { description: 'Oldest first.' },
    TOTAL_AMOUNT_DESC: { description: 'Largest total subsidy first.' },
  },
});

@InputType({ description: 'Narrows the notice list; all given conditions must hold.' })
export class SubsidyNoticeFilter {
  @Field(() => String, {
    nullable: true,
    description: "Region code of the issuing bureau; a 州市 includes its counties' bureaus.",
  })
  region?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Published on or after this day.' })
  publishedFrom?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Published on or before this day.' })
  publishedTo?: string | null;

  @Field(() => NoticeStatus, { nullable: true, description: 'Only this status.' })
  status?: NoticeStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only notices of this class (global ID).' })
  course?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only notices for classes of this institution (global ID).' })
  institution?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only notices carrying this red flag, e.g. `flag.late-claim` (see `redFlagKinds`).',
  })
  flag?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only notices with (true) or without (false) any red flag.' })
  flagged?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only demo (true) or only real (false) records.' })
  isDemo?: boolean | null;
}
