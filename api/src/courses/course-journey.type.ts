/**
 * The public types of a worker's journey with one class: how to join it, whether they would get
 * the subsidy and how much, and what came of it (with small groups suppressed).
 */
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EnrolmentStatus, TargetGroup } from '../common/enums';
import { citation, type Clause } from '../common/rule-check';
import type { EligibilityCondition, EligibilityReason } from './eligibility.rules';
import type { SuppressedCount, SuppressedRate } from './outcomes.rules';

/** Where an enrolment deadline comes from. */
export enum EnrolmentDeadlineSource {
  RECORDED = 'RECORDED',
  DAY_BEFORE_START = 'DAY_BEFORE_START',
}
registerEnumType(EnrolmentDeadlineSource, {
  name: 'EnrolmentDeadlineSource',
  description: 'Where an enrolment deadline comes from.',
  valuesConfig: {
    RECORDED: { description: 'Recorded by the approving bureau.' },
    DAY_BEFORE_START: {
      description:
        'None recorded: the day before the first class (a trainee is enrolled before the class opens, 50号 (十四) 开班前验证).',
    },
  },
});

/** Fields shared by everything that cites a clause. */
const clauseFields = (c: Clause | null) => ({
  clause: c ? citation(c) : null,
  documentTitle: c?.document.title ?? null,
});

@ObjectType('JoinItem', {
  description: 'One thing to know or bring to join a class, with the clause that requires it where one does.',
})
export class JoinItemObject {
  @Field({ description: 'Stable id, e.g. `bring.id-card`.' }) id!: string;
  @Field({ description: 'Plain Chinese.' }) text!: string;
  @Field({ description: 'Plain English.' }) textEn!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Document and clause, e.g. `云人社通〔2022〕8号 三(四)`; null where no document sets it.',
  })
  clause!: string | null;
  @Field(() => String, { nullable: true, description: 'Full title of the cited document.' }) documentTitle!:
    | string
    | null;

  static of(id: string, text: string, textEn: string, c: Clause | null): JoinItemObject {
    return Object.assign(new JoinItemObject(), { id, text, textEn, ...clauseFields(c) });
  }
}

@ObjectType('HowToJoin', {
  description: 'How to join a class: status today, deadline, places, who may enrol, whom to call, what to bring.',
})
export class HowToJoinObject {
  @Field(() => EnrolmentStatus, {
    description: 'Whether a worker can join today (computed for the day, never stored).',
  })
  status!: EnrolmentStatus;
  @Field(() => GraphQLLocalDate, { description: 'Last day to enrol.' }) enrolmentCloses!: string;
  @Field(() => EnrolmentDeadlineSource, {
    description: 'Whether the deadline was recorded or follows the default rule (the day before the start).',
  })
  enrolmentClosesSource!: EnrolmentDeadlineSource;
  @Field(() => Int, { description: 'Places still free (capacity − enrolled, never below 0).' }) seatsLeft!: number;
  @Field({ description: 'The institution running the class.' }) institutionName!: string;
  @Field(() => String, { nullable: true, description: "The institution's address as registered." }) address!:
    | string
    | null;
  @Field(() => String, {
    nullable: true,
    description: "The institution's enrolment phone; null when unknown (then ask `askBureau`).",
  })
  phone!: string | null;
  @Field({
    description: "The county's human-resources bureau, which can say how to enrol, e.g. `五华区人力资源和社会保障局`.",
  })
  askBureau!: string;
  @Field(() => JoinItemObject, {
    description: "Who may enrol: the public, or only the company's own staff (2021 notice 二(七)).",
  })
  whoMayEnrol!: JoinItemObject;
  @Field(() => [JoinItemObject], { description: 'What to bring to enrol.' }) bring!: JoinItemObject[];
}

@ObjectType('EligibilityCondition', {
  description:
    'One condition of the training subsidy for this class, with its clause. Those with a `question` are answered by the worker (yes = it holds); the others are decided by the record (`holds`).',
})
export class EligibilityConditionObject {
  @Field({ description: 'Stable id, e.g. `eligibility.attendance`.' }) id!: string;
  @Field({ description: 'The condition, a short plain Chinese sentence.' }) condition!: string;
  @Field({ description: 'The same in plain English.' }) conditionEn!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Yes/no question to the worker (yes = the condition holds); null when the record decides.',
  })
  question!: string | null;
  @Field(() => String, { nullable: true, description: 'The same in English.' }) questionEn!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The `EligibilityAnswers` field that answers it; null when the record decides.',
  })
  answerField!: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "Decided by the record; null when the worker's answer decides.",
  })
  holds!: boolean | null;
  @Field({ description: 'Why not, when it does not hold (Chinese).' }) whyNot!: string;
  @Field({ description: 'Why not, in English.' }) whyNotEn!: string;
  @Field(() => String, { nullable: true, description: 'Document and clause; null where no document sets it.' }) clause!:
    | string
    | null;
  @Field(() => String, { nullable: true, description: 'Full title of the cited document.' }) documentTitle!:
    | string
    | null;

  static from(c: EligibilityCondition): EligibilityConditionObject {
    const { clause, ...rest } = c;
    return Object.assign(new EligibilityConditionObject(), { ...rest, ...clauseFields(clause) });
  }
}

@ObjectType('SubsidyConditions', {
  description: 'What a worker must meet to be subsidised for this class, and what they would receive.',
})
export class SubsidyConditionsObject {
  @Field(() => Int, {
    nullable: true,
    description:
      "Whole 元 a worker meeting every condition receives: the class's subsidy, never above its directory entry's standard (50号 (四)); null when the class is not subsidised.",
  })
  amountYuan!: number | null;
  @Field(() => String, { nullable: true, description: 'Where the amount comes from.' }) amountClause!: string | null;
  @Field(() => [EligibilityConditionObject], { description: 'Every condition, record facts first.' })
  conditions!: EligibilityConditionObject[];
}

