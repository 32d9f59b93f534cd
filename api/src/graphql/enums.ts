import { registerEnumType } from 'type-graphql';
import {
  AgencyType,
  CertificateType,
  CourseCategory,
  CourseMode,
  CourseStatus,
  Enrolment,
  EnrolmentStatus,
  InstitutionStanding,
  InstitutionType,
  NoticeStatus,
  ObjectionStatus,
  RegionLevel,
  SkillLevel,
  TargetGroup,
  TargetTable,
} from '../common/enums';
import { BlacklistingStatus } from '../common/enums';

// Registered once, before any type uses them; descriptions become part of schema.graphql.
registerEnumType(RegionLevel, {
  name: 'RegionLevel',
  description: 'Level of a region in GB/T 2260.',
  valuesConfig: {
    PROVINCE: { description: '省 (Yunnan)' },
    PREFECTURE: { description: '州市 (16)' },
    COUNTY: { description: '县、市、区 (129)' },
  },
});
registerEnumType(CertificateType, {
  name: 'CertificateType',
  description: 'Certificate a class leads to (云人社通〔2022〕8号 三(十一)).',
  valuesConfig: {
    VOCATIONAL_QUALIFICATION: { description: '职业资格证书' },
    SKILL_LEVEL: { description: '职业技能等级证书' },
    SPECIAL_ABILITY: { description: '专项职业能力证书' },
    SPECIAL_OPERATION: { description: '特种作业证书' },
    TRAINING_QUALIFIED: { description: '培训合格证书' },
  },
});
registerEnumType(SkillLevel, {
  name: 'SkillLevel',
  description: 'Skill level; 高级工及以上 means LEVEL_3 to LEVEL_1.',
  valuesConfig: {
    LEVEL_5: { description: '五级/初级工' },
    LEVEL_4: { description: '四级/中级工' },
    LEVEL_3: { description: '三级/高级工' },
    LEVEL_2: { description: '二级/技师' },
    LEVEL_1: { description: '一级/高级技师' },
    NONE: { description: 'No level (专项能力, 特种作业, 合格证)' },
  },
});
registerEnumType(InstitutionType, {
  name: 'InstitutionType',
  description: 'Kind of training institution.',
  valuesConfig: {
    TECHNICAL_SCHOOL: { description: '技工院校: may train anywhere in the province (8号 三(二))' },
    VOCATIONAL_COLLEGE: { description: '职业院校' },
    PRIVATE_TRAINING_INSTITUTION: { description: '民办职业培训机构' },
    ENTERPRISE_TRAINING_CENTRE: { description: '企业职工培训中心: trains its own staff only' },
    PUBLIC_TRAINING_BASE: { description: '公共实训基地' },
    HIGH_SKILL_BASE: { description: '高技能人才培养基地' },
    PROVINCIAL_PROJECT_UNIT: { description: '省级项目单位: contracts institutions for its staff and members' },
  },
});
registerEnumType(InstitutionStanding, {
  name: 'InstitutionStanding',
  description: "An institution's standing today.",
  valuesConfig: {
    GOOD: { description: 'May run subsidised training' },
    BLACKLISTED: { description: '黑名单: barred from subsidised training for three years (8号 四(三))' },
    LICENCE_REVOKED: { description: '办学许可被取消 (50号 (十九))' },
  },
});
registerEnumType(AgencyType, {
  name: 'AgencyType',
  description: 'Kind of skill evaluation agency.',
  valuesConfig: {
    EMPLOYER: { description: '用人单位评价组织 (its own staff)' },
    SOCIAL_TRAINING_EVALUATOR: { description: '社会培训评价组织' },
    TECHNICAL_SCHOOL: { description: '技工院校 (its own students)' },
    SKILL_APPRAISAL_CENTRE: { description: '职业技能鉴定机构' },
  },
});
registerEnumType(CourseMode, {
  name: 'CourseMode',
  description: 'How a class is taught.',
  valuesConfig: {
    OFFLINE: { description: '线下' },
    ONLINE: { description: '线上' },
    MIXED: { description: '线上线下结合' },
  },
});
registerEnumType(CourseCategory, {
  name: 'CourseCategory',
  description: 'Skills or entrepreneurship training.',
  valuesConfig: {
    SKILLS: { description: '职业技能培训' },
    ENTREPRENEURSHIP: { description: '创业培训 (SIYB, 马兰花): smaller class cap' },
  },
});
registerEnumType(Enrolment, {
  name: 'Enrolment',
  description: 'Who may enrol.',
  valuesConfig: {
    PUBLIC: { description: 'Open to anyone eligible' },
    OWN_STAFF: { description: "Only the running company's own staff" },
  },
});
registerEnumType(CourseStatus, {
  name: 'CourseStatus',
  description: "A class's state today.",
  valuesConfig: {
    PLANNED: { description: 'Not started yet' },
    IN_PROGRESS: { description: 'Running' },
    FINISHED: { description: 'Ended' },
    CANCELLED: { description: 'Cancelled' },
  },
});
registerEnumType(EnrolmentStatus, {
  name: 'EnrolmentStatus',
  description: 'Whether a worker can join a class today (computed for the day, never stored).',
  valuesConfig: {
    ENROLLING: { description: '报名中: starts after today, places left, before the enrolment deadline' },
    FULL: { description: '已满员: starts after today, no place left' },
    ENROLMENT_CLOSED: { description: '报名已截止: starts after today, the enrolment deadline has passed' },
    RUNNING: { description: '进行中' },
    FINISHED: { description: '已结束' },
    CANCELLED: { description: '已取消' },
  },
});
registerEnumType(TargetGroup, {
  name: 'TargetGroup',
  description: 'Groups a class is meant for.',
  valuesConfig: {
    POVERTY_ALLEVIATED: { description: '脱贫劳动力' },
    RETIRED_FISHERS: { description: '退捕渔民' },
    RELOCATED_LABOUR: { description: '易地搬迁劳动力' },
    COLLEGE_GRADUATES: { description: '高校毕业生' },
    VETERANS: { description: '退役军人' },
    DISABLED: { description: '残疾人' },
    MIGRANT_WORKERS: { description: '农民工' },
    ENTERPRISE_STAFF: { description: '企业职工' },
    NON_PROGRESSING_GRADUATES: { description: '两后生' },
    FOREST_RANGERS: { description: '生态护林员' },
    UNEMPLOYED: { description: '失业人员' },
  },
});
registerEnumType(NoticeStatus, {
  name: 'NoticeStatus',
  description: 'Status of a subsidy disclosure notice.',
  valuesConfig: {
    IN_OBJECTION_PERIOD: { description: '公示中' },
    CLOSED: { description: '公示期满' },
    WITHDRAWN: { description: '已撤回' },
  },
});
registerEnumType(ObjectionStatus, {
  name: 'ObjectionStatus',
  description: 'Where an objection (异议) to a notice stands.',
  valuesConfig: {
    RECEIVED: { description: '已受理，核查中: received, being checked' },
    UPHELD: { description: '经查实: upheld, the claim on the line is cancelled (50号 (十九))' },
    REJECTED: { description: '不成立: not upheld' },
  },
});
registerEnumType(TargetTable, {
  name: 'TargetTable',
  description: 'The 2022 annex tables of 云人社通〔2022〕8号.',
  valuesConfig: {
    PREFECTURE_PLAN: { description: '附件1 云南省2022年职业培训任务计划表 (万人次)' },
    TECHNICAL_SCHOOL: { description: '附件2 技工院校2022年职业培训任务计划表 (万人)' },
    PROVINCIAL_PROJECT: { description: '附件4 2022年省级项目职业培训计划表 (人次)' },
    ENTREPRENEURSHIP: { description: '附件5 2022年创业培训任务计划表 (人)' },
  },
});
registerEnumType(BlacklistingStatus, {
  name: 'BlacklistingStatus',
  description: 'Where a blacklisting stands today (云人社通〔2022〕8号 四(三)).',
  valuesConfig: {
    CURRENT: { description: '在黑名单期内: barred from subsidised training today' },
    ENDED: { description: '三年期满: the three years have passed' },
    LIFTED: { description: '提前移出: lifted early by a decision (see liftDocument, liftReason)' },
  },
});
