import { describe, expect, it } from 'vitest';
import { looksLikeExcelNumber } from './excel-numbers';

describe('ID numbers Excel stored as numbers (15 significant digits)', () => {
  it.each([
    '5.30102199001011E+17',
    '5.30102E+17',
    '5.30102e17',
    '530102199001011000',
    '530102199001010000',
    '530102199001011000.0',
  ])('recognises %s', (cell) => {
    expect(looksLikeExcelNumber(cell)).toBe(true);
  });
  it.each(['530102199001011234', '53010219900101123X', '11010519491231002X', '123', '', 'E+17', '530102199001011'])(
    'leaves %s alone',
    (cell) => {
      expect(looksLikeExcelNumber(cell)).toBe(false);
    },
  );
});
