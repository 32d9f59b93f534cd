/**
 * The target tables of a year, whole (the /targets/ page; the subsidy dashboards add delivery).
 */
import { query } from '../api';
import { graphql, type ResultOf } from './graphql';

/** One figure of a published target table, with where it sits in the table. */
export const TargetFigureFields = graphql(`
  fragment SiteTargetFigure on AnnualTarget {
    table seq metric metricLabel value unit persons isTotal unitName source
    region { name }
    institution { id name }
  }`);

/** One figure of a published target table, with where it sits in the table. */
export type TargetFigure = ResultOf<typeof TargetFigureFields>;

/** Every figure of a year's target tables. */
export const ANNUAL_TARGETS = graphql(
  `
  query SiteAnnualTargets($year: Int!) {
    annualTargets(year: $year) { ...SiteTargetFigure }
  }`,
  [TargetFigureFields],
);

/** Every figure of a year's target tables, in table and row order: one request. */
export async function fetchAnnualTargets(year: number): Promise<TargetFigure[]> {
  const data = await query(ANNUAL_TARGETS, { year });
  return data.annualTargets;
}
