/**
 * The domain's closed vocabularies. Plain TypeScript enums so that rules, entities, the demo
 * generator and the GraphQL layer share one spelling; the GraphQL layer registers them with
 * descriptions in `graphql/enums.ts`.
 */

/** Level of a region in the GB/T 2260 hierarchy. */
export enum RegionLevel {
  PROVINCE = 'PROVINCE',
  PREFECTURE = 'PREFECTURE',
  COUNTY = 'COUNTY',
}

/** Certificate types named by 云人社通〔2022〕8号 三(十一). */
export enum CertificateType {
  /** 职业资格证书 */
  VOCATIONAL_QUALIFICATION = 'VOCATIONAL_QUALIFICATION',
  /** 职业技能等级证书 */
  SKILL_LEVEL = 'SKILL_LEVEL',
  /** 专项职业能力证书 */
  SPECIAL_ABILITY = 'SPECIAL_ABILITY',
  /** 特种作业证书 */
  SPECIAL_OPERATION = 'SPECIAL_OPERATION',
  /** 培训合格证书 */
  TRAINING_QUALIFIED = 'TRAINING_QUALIFIED',
}

/** Skill levels; `NONE` for certificates without a level (专项能力, 特种作业, 合格证). */
export enum SkillLevel {
  /** 五级/初级工 */
  LEVEL_5 = 'LEVEL_5',
  /** 四级/中级工 */
  LEVEL_4 = 'LEVEL_4',
  /** 三级/高级工 */
  LEVEL_3 = 'LEVEL_3',
  /** 二级/技师 */
  LEVEL_2 = 'LEVEL_2',
  /** 一级/高级技师 */
  LEVEL_1 = 'LEVEL_1',
  NONE = 'NONE',
}

/** Kinds of training institution (DOMAIN.md §5). */
export enum InstitutionType {
  /** 技工院校 (技师学院、高级技工学校、技工学校) */
  TECHNICAL_SCHOOL = 'TECHNICAL_SCHOOL',
  /** 职业院校 */
  VOCATIONAL_COLLEGE = 'VOCATIONAL_COLLEGE',
  /** 民办职业培训机构 */
  PRIVATE_TRAINING_INSTITUTION = 'PRIVATE_TRAINING_INSTITUTION',
  /** 企业职工培训中心 */
  ENTERPRISE_TRAINING_CENTRE = 'ENTERPRISE_TRAINING_CENTRE',
  /** 公共实训基地 */
  PUBLIC_TRAINING_BASE = 'PUBLIC_TRAINING_BASE',
  /** 高技能人才培养基地 */
  HIGH_SKILL_BASE = 'HIGH_SKILL_BASE',
  /** 省级项目单位 */
  PROVINCIAL_PROJECT_UNIT = 'PROVINCIAL_PROJECT_UNIT',
}

/** An institution's standing on a given day, derived by `institutionStanding`. */
export enum InstitutionStanding {
  GOOD = 'GOOD',
  /** 黑名单: barred from subsidised training for three years */
  BLACKLISTED = 'BLACKLISTED',
  /** 办学许可被取消 */
  LICENCE_REVOKED = 'LICENCE_REVOKED',
}

/** Kinds of evaluation agency (DOMAIN.md §6). */
export enum AgencyType {
  /** 用人单位评价组织 (assesses its own staff) */
  EMPLOYER = 'EMPLOYER',
  /** 社会培训评价组织 */
  SOCIAL_TRAINING_EVALUATOR = 'SOCIAL_TRAINING_EVALUATOR',
  /** 技工院校 (assesses its own students) */
  TECHNICAL_SCHOOL = 'TECHNICAL_SCHOOL',
  /** 职业技能鉴定机构 */
  SKILL_APPRAISAL_CENTRE = 'SKILL_APPRAISAL_CENTRE',
}

/** How a class is taught. */
export enum CourseMode {
  OFFLINE = 'OFFLINE',
  ONLINE = 'ONLINE',
  MIXED = 'MIXED',
}

/** Skills training, or entrepreneurship training (SIYB/马兰花), which has its own class cap. */
export enum CourseCategory {
  SKILLS = 'SKILLS',
  ENTREPRENEURSHIP = 'ENTREPRENEURSHIP',
}

