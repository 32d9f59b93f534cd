import { describe, expect, it } from 'vitest';
import { sliceRecords } from './record-ids';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('sliceRecords', () => {
  it('keeps every record once, in order, in ⌈records ÷ size⌉ slices of at most size + 1', () => {
    const all = { courses: ids('c', 75_001), notices: ids('n', 64_999) };
    const slices = sliceRecords(all, 20_000);
    expect(slices).toHaveLength(7);
    expect(slices.flatMap((s) => s.courses)).toEqual(all.courses);
    expect(slices.flatMap((s) => s.notices)).toEqual(all.notices);
    for (const s of slices) expect(s.courses.length + s.notices.length).toBeLessThanOrEqual(20_001);
  });

  it('shares the notices evenly: no slice has more than one notice above another', () => {
    const counts = sliceRecords({ courses: ids('c', 10), notices: ids('n', 23) }, 7).map((s) => s.notices.length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('matches its example', () => {
    expect(sliceRecords({ courses: ['a', 'b', 'c'], notices: ['x'] }, 2)).toEqual([
      { courses: ['a'], notices: [] },
      { courses: ['b', 'c'], notices: ['x'] },
    ]);
  });

  it('gives no slice for no records, and refuses a size that is not a whole number ≥ 1', () => {
    expect(sliceRecords({ courses: [], notices: [] }, 5)).toEqual([]);
    expect(() => sliceRecords({ courses: ['a'], notices: [] }, 0)).toThrow(
      /slice size must be a whole number ≥ 1, got 0/,
    );
  });
});
