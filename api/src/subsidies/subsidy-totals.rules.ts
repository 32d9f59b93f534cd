/**
 * Totals of subsidy notices against targets: pure helpers over rows the database has already
 * summed. Counted: trainees actually subsidised (lines with an amount on the current revision of
 * a notice that was not withdrawn, less claims cancelled on objection) and their amounts.
 */

import { DOCUMENTS, type Clause } from '../common/rule-check';

/** One group of a total. */
export interface TotalRow {
  key: string;
  notices: number;
  trainees: number;
  amount: number;
}

/**
 * The share of a target delivered, as a fraction (0.5 = half), or null without a target.
 * @example deliveredShare(77_500, 155_000) // 0.5
 */
export function deliveredShare(trainees: number, targetPersons: number | null | undefined): number | null {
  if (!targetPersons || targetPersons <= 0) return null;
  return trainees / targetPersons;
}

/**
 * Where the "top five" duty comes from: each 州市 checks the results of the five institutions
 * with the most subsidised training (“补贴性培训量居前五名的机构”) and reports on them.
 */
export const TOP_FIVE: { readonly n: number; readonly clause: Clause } = { n: 5, clause: { document: DOCUMENTS.NOTICE_2022_8, clause: '四(二)' } };

/**
 * The first `n` rows by subsidised training volume (trainees, then amount, then key, so ties
 * are stable).
 * @example topByVolume([{ key: 'a', notices: 1, trainees: 10, amount: 1 }, { key: 'b', notices: 1, trainees: 30, amount: 1 }], 1)[0].key // 'b'
 */
export function topByVolume<T extends TotalRow>(rows: readonly T[], n: number = TOP_FIVE.n): T[] {
  return [...rows].sort((a, b) => b.trainees - a.trainees || b.amount - a.amount || a.key.localeCompare(b.key)).slice(0, n);
}
