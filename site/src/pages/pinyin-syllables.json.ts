/**
 * `/pinyin-syllables.json`: the 6,763 characters of GB 2312 (the ones Chinese phone keyboards
 * offer first) by toneless pinyin syllable, `{ "gong": "工攻功…", … }`, written at build time
 * with pinyin-pro (the same library that writes the index's pinyin). The course finder fetches
 * it only when a Chinese query needs the homophone fallback (lib/homophone.ts): about 17 KB gzip,
 * where pinyin-pro itself would add about 140 KB to the finder's script.
 */
import type { APIRoute } from 'astro';
import { pinyin } from 'pinyin-pro';

/** Every character of GB 2312's two levels (rows 0xB0–0xF7, cells 0xA1–0xFE). */
function gb2312Characters(): string[] {
  const decoder = new TextDecoder('gb18030');
  const chars: string[] = [];
  for (let row = 0xb0; row <= 0xf7; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const ch = decoder.decode(new Uint8Array([row, cell]));
      if (/\p{Script=Han}/u.test(ch)) chars.push(ch);
    }
  }
  return chars;
}

export const GET: APIRoute = () => {
  const bySyllable: Record<string, string> = {};
  for (const ch of gb2312Characters()) {
    // A character's commonest reading, spelt as the index spells it (ü as v, see search/src/pinyin.ts).
    const syllable = pinyin(ch, { toneType: 'none', type: 'array' })[0].toLowerCase().replace(/ü/g, 'v');
    if (/^[a-z]{1,6}$/.test(syllable)) bySyllable[syllable] = (bySyllable[syllable] ?? '') + ch;
  }
  return new Response(JSON.stringify(bySyllable), { headers: { 'content-type': 'application/json' } });
};
