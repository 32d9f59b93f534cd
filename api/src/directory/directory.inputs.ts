import { Field, InputType } from 'type-graphql';
import { CertificateType, SkillLevel } from '../common/enums';

@InputType({ description: 'Narrows the entries of a directory edition.' })
export class DirectoryEntryFilter {
  @Field(() => String, { nullable: true, description: 'Occupation code, e.g. `4-10-01-05`.' })
  occupation?: string | null;

  @Field(() => CertificateType, { nullable: true, description: 'Only this certificate type.' })
  certificateType?: CertificateType | null;

  @Field(() => SkillLevel, { nullable: true, description: 'Only this level.' })
  level?: SkillLevel | null;

  @Field(() => Boolean, { nullable: true, description: 'Only key occupations (重点培训职业).' })
  keyOnly?: boolean | null;
}
