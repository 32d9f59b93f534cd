import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CertificateType } from '../common/enums';
import { RedFlagKindObject } from './subsidy.type';

/** What subsidy totals are grouped by. */
export enum SubsidyGroupBy {
  PREFECTURE = 'PREFECTURE',
  COUNTY = 'COUNTY',
  INSTITUTION = 'INSTITUTION',
  OCCUPATION = 'OCCUPATION',
  PROGRAMME = 'PROGRAMME',
  CERTIFICATE_TYPE = 'CERTIFICATE_TYPE',
}

registerEnumType(SubsidyGroupBy, {
  name: 'SubsidyGroupBy',
  description: 'What subsidy totals are grouped by.',
  valuesConfig: {
    PREFECTURE: { description: '州市 of the issuing bureau (a provincial notice is its own group, 530000).' },
    COUNTY: { description: 'The issuing bureau (a county, a 州市 or the province).' },
    INSTITUTION: { description: 'The training institution of the class.' },
    OCCUPATION: { description: 'The occupation of the class.' },
    PROGRAMME: { description: 'The 技能云南 programme of the class.' },
    CERTIFICATE_TYPE: { description: 'The certificate type of the class.' },
  },
});

@InputType({ description: 'Narrows the notices a total counts; all given conditions must hold.' })
export class SubsidyTotalsFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Region code of the issuing bureau; a 州市 includes its counties.',
  })
  region?: string | null;

  @Field(() => ID, { nullable: true, description: 'Global ID of the training institution.' })
  institution?: string | null;

  @Field(() => String, { nullable: true, description: 'Occupation code.' })
  occupation?: string | null;

  @Field(() => String, { nullable: true, description: 'Programme key, e.g. `KANGYANG`.' })
  programme?: string | null;

  @Field(() => CertificateType, { nullable: true, description: 'Certificate type of the class.' })
  certificateType?: CertificateType | null;

  @Field(() => Boolean, { nullable: true, description: 'Only demo notices (true) or only real ones (false).' })
  isDemo?: boolean | null;
}

@ObjectType('TargetComparison', { description: 'A published target next to what the notices show delivered.' })
export class TargetComparisonObject {
  @Field({ description: 'Annex and document, e.g. `云人社通〔2022〕8号 附件1`.' })
  source!: string;

  @Field({ description: 'Column heading as printed, e.g. 完成培训人数.' })
  metricLabel!: string;

  @Field({ description: 'The figure as printed, e.g. `15.50`.' })
  value!: string;

  @Field({ description: 'Unit as printed, e.g. 万人次.' })
  unit!: string;

  @Field(() => Int, { description: 'The target in persons (人次).' })
  persons!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Subsidised trainees ÷ target (0.5 = half). The annex counts all training, the notices only subsidised trainees: a floor, not the whole delivery.',
  })
  share!: number | null;
}

@ObjectType('SubsidyTotal', {
  description: 'Subsidised trainees and amounts of one group, from the published notices.',
})
export class SubsidyTotalObject {
  @Field({
    description:
      'The group key: region code, institution global ID, occupation code, programme key or certificate type.',
  })
  key!: string;

  @Field({ description: 'The group as people read it (a name).' })
  label!: string;

  @Field(() => Int, { description: 'Notices counted (withdrawn notices are not).' })
  notices!: number;

  @Field(() => Int, {
    description:
      'Trainees subsidised: lines with an amount on the current revision, less claims cancelled on objection.',
  })
  trainees!: number;

  @Field(() => Int, { description: 'Their subsidy, whole 元.' })
  amount!: number;

  @Field(() => Int, { description: 'Trainees listed on the notices (everyone listed after the class).' })
  listed!: number;

  @Field(() => Int, { description: 'Of them, with a certificate number.' })
  certified!: number;

  @Field(() => Int, { description: 'Notices for a class with an end date: the ones timeliness is measured on.' })
  timedNotices!: number;

  @Field(() => Int, { description: 'Of them, published within the claim deadline in force when the class ended.' })
  onTimeNotices!: number;

  @Field(() => Float, { nullable: true, description: 'certified ÷ listed: the share who obtained the certificate.' })
  certifiedShare!: number | null;

  @Field(() => Float, { nullable: true, description: 'trainees ÷ listed: the share actually subsidised.' })
  subsidisedShare!: number | null;

  @Field(() => Float, { nullable: true, description: 'Average working days from the end of the class to the notice.' })
  averageWorkingDaysToNotice!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Share of notices within the claim deadline in force when the class ended (10 working days in 2021, 2021 notice 二(八); 30 from 8号 三(九)). Payment dates are not published, so time to payment is not counted.',
  })
  onTimeShare!: number | null;

  @Field(() => TargetComparisonObject, {
    nullable: true,
    description:
      'For 州市 and the province in 2022: the 附件1 target (完成培训人数) and the share the notices show delivered.',
  })
  target!: TargetComparisonObject | null;
}

@ObjectType('FlagCount', { description: 'How many notices carry one kind of red flag.' })
export class FlagCountObject extends RedFlagKindObject {
  @Field(() => Int, { description: 'Notices (not withdrawn) carrying it.' })
  notices!: number;
}

@ObjectType('SubsidyYear', {
  description: "One year of an institution's subsidy notices: money, results and red flags.",
})
export class SubsidyYearObject {
  @Field(() => Int, { description: 'Year of publication.' })
  year!: number;

  @Field(() => Int, { description: 'Notices counted (not withdrawn).' })
  notices!: number;

  @Field(() => Int, { description: 'Notices withdrawn (counted nowhere else).' })
  withdrawnNotices!: number;

  @Field(() => Int, {
    description:
      'Trainees subsidised: lines with an amount on the current revision, less claims cancelled on objection.',
  })
  trainees!: number;

  @Field(() => Int, { description: 'Their subsidy, whole 元.' })
  amount!: number;

  @Field(() => Int, { description: 'Trainees listed on the notices.' })
  listed!: number;

  @Field(() => Int, { description: 'Of them, with a certificate number.' })
  certified!: number;

  @Field(() => Float, { nullable: true, description: 'certified ÷ listed.' })
  certifiedShare!: number | null;

  @Field(() => Float, { nullable: true, description: 'trainees ÷ listed.' })
  subsidisedShare!: number | null;

  @Field(() => Float, { nullable: true, description: 'Average working days from the end of the class to the notice.' })
  averageWorkingDaysToNotice!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of notices within the claim deadline in force when the class ended.',
  })
  onTimeShare!: number | null;

  @Field(() => Int, { description: 'Notices with at least one red flag.' })
  flaggedNotices!: number;

  @Field(() => [FlagCountObject], { description: 'Each red flag that occurs, with how many notices carry it.' })
  flags!: FlagCountObject[];
}
