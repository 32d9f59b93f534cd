import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { SubsidyObjectionObject } from './subsidy.type';

/** What happened to a notice. */
export enum NoticeChangeKind {
  PUBLISHED = 'PUBLISHED',
  REVISED = 'REVISED',
  WITHDRAWN = 'WITHDRAWN',
  OBJECTION_RECEIVED = 'OBJECTION_RECEIVED',
  OBJECTION_DECIDED = 'OBJECTION_DECIDED',
}

registerEnumType(NoticeChangeKind, {
  name: 'NoticeChangeKind',
  description: 'What happened to a notice.',
  valuesConfig: {
    PUBLISHED: { description: 'First published (revision 1).' },
    REVISED: { description: 'A correction published as a new revision.' },
    WITHDRAWN: { description: 'Withdrawn (已撤回), with a reason.' },
    OBJECTION_RECEIVED: { description: 'An objection was received.' },
    OBJECTION_DECIDED: { description: 'An objection was decided (upheld or rejected).' },
  },
});

@ObjectType('NoticeChange', {
  description:
    'One event in the life of a notice: what a feed reader or a mirror needs to stay current, withdrawals included.',
})
export class NoticeChangeObject {
  @Field(() => NoticeChangeKind, { description: 'What happened.' })
  kind!: NoticeChangeKind;

  @Field(() => GraphQLLocalDate, { description: 'The day it happened (notices are dated by day).' })
  on!: string;

  @Field(() => Int, { nullable: true, description: 'For PUBLISHED and REVISED: the revision.' })
  revision!: number | null;

  @Field(() => String, { nullable: true, description: 'For REVISED and WITHDRAWN: the reason given.' })
  reason!: string | null;

  @Field(() => SubsidyObjectionObject, { nullable: true, description: 'For objection events: the objection.' })
  objection!: SubsidyObjectionObject | null;

  /** Hidden: resolved by the resolver. */
  noticeId!: number;
}
