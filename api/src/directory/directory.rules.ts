/**
 * Admission of an occupation × certificate type to the annual subsidised occupation directory
 * (年度培训补贴工种目录). Pure: plain data in, a `RuleCheck` out.
 *
 * Reading of 云人社通〔2022〕50号:
 * - (四) “凡国家未出台发布职业标准和省内无评价认定机构的职业资格、技能等级类职业(工种)不予增加”:
 *   for 职业资格 and 职业技能等级 both a national occupational standard and an evaluation
 *   agency in the province are required.
 * - (十三) “对无培训标准、无评价标准、无评价考核机构的职业（工种）不得批准开班”: every class
 *   needs an evaluation (assessment) body. For 专项职业能力, 特种作业 and 培训合格 the training
 *   and evaluation standards are specifications of their own (考核规范, 安全技术培训大纲, the
 *   local training standard), not a national occupational standard, so only the agency is
 *   required of them.
 */

import { CertificateType } from '../common/enums';
import { Clause, DOCUMENTS, RuleCheck } from '../common/rule-check';

/** 50号 (四): admission of 职业资格/技能等级 occupations. */
export const GRADED_ADMISSION_CLAUSE: Clause = { document: DOCUMENTS.NOTICE_2022_50, clause: '(四)' };

/** 50号 (十三): no class without training standard, evaluation standard and evaluation body. */
export const CLASS_OPENING_CLAUSE: Clause = { document: DOCUMENTS.NOTICE_2022_50, clause: '(十三)' };

/**
 * The graded certificates (等级类: 职业资格证书, 职业技能等级证书) that the notices hold to
 * stricter rules: 120 class hours, a national standard, assessment by a separate agency.
 */
export const GRADED_CERTIFICATE_TYPES: readonly CertificateType[] = [
  CertificateType.VOCATIONAL_QUALIFICATION,
  CertificateType.SKILL_LEVEL,
];

/** True for 职业资格证书 and 职业技能等级证书. @example isGradedCertificate(CertificateType.SKILL_LEVEL) === true */
export function isGradedCertificate(type: CertificateType): boolean {
  return GRADED_CERTIFICATE_TYPES.includes(type);
}

/** What admission looks at, for one occupation × certificate type (× level) in Yunnan. */
export interface AdmissionFacts {
  certificateType: CertificateType;
  /** A national occupational standard (国家职业标准) has been published. */
  hasNationalStandard: boolean;
  /** Evaluation agencies recorded in Yunnan for this occupation (× level). */
  agenciesInProvince: number;
}

/** A missing precondition of admission. */
export type AdmissionGap = 'national-standard' | 'evaluation-agency';

/**
 * What is missing for admission, empty when nothing is. The national standard is only required
 * of graded certificates (50号 (四)); an evaluation agency of all (50号 (十三)).
 * Throws a `RangeError` for a negative or fractional agency count.
 *
 * @example admissionGaps({ certificateType: CertificateType.SKILL_LEVEL, hasNationalStandard: false, agenciesInProvince: 2 }) // ['national-standard']
 */
export function admissionGaps(facts: AdmissionFacts): AdmissionGap[] {
  if (!Number.isInteger(facts.agenciesInProvince) || facts.agenciesInProvince < 0) {
    throw new RangeError(`agenciesInProvince must be a whole number ≥ 0, got ${facts.agenciesInProvince}`);
  }
  const gaps: AdmissionGap[] = [];
  if (isGradedCertificate(facts.certificateType) && !facts.hasNationalStandard) gaps.push('national-standard');
  if (facts.agenciesInProvince === 0) gaps.push('evaluation-agency');
  return gaps;
}

/** Plain Chinese for the missing items. @example describeGapsZh(['national-standard', 'evaluation-agency']) === '没有国家职业标准，省内也没有评价机构' */
export function describeGapsZh(gaps: readonly AdmissionGap[]): string {
  if (gaps.length === 2) return '没有国家职业标准，省内也没有评价机构';
  return gaps[0] === 'national-standard' ? '没有国家职业标准' : '省内没有评价机构';
}

/** Plain English for the missing items. @example describeGapsEn(['evaluation-agency']) === 'no evaluation agency in Yunnan' */
export function describeGapsEn(gaps: readonly AdmissionGap[]): string {
  const parts = gaps.map((g) =>
    g === 'national-standard' ? 'no national occupational standard' : 'no evaluation agency in Yunnan',
  );
  return parts.join(' and ');
}

/**
 * Whether an occupation × certificate type may be added to the subsidised occupation directory
 * (rule id `directory.admission`): graded certificates need a national occupational standard
 * and an evaluation agency in the province (50号 (四)); other certificate types need an
 * evaluation agency (50号 (十三)).
 *
 * @example checkDirectoryAdmission({ certificateType: CertificateType.SKILL_LEVEL, hasNationalStandard: true, agenciesInProvince: 3 }).passed === true
 */
export function checkDirectoryAdmission(facts: AdmissionFacts): RuleCheck {
  const graded = isGradedCertificate(facts.certificateType);
  const clause = graded ? GRADED_ADMISSION_CLAUSE : CLASS_OPENING_CLAUSE;
  const gaps = admissionGaps(facts);
  if (gaps.length > 0) {
    return {
      ruleId: 'directory.admission',
      passed: false,
      message: `该职业（工种）${describeGapsZh(gaps)}，不能列入培训补贴目录`,
      messageEn: `The occupation has ${describeGapsEn(gaps)}, so it cannot be added to the subsidised directory.`,
      clause,
    };
  }
  const n = facts.agenciesInProvince;
  return {
    ruleId: 'directory.admission',
    passed: true,
    message: graded
      ? `该职业（工种）有国家职业标准，省内有${n}家评价机构，可以列入培训补贴目录`
      : `该证书类型不要求国家职业标准，省内有${n}家评价机构，可以列入培训补贴目录`,
    messageEn: graded
      ? `The occupation has a national occupational standard and ${n} evaluation agenc${n === 1 ? 'y' : 'ies'} in Yunnan; it may be added to the directory.`
      : `This certificate type needs no national occupational standard; with ${n} evaluation agenc${n === 1 ? 'y' : 'ies'} in Yunnan it may be added to the directory.`,
    clause,
  };
}
