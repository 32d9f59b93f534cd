/**
 * The disclosure log as the /log/ page shows it: its latest checkpoint and the witnesses that
 * cosigned it.
 */
import { query } from '../api';
import { graphql, type ResultOf } from './graphql';

export const DISCLOSURE_LOG = graphql(`
  query SiteDisclosureLog {
    disclosureLog {
      origin verifierKey
      checkpoint { size rootHash cosignatures { witness witnessKey cosignedAt } }
    }
  }`);

/** The log's origin, key and latest checkpoint with its witnesses. */
export type DisclosureLogInfo = ResultOf<typeof DISCLOSURE_LOG>['disclosureLog'];

/** The disclosure log's latest checkpoint, as the API signs it when the build asks. */
export async function fetchDisclosureLog(): Promise<DisclosureLogInfo> {
  return (await query(DISCLOSURE_LOG)).disclosureLog;
}
