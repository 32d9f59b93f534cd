import { Field, ObjectType } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { InstitutionStanding, InstitutionType } from '../common/enums';
import { Node, toGlobalId } from '../graphql/node';
import type { Row } from '../db/rows';
import type { Blacklisting } from './blacklisting.entity';
import type { Institution } from './institution.entity';
import { blacklistPeriod } from './institution.rules';

@ObjectType('Blacklisting', {
  description:
    'A period on the blacklist: barred from subsidised training for three years (云人社通〔2022〕8号 四(三)).',
})
export class BlacklistingObject {
  @Field(() => GraphQLLocalDate, { description: 'First day barred.' })
  from!: string;

  @Field(() => GraphQLLocalDate, { description: 'First day no longer barred (three years after `from`).' })
  until!: string;

  @Field(() => String, { nullable: true, description: 'Reason as published.' })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'Number of the document that decided it.' })
  document!: string | null;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Day the bar was lifted early, if it was (then also `until`).',
  })
  liftedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Document that lifted it.' })
  liftDocument!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was lifted.' })
  liftReason!: string | null;

  /** Hidden: the institution's row, for `institution` and `status`. */
  row!: Row<Institution>;

  /** One decision on record (`blacklisting` table), with the institution's row. */
  static fromRecord(b: Row<Blacklisting>, i: Row<Institution>): BlacklistingObject {
    return Object.assign(new BlacklistingObject(), {
      from: b.from,
      until: b.until,
      reason: b.reason ?? null,
      document: b.document ?? null,
      liftedOn: b.liftedOn ?? null,
      liftDocument: b.liftDocument ?? null,
      liftReason: b.liftReason ?? null,
      row: i,
    });
  }

  /** The latest blacklisting of an institution row (every institution keeps its latest one); null if never blacklisted. */
  static from(i: Row<Institution>): BlacklistingObject | null {
    if (!i.blacklistedFrom) return null;
    return Object.assign(new BlacklistingObject(), {
      from: i.blacklistedFrom,
      until: i.blacklistedUntil ?? blacklistPeriod(i.blacklistedFrom).until,
      reason: i.blacklistReason ?? null,
      document: i.blacklistDocument ?? null,
      liftedOn: i.blacklistLiftedOn ?? null,
      liftDocument: i.blacklistLiftDocument ?? null,
      liftReason: i.blacklistLiftReason ?? null,
      row: i,
    });
  }
}

@ObjectType('LicenceRevocation', {
  description:
    "The revocation of an institution's licence to train (取消办学许可资质, 云人社通〔2022〕50号 (十九)); it does not expire.",
})
export class LicenceRevocationObject {
  @Field(() => GraphQLLocalDate, { description: 'Day the licence was revoked.' })
  on!: string;

  @Field(() => String, { nullable: true, description: 'Number of the document that decided it.' })
  document!: string | null;

  @Field(() => String, { nullable: true, description: 'Reason as published.' })
  reason!: string | null;
}

@ObjectType('Institution', {
  implements: Node,
  description: 'A training institution, or a provincial project unit that contracts institutions.',
})
export class InstitutionObject extends Node {
  @Field({ description: 'Name as registered.' })
  name!: string;

  @Field(() => InstitutionType, { description: 'Kind of institution.' })
  type!: InstitutionType;

  @Field(() => String, {
    nullable: true,
    description:
      '统一社会信用代码 (GB 32100-2015), the stable natural key where published; null when the source does not give it.',
  })
  creditCode!: string | null;

  @Field(() => String, { nullable: true, description: '办学许可证号; null when none is published or needed.' })
  licenceNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Address as registered.' })
  address!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Phone for enrolment as published (mainland mobile, or landline with area code such as `0871-63211234`); null when unknown: ask the county's human-resources bureau.",
  })
  phone!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'For an enterprise training centre: the company whose staff it trains.',
  })
  ownerCompany!: string | null;

  @Field(() => BlacklistingObject, {
    nullable: true,
    description: 'The latest blacklisting, past or present; null if never blacklisted.',
  })
  blacklisting!: BlacklistingObject | null;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Day the licence was revoked (办学许可被取消), if it was.',
  })
  licenceRevokedOn!: string | null;

  @Field(() => LicenceRevocationObject, {
    nullable: true,
    description: 'The revocation of the licence with its document and reason, if it was revoked (50号 (十九)).',
  })
  licenceRevocation!: LicenceRevocationObject | null;

  @Field({ description: 'True for generated demonstration data; false for rows from the published documents.' })
  isDemo!: boolean;

  @Field({ description: 'Where the record comes from (document and annex, or the demo generator).' })
  source!: string;

  /** Hidden: the row, for relation resolvers. */
  row!: Row<Institution>;

  static from(i: Row<Institution>): InstitutionObject {
    return Object.assign(new InstitutionObject(), {
      id: toGlobalId('Institution', i.id),
      name: i.name,
      type: i.type,
      creditCode: i.creditCode ?? null,
      licenceNumber: i.licenceNumber ?? null,
      address: i.address ?? null,
      phone: i.phone ?? null,
      ownerCompany: i.ownerCompany ?? null,
      blacklisting: BlacklistingObject.from(i),
      licenceRevokedOn: i.licenceRevokedOn ?? null,
      licenceRevocation: i.licenceRevokedOn
        ? Object.assign(new LicenceRevocationObject(), {
            on: i.licenceRevokedOn,
            document: i.licenceRevocationDocument ?? null,
            reason: i.licenceRevocationReason ?? null,
          })
        : null,
      isDemo: i.isDemo,
      source: i.source,
      row: i,
    });
  }
}

/** Not an enum of its own: the standing filter reuses InstitutionStanding. */
export { InstitutionStanding };
