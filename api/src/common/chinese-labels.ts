/**
 * Skill levels and certificate types as bureaus write them in their tables, and as the enums
 * spell them: what every importer reads.
 */
import { CertificateType, SkillLevel } from './enums';

/** 五级/初级工 … 一级/高级技师, 无; or the enum value itself. */
export const SKILL_LEVEL_NAMES: Readonly<Record<string, SkillLevel>> = {
  五级: SkillLevel.LEVEL_5, 初级工: SkillLevel.LEVEL_5, 四级: SkillLevel.LEVEL_4, 中级工: SkillLevel.LEVEL_4,
  三级: SkillLevel.LEVEL_3, 高级工: SkillLevel.LEVEL_3, 二级: SkillLevel.LEVEL_2, 技师: SkillLevel.LEVEL_2,
  一级: SkillLevel.LEVEL_1, 高级技师: SkillLevel.LEVEL_1, 无: SkillLevel.NONE, 无等级: SkillLevel.NONE,
  ...Object.fromEntries(Object.values(SkillLevel).map((v) => [v, v])),
};

/** The five certificate types of 8号 三(十一) by their Chinese names; or the enum value itself. */
export const CERTIFICATE_TYPE_NAMES: Readonly<Record<string, CertificateType>> = {
  职业资格证书: CertificateType.VOCATIONAL_QUALIFICATION, 职业技能等级证书: CertificateType.SKILL_LEVEL, 专项职业能力证书: CertificateType.SPECIAL_ABILITY,
  特种作业证书: CertificateType.SPECIAL_OPERATION, 培训合格证书: CertificateType.TRAINING_QUALIFIED,
  ...Object.fromEntries(Object.values(CertificateType).map((c) => [c, c])),
};
