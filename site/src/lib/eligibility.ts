/**
 * The subsidy checker's rule in the browser: the twin of `decideEligibility` in
 * `api/src/courses/eligibility.rules.ts`. The conditions themselves (which apply to a class,
 * their clauses, those the record already decides) come from the API when the page is built,
 * so this module only combines them with the worker's yes/no answers — no server round trip,
 * and no rule written twice. Pure: no DOM, no storage.
 */

/** One condition as the page received it from the API (`Course.subsidyConditions.conditions`). */
export interface CheckerCondition {
  id: string;
  /** Decided by the record; null when the worker's answer decides. */
  holds: boolean | null;
  /** Why not, in the page's language. */
  whyNot: string;
  /** `云人社通〔2022〕50号 (十四)`, or null. */
  clause: string | null;
}

/** A failing condition, as the checker explains it. */
export interface CheckerReason {
  id: string;
  whyNot: string;
  clause: string | null;
}

/** What the checker shows. */
export type CheckerResult =
  | { kind: 'incomplete'; unanswered: string[] }
  | { kind: 'eligible'; amountYuan: number }
  | { kind: 'not-eligible'; reasons: CheckerReason[] };

/**
 * Combines the conditions with the worker's answers (condition id → yes/no; yes = it holds):
 * a condition the record decides counts as decided; when every condition holds and the class
 * has an amount, the worker would receive it; when one fails, the failing ones say why, with
 * their clauses — even before every question is answered, so a "no" is explained at once.
 * @example decide([{ id: 'a', holds: null, whyNot: '…', clause: null }], { a: true }, 1200) // { kind: 'eligible', amountYuan: 1200 }
 */
export function decide(
  conditions: readonly CheckerCondition[],
  answers: Readonly<Record<string, boolean | undefined>>,
  amountYuan: number | null,
): CheckerResult {
  const holds = (c: CheckerCondition) => c.holds ?? answers[c.id];
  const reasons = conditions
    .filter((c) => holds(c) === false)
    .map((c) => ({ id: c.id, whyNot: c.whyNot, clause: c.clause }));
  if (reasons.length) return { kind: 'not-eligible', reasons };
  const unanswered = conditions.filter((c) => holds(c) === undefined).map((c) => c.id);
  if (unanswered.length) return { kind: 'incomplete', unanswered };
  // Every condition holds: without an amount (unsubsidised) the record's own condition has already failed.
  return amountYuan === null ? { kind: 'not-eligible', reasons: [] } : { kind: 'eligible', amountYuan };
}
