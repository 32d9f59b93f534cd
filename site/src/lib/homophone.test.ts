import { describe, expect, it } from 'vitest';
import { needsPinyinFallback, occupationsFilter, queryPinyin, soundsLike, syllableTable } from './homophone';

// A slice of the build's table (pages/pinyin-syllables.json.ts writes all of GB 2312).
const table = syllableTable({
  han: '焊汉',
  gong: '工功公',
  yang: '养阳',
  lao: '老佬',
  hu: '护户',
  li: '理里',
  yuan: '员园',
  dian: '电',
});

describe('the pinyin of a query', () => {
  it('writes each Chinese character as its syllable, run together like namePinyinJoined', () => {
    expect(queryPinyin('焊功', table)).toBe('hangong');
    expect(queryPinyin('养佬护理员', table)).toBe('yanglaohuliyuan');
  });

  it('leaves out digits, Latin letters and punctuation, and gives up on a character it does not know', () => {
    expect(queryPinyin('焊功 4 级', table)).toBeNull();
    expect(queryPinyin('焊功 4', table)).toBe('hangong');
    expect(queryPinyin('hangong', table)).toBeNull();
    expect(queryPinyin('', table)).toBeNull();
  });

  it('keeps the first syllable listed for a character and ignores malformed table entries', () => {
    const t = syllableTable({ chang: '长', zhang: '长', 'x y': '工', bad: 7 as unknown as string });
    expect(t.get('长')).toBe('chang');
    expect(t.has('工')).toBe(false);
  });
});

describe('when to try the pinyin', () => {
  const welding = {
    occupationName: '焊工',
    title: '焊工（五级）培训班',
    prefectureName: '昆明市',
    countyName: '五华区',
    aliases: ['电焊工'],
    institutionName: '某校',
  };

  it('tries it for a Chinese query that found nothing', () => {
    expect(needsPinyinFallback('焊功', 0, undefined)).toBe(true);
  });

  it('tries it when the best class lacks a typed character (part of the query was dropped)', () => {
    expect(
      needsPinyinFallback('养佬护理员', 40, { occupationName: '养老护理员', title: '养老护理员（四级）培训班' }),
    ).toBe(true);
  });

  it('keeps the direct results when the best class holds every typed character, in any field', () => {
    expect(needsPinyinFallback('焊工', 12, welding)).toBe(false);
    expect(needsPinyinFallback('昆明 电焊工', 12, welding)).toBe(false);
  });

  it('never tries it for pinyin or Latin queries (the index has the pinyin already)', () => {
    expect(needsPinyinFallback('hangong', 0, undefined)).toBe(false);
    expect(needsPinyinFallback('C1', 0, undefined)).toBe(false);
  });
});

describe('occupations that sound like the query', () => {
  const hits = [
    { code: '6-18-02-04', name: '焊工', namePinyinJoined: 'hangong' },
    { code: '6-31-01-03', name: '电工', namePinyinJoined: 'diangong' },
    { code: 'x', name: '汉语工作者', namePinyinJoined: 'hanyugongzuozhe' },
  ];

  it('keeps only names holding the whole pinyin, and filters their classes', () => {
    expect(soundsLike(hits, 'hangong').map((h) => h.name)).toEqual(['焊工']);
    expect(soundsLike(hits, 'diangong').map((h) => h.code)).toEqual(['6-31-01-03']);
    expect(occupationsFilter(['6-18-02-04', '6-31-01-03'])).toBe('occupationCode IN ["6-18-02-04", "6-31-01-03"]');
  });
});
