import { describe, expect, it } from 'vitest';
import en from './en.json';
import zh from './zh-CN.json';
import { LANGS, t, type Key } from './index';

describe('t', () => {
  it('gives a string without placeholders as it is', () => {
    expect(t('en', 'nav.home')).toBe('Home');
  });

  it('fills every placeholder, the same on a second call (the split template is kept)', () => {
    for (let i = 0; i < 2; i++)
      expect(t('en', 'course.hoursValue', { total: 120, perDay: 8 })).toBe('120 class hours in all, 8 a day');
    expect(t('en', 'common.dateRange', { from: '1 May', to: '' })).toBe('1 May to ');
  });

  it('names the placeholder a call left out', () => {
    expect(() => t('en', 'common.dateRange', { from: '1 May' })).toThrow('UI string "common.dateRange" needs {to}');
  });

  it('gives every string of both languages as the old regular expression did', () => {
    const dictionaries = { 'zh-CN': zh, en } as Record<(typeof LANGS)[number], Record<string, string>>;
    for (const lang of LANGS)
      for (const [key, text] of Object.entries(dictionaries[lang])) {
        const vars: Record<string, string> = {};
        for (const [, name] of text.matchAll(/\{(\w+)\}/g)) vars[name] = `<${name}>`;
        expect(t(lang, key as Key, vars), key).toBe(text.replace(/\{(\w+)\}/g, (_w, name: string) => vars[name]));
      }
  });
});
