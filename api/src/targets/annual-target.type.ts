import { Field, Int, ObjectType } from 'type-graphql';
import { TargetTable } from '../common/enums';
import { Node, toGlobalId } from '../graphql/node';
import type { Row } from '../db/rows';
import type { AnnualTarget } from './annual-target.entity';

@ObjectType('AnnualTarget', {
  implements: Node,
  description: 'One figure of a published annual target table, exactly as printed, with its value in persons.',
})
export class AnnualTargetObject extends Node {
  @Field(() => Int, { description: 'Year the target is for.' })
  year!: number;

  @Field(() => TargetTable, { description: 'Which annex table.' })
  table!: TargetTable;

  @Field(() => Int, { description: 'Row order in the published table.' })
  seq!: number;

  @Field({
    description:
      'The row or column unit as printed: a 州市, a technical school, a provincial project unit, or a total.',
  })
  unitName!: string;

  @Field({ description: 'Column key, e.g. `total`, `certificate_high_level`, `siyb`, `persons`, `target`.' })
  metric!: string;

  @Field({ description: 'Column heading as printed.' })
  metricLabel!: string;

  @Field({ description: 'The figure exactly as printed, e.g. `15.50`.' })
  value!: string;

  @Field({ description: 'Unit as printed: 万人次, 万人, 人次 or 人.' })
  unit!: string;

  @Field(() => Int, { description: 'The figure normalised to persons (人次), e.g. 15.50 万人次 → 155000.' })
  persons!: number;

  @Field({
    description:
      "A total (全省, 合计, 州市汇总, 全省合计) rather than a unit's own figure: leave totals out when summing.",
  })
  isTotal!: boolean;

  @Field({ description: 'Document and annex, e.g. `云人社通〔2022〕8号 附件2 …`.' })
  source!: string;

  /** Hidden: the row, for relation resolvers. */
  row!: Row<AnnualTarget>;

  static from(t: Row<AnnualTarget>): AnnualTargetObject {
    return Object.assign(new AnnualTargetObject(), {
      id: toGlobalId('AnnualTarget', t.id),
      year: t.year,
      table: t.table,
      seq: t.seq,
      unitName: t.unitName,
      metric: t.metric,
      metricLabel: t.metricLabel,
      value: t.value,
      unit: t.unit,
      persons: t.persons,
      isTotal: t.isTotal,
      source: t.source,
      row: t,
    });
  }
}
