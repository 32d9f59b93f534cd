import { Field, ObjectType } from 'type-graphql';
import { Node, toGlobalId } from '../graphql/node';

@ObjectType('Publisher', {
  implements: Node,
  description:
    'A bureau (人社局 of the province, a 州市 or a county) or a provincial administrator that publishes records through the API. It writes only within its region (云人社通〔2022〕50号 (十八)).',
})
export class PublisherObject extends Node {
  @Field({ description: "The bureau's name as it signs its records." })
  name!: string;

  @Field({ description: 'Code of the region it answers for: 530000, a 州市 or a county.' })
  regionCode!: string;

  @Field({ description: 'A provincial administrator (may read the audit trail).' })
  isAdmin!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Public id of the key this request was made with (only on `viewer`).',
  })
  keyId!: string | null;

  static from(p: {
    publisherId: number;
    name: string;
    region: string;
    isAdmin: boolean;
    keyId: string | null;
  }): PublisherObject {
    return Object.assign(new PublisherObject(), {
      id: toGlobalId('Publisher', p.publisherId),
      name: p.name,
      regionCode: p.region,
      isAdmin: p.isAdmin,
      keyId: p.keyId,
    });
  }
}
