/**
 * The course finder's homophone fallback, as in the API (search/src/search-service.ts): the
 * commonest Chinese typo is a wrong character with the same sound (焊功 for 焊工, 养佬护理员 for
 * 养老护理员). When a Chinese query finds nothing, or its best class lacks one of the typed
 * characters, the browser writes the query in pinyin and looks for occupations whose name has
 * that whole pinyin (the `occupations` index's `namePinyinJoined`), then lists their classes.
 *
 * The pinyin comes from a table of the 6,763 characters of GB 2312 by toneless syllable
 * (`/pinyin-syllables.json`, written at build time with pinyin-pro, about 17 KB gzip), fetched
 * only when a fallback is needed: pinyin-pro itself is about 140 KB gzip, too heavy for a cheap
 * phone's first load.
 */
import { anyOf, COURSE_FIELDS as C } from '@skills-yunnan/search/vocabulary';

/** Where the build writes the syllable table (see pages/pinyin-syllables.json.ts). */
export const SYLLABLE_TABLE_PATH = '/pinyin-syllables.json';

/** Fields of a course hit a typed query is looked for in (the finder retrieves them). */
export const COVERED_FIELDS = [
  C.occupationName,
  C.title,
  C.prefectureName,
  C.countyName,
  C.aliases,
  C.institutionName,
  C.programmeName,
] as const;

/** Most occupations one fallback lists classes of. */
export const MAX_FALLBACK_OCCUPATIONS = 5;

const HAN = /\p{Script=Han}/u;
const HAN_ALL = /\p{Script=Han}/gu;

/**
 * The syllable of each character, from the table's `{ syllable: characters }` form.
 * @example syllableTable({ gong: '工功' }).get('功') // 'gong'
 */
export function syllableTable(json: Record<string, string>): Map<string, string> {
  const table = new Map<string, string>();
  for (const [syllable, chars] of Object.entries(json)) {
    if (!/^[a-z]{1,6}$/.test(syllable) || typeof chars !== 'string') continue;
    for (const ch of chars) if (!table.has(ch)) table.set(ch, syllable);
  }
  return table;
}

/**
 * The query's Chinese characters in pinyin, run together as the index's `namePinyinJoined`
 * (`焊功` → `hangong`); null when there is no Chinese character, or one the table lacks.
 * @example queryPinyin('养佬护理员', table) // 'yanglaohuliyuan'
 */
export function queryPinyin(query: string, table: ReadonlyMap<string, string>): string | null {
  const chars = query.match(HAN_ALL) ?? [];
  if (chars.length === 0) return null;
  const syllables = chars.map((ch) => table.get(ch));
  return syllables.every(Boolean) ? syllables.join('') : null;
}

/**
 * Whether the browser should try the query's pinyin: a Chinese query that found nothing, or
 * whose best class lacks one of its characters (Meilisearch then matched only part of it).
 * @param top the best hit, with the `COVERED_FIELDS` it was retrieved with
 * @example needsPinyinFallback('焊功', 0, undefined) // true
 * @example needsPinyinFallback('焊工', 12, { occupationName: '焊工', title: '焊工（五级）培训班' }) // false
 */
export function needsPinyinFallback(query: string, total: number, top: Record<string, unknown> | undefined): boolean {
  if (!HAN.test(query)) return false;
  if (total === 0 || !top) return true;
  const text = COVERED_FIELDS.map((f) =>
    Array.isArray(top[f]) ? (top[f] as unknown[]).join(' ') : String(top[f] ?? ''),
  ).join(' ');
  return !(query.match(HAN_ALL) ?? []).every((ch) => text.includes(ch));
}

/** An occupation as the fallback reads it from the `occupations` index. */
export interface OccupationHit {
  code: string;
  name: string;
  namePinyinJoined: string;
}

/**
 * The occupations whose name holds the query's whole pinyin (so typo tolerance on pinyin, such
 * as dianhan ~ dianlan, cannot bring in an unrelated name), at most `MAX_FALLBACK_OCCUPATIONS`.
 * @example soundsLike([{ code: '6-18-02-04', name: '焊工', namePinyinJoined: 'hangong' }], 'hangong') // that occupation
 */
export function soundsLike(hits: readonly OccupationHit[], joined: string): OccupationHit[] {
  return hits
    .filter((h) => typeof h.namePinyinJoined === 'string' && h.namePinyinJoined.includes(joined))
    .slice(0, MAX_FALLBACK_OCCUPATIONS);
}

/**
 * The Meilisearch filter of the classes of these occupations.
 * @example occupationsFilter(['6-18-02-04']) // 'occupationCode IN ["6-18-02-04"]'
 */
export function occupationsFilter(codes: readonly string[]): string {
  return anyOf(C.occupationCode, codes);
}
