/**
 * What a refused write says: which input field, which rule, why, and where the rule is written.
 * Rule ids are stable; their clauses are data here, so a client can cite them.
 */
import { citation, DOCUMENTS, type Clause } from './rule-check';

/** One thing wrong with a write. */
export interface WriteProblem {
  field: string;
  rule: string;
  message: string;
  /** Document and clause of the rule, e.g. `云人社通〔2022〕50号 (十八)`; null for plain input checks. */
  clause?: string | null;
}

const N50 = DOCUMENTS.NOTICE_2022_50;
const N8 = DOCUMENTS.NOTICE_2022_8;

/** Clauses by rule id, or by the rule id's prefix (`scope.`), most specific first. */
export const RULE_CLAUSES: readonly (readonly [string, Clause])[] = [
  ['scope.', { document: N50, clause: '(十八)' }],
  ['line.resident-id', { document: DOCUMENTS.GB_11643_1999, clause: '校验码' }],
  ['line.', { document: N50, clause: '(十九)' }],
  ['notice.', { document: N50, clause: '(十九)' }],
  ['objection.', { document: N50, clause: '(十九)' }],
  ['institution.credit-code', { document: DOCUMENTS.GB_32100_2015, clause: '第18位校验码' }],
  ['institution.blacklist', { document: N8, clause: '四(三)' }],
  ['institution.licence', { document: N50, clause: '(十九)' }],
  ['institution.scope', { document: N50, clause: '(五)' }],
];

/**
 * The problem with the clause of its rule filled in (unless it has one).
 * @example withClause({ field: 'input.bureau', rule: 'scope.region', message: '…' }).clause // '云人社通〔2022〕50号 (十八)'
 */
export function withClause(p: WriteProblem): WriteProblem & { clause: string | null } {
  if (p.clause !== undefined && p.clause !== null) return { ...p, clause: p.clause };
  const hit = RULE_CLAUSES.find(([prefix]) => p.rule.startsWith(prefix));
  return { ...p, clause: hit ? citation(hit[1]) : null };
}
