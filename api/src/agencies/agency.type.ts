import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { AgencyType, CertificateType, SkillLevel } from '../common/enums';
import { Node, toGlobalId } from '../graphql/node';
import type { Row } from '../db/rows';
import type { AgencyFee, AgencyScope, EvaluationAgency } from './agency.entity';

@ObjectType('AgencyScope', {
  description:
    'An occupation × level the agency is recorded (备案) to certify; certifying outside it is forbidden (云人社通〔2022〕50号 (十二)).',
})
export class AgencyScopeObject {
  @Field(() => CertificateType, { description: 'Certificate the agency issues.' })
  certificateType!: CertificateType;

  @Field(() => SkillLevel, { description: 'Level.' })
  level!: SkillLevel;

  @Field(() => GraphQLLocalDate, { description: 'First day of the record.' })
  recordedFrom!: string;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Last day of the record, inclusive; null while current.',
  })
  recordedUntil!: string | null;

  /** Hidden: the row, for relation resolvers. */
  row!: Row<AgencyScope>;

  static from(s: Row<AgencyScope>): AgencyScopeObject {
    return Object.assign(new AgencyScopeObject(), {
      certificateType: s.certificateType,
      level: s.level,
      recordedFrom: s.recordedFrom,
      recordedUntil: s.recordedUntil ?? null,
      row: s,
    });
  }
}

@ObjectType('AgencyFee', {
  description: 'One line of the fee schedule an agency must publish (云人社通〔2022〕50号 (十二)).',
})
export class AgencyFeeObject {
  @Field(() => SkillLevel, { description: 'Level the fee applies to.' })
  level!: SkillLevel;

  @Field({ description: 'What the fee covers, e.g. 理论考试, 实操考核.' })
  item!: string;

  @Field(() => Int, { description: 'Whole 元 per candidate.' })
  feeYuan!: number;

  static from(f: Row<AgencyFee>): AgencyFeeObject {
    return Object.assign(new AgencyFeeObject(), { level: f.level, item: f.item, feeYuan: f.feeYuan });
  }
}

@ObjectType('EvaluationAgency', {
  implements: Node,
  description: 'A skill evaluation agency (评价机构) recorded in Yunnan.',
})
export class EvaluationAgencyObject extends Node {
  @Field({ description: 'Name as registered.' })
  name!: string;

  @Field(() => AgencyType, { description: 'Kind of agency.' })
  type!: AgencyType;

  @Field(() => String, { nullable: true, description: '统一社会信用代码 (GB 32100-2015), when published.' })
  creditCode!: string | null;

  @Field({
    description:
      'Whether the agency also trains (it belongs to a training institution): then 考培分离 forbids it to assess its own trainees.',
  })
  alsoTrains!: boolean;

  @Field({ description: 'True for generated demonstration data.' })
  isDemo!: boolean;

  @Field({ description: 'Where the record comes from.' })
  source!: string;

  /** Hidden: the row, for relation resolvers. */
  row!: Row<EvaluationAgency>;

  static from(a: Row<EvaluationAgency>): EvaluationAgencyObject {
    return Object.assign(new EvaluationAgencyObject(), {
      id: toGlobalId('EvaluationAgency', a.id),
      name: a.name,
      type: a.type,
      creditCode: a.creditCode ?? null,
      alsoTrains: a.institution != null,
      isDemo: a.isDemo,
      source: a.source,
      row: a,
    });
  }
}
