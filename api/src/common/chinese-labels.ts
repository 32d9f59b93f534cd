/**
 * Skill levels and certificate types as bureaus write them in their tables, and as the enums
 * spell them: what every importer reads.
 */
import { CertificateType, CourseCategory, CourseMode, Enrolment, SkillLevel, TargetGroup } from './enums';

/** 五级/初级工 … 一级/高级技师, 无; or the enum value itself. */
export const SKILL_LEVEL_NAMES: Readonly<Record<string, SkillLevel>> = {
  五级: SkillLevel.LEVEL_5,
  初级工: SkillLevel.LEVEL_5,
  四级: SkillLevel.LEVEL_4,
  中级工: SkillLevel.LEVEL_4,
  三级: SkillLevel.LEVEL_3,
  高级工: SkillLevel.LEVEL_3,
  二级: SkillLevel.LEVEL_2,
  技师: SkillLevel.LEVEL_2,
  一级: SkillLevel.LEVEL_1,
  高级技师: SkillLevel.LEVEL_1,
  无: SkillLevel.NONE,
  无等级: SkillLevel.NONE,
  ...Object.fromEntries(Object.values(SkillLevel).map((v) => [v, v])),
};

/** The five certificate types of 8号 三(十一) by their Chinese names; or the enum value itself. */
export const CERTIFICATE_TYPE_NAMES: Readonly<Record<string, CertificateType>> = {
  职业资格证书: CertificateType.VOCATIONAL_QUALIFICATION,
  职业技能等级证书: CertificateType.SKILL_LEVEL,
  专项职业能力证书: CertificateType.SPECIAL_ABILITY,
  特种作业证书: CertificateType.SPECIAL_OPERATION,
  培训合格证书: CertificateType.TRAINING_QUALIFIED,
  ...Object.fromEntries(Object.values(CertificateType).map((c) => [c, c])),
};

/** The target groups of 云政发〔2021〕28号 and the 2021/2022 notices by their Chinese names; or the enum value itself. */
export const TARGET_GROUP_NAMES: Readonly<Record<string, TargetGroup>> = {
  脱贫劳动力: TargetGroup.POVERTY_ALLEVIATED,
  退捕渔民: TargetGroup.RETIRED_FISHERS,
  易地搬迁劳动力: TargetGroup.RELOCATED_LABOUR,
  高校毕业生: TargetGroup.COLLEGE_GRADUATES,
  退役军人: TargetGroup.VETERANS,
  残疾人: TargetGroup.DISABLED,
  农民工: TargetGroup.MIGRANT_WORKERS,
  企业职工: TargetGroup.ENTERPRISE_STAFF,
  两后生: TargetGroup.NON_PROGRESSING_GRADUATES,
  生态护林员: TargetGroup.FOREST_RANGERS,
  失业人员: TargetGroup.UNEMPLOYED,
  ...Object.fromEntries(Object.values(TargetGroup).map((v) => [v, v])),
};

/** 线下, 线上, 线上线下结合; or the enum value itself. */
export const COURSE_MODE_NAMES: Readonly<Record<string, CourseMode>> = {
  线下: CourseMode.OFFLINE,
  线下培训: CourseMode.OFFLINE,
  线上: CourseMode.ONLINE,
  线上培训: CourseMode.ONLINE,
  线上线下结合: CourseMode.MIXED,
  线上线下: CourseMode.MIXED,
  ...Object.fromEntries(Object.values(CourseMode).map((v) => [v, v])),
};

/** 技能培训 or 创业培训 (SIYB/马兰花, its own class cap); or the enum value itself. */
export const COURSE_CATEGORY_NAMES: Readonly<Record<string, CourseCategory>> = {
  技能培训: CourseCategory.SKILLS,
  职业技能培训: CourseCategory.SKILLS,
  创业培训: CourseCategory.ENTREPRENEURSHIP,
  ...Object.fromEntries(Object.values(CourseCategory).map((v) => [v, v])),
};

/** 面向社会 or 本企业职工; or the enum value itself. */
export const ENROLMENT_NAMES: Readonly<Record<string, Enrolment>> = {
  面向社会: Enrolment.PUBLIC,
  社会招生: Enrolment.PUBLIC,
  本企业职工: Enrolment.OWN_STAFF,
  企业内部: Enrolment.OWN_STAFF,
  ...Object.fromEntries(Object.values(Enrolment).map((v) => [v, v])),
};

/** Yes and no as tables write them (是/否, Y/N, 1/0); null for anything else. @example yesNo('是') === true */
export function yesNo(cell: string): boolean | null {
  const v = cell.trim().toLowerCase();
  if (['是', 'y', 'yes', 'true', '1'].includes(v)) return true;
  if (['否', 'n', 'no', 'false', '0', ''].includes(v)) return false;
  return null;
}
