import { describe, expect, it } from 'vitest';
import { COMPOUND_SURNAMES, MaskingError, isMaskedName, isMaskedResidentId, maskName, maskResidentId } from './masking';
import { residentIdCheckDigit } from './resident-id';

const KUNMING_ID = `53010219900101123${residentIdCheckDigit('53010219900101123')}`;

describe('maskName (云人社通〔2022〕50号 (十九): notices are public, names only masked)', () => {
  it.each([
    ['张三', '张*'],
    ['李小龙', '李**'],
    ['欧阳娜娜', '欧阳**'],
    ['欧阳娜', '欧阳*'],
    ['司马相如', '司马**'],
    ['诸葛亮', '诸葛*'],
    ['上官婉儿', '上官**'],
    ['阿卜杜·热合曼', '阿******'],
    ['买买提•艾力', '买*****'],
    ['  王芳 ', '王*'],
  ])('50号 (十九): %s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
    expect(isMaskedName(masked)).toBe(true);
  });

  it('50号 (十九): every listed compound surname is kept, whatever the name length', () => {
    for (const surname of COMPOUND_SURNAMES) {
      expect(maskName(`${surname}明`)).toBe(`${surname}*`);
      expect(maskName(`${surname}明月`)).toBe(`${surname}**`);
      expect(maskName(`${surname}明月光`)).toBe(`${surname}***`);
    }
  });

  it('50号 (十九): a two-character name is never left unmasked, even if it reads as a compound surname', () => {
    expect(maskName('东方')).toBe('东*');
    expect(maskName('西门')).toBe('西*');
  });

  it('50号 (十九): names that merely start like a compound surname keep one character', () => {
    expect(maskName('欧明')).toBe('欧*');
    expect(maskName('上明月')).toBe('上**');
    // 司空 is a real compound surname but not on the list: the safe error is to hide more.
    expect(maskName('司空明')).toBe('司**');
  });

  it('50号 (十九): a minority name with · keeps only the first character, even after a compound-like start', () => {
    expect(maskName('欧阳·古丽')).toBe('欧****');
  });

  it('50号 (十九): characters outside the BMP count as one character each', () => {
    // 𠈌 is a CJK Extension B character (two UTF-16 code units).
    expect(maskName('𠈌小明')).toBe('𠈌**');
    expect(maskName('张𠈌')).toBe('张*');
  });

  it('50号 (十九): masking is idempotent', () => {
    for (const name of ['张三', '欧阳娜娜', '阿卜杜·热合曼', '东方']) {
      const once = maskName(name);
      expect(maskName(once)).toBe(once);
    }
  });

  it('50号 (十九): an empty or one-character name cannot be masked', () => {
    expect(() => maskName('')).toThrow(MaskingError);
    expect(() => maskName('   ')).toThrow(MaskingError);
    expect(() => maskName('张')).toThrow(MaskingError);
  });

  it.each(['张三', '欧阳娜娜', '张三*', '*三', '张', '', '*', '**', '欧阳', ' *', '李 *'])(
    '50号 (十九): isMaskedName(%j) is false for anything unmasked or malformed',
    (s) => {
      expect(isMaskedName(s)).toBe(false);
    },
  );
});

describe('maskResidentId (GB 11643-1999, first 6 + last 4)', () => {
  it('GB 11643-1999: keeps the county code and the last four, hides the birth date', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
    expect(maskResidentId(KUNMING_ID)).toBe(`530102********123${KUNMING_ID[17]}`);
    expect(isMaskedResidentId(maskResidentId(KUNMING_ID))).toBe(true);
  });

  it('GB 11643-1999: a lower-case x is published as X', () => {
    expect(maskResidentId('11010519491231002x')).toBe('110105********002X');
  });

  it('GB 11643-1999: an invalid number is refused, the error names the rule and not the number', () => {
    const wrong = '110105194912310021';
    expect(() => maskResidentId(wrong)).toThrow(MaskingError);
    try {
      maskResidentId(wrong);
    } catch (e) {
      expect((e as Error).message).toContain('GB 11643-1999');
      expect((e as Error).message).toContain('expected X');
      expect((e as Error).message).not.toContain('19491231');
      expect((e as Error).name).toBe('MaskingError');
    }
  });

  it.each(['11010519490230002X', '110105491231002', '', '110105********002X'])(
    'GB 11643-1999: %j cannot be masked',
    (id) => {
      expect(() => maskResidentId(id)).toThrow(MaskingError);
    },
  );

  it.each([
    ['530102********123X', true],
    ['530102********1234', true],
    ['53010219900101123X', false],
    ['530102*******0123X', false],
    ['530102********123x', false],
    ['5301021********23X', false],
    ['', false],
  ])('GB 11643-1999: isMaskedResidentId(%j) → %s', (s, expected) => {
    expect(isMaskedResidentId(s)).toBe(expected);
  });
});
