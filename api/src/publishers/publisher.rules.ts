/**
 * Who may write what: a publisher answers for its own region only ("谁审批、谁负责、谁监管",
 * 云人社通〔2022〕50号 (十八)). Pure: codes in, a verdict out.
 */
import { DOCUMENTS, type Clause } from '../common/rule-check';

/** Where the scope rule is written. */
export const SCOPE_CLAUSE: Clause = { document: DOCUMENTS.NOTICE_2022_50, clause: '(十八)' };

/** The province's code: its bureau and administrators write everywhere. */
export const PROVINCE_CODE = '530000';

/** The level of a Yunnan region code (GB/T 2260): `530000` province, `53xx00` 州市, else county. */
export function levelOf(code: string): 'PROVINCE' | 'PREFECTURE' | 'COUNTY' {
  if (code === PROVINCE_CODE) return 'PROVINCE';
  return code.endsWith('00') ? 'PREFECTURE' : 'COUNTY';
}

/** What a publisher is, for the rule. */
export interface PublisherScope {
  /** The publisher's region code. */
  region: string;
  isAdmin: boolean;
}

/** The verdict: allowed, or why not. */
export type ScopeVerdict = { allowed: true } | { allowed: false; message: string; messageEn: string };

/**
 * Whether `publisher` may write a record of region `target`: the province (and its
 * administrators) anywhere, a 州市 bureau in the 州市 and its counties, a county bureau in the
 * county only.
 * @example canWrite({ region: '530100', isAdmin: false }, '530102') // { allowed: true }
 * @example canWrite({ region: '530102', isAdmin: false }, '530103').allowed // false
 */
export function canWrite(publisher: PublisherScope, target: string): ScopeVerdict {
  if (publisher.isAdmin || publisher.region === PROVINCE_CODE) return { allowed: true };
  if (publisher.region === target) return { allowed: true };
  if (
    levelOf(publisher.region) === 'PREFECTURE' &&
    levelOf(target) === 'COUNTY' &&
    `${target.slice(0, 4)}00` === publisher.region
  )
    return { allowed: true };
  return {
    allowed: false,
    message: `本账号属于${publisher.region}，只能写本地区的记录，不能写${target}的记录（谁审批、谁负责、谁监管）`,
    messageEn: `This key belongs to region ${publisher.region} and may write only its own area, not ${target} (whoever approves is accountable, and only for their own area).`,
  };
}

/** The parts of an API key: `sy_<keyId>_<secret>`. */
export interface ParsedKey {
  keyId: string;
  secret: string;
}

const KEY = /^sy_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/**
 * Splits an API key into its public id and its secret; null when it is not one of ours (no
 * database lookup for garbage).
 * @example parseApiKey('sy_k7q2m9x4ab3c_' + 'A'.repeat(43))?.keyId // 'k7q2m9x4ab3c'
 */
export function parseApiKey(key: string): ParsedKey | null {
  const m = KEY.exec(key.trim());
  return m ? { keyId: m[1], secret: m[2] } : null;
}

/** The key a publisher is given: `sy_` + 12-character id + `_` + 43-character secret (256 bits). */
export function formatApiKey(keyId: string, secret: string): string {
  return `sy_${keyId}_${secret}`;
}
