import { describe, expect, it } from 'vitest';
import { Prng } from './prng';

const draws = (rng: Prng, n = 50) => Array.from({ length: n }, () => rng.int(0, 1_000_000));

describe('Prng', () => {
  it('the same seed gives the same sequence', () => {
    expect(draws(new Prng(20220211))).toEqual(draws(new Prng(20220211)));
    const a = new Prng(7);
    const b = new Prng(7);
    for (let i = 0; i < 20; i++) expect(a.float()).toBe(b.float());
  });

  it('different seeds give different sequences', () => {
    expect(draws(new Prng(1))).not.toEqual(draws(new Prng(2)));
    expect(draws(new Prng(0))).not.toEqual(draws(new Prng(1)));
  });

  it('a known seed gives a fixed sequence (pins the algorithm: demo data must not change silently)', () => {
    expect(draws(new Prng(42), 5)).toEqual([246790, 405115, 960320, 381752, 69889]);
  });

  it('int stays within its inclusive bounds and reaches both ends', () => {
    const rng = new Prng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(-2, 3);
      expect(n).toBeGreaterThanOrEqual(-2);
      expect(n).toBeLessThanOrEqual(3);
      seen.add(n);
    }
    expect([...seen].sort((x, y) => x - y)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(rng.int(5, 5)).toBe(5);
    expect(() => rng.int(2, 1)).toThrow(RangeError);
    expect(() => rng.int(0.5, 1)).toThrow(RangeError);
  });

  it('float is in [0, 1) and roughly uniform', () => {
    const rng = new Prng(4);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = rng.float();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 10_000).toBeGreaterThan(0.47);
    expect(sum / 10_000).toBeLessThan(0.53);
  });

  it('chance honours 0, 1 and a middle probability', () => {
    const rng = new Prng(5);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) {
      expect(rng.chance(0)).toBe(false);
      expect(rng.chance(1)).toBe(true);
      if (rng.chance(0.2)) hits++;
    }
    expect(hits).toBeGreaterThan(1_800);
    expect(hits).toBeLessThan(2_200);
    expect(() => rng.chance(1.5)).toThrow(RangeError);
  });

  it('pick and weighted only return members, weighted respects zero weights and proportions', () => {
    const rng = new Prng(6);
    const items = ['a', 'b', 'c'] as const;
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 6000; i++) {
      expect(items).toContain(rng.pick(items));
      counts[rng.weighted(items, [1, 0, 3])]++;
    }
    expect(counts.b).toBe(0);
    expect(counts.c / counts.a).toBeGreaterThan(2.5);
    expect(counts.c / counts.a).toBeLessThan(3.5);
    expect(() => rng.pick([])).toThrow(RangeError);
    expect(() => rng.weighted(['a'], [0])).toThrow(RangeError);
    expect(() => rng.weighted(['a', 'b'], [1])).toThrow(RangeError);
  });

  it('sample returns k distinct elements and shuffle is a permutation; inputs are untouched', () => {
    const rng = new Prng(8);
    const items = Array.from({ length: 20 }, (_, i) => i);
    const s = rng.sample(items, 7);
    expect(s).toHaveLength(7);
    expect(new Set(s).size).toBe(7);
    for (const x of s) expect(items).toContain(x);
    const sh = rng.shuffle(items);
    expect([...sh].sort((a, b) => a - b)).toEqual(items);
    expect(sh).not.toEqual(items);
    expect(items).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(rng.sample(items, 0)).toEqual([]);
    expect(() => rng.sample(items, 21)).toThrow(RangeError);
  });

  it('fork gives a stream that depends only on the seed and the label', () => {
    const a = new Prng(9);
    const b = new Prng(9);
    draws(b, 100); // drawing from the parent must not change its forks
    expect(draws(a.fork('courses'))).toEqual(draws(b.fork('courses')));
    expect(draws(a.fork('courses').fork(17))).toEqual(draws(b.fork('courses').fork(17)));
    expect(draws(a.fork('courses'))).not.toEqual(draws(a.fork('notices')));
    expect(draws(a.fork('x'))).not.toEqual(draws(a));
    expect(draws(new Prng(9).fork('x'))).not.toEqual(draws(new Prng(10).fork('x')));
    expect(a.fork('courses').key).toBe('9/courses');
  });
});
