/**
 * What came of a class, and of an institution's classes in an occupation, published without
 * identifying anyone: figures about fewer than {@link SMALL_GROUP_MINIMUM} people are shown as
 * "fewer than 10" (small-group suppression), and a total is suppressed too when subtracting the
 * figures shown beside it would give back a suppressed one. Pure: counts and `today` in.
 */

import { addYears } from '../common/dates';

/**
 * The smallest group a published figure may be about. Source: the practice of the US
 * Eligible Training Provider List results (TrainingProviderResults.gov suppresses program
 * outcomes for fewer than 10 participants) and of 360Giving's guidance on publishing data about
 * small numbers of people; the source documents set no threshold.
 */
export const SMALL_GROUP_MINIMUM: { readonly value: number; readonly source: string } = {
  value: 10,
  source:
    'US ETPL results (TrainingProviderResults.gov) and 360Giving: figures about fewer than 10 people are not published',
};

/** How many years of classes an institution's record covers, back from today. */
export const OUTCOME_YEARS = 3;

/** A count of people, or why it is not shown. */
export interface SuppressedCount {
  /** The count; null when suppressed. */
  value: number | null;
  suppressed: boolean;
  /** `23` or `少于10人`. */
  display: string;
  displayEn: string;
}

/** A share, or why it is not shown. */
export interface SuppressedRate {
  /** 0–1; null when suppressed. */
  value: number | null;
  suppressed: boolean;
  /** `87%` or `不公布（人数少于10）`. */
  display: string;
  displayEn: string;
}

const min = () => SMALL_GROUP_MINIMUM.value;
const hiddenCount = (): SuppressedCount => ({
  value: null,
  suppressed: true,
  display: `少于${min()}人`,
  displayEn: `fewer than ${min()}`,
});

/**
 * A count shown when it is about at least `minimum` people (default 10); 0 is suppressed too,
 * since "none of them" is a statement about each person of a small group.
 * @example suppressCount(23).display === '23' ; suppressCount(7).value === null
 */
export function suppressCount(n: number, minimum: number = min()): SuppressedCount {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a count of people is a whole number ≥ 0, got ${n}`);
  return n >= minimum ? { value: n, suppressed: false, display: String(n), displayEn: String(n) } : hiddenCount();
}

/**
 * A total of parts some of which may be suppressed where they are shown: suppressed when
 * itself small, or when the suppressed parts add up to fewer than the minimum (the total minus
 * the parts shown would give them back).
 * @example suppressTotal([25, 4]).suppressed === true   // 29 − 25 = 4
 * @example suppressTotal([25, 14]).value === 39
 */
export function suppressTotal(parts: readonly number[], minimum: number = min()): SuppressedCount {
  const total = parts.reduce((s, n) => s + n, 0);
  const hidden = parts.filter((n) => n < minimum);
  const residual = hidden.reduce((s, n) => s + n, 0);
  if (hidden.length && residual < minimum) return hiddenCount();
  return suppressCount(total, minimum);
}

/**
 * A rate shown only when its numerator and its base are both shown: with the base published,
 * the rate gives the numerator back.
 * @example suppressRate(suppressCount(18), suppressCount(20)).display === '90%'
 */
export function suppressRate(
  numerator: SuppressedCount,
  base: SuppressedCount,
  exact: { numerator: number; base: number },
): SuppressedRate {
  if (numerator.suppressed || base.suppressed || exact.base === 0) {
    return {
      value: null,
      suppressed: true,
      display: `不公布（人数少于${min()}）`,
      displayEn: `not shown (fewer than ${min()} people)`,
    };
  }
  const value = exact.numerator / exact.base;
  const pct = `${Math.round(value * 100)}%`;
  return { value, suppressed: false, display: pct, displayEn: pct.replace('%', ' %') };
}

/** One finished class's published notices, summed. */
export interface ClassCounts {
  /** Trainees on the notices' current revisions. */
  listed: number;
  /** Of them, with a certificate number. */
  certified: number;
  /** Actually subsidised (less claims cancelled on objection). */
  subsidised: number;
}

/**
 * A class's outcomes as published: each count suppressed on its own. No difference of them is
 * shown, so none can be recovered from the others.
 * @example classOutcomes({ listed: 24, certified: 21, subsidised: 8 }).subsidised.display === '少于10人'
 */
export function classOutcomes(c: ClassCounts): {
  listed: SuppressedCount;
  certified: SuppressedCount;
  subsidised: SuppressedCount;
} {
  return {
    listed: suppressCount(c.listed),
    certified: suppressCount(c.certified),
    subsidised: suppressCount(c.subsidised),
  };
}

/** The window of an institution's record: classes that ended after `from` and on or before `to` (today). */
export function outcomeWindow(today: string, years: number = OUTCOME_YEARS): { from: string; to: string } {
  return { from: addYears(today, -years), to: today };
}

/**
 * An institution's record in one occupation: how many classes ended in the window, and the
 * certification rate over those with a published notice. The totals are checked against the
 * class figures shown on each class's own page (see {@link suppressTotal}), so the pages
 * together cannot give back a suppressed class figure.
 * @example institutionOutcomes(12, [{ listed: 30, certified: 27, subsidised: 25 }]).certificationRate.display === '90%'
 */
export function institutionOutcomes(classes: number, withNotice: readonly ClassCounts[]) {
  const listed = suppressTotal(withNotice.map((c) => c.listed));
  const certified = suppressTotal(withNotice.map((c) => c.certified));
  const exact = {
    numerator: withNotice.reduce((s, c) => s + c.certified, 0),
    base: withNotice.reduce((s, c) => s + c.listed, 0),
  };
  return {
    classes,
    classesWithNotice: withNotice.length,
    listed,
    certified,
    certificationRate: suppressRate(certified, listed, exact),
  };
}
