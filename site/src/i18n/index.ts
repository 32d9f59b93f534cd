/**
 * UI strings in Chinese and English. Every visible text of the site comes from the two JSON
 * files (data such as names and addresses comes from the API, in Chinese).
 *
 * zh-CN.json is the reference: `Key` is its set of keys, en.json must have exactly the same
 * (checked by the type below and again when the build starts, so a missing translation stops
 * the build instead of showing a raw key to a reader).
 */
import en from './en.json';
import zh from './zh-CN.json';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type Key = keyof typeof zh;

const dictionaries: Record<Lang, Record<Key, string>> = { 'zh-CN': zh, en: en satisfies Record<Key, string> };

const missing = [
  ...Object.keys(zh)
    .filter((k) => !(k in en))
    .map((k) => `en.json lacks "${k}"`),
  ...Object.keys(en)
    .filter((k) => !(k in zh))
    .map((k) => `zh-CN.json lacks "${k}"`),
];
if (missing.length > 0) throw new Error(`The i18n files differ: ${missing.join('; ')}`);

/**
 * Each string with placeholders split once into text and names (`split` with a capturing group
 * puts the names at the odd positions): pages call `t` thousands of times each, and a regular
 * expression run on every call was 2.3 s of a scale-5 build's list pages (issue 16).
 */
const templates: Record<Lang, Map<Key, readonly string[]>> = { 'zh-CN': new Map(), en: new Map() };

function templateOf(lang: Lang, key: Key, text: string): readonly string[] {
  let parts = templates[lang].get(key);
  if (!parts) {
    parts = text.split(/\{(\w+)\}/);
    templates[lang].set(key, parts);
  }
  return parts;
}

/** The text of `key` in `lang`, with `{name}` placeholders replaced by `vars`. */
export function t(lang: Lang, key: Key, vars: Record<string, string | number> = {}): string {
  const text = dictionaries[lang][key];
  if (text === undefined) throw new Error(`No UI string "${key}" in ${lang}`);
  if (!text.includes('{')) return text;
  const parts = templateOf(lang, key, text);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const value = vars[parts[i]];
    if (value === undefined) throw new Error(`UI string "${key}" needs {${parts[i]}}`);
    out += String(value) + parts[i + 1];
  }
  return out;
}

/** The enums the i18n files label, with their values (as the API returns them). */
export interface Enums {
  CertificateType: import('../lib/queries').CertificateType;
  SkillLevel: import('../lib/queries').SkillLevel;
  CourseMode: import('../lib/queries').CourseMode;
  CourseStatus: import('../lib/queries').CourseStatus;
  CourseCategory: import('../lib/queries').CourseCategory;
  Enrolment: import('../lib/queries').Enrolment;
  TargetGroup: import('../lib/queries').TargetGroup;
  InstitutionType: import('../lib/queries').InstitutionType;
  InstitutionStanding: import('../lib/queries').InstitutionStanding;
  AgencyType: import('../lib/queries').AgencyType;
  NoticeStatus: import('../lib/queries').NoticeStatus;
}

/** The label of an enum value, e.g. `label('en', 'SkillLevel', 'LEVEL_4')` → "Level 4 (intermediate worker)". */
export function label<E extends keyof Enums>(lang: Lang, type: E, value: Enums[E]): string {
  return t(lang, `enum.${type}.${value}` as Key);
}

/** The language data from the API is in: names, addresses and messages are Chinese. */
export const DATA_LANG: Lang = 'zh-CN';

/**
 * The `lang` attribute for Chinese data shown on a page in `lang`: set on English pages so
 * screen readers switch voice for names and addresses, left out on Chinese pages.
 */
export function dataLang(lang: Lang): Lang | undefined {
  return lang === DATA_LANG ? undefined : DATA_LANG;
}
