import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType('TargetDelivery', {
  description:
    'What the published subsidy notices show delivered against one target figure. A floor: targets count all training, notices only subsidised trainees.',
})
export class TargetDeliveryObject {
  @Field({
    description:
      'Whether the notices can measure this figure at all (they do not record, for example, whether a trainee is rural labour or a student).',
  })
  measured!: boolean;

  @Field({ description: 'What is counted, or why nothing can be, in Chinese.' })
  basis!: string;

  @Field({ description: 'The same in English.' })
  basisEn!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Trainees counted from the notices of the target year (null when unmeasured).',
  })
  delivered!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'delivered ÷ the target in persons (0.5 = half); null when unmeasured or the target is 0.',
  })
  share!: number | null;
}

@ObjectType('ProgrammeDelivery', {
  description: "Subsidised trainees of a programme's classes against its published targets (云政发〔2021〕28号 二).",
})
export class ProgrammeDeliveryObject {
  @Field(() => Int, { description: 'The year asked for.' })
  year!: number;

  @Field({
    description:
      'Whether the targets are counted in trainees (万人次, 万人); a target in new high-skill workers or chief technicians cannot be measured from notices.',
  })
  measured!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'The 2021 target in persons, where one was set and it counts trainees.',
  })
  target2021Persons!: number | null;

  @Field(() => Int, { nullable: true, description: 'The 2025 cumulative target in persons, where it counts trainees.' })
  target2025Persons!: number | null;

  @Field(() => Int, { description: 'Subsidised trainees on notices published in the year.' })
  inYear!: number;

  @Field(() => Int, {
    description: 'Subsidised trainees on notices published from 2021 to the year (the 2025 target is cumulative).',
  })
  sinceStart!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'inYear ÷ the 2021 target; only for 2021, the one year with its own target.',
  })
  shareOf2021!: number | null;

  @Field(() => Float, { nullable: true, description: 'sinceStart ÷ the 2025 cumulative target.' })
  shareOf2025!: number | null;
}
