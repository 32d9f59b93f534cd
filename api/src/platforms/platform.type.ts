import { Field, Int, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../graphql/node';
import type { Row } from '../db/rows';
import type { OnlinePlatform } from './platform.entity';

@ObjectType('OnlinePlatform', {
  implements: Node,
  description: 'A recommended online training platform (云人社通〔2022〕8号 附件3).',
})
export class OnlinePlatformObject extends Node {
  @Field(() => Int, { description: 'Sequence number in the annex (1–7).' })
  seq!: number;

  @Field({ description: 'Platform name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Operating body; null where the annex names none.' })
  operator!: string | null;

  @Field({ description: 'Address as published in 2022 (may have changed since).' })
  url!: string;

  @Field({ description: 'Document and annex.' })
  source!: string;

  static from(p: Row<OnlinePlatform>): OnlinePlatformObject {
    return Object.assign(new OnlinePlatformObject(), {
      id: toGlobalId('OnlinePlatform', p.id),
      seq: p.id,
      name: p.name,
      operator: p.operator ?? null,
      url: p.url,
      source: p.source,
    });
  }
}
