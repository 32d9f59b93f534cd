import { Field, Int, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../graphql/node';
import type { Row } from '../db/rows';
import type { Programme } from './programme.entity';

@ObjectType('Programme', {
  implements: Node,
  description: 'A 技能云南 programme of 云政发〔2021〕28号 (十个一批, 六个一万), with its published targets.',
})
export class ProgrammeObject extends Node {
  @Field(() => Int, { description: 'Sequence number in the document (1–16).' })
  seq!: number;

  @Field({ description: 'Stable key for filters and URLs, e.g. `KANGYANG`.' })
  key!: string;

  @Field({ description: '`十个一批` or `六个一万`.' })
  group!: string;

  @Field({ description: 'Name as published.' })
  name!: string;

  @Field({ description: 'Cumulative target for 2025, as published.' })
  target2025!: string;

  @Field(() => String, { nullable: true, description: 'Target for 2021 as published; null where none was set.' })
  target2021!: string | null;

  @Field({ description: 'Unit of the targets as published, e.g. 万人次.' })
  unit!: string;

  @Field(() => [String], { description: 'Lead units (责任单位) as published.' })
  leadUnits!: string[];

  @Field({ description: 'Document and clause.' })
  source!: string;

  static from(p: Row<Programme>): ProgrammeObject {
    return Object.assign(new ProgrammeObject(), {
      id: toGlobalId('Programme', p.key),
      seq: p.id,
      key: p.key,
      group: p.groupName,
      name: p.name,
      target2025: p.target2025,
      target2021: p.target2021 ?? null,
      unit: p.unit,
      leadUnits: p.leadUnits.split(';').filter(Boolean),
      source: p.source,
    });
  }
}
