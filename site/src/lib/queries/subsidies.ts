/**
 * The subsidy dashboards (/subsidies/): totals, targets, programmes, top institutions, flags.
 *
 * Three of these documents have one alias per year, 州市 or kind of red flag, so their text is
 * built at run time: gql.tada cannot type a field list it cannot see. Their selections are
 * typed fragments all the same, and `queries.test.ts` validates the text built for sample
 * inputs against the schema; only the aliases' names are the caller's word.
 */
import { documentText, query, queryText } from '../api';
import { graphql, type ResultOf } from './graphql';
import { TargetFigureFields } from './targets';

/** A group of a year's subsidy totals. */
export const SubsidyTotalFields = graphql(`
  fragment SiteSubsidyTotal on SubsidyTotal {
    key label notices trainees amount listed certified timedNotices onTimeNotices certifiedShare subsidisedShare
    averageWorkingDaysToNotice onTimeShare
    target { value unit persons share metricLabel source }
  }`);

/** A group of a year's subsidy totals. */
export type SubsidyTotal = ResultOf<typeof SubsidyTotalFields>;

/** One kind of red flag. */
export const FlagKindFields = graphql(`
  fragment SiteRedFlagKind on RedFlagKind { flagId title titleEn basis }`);

/** One kind of red flag. */
export type FlagKind = ResultOf<typeof FlagKindFields>;

/** A target figure with what the notices show delivered against it. */
export const TargetDeliveryFields = graphql(
  `
  fragment SiteTargetDelivery on AnnualTarget {
    ...SiteTargetFigure
    delivery { measured basis basisEn delivered share }
  }`,
  [TargetFigureFields],
);

/** What the notices show delivered against a target figure. */
export type TargetDelivery = ResultOf<typeof TargetDeliveryFields>['delivery'];

/** A year's totals by 州市, programme and certificate, and every programme's progress. */
export const SUBSIDY_TOTALS = graphql(
  `
  query SiteSubsidyTotals($year: Int!) {
    byPrefecture: subsidyTotals(year: $year, groupBy: PREFECTURE) { ...SiteSubsidyTotal }
    byProgramme: subsidyTotals(year: $year, groupBy: PROGRAMME) { ...SiteSubsidyTotal }
    byCertificate: subsidyTotals(year: $year, groupBy: CERTIFICATE_TYPE) { ...SiteSubsidyTotal }
    programmes { key seq name unit target2021 target2025
      delivery(year: $year) { measured inYear sinceStart target2021Persons target2025Persons shareOf2021 shareOf2025 } }
  }`,
  [SubsidyTotalFields],
);

/** A programme with its targets and what the notices show for a year. */
export type ProgrammeProgress = ResultOf<typeof SUBSIDY_TOTALS>['programmes'][number];

/** Everything one year's dashboard shows. */
export interface SubsidyYearData {
  year: number;
  byPrefecture: SubsidyTotal[];
  byProgramme: SubsidyTotal[];
  byCertificate: SubsidyTotal[];
  programmes: ProgrammeProgress[];
  /** The five institutions with the most subsidised trainees, per 州市 (8号 四(二)). */
  top: { prefecture: { code: string; name: string }; institutions: SubsidyTotal[] }[];
  flags: (FlagKind & { notices: number })[];
  targets: ResultOf<typeof TargetDeliveryFields>[];
}

/**
 * The text of `SiteSubsidyYears`: each year's notice count by 州市 (an alias `y<year>` per year)
 * and the kinds of red flag.
 *
 * @example
 * subsidyYearsText([2021, 2022]); // query SiteSubsidyYears { y2021: subsidyTotals(year: 2021, …
 */
export function subsidyYearsText(years: number[]): string {
  return `query SiteSubsidyYears {
    ${years.map((y) => `y${y}: subsidyTotals(year: ${y}, groupBy: PREFECTURE) { notices }`).join('\n    ')}
    redFlagKinds { ...SiteRedFlagKind }
  }\n${documentText(FlagKindFields)}`;
}

/** The years with published notices (newest first) and the kinds of red flag. */
export async function fetchSubsidyYears(): Promise<{ years: number[]; flagKinds: FlagKind[] }> {
  const candidates = Array.from({ length: new Date().getFullYear() - 2020 }, (_, i) => 2021 + i);
  const data = await queryText<Record<`y${number}`, { notices: number }[]> & { redFlagKinds: FlagKind[] }>(
    subsidyYearsText(candidates),
  );
  const years = candidates
    .filter((y) => (data[`y${y}`] ?? []).reduce((s, r) => s + r.notices, 0) > 0)
    .sort((a, b) => b - a);
  return { years, flagKinds: data.redFlagKinds };
}

/**
 * The text of `SiteTopInstitutions`: the five institutions with the most subsidised trainees
 * of a year, an alias `p<code>` per 州市.
 *
 * @example
 * topInstitutionsText(['5301']); // query SiteTopInstitutions($year: Int!) { p5301: topInstitutions(…
 */
export function topInstitutionsText(prefectureCodes: string[]): string {
  return `query SiteTopInstitutions($year: Int!) {
      ${prefectureCodes.map((code) => `p${code}: topInstitutions(year: $year, prefecture: "${code}") { ...SiteSubsidyTotal }`).join('\n      ')}
    }\n${documentText(SubsidyTotalFields)}`;
}

/**
 * The text of `SiteSubsidyFlags`: how many of a year's notices carry each kind of red flag (an
 * alias `f<index>` per kind), and the year's target figures with their delivery.
 *
 * @example
 * subsidyFlagsText(['LATE_NOTICE']); // query SiteSubsidyFlags($year: Int!, $from: LocalDate!, …
 */
export function subsidyFlagsText(flagIds: string[]): string {
  const counts = flagIds.map(
    (id, i) =>
      `f${i}: subsidyNotices(first: 1, filter: { flag: "${id}", publishedFrom: $from, publishedTo: $to }) { totalCount }`,
  );
  return `query SiteSubsidyFlags($year: Int!, $from: LocalDate!, $to: LocalDate!) {
      ${counts.join('\n      ')}
      annualTargets(year: $year) { ...SiteTargetDelivery }
    }\n${documentText(TargetDeliveryFields)}`;
}

/** One year's dashboard data: three requests (totals and programmes; top five per 州市; flag counts and targets). */
export async function fetchSubsidyYear(
  year: number,
  prefectures: { code: string; name: string }[],
  flagKinds: FlagKind[],
): Promise<SubsidyYearData> {
  const totals = await query(SUBSIDY_TOTALS, { year });
  const top = await queryText<Record<string, SubsidyTotal[]>>(topInstitutionsText(prefectures.map((p) => p.code)), {
    year,
  });
  const rest = await queryText<
    Record<`f${number}`, { totalCount: number }> & { annualTargets: SubsidyYearData['targets'] }
  >(subsidyFlagsText(flagKinds.map((k) => k.flagId)), { year, from: `${year}-01-01`, to: `${year}-12-31` });
  return {
    year,
    ...totals,
    top: prefectures.map((p) => ({ prefecture: p, institutions: top[`p${p.code}`] ?? [] })),
    flags: flagKinds.map((k, i) => ({ ...k, notices: rest[`f${i}`]?.totalCount ?? 0 })),
    targets: rest.annualTargets,
  };
}
