import { Field, ObjectType } from 'type-graphql';
import { citation, type RuleCheck } from '../common/rule-check';

@ObjectType('RuleCheck', {
  description: 'One rule of the source documents applied to one record, with where the rule comes from.',
})
export class RuleCheckObject {
  @Field({ description: 'Stable rule id, e.g. `course.min-certificate-hours`.' })
  ruleId!: string;

  @Field({ description: 'Whether the record satisfies the rule.' })
  passed!: boolean;

  @Field({ description: 'What the check found, in plain Chinese.' })
  message!: string;

  @Field({ description: 'What the check found, in plain English.' })
  messageEn!: string;

  @Field({ description: 'Document and clause, e.g. `云人社通〔2022〕8号 三(五)`.' })
  clause!: string;

  @Field({ description: 'Full title of the cited document.' })
  documentTitle!: string;

  @Field({ description: 'Date the cited document was issued (YYYY-MM-DD).' })
  documentDate!: string;

  static from(c: RuleCheck): RuleCheckObject {
    return Object.assign(new RuleCheckObject(), {
      ruleId: c.ruleId,
      passed: c.passed,
      message: c.message,
      messageEn: c.messageEn,
      clause: citation(c.clause),
      documentTitle: c.clause.document.title,
      documentDate: c.clause.document.issuedOn,
    });
  }
}
