import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { CertificateType, CourseCategory, CourseMode, InstitutionType, SkillLevel } from '../common/enums';
import type { Context } from '../context';
import { inputError } from '../graphql/errors';
import { ProgrammeObject } from '../programmes/programme.type';
import { AnnualTargetObject } from './annual-target.type';
import { deliveryOf, programmeDelivery, type DeliveryCell } from './target-progress.rules';
import { ProgrammeDeliveryObject, TargetDeliveryObject } from './target-progress.type';
import { toPersons, UNIT_MULTIPLIERS } from './target.rules';

/** The year's subsidised and certified trainees, summed by every class fact a target column selects on: one query per request. */
function deliveryCells(ctx: Context) {
  return ctx.loaders.memo<number, DeliveryCell[]>('targetDeliveryCells', async (years) =>
    Promise.all(
      years.map(async (year) => {
        const rows = (await ctx.em.getConnection().execute(
          `select substr(n.bureau_code, 1, 4) || '00' as prefecture, c.institution_id as institution, i.type as institution_type, c.project_unit_id as project_unit,
              c.certificate_type, c.level, c.category, c.mode,
              coalesce(sum(n.paid_trainees), 0) as trainees, coalesce(sum(n.certified_trainees), 0) as certified
         from subsidy_notice n left join course c on c.id = n.course_id left join institution i on i.id = c.institution_id
        where n.withdrawn_on is null and n.published_on >= ? and n.published_on <= ?
        group by substr(n.bureau_code, 1, 4), c.institution_id, i.type, c.project_unit_id, c.certificate_type, c.level, c.category, c.mode`,
          [`${year}-01-01`, `${year}-12-31`],
        )) as Record<string, string | number | null>[];
        return rows.map((r) => ({
          prefecture: String(r.prefecture),
          institution: r.institution == null ? -1 : Number(r.institution),
          institutionType: r.institution_type as InstitutionType,
          projectUnit: r.project_unit == null ? null : Number(r.project_unit),
          certificateType: r.certificate_type as CertificateType,
          level: r.level as SkillLevel,
          category: r.category as CourseCategory,
          mode: r.mode as CourseMode,
          trainees: Number(r.trainees),
          certified: Number(r.certified),
        }));
      }),
    ),
  );
}

@Resolver(() => AnnualTargetObject)
export class TargetDeliveryResolver {
  @FieldResolver(() => TargetDeliveryObject, {
    complexity: 5,
    description:
      'What the notices published in the target year show delivered against this figure, or why they cannot show it.',
  })
  async delivery(@Root() t: AnnualTargetObject, @Ctx() ctx: Context): Promise<TargetDeliveryObject> {
    const cells = await deliveryCells(ctx).load(t.year);
    const d = deliveryOf(
      {
        table: t.table,
        metric: t.metric,
        region: t.row.region ?? null,
        institution: t.row.institution ?? null,
        persons: t.persons,
      },
      cells,
    );
    return Object.assign(new TargetDeliveryObject(), d);
  }
}

/** Persons of a programme target, when its unit counts trainees (万人次, 万人); null otherwise. */
function traineePersons(value: string | null | undefined, unit: string): number | null {
  if (!value || !Object.hasOwn(UNIT_MULTIPLIERS, unit)) return null;
  return toPersons(value, unit);
}

@Resolver(() => ProgrammeObject)
export class ProgrammeDeliveryResolver {
  @FieldResolver(() => ProgrammeDeliveryObject, {
    complexity: 5,
    description:
      "Subsidised trainees of the programme's classes in a year and since 2021, against its 2021 and 2025 targets.",
  })
  async delivery(
    @Root() p: ProgrammeObject,
    @Ctx() ctx: Context,
    @Arg('year', () => Int, { description: 'A year from 2021 (the programme period is 2021–2025).' }) year: number,
  ): Promise<ProgrammeDeliveryObject> {
    if (!Number.isInteger(year) || year < 2021 || year > 2100)
      throw inputError('year', `must be 2021 or later (the programmes start in 2021), got ${year}`);
    const byYear = await ctx.loaders
      .memo<number, Record<number, number>>(`programmeDeliveryByYear:${year}`, async (programmes) => {
        // One query for every programme asked for: trainees by programme and year of publication.
        const years = Array.from({ length: year - 2020 }, (_, i) => 2021 + i);
        const bucket = years.map(() => 'when n.published_on >= ? and n.published_on <= ? then ?').join(' ');
        const rows = (await ctx.em.getConnection().execute(
          `select programme, y, coalesce(sum(t), 0) as trainees from (
           select c.programme_id as programme, case ${bucket} end as y, n.paid_trainees as t
             from subsidy_notice n join course c on c.id = n.course_id
            where n.withdrawn_on is null and n.published_on >= ? and n.published_on <= ?) s
          group by programme, y`,
          [...years.flatMap((y) => [`${y}-01-01`, `${y}-12-31`, y]), '2021-01-01', `${year}-12-31`],
        )) as Record<string, string | number | null>[];
        return programmes.map((id) => {
          const out: Record<number, number> = {};
          for (const r of rows) if (Number(r.programme) === id && r.y != null) out[Number(r.y)] = Number(r.trainees);
          return out;
        });
      })
      .load(p.seq);
    const t2021 = traineePersons(p.target2021, p.unit);
    const t2025 = traineePersons(p.target2025, p.unit);
    return Object.assign(new ProgrammeDeliveryObject(), {
      year,
      measured: t2025 != null,
      target2021Persons: t2021,
      target2025Persons: t2025,
      ...programmeDelivery(year, byYear, t2021, t2025),
    });
  }
}
