import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { CertificateType } from '../common/enums';
import type { Context } from '../context';
import { inputError } from '../graphql/errors';
import { intKeyOf, toGlobalId } from '../graphql/node';
import { findRows } from '../db/rows';
import { Institution } from '../institutions/institution.entity';
import { regionCodesFor } from '../regions/region.filters';
import { AnnualTarget } from '../targets/annual-target.entity';
import { TargetTable } from '../common/enums';
import {
  deliveredShare,
  outcomes,
  TOP_FIVE,
  topByVolume,
  type OutcomeSums,
  type TotalRow,
} from './subsidy-totals.rules';
import { SubsidyGroupBy, SubsidyTotalObject, SubsidyTotalsFilter, TargetComparisonObject } from './subsidy-totals.type';

/** The SQL of each grouping: fixed expressions, never built from input. */
const GROUP_SQL: Record<SubsidyGroupBy, string> = {
  [SubsidyGroupBy.PREFECTURE]: `substr(n.bureau_code, 1, 4) || '00'`,
  [SubsidyGroupBy.COUNTY]: 'n.bureau_code',
  [SubsidyGroupBy.INSTITUTION]: 'c.institution_id',
  [SubsidyGroupBy.OCCUPATION]: 'c.occupation_code',
  [SubsidyGroupBy.PROGRAMME]: 'c.programme_id',
  [SubsidyGroupBy.CERTIFICATE_TYPE]: 'c.certificate_type',
};

const CERTIFICATE_LABELS: Record<CertificateType, string> = {
  [CertificateType.VOCATIONAL_QUALIFICATION]: '职业资格证书',
  [CertificateType.SKILL_LEVEL]: '职业技能等级证书',
  [CertificateType.SPECIAL_ABILITY]: '专项职业能力证书',
  [CertificateType.SPECIAL_OPERATION]: '特种作业证书',
  [CertificateType.TRAINING_QUALIFIED]: '培训合格证书',
};

/** Sums the year's notices by `groupBy`: one query over notices (their paid totals are kept with every write). */
async function sumNotices(
  ctx: Context,
  year: number,
  groupBy: SubsidyGroupBy,
  filter: SubsidyTotalsFilter | null | undefined,
): Promise<(TotalRow & OutcomeSums)[]> {
  const where = ['n.withdrawn_on is null', 'n.published_on >= ?', 'n.published_on <= ?'];
  const params: unknown[] = [`${year}-01-01`, `${year}-12-31`];
  if (filter?.region) {
    const codes = regionCodesFor(ctx.regions, filter.region, 'filter.region');
    where.push(`n.bureau_code in (${codes.map(() => '?').join(', ')})`);
    params.push(...codes);
  }
  if (filter?.institution) {
    where.push('c.institution_id = ?');
    params.push(intKeyOf(filter.institution, 'filter.institution', 'Institution'));
  }
  if (filter?.occupation) {
    if (!ctx.reference.occupation(filter.occupation))
      throw inputError(
        'filter.occupation',
        `"${filter.occupation}" is not an occupation code of the 2022 classification`,
      );
    where.push('c.occupation_code = ?');
    params.push(filter.occupation);
  }
  if (filter?.programme) {
    const p = ctx.reference.programmeByKey(filter.programme);
    if (!p) throw inputError('filter.programme', `"${filter.programme}" is not a programme key`);
    where.push('c.programme_id = ?');
    params.push(p.id);
  }
  if (filter?.certificateType) {
    where.push('c.certificate_type = ?');
    params.push(filter.certificateType);
  }
  if (filter?.isDemo != null) {
    where.push('n.is_demo = ?');
    params.push(filter.isDemo);
  }
  const key = GROUP_SQL[groupBy];
  // The class is joined only when the grouping or a filter needs it: most totals are by region.
  const needsCourse = key.startsWith('c.') || where.some((w) => w.startsWith('c.'));
  const rows = (await ctx.em.getConnection().execute(
    `select ${key} as k, count(*) as notices, coalesce(sum(n.paid_trainees), 0) as trainees, coalesce(sum(n.paid_amount), 0) as amount,
            coalesce(sum(n.line_count), 0) as listed, coalesce(sum(n.certified_trainees), 0) as certified,
            count(n.working_days_to_notice) as timed, coalesce(sum(n.working_days_to_notice), 0) as working_days,
            coalesce(sum(case when n.within_deadline then 1 else 0 end), 0) as on_time
       from subsidy_notice n${needsCourse ? ' left join course c on c.id = n.course_id' : ''}
      where ${where.join(' and ')}
      group by ${key}`,
    params,
  )) as Record<string, string | number | null>[];
  return rows
    .filter((r) => r.k != null)
    .map((r) => ({
      key: String(r.k),
      notices: Number(r.notices),
      trainees: Number(r.trainees),
      amount: Number(r.amount),
      listed: Number(r.listed),
      certified: Number(r.certified),
      timed: Number(r.timed),
      workingDays: Number(r.working_days),
      onTime: Number(r.on_time),
    }));
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw inputError('year', `must be a year such as 2022, got ${year}`);
}

