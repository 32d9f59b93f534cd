import { pinyin } from 'pinyin-pro';

/** The three pinyin spellings people type for a Chinese name. */
export interface PinyinForms {
  /** Syllables separated by spaces: `yang lao hu li yuan`. */
  full: string;
  /** Syllables run together: `yanglaohuliyuan`. */
  joined: string;
  /** First letters: `ylhly`. */
  initials: string;
}

const HAN = /\p{Script=Han}/u;

/**
 * Pinyin of the Chinese characters in `text` (tones dropped; digits and Latin letters kept,
 * lower-cased; punctuation dropped).
 * @example pinyinForms('养老护理员') // { full: 'yang lao hu li yuan', joined: 'yanglaohuliyuan', initials: 'ylhly' }
 */
export function pinyinForms(text: string): PinyinForms {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .map((s) =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9ü]/g, '')
        .replace(/ü/g, 'v'),
    )
    .filter(Boolean);
  const initials = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .join('');
  return { full: syllables.join(' '), joined: syllables.join(''), initials };
}

/** Whether `text` contains a Chinese character. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

const LEVEL_DIGITS = ['', '一', '二', '三', '四', '五'];

/**
 * Writes skill levels typed with digits the way titles print them: `焊工4级` → `焊工四级`
 * (levels run from 一级 to 五级; other numbers are left alone).
 * @example levelsAsChinese('养老护理员 4 级') === '养老护理员 四级'
 */
export function levelsAsChinese(text: string): string {
  return text.replace(/([1-5])\s*级/g, (_m, d: string) => `${LEVEL_DIGITS[Number(d)]}级`);
}

/**
 * Puts a space wherever Chinese meets digits or Latin letters, so that Meilisearch 1.21 (which
 * splits such mixed runs character by character) sees whole words: `电工3级` → `电工 3 级`.
 * @example spaceMixedScripts('C1驾照') === 'C1 驾照'
 */
export function spaceMixedScripts(text: string): string {
  return text
    .replace(/(\p{Script=Han})([A-Za-z0-9])/gu, '$1 $2')
    .replace(/([A-Za-z0-9])(\p{Script=Han})/gu, '$1 $2')
    .replace(/\s+/g, ' ')
    .trim();
}
