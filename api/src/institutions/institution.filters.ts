import type { FilterQuery } from '@mikro-orm/core';
import { BlacklistingStatus, InstitutionStanding } from '../common/enums';
import type { Institution } from './institution.entity';

/**
 * The SQL form of `institutionStanding` (institution.rules.ts) on `today`, so a list can be
 * filtered by standing in the database. A test checks both agree on every institution.
 */
export function standingWhere(standing: InstitutionStanding, today: string): FilterQuery<Institution> {
  const revoked: FilterQuery<Institution> = { licenceRevokedOn: { $ne: null, $lte: today } };
  const notRevoked: FilterQuery<Institution> = {
    $or: [{ licenceRevokedOn: null }, { licenceRevokedOn: { $gt: today } }],
  };
  const barred: FilterQuery<Institution> = {
    blacklistedFrom: { $ne: null, $lte: today },
    blacklistedUntil: { $gt: today },
  };
  const notBarred: FilterQuery<Institution> = {
    $or: [{ blacklistedFrom: null }, { blacklistedFrom: { $gt: today } }, { blacklistedUntil: { $lte: today } }],
  };
  switch (standing) {
    case InstitutionStanding.LICENCE_REVOKED:
      return revoked;
    case InstitutionStanding.BLACKLISTED:
      return { $and: [notRevoked, barred] };
    case InstitutionStanding.GOOD:
      return { $and: [notRevoked, notBarred] };
  }
}

/**
 * The SQL form of `blacklistingStatus` (blacklisting.rules.ts) on `today`: institutions whose
 * latest blacklisting is in force by `today` (its first day not after it), and, with `status`,
 * only those in that status. Every blacklisting is stored with its end (`blacklistedUntil`, also
 * the lifting day when lifted early), which the rule would otherwise compute. A test checks both
 * agree on every institution.
 * @example await findRows(em, Institution, blacklistingWhere(BlacklistingStatus.CURRENT, '2026-11-21'))
 */
export function blacklistingWhere(
  status: BlacklistingStatus | null | undefined,
  today: string,
): FilterQuery<Institution> {
  const inForce: FilterQuery<Institution> = { blacklistedFrom: { $ne: null, $lte: today } };
  switch (status) {
    case BlacklistingStatus.CURRENT:
      return { $and: [inForce, { blacklistedUntil: { $gt: today } }] };
    case BlacklistingStatus.LIFTED:
      return {
        $and: [inForce, { blacklistedUntil: { $lte: today } }, { blacklistLiftedOn: { $ne: null, $lte: today } }],
      };
    case BlacklistingStatus.ENDED:
      return {
        $and: [
          inForce,
          { blacklistedUntil: { $lte: today } },
          { $or: [{ blacklistLiftedOn: null }, { blacklistLiftedOn: { $gt: today } }] },
        ],
      };
    default:
      return inForce;
  }
}