@ObjectType('EligibilityReason', { description: 'One condition decided for one worker.' })
export class EligibilityReasonObject {
  @Field({ description: "The condition's id." }) conditionId!: string;
  @Field({ description: 'Whether it holds.' }) holds!: boolean;
  @Field({ description: 'The condition when it holds, why not when it does not (Chinese).' }) message!: string;
  @Field({ description: 'The same in English.' }) messageEn!: string;
  @Field(() => String, { nullable: true, description: 'Document and clause.' }) clause!: string | null;
  @Field(() => String, { nullable: true, description: 'Full title of the cited document.' }) documentTitle!:
    | string
    | null;

  static from(r: EligibilityReason): EligibilityReasonObject {
    const { clause, ...rest } = r;
    return Object.assign(new EligibilityReasonObject(), { ...rest, ...clauseFields(clause) });
  }
}

@ObjectType('EligibilityVerdict', {
  description: 'Whether this worker would be subsidised for this class, how much, and why (not).',
})
export class EligibilityVerdictObject {
  @Field({ description: 'True when every condition holds.' }) eligible!: boolean;
  @Field(() => Int, { nullable: true, description: 'Whole 元 they would receive; null when not eligible.' })
  amountYuan!: number | null;
  @Field(() => [EligibilityReasonObject], {
    description: 'Every condition with whether it holds, each with its clause.',
  })
  reasons!: EligibilityReasonObject[];
}

@InputType('EligibilityAnswers', {
  description:
    "A worker's answers; each is required where its condition applies to the class (see `subsidyConditions.conditions[].answerField`).",
})
export class EligibilityAnswersInput {
  @Field(() => [TargetGroup], {
    nullable: true,
    description: 'The groups the worker belongs to (empty: none of them).',
  })
  targetGroups?: TargetGroup[] | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Share of the class hours the worker attends (or expects to), 0–100; at least 80 is needed (50号 (十四)).',
  })
  attendancePercent?: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "The worker obtains the class's certificate or its number (50号 (五)).",
  })
  certificateObtained?: boolean | null;
  @Field(() => Int, {
    nullable: true,
    description:
      "Subsidised trainings already received in the class's year, not counting 以工代训 (at most 3 a year, 2021 notice 二(四)).",
  })
  subsidisedTrainingsThisYear?: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "The worker is on the staff of the enterprise training centre's company (own-staff classes only).",
  })
  ownStaff?: boolean | null;
}

@ObjectType('SuppressedCount', {
  description:
    'A count of people, shown only when it is about at least 10 people (small-group suppression, as the US ETPL results and 360Giving do); a total is also suppressed when subtracting the figures shown beside it would give back a suppressed one.',
})
export class SuppressedCountObject {
  @Field(() => Int, { nullable: true, description: 'The count; null when suppressed.' }) value!: number | null;
  @Field({ description: 'True when the count is about fewer than 10 people (or would reveal such a count).' })
  suppressed!: boolean;
  @Field({ description: 'As printed: the number, or `少于10人`.' }) display!: string;
  @Field({ description: 'As printed in English: the number, or `fewer than 10`.' }) displayEn!: string;

  static from(c: SuppressedCount): SuppressedCountObject {
    return Object.assign(new SuppressedCountObject(), c);
  }
}

@ObjectType('SuppressedRate', {
  description: 'A share, shown only when its numerator and its base are both shown (at least 10 people each).',
})
export class SuppressedRateObject {
  @Field(() => Float, { nullable: true, description: '0–1; null when suppressed.' }) value!: number | null;
  @Field({ description: 'True when not shown.' }) suppressed!: boolean;
  @Field({ description: 'As printed, e.g. `87%`, or `不公布（人数少于10）`.' }) display!: string;
  @Field({ description: 'As printed in English.' }) displayEn!: string;

  static from(r: SuppressedRate): SuppressedRateObject {
    return Object.assign(new SuppressedRateObject(), r);
  }
}

@ObjectType('CourseOutcomes', {
  description:
    'What came of a finished class, from its published subsidy notices (not withdrawn), small groups suppressed.',
})
export class CourseOutcomesObject {
  @Field(() => [String], { description: 'The notices counted, by number.' }) notices!: string[];
  @Field(() => SuppressedCountObject, { description: 'Trainees listed on the notices.' })
  listed!: SuppressedCountObject;
  @Field(() => SuppressedCountObject, { description: 'Of them, with a certificate number.' })
  certified!: SuppressedCountObject;
  @Field(() => SuppressedCountObject, { description: 'Actually subsidised (less claims cancelled on objection).' })
  subsidised!: SuppressedCountObject;
}

@ObjectType('InstitutionOccupationOutcomes', {
  description:
    "The institution's classes in this occupation over the last three years up to today, small groups suppressed.",
})
export class InstitutionOccupationOutcomesObject {
  @Field(() => GraphQLLocalDate, { description: 'Classes that ended after this day …' }) from!: string;
  @Field(() => GraphQLLocalDate, { description: '… and on or before this day (today).' }) to!: string;
  @Field(() => Int, { description: 'Classes that ended in the window (not cancelled).' }) classes!: number;
  @Field(() => Int, { description: 'Of them, with a published notice.' }) classesWithNotice!: number;
  @Field(() => SuppressedCountObject, { description: 'Trainees listed on those notices.' })
  listed!: SuppressedCountObject;
  @Field(() => SuppressedRateObject, { description: 'Share of them with a certificate number.' })
  certificationRate!: SuppressedRateObject;
}
