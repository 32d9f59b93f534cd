/**
 * Where one blacklisting stands on a day: in force, ended after its three years, or lifted
 * early. The published blacklist (云人社通〔2022〕50号 (十七): 及时公布…培训机构…目录) lists the
 * current ones first, then the ended ones. Pure: plain data and `today` in.
 */

import { BlacklistingStatus } from '../common/enums';
import { isIsoDate } from '../common/dates';
import { BLACKLIST_YEARS, blacklistPeriod } from './institution.rules';

/** What a blacklisting records. `until` null means the three years of 8号 四(三) from `from`. */
export interface BlacklistingFacts {
  from: string;
  until: string | null;
  /** Day it was lifted early (then also `until`), if it was. */
  liftedOn: string | null;
}

/** The clause every blacklisting status follows from: three years, 云人社通〔2022〕8号 四(三). */
export const BLACKLISTING_CLAUSE = BLACKLIST_YEARS.clause;

/**
 * The status of a blacklisting on `today`: CURRENT from its first day up to, not including,
 * its end; then LIFTED when a decision ended it early, else ENDED. Null when its first day is
 * after `today` (recorded ahead: not in force, so not on the published list yet). Throws a
 * `RangeError` for a malformed date.
 *
 * @example blacklistingStatus({ from: '2024-06-01', until: null, liftedOn: null }, '2026-11-21') === BlacklistingStatus.CURRENT
 * @example blacklistingStatus({ from: '2022-06-01', until: '2025-06-01', liftedOn: null }, '2026-11-21') === BlacklistingStatus.ENDED
 * @example blacklistingStatus({ from: '2024-06-01', until: '2025-01-10', liftedOn: '2025-01-10' }, '2026-11-21') === BlacklistingStatus.LIFTED
 */
export function blacklistingStatus(b: BlacklistingFacts, today: string): BlacklistingStatus | null {
  if (!isIsoDate(today)) throw new RangeError(`today must be an ISO date YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const until = b.until ?? blacklistPeriod(b.from).until;
  if (b.from > today) return null;
  if (today < until) return BlacklistingStatus.CURRENT;
  return b.liftedOn && b.liftedOn <= today ? BlacklistingStatus.LIFTED : BlacklistingStatus.ENDED;
}
