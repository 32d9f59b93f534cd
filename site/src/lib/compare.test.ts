import { describe, expect, it } from 'vitest';
import { addId, alignFacts, compareHref, MAX_COMPARE, parseIds, removeId } from './compare';

describe('the compare list', () => {
  it('keeps valid ids once each, in order, at most four', () => {
    expect(parseIds('b,a,b,<x>,,c,d,e')).toEqual(['b', 'a', 'c', 'd']);
    expect(parseIds(null)).toEqual([]);
  });

  it('adds at the end and refuses a fifth rather than dropping one silently', () => {
    expect(addId(['a'], 'b')).toEqual({ ok: true, ids: ['a', 'b'] });
    expect(addId(['a', 'b'], 'a')).toEqual({ ok: true, ids: ['a', 'b'] });
    const full = ['a', 'b', 'c', 'd'];
    expect(full).toHaveLength(MAX_COMPARE);
    expect(addId(full, 'e')).toEqual({ ok: false, reason: 'full', ids: full });
    expect(addId([], 'a b')).toEqual({ ok: false, reason: 'invalid', ids: [] });
    expect(removeId(['a', 'b', 'c'], 'b')).toEqual(['a', 'c']);
  });

  it('links to the compare page in each language', () => {
    expect(compareHref('', ['a', 'b'])).toBe('/compare/?ids=a,b');
    expect(compareHref('/en', [])).toBe('/en/compare/');
  });

  it('lines facts up and marks the ones that differ', () => {
    const rows = alignFacts([
      [
        { key: 'fee', label: '费用', value: '免费' },
        { key: 'hours', label: '课时', value: '120  学时' },
      ],
      [
        { key: 'fee', label: '费用', value: '300 元' },
        { key: 'hours', label: '课时', value: '120 学时' },
        { key: 'platform', label: '平台', value: '云岭职工' },
      ],
    ]);
    expect(rows.map((r) => [r.key, r.differs])).toEqual([
      ['fee', true],
      ['hours', false],
      ['platform', true],
    ]);
    expect(rows[2].values).toEqual([null, '云岭职工']);
  });
});
