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

/** What outcomes and timeliness look at, summed over a group's notices. */
export interface OutcomeSums {
  /** Trainees listed on the notices (everyone who finished the class and was listed). */
  listed: number;
  /** Of them, with a certificate number. */
  certified: number;
  /** Subsidised (paid, not cancelled). */
  trainees: number;
  /** Notices with a class end date, and of them published within the claim deadline. */
  timed: number;
  onTime: number;
  /** Sum of working days from class end to notice over the timed notices. */
  workingDays: number;
}

/** Outcome shares and timeliness of a group (null where nothing was counted). */
export interface Outcomes {
  certifiedShare: number | null;
  subsidisedShare: number | null;
  averageWorkingDaysToNotice: number | null;
  onTimeShare: number | null;
}

/**
 * Certified and subsidised shares of the trainees listed, average working days from class end
 * to notice, and the share of notices within the claim deadline (10 working days in 2021, 30 from
 * 8号): so a worker and a journalist can compare results as well as money.
 * @example outcomes({ listed: 40, certified: 36, trainees: 34, timed: 2, onTime: 1, workingDays: 18 }).certifiedShare // 0.9
 */
export function outcomes(s: OutcomeSums): Outcomes {
  return {
    certifiedShare: s.listed > 0 ? s.certified / s.listed : null,
    subsidisedShare: s.listed > 0 ? s.trainees / s.listed : null,
    averageWorkingDaysToNotice: s.timed > 0 ? s.workingDays / s.timed : null,
    onTimeShare: s.timed > 0 ? s.onTime / s.timed : null,
  };
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
export const TOP_FIVE: { readonly n: number; readonly clause: Clause } = {
  n: 5,
  clause: { document: DOCUMENTS.NOTICE_2022_8, clause: '四(二)' },
};

/**
 * The first `n` rows by subsidised training volume (trainees, then amount, then key, so ties
 * are stable).
 * @example topByVolume([{ key: 'a', notices: 1, trainees: 10, amount: 1 }, { key: 'b', notices: 1, trainees: 30, amount: 1 }], 1)[0].key // 'b'
 */
export function topByVolume<T extends TotalRow>(rows: readonly T[], n: number = TOP_FIVE.n): T[] {
  return [...rows]
    .sort((a, b) => b.trainees - a.trainees || b.amount - a.amount || a.key.localeCompare(b.key))
    .slice(0, n);
}

/** One notice as a year summary needs it. */
export interface NoticeSummaryFacts {
  publishedOn: string;
  withdrawn: boolean;
  paidTrainees: number;
  paidAmount: number;
  lineCount: number;
  certifiedTrainees: number;
  workingDaysToNotice: number | null;
  withinDeadline: boolean | null;
  /** Stored red flag ids (`|a|b|`). */
  flagIds: string;
}

/** A year of one institution's (or any group's) notices. */
export interface YearSummary extends Outcomes {
  year: number;
  notices: number;
  withdrawnNotices: number;
  trainees: number;
  amount: number;
  listed: number;
  certified: number;
  /** Notices (not withdrawn) with at least one red flag. */
  flaggedNotices: number;
  /** How many notices (not withdrawn) carry each flag, in `flagOrder`, only flags that occur. */
  flags: { flagId: string; notices: number }[];
}

/**
 * Sums notices by year of publication, newest year first: money, outcomes and red flags, the
 * way an institution page shows them. Withdrawn notices are counted apart and nowhere else.
 * @example yearSummaries(rows, ['flag.late-claim'])[0].flags // [{ flagId: 'flag.late-claim', notices: 2 }]
 */
export function yearSummaries(rows: readonly NoticeSummaryFacts[], flagOrder: readonly string[]): YearSummary[] {
  const years = new Map<number, NoticeSummaryFacts[]>();
  for (const r of rows) {
    const y = Number(r.publishedOn.slice(0, 4));
    years.set(y, [...(years.get(y) ?? []), r]);
  }
  return [...years.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([year, all]) => {
      const live = all.filter((r) => !r.withdrawn);
      const sums: OutcomeSums = {
        listed: live.reduce((s, r) => s + r.lineCount, 0),
        certified: live.reduce((s, r) => s + r.certifiedTrainees, 0),
        trainees: live.reduce((s, r) => s + r.paidTrainees, 0),
        timed: live.filter((r) => r.workingDaysToNotice != null).length,
        onTime: live.filter((r) => r.withinDeadline === true).length,
        workingDays: live.reduce((s, r) => s + (r.workingDaysToNotice ?? 0), 0),
      };
      const counts = new Map<string, number>();
      for (const r of live)
        for (const id of new Set(r.flagIds.split('|').filter(Boolean))) counts.set(id, (counts.get(id) ?? 0) + 1);
      const rank = (id: string) => (flagOrder.indexOf(id) < 0 ? flagOrder.length : flagOrder.indexOf(id));
      return {
        year,
        notices: live.length,
        withdrawnNotices: all.length - live.length,
        trainees: sums.trainees,
        amount: live.reduce((s, r) => s + r.paidAmount, 0),
        listed: sums.listed,
        certified: sums.certified,
        ...outcomes(sums),
        flaggedNotices: live.filter((r) => r.flagIds !== '').length,
        flags: [...counts.entries()]
          .sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]))
          .map(([flagId, notices]) => ({ flagId, notices })),
      };
    });
}
