import { Field, ObjectType } from 'type-graphql';
import { withClause, type WriteProblem } from '../common/write-problem';

/** A refused write's reason, as every write mutation answers it. */
@ObjectType('WriteProblem', {
  description: 'One reason a write was refused: the input field, the rule and why. A refused write changes nothing.',
})
export class WriteProblemObject {
  @Field({ description: 'The input field, e.g. `input.lines[2].idNumber` or `input.bureau`.' })
  field!: string;

  @Field({ description: 'Stable rule id, e.g. `line.resident-id`, `scope.region`, `notice.withdrawal-reason`.' })
  rule!: string;

  @Field({ description: 'What is wrong, without repeating personal data.' })
  message!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Document and clause of the rule, e.g. `云人社通〔2022〕50号 (十八)`; null for a plain input check.',
  })
  clause!: string | null;
}

/**
 * Problems as the API returns them, each with the clause of its rule.
 * @example return { ok: false, problems: problemObjects(problems) };
 */
export function problemObjects(problems: readonly WriteProblem[]): WriteProblemObject[] {
  return problems.map((p) => Object.assign(new WriteProblemObject(), withClause(p)));
}
