/**
 * Mainland China phone numbers as institutions publish them: a mobile number (11 digits
 * starting 13–19, YD/T 2740 numbering) or a landline with its area code (0 + 2–3 digits, then
 * a 7–8 digit local number, e.g. Kunming `0871-6xxxxxxx`), optionally with an extension.
 */

/** The outcome of checking a phone number. */
export type PhoneCheck = { valid: true; normalized: string } | { valid: false; reason: string };

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(0\d{2,3})-?([2-9]\d{6,7})(?:-(\d{1,6}))?$/;

/**
 * Checks and normalises a number: spaces dropped, a `+86`/`86` prefix dropped before a mobile
 * number, a landline written `area-local[-extension]`.
 * @example validatePhone('0871 6321 1234') // { valid: true, normalized: '0871-63211234' }
 * @example validatePhone('+86 138 1234 5678') // { valid: true, normalized: '13812345678' }
 */
export function validatePhone(input: string): PhoneCheck {
  const s = input
    .replace(/[\s\u3000]/g, '')
    .replace(/[（(](\d+)[）)]/, '$1-')
    .replace(/—|－/g, '-');
  const mobile = s.replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (MOBILE.test(mobile)) return { valid: true, normalized: mobile };
  const m = LANDLINE.exec(s);
  if (m) return { valid: true, normalized: `${m[1]}-${m[2]}${m[3] ? `-${m[3]}` : ''}` };
  return {
    valid: false,
    reason:
      'expected a mainland mobile number (11 digits, e.g. 13812345678) or a landline with its area code (e.g. 0871-63211234)',
  };
}
