import { dateColumn } from '../common/dates';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { InstitutionObject } from '../institutions/institution.type';
import { FLAG_KINDS } from './red-flags.rules';
import { yearSummaries, type NoticeSummaryFacts } from './subsidy-totals.rules';
import { FlagCountObject, SubsidyYearObject } from './subsidy-totals.type';

const KINDS = new Map(FLAG_KINDS.map((k) => [k.flagId, k]));

@Resolver(() => InstitutionObject)
export class InstitutionSubsidiesResolver {
  @FieldResolver(() => [SubsidyYearObject], {
    complexity: 10,
    description:
      "The institution's subsidy notices summed by year, newest first: trainees, amounts, results, timeliness and red flags (云人社通〔2022〕50号 (十九)). Empty when it has none.",
  })
  async subsidyYears(@Root() i: InstitutionObject, @Ctx() ctx: Context): Promise<SubsidyYearObject[]> {
    const rows = await ctx.loaders
      .memo<number, NoticeSummaryFacts[]>('institutionNotices', async (ids) => {
        const found = (await ctx.em.getConnection().execute(
          `select c.institution_id as institution, n.published_on, n.withdrawn_on, n.paid_trainees, n.paid_amount, n.line_count, n.certified_trainees,
                n.working_days_to_notice, n.within_deadline, n.flag_ids
           from subsidy_notice n join course c on c.id = n.course_id
          where c.institution_id in (${ids.map(() => '?').join(', ')})`,
          [...ids],
        )) as Record<string, unknown>[];
        return ids.map((id) =>
          found
            .filter((r) => Number(r.institution) === id)
            .map((r) => ({
              publishedOn: dateColumn(r.published_on),
              withdrawn: r.withdrawn_on != null && dateColumn(r.withdrawn_on) <= ctx.today,
              paidTrainees: Number(r.paid_trainees),
              paidAmount: Number(r.paid_amount),
              lineCount: Number(r.line_count),
              certifiedTrainees: Number(r.certified_trainees),
              workingDaysToNotice: r.working_days_to_notice == null ? null : Number(r.working_days_to_notice),
              withinDeadline: r.within_deadline == null ? null : Boolean(r.within_deadline),
              flagIds: String(r.flag_ids ?? ''),
            })),
        );
      })
      .load(i.row.id);
    return yearSummaries(
      rows,
      FLAG_KINDS.map((k) => k.flagId),
    ).map((y) =>
      Object.assign(new SubsidyYearObject(), {
        ...y,
        flags: y.flags.map((f) =>
          Object.assign(new FlagCountObject(), {
            ...(KINDS.get(f.flagId) ?? { flagId: f.flagId, title: f.flagId, titleEn: f.flagId, basis: '' }),
            notices: f.notices,
          }),
        ),
      }),
    );
  }
}
