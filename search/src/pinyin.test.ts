import { describe, expect, it } from 'vitest';
import { hasHan, levelsAsChinese, pinyinForms, spaceMixedScripts } from './pinyin';

describe('pinyinForms', () => {
  it('gives full, joined and initials for an occupation name', () => {
    expect(pinyinForms('养老护理员')).toEqual({
      full: 'yang lao hu li yuan',
      joined: 'yanglaohuliyuan',
      initials: 'ylhly',
    });
    expect(pinyinForms('西双版纳').joined).toBe('xishuangbanna');
  });

  it('keeps digits and Latin letters, drops punctuation and tones, writes ü as v', () => {
    expect(pinyinForms('茶艺师（五级）')).toEqual({
      full: 'cha yi shi wu ji',
      joined: 'chayishiwuji',
      initials: 'cysw j'.replace(' ', ''),
    });
    expect(pinyinForms('C1驾照').joined).toBe('c1jiazhao');
    expect(pinyinForms('绿化工').joined).toBe('lvhuagong');
  });
});

describe('spaceMixedScripts', () => {
  it('separates Chinese from digits and Latin letters', () => {
    expect(spaceMixedScripts('电工3级')).toBe('电工 3 级');
    expect(spaceMixedScripts('C1驾照')).toBe('C1 驾照');
    expect(spaceMixedScripts('养老护理员')).toBe('养老护理员');
    expect(spaceMixedScripts('  yang  lao ')).toBe('yang lao');
  });

  it('tells Chinese text apart', () => {
    expect(hasHan('yanglao')).toBe(false);
    expect(hasHan('C1驾照')).toBe(true);
  });
});

describe('levelsAsChinese', () => {
  it('writes levels 1–5 typed as digits in Chinese, and nothing else', () => {
    expect(levelsAsChinese('焊工4级')).toBe('焊工四级');
    expect(levelsAsChinese('养老护理员 5 级')).toBe('养老护理员 五级');
    expect(levelsAsChinese('C1驾照')).toBe('C1驾照');
    expect(levelsAsChinese('6级')).toBe('6级');
  });
});
