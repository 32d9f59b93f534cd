import { Field, InputType, Int } from 'type-graphql';
import { CertificateType } from '../common/enums';

@InputType({ description: 'Narrows the occupation list; all given conditions must hold.' })
export class OccupationFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Part of the name (e.g. `护理`) or the start of a code (e.g. `4-10`).',
  })
  search?: string | null;

  @Field(() => String, { nullable: true, description: 'A group code: major `4`, middle `4-10` or minor `4-10-01`.' })
  group?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only occupations with (true) or without (false) a national standard.',
  })
  hasNationalStandard?: boolean | null;

  @Field(() => CertificateType, {
    nullable: true,
    description: 'Only occupations that can lead to this certificate type.',
  })
  certificateType?: CertificateType | null;

  @Field(() => Int, { nullable: true, description: "Only occupations in this year's subsidised directory." })
  inDirectoryYear?: number | null;
}
