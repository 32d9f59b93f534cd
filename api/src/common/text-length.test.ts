import { describe, expect, it } from 'vitest';
import { charLength, checkTextLengths } from './text-length';

describe('checkTextLengths', () => {
  it('refuses text longer than its column, naming the field and the limit', () => {
    expect(checkTextLengths([{ field: 'reason', value: 'x'.repeat(513), max: 512 }])).toEqual([
      { field: 'reason', rule: 'text.length', message: 'reason: at most 512 characters, got 513', clause: null },
    ]);
  });

  it('accepts text up to the limit, trimmed as it is stored, and absent values', () => {
    expect(
      checkTextLengths([
        { field: 'reason', value: `  ${'撤'.repeat(512)}  `, max: 512 },
        { field: 'document', value: null, max: 64 },
        { field: 'address', value: undefined, max: 64 },
      ]),
    ).toEqual([]);
  });

  it('counts characters as PostgreSQL does: one per code point, astral ones included', () => {
    expect(charLength('𠀀𠀁')).toBe(2);
    expect(checkTextLengths([{ field: 'summary', value: '𠀀'.repeat(4), max: 4 }])).toEqual([]);
  });
});
