/**
 * Rules on the published training targets (任务计划), e.g. the annex tables of
 * 云人社通〔2022〕8号. Pure: plain data in, numbers or `RuleCheck`s out.
 */

import { Clause, DOCUMENTS, RuleCheck } from '../common/rule-check';

/** Persons per unit of the units the annex tables use. */
export const UNIT_MULTIPLIERS: Readonly<Record<string, number>> = {
  万人次: 10_000,
  万人: 10_000,
  人次: 1,
  人: 1,
};

/**
 * Converts a published target such as `'15.50'` 万人次 to persons, with exact decimal
 * arithmetic on the digits as printed: in floating point `0.28 * 10000` (昆明市's 大学生技能培训 in
 * 8号 附件1) is `2800.0000000000005`, and a journalist comparing sums must get whole people.
 * Throws a `RangeError` for an unknown unit, a malformed number (signs, separators, exponents)
 * or a value that is not a whole number of persons (`'0.12345'` 万人).
 *
 * @example toPersons('15.50', '万人次') === 155000
 * @example toPersons('0.85', '万人次') === 8500
 * @example toPersons('17240', '人次') === 17240
 */
export function toPersons(value: string, unit: '万人次' | '万人' | '人次' | '人' | string): number {
  const multiplier = Object.hasOwn(UNIT_MULTIPLIERS, unit) ? UNIT_MULTIPLIERS[unit] : undefined;
  if (multiplier === undefined)
    throw new RangeError(`unknown unit ${JSON.stringify(unit)}: expected 万人次, 万人, 人次 or 人`);
  const m = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new RangeError(`not a published number: ${JSON.stringify(value)}`);
  const fraction = m[2] ?? '';
  const scaled = BigInt(m[1] + fraction) * BigInt(multiplier);
  const divisor = 10n ** BigInt(fraction.length);
  if (scaled % divisor !== 0n) throw new RangeError(`${value} ${unit} is not a whole number of persons`);
  const persons = scaled / divisor;
  if (persons > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${value} ${unit} is too large`);
  return Number(persons);
}

/**
 * Provincial project plans must be at least 60 % graded-certificate training:
 * “等级证书类培训比例不得低于总计划的60%” (云人社通〔2022〕8号 附件4 说明).
 */
export const MIN_PROJECT_CERTIFICATE_PERCENT: { readonly value: number; readonly clause: Clause } = {
  value: 60,
  clause: { document: DOCUMENTS.NOTICE_2022_8, clause: '附件4 说明' },
};

/** Share in percent, rounded down to one decimal so that 59.96 % never displays as 60 %. */
function percent(part: number, whole: number): string {
  return `${Math.floor((part * 1000) / whole) / 10}%`;
}

/**
 * Checks a provincial project unit's plan (rule id `project.certificate-share`): at least 60 %
 * of its trainees in graded-certificate (等级证书类) classes. Compared in whole numbers, so 60 %
 * exactly passes. A plan of 0 passes (nothing planned, nothing to share). Throws a `RangeError`
 * for negative or fractional counts or more certificate trainees than trainees.
 *
 * @example checkProjectCertificateShare({ certificateClassTrainees: 6000, totalTrainees: 10000 }).passed === true
 */
export function checkProjectCertificateShare(facts: {
  certificateClassTrainees: number;
  totalTrainees: number;
}): RuleCheck {
  const { certificateClassTrainees: cert, totalTrainees: total } = facts;
  for (const [name, n] of [
    ['certificateClassTrainees', cert],
    ['totalTrainees', total],
  ] as const) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${n}`);
  }
  if (cert > total) throw new RangeError(`certificateClassTrainees (${cert}) exceeds totalTrainees (${total})`);
  const { value: min, clause } = MIN_PROJECT_CERTIFICATE_PERCENT;
  const base = { ruleId: 'project.certificate-share', clause };
  if (total === 0) {
    return {
      ...base,
      passed: true,
      message: `计划培训0人次，${min}%的等级证书类比例要求不适用`,
      messageEn: `No trainees planned: the ${min}% graded-certificate share does not apply.`,
    };
  }
  const passed = cert * 100 >= total * min;
  const share = percent(cert, total);
  return {
    ...base,
    passed,
    message: passed
      ? `等级证书类培训${cert}人次，占总计划${total}人次的${share}，达到规定的${min}%`
      : `等级证书类培训${cert}人次，占总计划${total}人次的${share}，低于规定的${min}%`,
    messageEn: passed
      ? `${cert} of ${total} planned trainees (${share}) in graded-certificate classes, meeting the required ${min}%.`
      : `${cert} of ${total} planned trainees (${share}) in graded-certificate classes, below the required ${min}%.`,
  };
}
