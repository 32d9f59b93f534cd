import type { FilterQuery } from '@mikro-orm/core';
import { InstitutionStanding } from '../common/enums';
import type { Institution } from './institution.entity';

/**
 * The SQL form of `institutionStanding` (institution.rules.ts) on `today`, so a list can be
 * filtered by standing in the database. A test checks both agree on every institution.
 */
export function standingWhere(standing: InstitutionStanding, today: string): FilterQuery<Institution> {
  const revoked: FilterQuery<Institution> = { licenceRevokedOn: { $ne: null, $lte: today } };
  const notRevoked: FilterQuery<Institution> = { $or: [{ licenceRevokedOn: null }, { licenceRevokedOn: { $gt: today } }] };
  const barred: FilterQuery<Institution> = { blacklistedFrom: { $ne: null, $lte: today }, blacklistedUntil: { $gt: today } };
  const notBarred: FilterQuery<Institution> = { $or: [{ blacklistedFrom: null }, { blacklistedFrom: { $gt: today } }, { blacklistedUntil: { $lte: today } }] };
  switch (standing) {
    case InstitutionStanding.LICENCE_REVOKED:
      return revoked;
    case InstitutionStanding.BLACKLISTED:
      return { $and: [notRevoked, barred] };
    case InstitutionStanding.GOOD:
      return { $and: [notRevoked, notBarred] };
  }
}