@Resolver()
export class SubsidyTotalsResolver {
  @Query(() => [SubsidyTotalObject], {
    complexity: 50,
    description:
      'Subsidised trainees and amounts from the published notices of a year, grouped by 州市, county, institution, occupation, programme or certificate type; for 州市 in 2022 with the 附件1 target. Largest first.',
  })
  async subsidyTotals(
    @Ctx() ctx: Context,
    @Arg('year', () => Int, { description: 'Year of publication of the notices.' }) year: number,
    @Arg('groupBy', () => SubsidyGroupBy, { description: 'What to group by.' }) groupBy: SubsidyGroupBy,
    @Arg('filter', () => SubsidyTotalsFilter, { nullable: true, description: 'Which notices count.' })
    filter?: SubsidyTotalsFilter | null,
  ): Promise<SubsidyTotalObject[]> {
    checkYear(year);
    const rows = await sumNotices(ctx, year, groupBy, filter);
    const targets =
      groupBy === SubsidyGroupBy.PREFECTURE
        ? new Map(
            (
              await findRows(ctx.em, AnnualTarget, {
                year,
                table: TargetTable.PREFECTURE_PLAN,
                metric: 'total',
                isTotal: false,
              })
            ).map((t) => [t.region ?? '', t]),
          )
        : new Map<string, never>();
    const institutions =
      groupBy === SubsidyGroupBy.INSTITUTION
        ? new Map(
            (await findRows(ctx.em, Institution, { id: { $in: rows.map((r) => Number(r.key)) } })).map((i) => [
              String(i.id),
              i,
            ]),
          )
        : new Map<string, Institution | { name: string; id: number }>();
    return topByVolume(rows, rows.length).map((r) => {
      const target = targets.get(r.key);
      return Object.assign(new SubsidyTotalObject(), {
        key:
          groupBy === SubsidyGroupBy.INSTITUTION
            ? toGlobalId('Institution', Number(r.key))
            : groupBy === SubsidyGroupBy.PROGRAMME
              ? (ctx.reference.programme(Number(r.key))?.key ?? r.key)
              : r.key,
        label: labelOf(ctx, groupBy, r.key, institutions),
        notices: r.notices,
        trainees: r.trainees,
        amount: r.amount,
        listed: r.listed,
        certified: r.certified,
        timedNotices: r.timed,
        onTimeNotices: r.onTime,
        ...outcomes(r),
        target: target
          ? Object.assign(new TargetComparisonObject(), {
              source: target.source,
              metricLabel: target.metricLabel,
              value: target.value,
              unit: target.unit,
              persons: target.persons,
              share: deliveredShare(r.trainees, target.persons),
            })
          : null,
      });
    });
  }

  @Query(() => [SubsidyTotalObject], {
    complexity: 50,
    description: `The ${TOP_FIVE.n} training institutions with the most subsidised trainees in a 州市 in a year, which the 州市 must follow up (云人社通〔2022〕8号 四(二)).`,
  })
  async topInstitutions(
    @Ctx() ctx: Context,
    @Arg('year', () => Int, { description: 'Year of publication of the notices.' }) year: number,
    @Arg('prefecture', () => String, { description: '州市 code, e.g. `530100`.' }) prefecture: string,
    @Arg('first', () => Int, { defaultValue: TOP_FIVE.n, description: `How many (default ${TOP_FIVE.n}, at most 20).` })
    first: number,
  ): Promise<SubsidyTotalObject[]> {
    checkYear(year);
    if (ctx.regions.get(prefecture)?.level !== 'PREFECTURE')
      throw inputError('prefecture', `"${prefecture}" is not the code of a 州市`);
    if (!Number.isInteger(first) || first < 1 || first > 20)
      throw inputError('first', `must be between 1 and 20, got ${first}`);
    const all = await this.subsidyTotals(ctx, year, SubsidyGroupBy.INSTITUTION, { region: prefecture });
    return all.slice(0, first);
  }
}

function labelOf(
  ctx: Context,
  groupBy: SubsidyGroupBy,
  key: string,
  institutions: Map<string, { name: string }>,
): string {
  switch (groupBy) {
    case SubsidyGroupBy.PREFECTURE:
    case SubsidyGroupBy.COUNTY:
      return ctx.regions.get(key)?.name ?? key;
    case SubsidyGroupBy.INSTITUTION:
      return institutions.get(key)?.name ?? key;
    case SubsidyGroupBy.OCCUPATION:
      return ctx.reference.occupation(key)?.name ?? key;
    case SubsidyGroupBy.PROGRAMME:
      return ctx.reference.programme(Number(key))?.name ?? key;
    case SubsidyGroupBy.CERTIFICATE_TYPE:
      return CERTIFICATE_LABELS[key as CertificateType] ?? key;
  }
}
