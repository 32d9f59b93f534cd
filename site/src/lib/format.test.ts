import { describe, expect, it } from 'vitest';
import { formatNumber, formatYuan } from './format';

describe('numbers', () => {
  it('groups digits as each language reads them, and keeps the sign and decimals', () => {
    expect(formatNumber('en', 1234567)).toBe('1,234,567');
    expect(formatNumber('zh-CN', 1234567)).toBe('1,234,567');
    expect(formatNumber('en', -1200.5)).toBe('-1,200.5');
    expect(formatNumber('en', 0)).toBe('0');
    expect(formatYuan('zh-CN', 1200)).toMatch(/^1,200\s*元$/);
  });

  it('answers a number formatted before the same way, per language, past the numbers it keeps', () => {
    const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    // More distinct numbers than are kept, twice over: the second pass meets both kept and cleared ones.
    for (let round = 0; round < 2; round++)
      for (let n = 990_000; n < 1_015_000; n += 1) expect(formatNumber('en', n)).toBe(grouped(n));
    expect(formatNumber('en', 1500)).toBe('1,500');
    expect(formatNumber('zh-CN', 1500)).toBe(new Intl.NumberFormat('zh-CN').format(1500));
    for (const n of [-0, 0, -0, Number.NaN])
      expect(formatNumber('en', n)).toBe(new Intl.NumberFormat('en-GB').format(n));
  });
});