/** Who may enrol: the public, or only the running company's own staff (企业职工培训中心). */
export enum Enrolment {
  PUBLIC = 'PUBLIC',
  OWN_STAFF = 'OWN_STAFF',
}

/** A class's state on a given day, derived by `courseStatus`. */
export enum CourseStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  FINISHED = 'FINISHED',
  CANCELLED = 'CANCELLED',
}

/**
 * Whether a worker can join a class on a given day, derived by `enrolmentStatus`
 * (`courses/course-status.rules.ts`); never stored.
 */
export enum EnrolmentStatus {
  /** 报名中: starts after today, places left, enrolment still open */
  ENROLLING = 'ENROLLING',
  /** 已满员: starts after today, no place left */
  FULL = 'FULL',
  /** 报名已截止: starts after today, but the enrolment deadline has passed */
  ENROLMENT_CLOSED = 'ENROLMENT_CLOSED',
  /** 进行中 */
  RUNNING = 'RUNNING',
  /** 已结束 */
  FINISHED = 'FINISHED',
  /** 已取消 */
  CANCELLED = 'CANCELLED',
}

/** Target groups of 云政发〔2021〕28号 and the 2021/2022 notices. */
export enum TargetGroup {
  /** 脱贫劳动力 */
  POVERTY_ALLEVIATED = 'POVERTY_ALLEVIATED',
  /** 退捕渔民 */
  RETIRED_FISHERS = 'RETIRED_FISHERS',
  /** 易地搬迁劳动力 */
  RELOCATED_LABOUR = 'RELOCATED_LABOUR',
  /** 高校毕业生 */
  COLLEGE_GRADUATES = 'COLLEGE_GRADUATES',
  /** 退役军人 */
  VETERANS = 'VETERANS',
  /** 残疾人 */
  DISABLED = 'DISABLED',
  /** 农民工 */
  MIGRANT_WORKERS = 'MIGRANT_WORKERS',
  /** 企业职工 */
  ENTERPRISE_STAFF = 'ENTERPRISE_STAFF',
  /** 两后生 */
  NON_PROGRESSING_GRADUATES = 'NON_PROGRESSING_GRADUATES',
  /** 生态护林员 */
  FOREST_RANGERS = 'FOREST_RANGERS',
  /** 失业人员 */
  UNEMPLOYED = 'UNEMPLOYED',
}

/** Status of a subsidy disclosure notice. */
export enum NoticeStatus {
  /** 公示中 */
  IN_OBJECTION_PERIOD = 'IN_OBJECTION_PERIOD',
  /** 公示期满 */
  CLOSED = 'CLOSED',
  /** 已撤回 */
  WITHDRAWN = 'WITHDRAWN',
}

/** Where an objection (异议) to a notice stands. */
export enum ObjectionStatus {
  /** 已受理，核查中 */
  RECEIVED = 'RECEIVED',
  /** 经查实，取消该补贴 */
  UPHELD = 'UPHELD',
  /** 经核查不成立 */
  REJECTED = 'REJECTED',
}

/** The 2022 annex tables of 云人社通〔2022〕8号. */
export enum TargetTable {
  /** 附件1 云南省2022年职业培训任务计划表 */
  PREFECTURE_PLAN = 'PREFECTURE_PLAN',
  /** 附件2 技工院校2022年职业培训任务计划表 */
  TECHNICAL_SCHOOL = 'TECHNICAL_SCHOOL',
  /** 附件4 2022年省级项目职业培训计划表 */
  PROVINCIAL_PROJECT = 'PROVINCIAL_PROJECT',
  /** 附件5 2022年创业培训任务计划表 */
  ENTREPRENEURSHIP = 'ENTREPRENEURSHIP',
}

/**
 * Where a blacklisting stands on a given day, derived by `blacklistingStatus`
 * (institutions/blacklisting.rules.ts): in force, run its three years (8号 四(三)), or lifted early.
 */
export enum BlacklistingStatus {
  /** 在黑名单期内: barred from subsidised training today */
  CURRENT = 'CURRENT',
  /** 三年期满: the bar ran its full term */
  ENDED = 'ENDED',
  /** 提前移出: lifted early by a decision */
  LIFTED = 'LIFTED',
}
