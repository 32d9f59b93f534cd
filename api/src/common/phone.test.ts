import { describe, expect, it } from 'vitest';
import { validatePhone } from './phone';

describe('validatePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['8619912345678', '19912345678'],
    ['0871-63211234', '0871-63211234'],
    ['0871 6321 1234', '0871-63211234'],
    ['(0871)63211234', '0871-63211234'],
    ['010-62345678', '010-62345678'],
    ['0691-2123456-801', '0691-2123456-801'],
  ])('accepts %s as %s', (input, normalized) => {
    expect(validatePhone(input)).toEqual({ valid: true, normalized });
  });
  it.each(['12812345678', '1381234567', '63211234', '0871-0321123', 'call us', '0871-632112345', ''])(
    'refuses %s',
    (input) => {
      expect(validatePhone(input).valid).toBe(false);
    },
  );
});
