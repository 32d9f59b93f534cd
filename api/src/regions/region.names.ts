/**
 * Short names of the 16 州市 as the source tables print them (昆明市 → 昆明, 楚雄彝族自治州 →
 * 楚雄, 西双版纳傣族自治州 → 西双版纳 or 版纳). Data, keyed by GB/T 2260 code.
 */
export const PREFECTURE_STEMS: Readonly<Record<string, readonly string[]>> = {
  '530100': ['昆明'],
  '530300': ['曲靖'],
  '530400': ['玉溪'],
  '530500': ['保山'],
  '530600': ['昭通'],
  '530700': ['丽江'],
  '530800': ['普洱'],
  '530900': ['临沧'],
  '532300': ['楚雄'],
  '532500': ['红河'],
  '532600': ['文山'],
  '532800': ['西双版纳', '版纳'],
  '532900': ['大理'],
  '533100': ['德宏'],
  '533300': ['怒江'],
  '533400': ['迪庆'],
};

/**
 * The 州市 code a printed label names, or null.
 * @example prefectureCodeOf('版纳州') === '532800'
 */
export function prefectureCodeOf(label: string): string | null {
  for (const [code, stems] of Object.entries(PREFECTURE_STEMS)) {
    if (stems.some((s) => label.startsWith(s))) return code;
  }
  return null;
}
