import { Field, ObjectType } from 'type-graphql';
import { RegionLevel } from '../common/enums';
import { Node, toGlobalId } from '../graphql/node';
import type { RegionInfo } from './region.tree';

@ObjectType('Region', {
  implements: Node,
  description: 'Yunnan province, one of its 16 州市 or one of its 129 county-level units (GB/T 2260).',
})
export class RegionObject extends Node {
  @Field({ description: 'Six-digit GB/T 2260 code, e.g. `530102`: the stable natural key.' })
  code!: string;

  @Field({ description: 'Official name, e.g. `五华区`.' })
  name!: string;

  @Field(() => RegionLevel, { description: 'Province, 州市 or county-level unit.' })
  level!: RegionLevel;

  /** Hidden: used by the `parent` field resolver. */
  parentCode!: string | null;

  static from(r: RegionInfo): RegionObject {
    return Object.assign(new RegionObject(), {
      id: toGlobalId('Region', r.code),
      code: r.code,
      name: r.name,
      level: r.level,
      parentCode: r.parentCode,
    });
  }
}
