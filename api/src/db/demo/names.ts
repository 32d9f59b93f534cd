/**
 * Data the demo generator draws from: name pools, occupation names by theme, phrases. Plain
 * data, no logic. Occupations are named exactly as in data/occupations.csv (大典 2022) and looked
 * up by name at run time; a name missing from the table is skipped, never given an invented code.
 *
 * Everything built from these pools is demo data (`isDemo: true`). Organisation names combine a
 * place, a two-character brand made of random characters and a trade, so that they read like
 * Yunnan training bodies without being the name of a real one.
 */

import { CertificateType, SkillLevel, TargetGroup } from '../../common/enums';

/** Common family names with rough relative frequencies, including names frequent in Yunnan (普, 字, 和, 刀, 岩…). */
export const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['李', 80],
  ['王', 70],
  ['张', 65],
  ['杨', 60],
  ['刘', 45],
  ['陈', 45],
  ['赵', 30],
  ['黄', 25],
  ['周', 25],
  ['吴', 22],
  ['罗', 22],
  ['何', 20],
  ['段', 14],
  ['孙', 14],
  ['马', 14],
  ['朱', 13],
  ['胡', 13],
  ['郭', 12],
  ['林', 10],
  ['高', 10],
  ['徐', 10],
  ['董', 10],
  ['许', 9],
  ['沈', 6],
  ['普', 8],
  ['字', 7],
  ['和', 7],
  ['刀', 5],
  ['岩', 5],
  ['玉', 4],
  ['杞', 3],
  ['鲁', 5],
  ['施', 6],
  ['苏', 8],
  ['蒋', 7],
  ['邓', 9],
  ['鲍', 3],
  ['尹', 7],
  ['石', 8],
  ['肖', 8],
  ['熊', 7],
  ['余', 8],
  ['龙', 6],
  ['毛', 5],
  ['夏', 6],
  ['田', 7],
  ['彭', 7],
  ['曾', 6],
  ['谢', 8],
  ['方', 6],
  ['韦', 5],
  ['陶', 6],
  ['番', 2],
  ['者', 3],
  ['自', 3],
  ['起', 2],
  ['茶', 2],
];

/** Compound surnames used sparingly; all of them are in masking.ts's COMPOUND_SURNAMES list. */
export const COMPOUND_SURNAMES_USED: readonly string[] = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫'];

/** Characters of given names (one or two are drawn). */
export const GIVEN_NAME_CHARS: readonly string[] = Array.from(
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国文斌波宇浩凯鹏辉欣怡婷雪琳晨阳海燕春兰金凤荣' +
    '志勤慧佳瑶琼云林飞德成福顺发光明亮宏兴旺永富贵忠学兵新民生顺安翠花美仙菊芬萍莲珍鑫晓峰俊杰丹倩萌蕾' +
    '正祥有才家树松柏江河山川石晶茂盛诚信和顺喜乐宁康泰',
);

/** Characters combined into two-character brand names of demo organisations. */
export const BRAND_FIRST: readonly string[] = Array.from('禾澜岚翊泓沐屹琪朗煦晟峪栎樾淇瀚珈骁槿溪芮歆桐粲昀嵘璟');
export const BRAND_SECOND: readonly string[] = Array.from('澜岚源舟川屿禾棠乔芯翎苑邦衡弘宸瑞森峰晖阁轩途汇霖然');

/** Street names for demo addresses: the generic kinds every Yunnan town has. */
export const STREETS: readonly string[] = [
  '人民路',
  '建设路',
  '新华路',
  '团结路',
  '文化路',
  '育才路',
  '兴业路',
  '园区路',
  '环城南路',
  '环城北路',
  '振兴路',
  '和平路',
  '民族路',
  '迎宾路',
  '滨河路',
  '工业园区纬二路',
  '职教园区经一路',
  '政府街',
  '新城大道',
  '朝阳路',
];

/** What a training institution or enterprise focuses on, by occupation middle group (大典 中类). */
export const TRADE_BY_MIDDLE_GROUP: Readonly<Record<string, string>> = {
  '4-01': '电商',
  '4-02': '物流',
  '4-03': '烹饪',
  '4-04': '电脑',
  '4-09': '园林',
  '4-10': '家政',
  '4-12': '汽修',
  '4-14': '康养',
  '5-01': '农业',
  '5-02': '林业',
  '5-03': '畜牧',
  '5-05': '农机',
  '6-02': '食品',
  '6-05': '服装',
  '6-06': '木工',
  '6-09': '工艺',
  '6-18': '焊接',
  '6-20': '机械',
  '6-24': '电气',
  '6-25': '电子',
  '6-28': '电力',
  '6-29': '建筑',
  '6-30': '工程机械',
  '6-31': '机电',
};

/** Industries of the demo companies behind enterprise training centres, by middle group. */
export const INDUSTRY_BY_MIDDLE_GROUP: Readonly<Record<string, string>> = {
  '4-01': '商贸',
  '4-02': '物流',
  '4-03': '酒店管理',
  '4-04': '信息技术',
  '4-06': '物业服务',
  '4-09': '园林绿化',
  '4-10': '家政服务',
  '4-11': '供电服务',
  '4-12': '汽车服务',
  '4-14': '健康管理',
  '5-01': '农业开发',
  '5-02': '林业开发',
  '5-03': '畜牧',
  '6-01': '农产品加工',
  '6-02': '食品',
  '6-06': '木业',
  '6-09': '工艺品',
  '6-12': '制药',
  '6-15': '建材',
  '6-16': '矿业',
  '6-17': '冶金',
  '6-18': '机械加工',
  '6-20': '装备制造',
  '6-22': '汽车制造',
  '6-24': '电气',
  '6-25': '电子科技',
  '6-28': '新能源',
  '6-29': '建筑工程',
  '6-30': '工程机械',
  '6-31': '机电工程',
};

/**
 * Occupations admitted to every demo directory edition, besides the random fill from major
 * groups 4–6: the trades the source documents and programmes name.
 */
export const CORE_DIRECTORY_OCCUPATIONS: readonly string[] = [
  '养老护理员',
  '中式烹调师',
  '中式面点师',
  '焊工',
  '家政服务员',
  '婴幼儿发展引导员',
  '保育师',
  '电工',
  '茶叶加工工',
  '评茶师',
  '茶艺师',
  '农业经理人',
  '农艺工',
  '汽车维修工',
  '美容师',
  '美发师',
  '保安员',
  '砌筑工',
  '钢筋工',
  '架子工',
  '挖掘铲运和桩工机械司机',
  '起重工',
  '消防设施操作员',
  '电梯安装维修工',
  '制冷空调系统安装维修工',
  '装饰装修工',
  '防水工',
  '管道工',
  '家用电器产品维修工',
  '收银员',
  '商品营业员',
  '电子商务师',
  '互联网营销师',
  '创业指导师',
  '保洁员',
  '医疗护理员',
  '健康管理师',
  '保健按摩师',
  '护林员',
  '森林抚育工',
  '林草种苗工',
  '园林绿化工',
  '食用菌生产工',
  '中药材种植员',
  '家畜饲养员',
  '家禽饲养员',
  '家畜繁殖员',
  '农机驾驶操作员',
  '农机修理工',
  '咖啡师',
  '糕点面包烘焙师',
  '导游',
  '民宿管家',
  '客房服务员',
  '餐厅服务员',
  '物流服务师',
  '快递员',
  '计算机程序设计员',
  '网络与信息安全管理员',
  '无人机驾驶员',
  '光伏发电运维值班员',
  '机电设备维修工',
  '道路货运汽车驾驶员',
  '医药商品购销员',
  '中药炮制工',
  '抽纱刺绣工',
  '手工木工',
  '白酒酿造工',
  '农产品经纪人',
];

/** Occupations whose certificate is a 职业资格证书 (a short, plausible list; demo facts). */
export const VOCATIONAL_QUALIFICATION_OCCUPATIONS: readonly string[] = [
  '焊工',
  '家畜繁殖员',
  '消防设施操作员',
  '森林消防员',
  '消防员',
];

/** Occupations with a 特种作业 certificate in the demo facts. */
export const SPECIAL_OPERATION_OCCUPATIONS: readonly string[] = [
  '焊工',
  '电工',
  '架子工',
  '制冷空调系统安装维修工',
  '矿山安全防护工',
];

/**
 * Entrepreneurship training (马兰花计划): the occupation recorded for the class, and its title.
 * 创业指导师 for SIYB classes, 电子商务师 for 网络创业培训.
 */
export const ENTREPRENEURSHIP_CLASSES: ReadonlyArray<{ occupation: string; title: string; textbook: string }> = [
  { occupation: '创业指导师', title: '创办你的企业（SYB）创业培训班', textbook: '《创办你的企业（SYB）》创业培训教材' },
  { occupation: '电子商务师', title: '网络创业培训班', textbook: '《网络创业培训教程》' },
];

/** Themed programmes of 云政发〔2021〕28号 and the occupations that fit them, by programme key. */
export const PROGRAMME_OCCUPATIONS: Readonly<Record<string, readonly string[]>> = {
  RURAL_REVITALISATION: [
    '家政服务员',
    '养老护理员',
    '中式烹调师',
    '中式面点师',
    '砌筑工',
    '钢筋工',
    '焊工',
    '电工',
    '保洁员',
    '保安员',
    '农产品经纪人',
    '挖掘铲运和桩工机械司机',
    '装饰装修工',
  ],
  KANGYANG: [
    '养老护理员',
    '家政服务员',
    '保育师',
    '婴幼儿发展引导员',
    '医疗护理员',
    '健康管理师',
    '保健按摩师',
    '保健调理师',
    '孤残儿童护理员',
    '社会体育指导员',
    '森林园林康养师',
    '芳香保健师',
  ],
  ECO_GUARDIANS: ['护林员', '森林抚育工', '林草种苗工', '园林绿化工', '草地监护员', '草坪园艺师'],
  YUNPIN_CRAFTSMEN: [
    '茶叶加工工',
    '评茶师',
    '茶艺师',
    '咖啡师',
    '中式烹调师',
    '中式面点师',
    '糕点面包烘焙师',
    '食用菌生产工',
    '中药材种植员',
    '中药炮制工',
    '抽纱刺绣工',
    '陶瓷工艺品制作师',
    '白酒酿造工',
    '乳品加工工',
    '民族拉弦弹拨乐器制作工',
    '手工木工',
  ],
  GRADUATES: [
    '电子商务师',
    '互联网营销师',
    '计算机程序设计员',
    '网络与信息安全管理员',
    '物流服务师',
    '健康管理师',
    '无人机驾驶员',
    '计算机软件测试员',
    '导游',
  ],
  RURAL_TALENT: [
    '农业经理人',
    '农艺工',
    '家畜饲养员',
    '家禽饲养员',
    '家畜繁殖员',
    '农机驾驶操作员',
    '农机修理工',
    '农产品经纪人',
    '食用菌生产工',
    '中药材种植员',
    '农产品购销员',
  ],
  CULTURE_TOURISM: [
    '导游',
    '民宿管家',
    '讲解员',
    '客房服务员',
    '餐厅服务员',
    '茶艺师',
    '中式烹调师',
    '景区运营管理师',
    '调饮师',
    '咖啡师',
  ],
  MANAGEMENT: [
    '物流服务师',
    '食品安全管理师',
    '景区运营管理师',
    '快递站点管理师',
    '农业经理人',
    '健康管理师',
    '电子商务师',
    '物业管理师',
  ],
  DIGITAL: [
    '计算机程序设计员',
    '计算机软件测试员',
    '网络与信息安全管理员',
    '信息通信网络运行管理员',
    '无人机驾驶员',
    '电子数据取证分析师',
    '计算机维修工',
    '信息安全测试员',
    '无人机装调检修工',
  ],
  ECOMMERCE: ['电子商务师', '互联网营销师', '农产品经纪人', '物流服务师', '快递员', '网约配送员'],
  INTERNATIONAL: ['中式烹调师', '导游', '茶艺师', '电子商务师', '汽车维修工', '中式面点师', '评茶师'],
};

/** Relative frequency of programmes among classes chosen programme-first (马兰花 is drawn separately). */
export const PROGRAMME_WEIGHTS: Readonly<Record<string, number>> = {
  SKILLS_UPGRADING: 30,
  RURAL_REVITALISATION: 12,
  KANGYANG: 8,
  ECO_GUARDIANS: 4,
  YUNPIN_CRAFTSMEN: 6,
  GRADUATES: 4,
  APPRENTICESHIP: 6,
  HIGH_SKILL: 6,
  HIGH_SKILL_LEADERS: 2,
  RURAL_TALENT: 4,
  CULTURE_TOURISM: 4,
  MANAGEMENT: 2,
  DIGITAL: 3,
  ECOMMERCE: 3,
  INTERNATIONAL: 1.5,
};

/** Target groups a programme's classes serve (one to three are drawn). */
export const PROGRAMME_TARGET_GROUPS: Readonly<Record<string, readonly TargetGroup[]>> = {
  SKILLS_UPGRADING: [
    TargetGroup.MIGRANT_WORKERS,
    TargetGroup.UNEMPLOYED,
    TargetGroup.POVERTY_ALLEVIATED,
    TargetGroup.VETERANS,
    TargetGroup.DISABLED,
    TargetGroup.NON_PROGRESSING_GRADUATES,
    TargetGroup.RELOCATED_LABOUR,
    TargetGroup.RETIRED_FISHERS,
  ],
  RURAL_REVITALISATION: [TargetGroup.POVERTY_ALLEVIATED, TargetGroup.RELOCATED_LABOUR, TargetGroup.MIGRANT_WORKERS],
  KANGYANG: [
    TargetGroup.POVERTY_ALLEVIATED,
    TargetGroup.RELOCATED_LABOUR,
    TargetGroup.UNEMPLOYED,
    TargetGroup.MIGRANT_WORKERS,
  ],
  ECO_GUARDIANS: [TargetGroup.FOREST_RANGERS, TargetGroup.POVERTY_ALLEVIATED],
  YUNPIN_CRAFTSMEN: [TargetGroup.POVERTY_ALLEVIATED, TargetGroup.MIGRANT_WORKERS, TargetGroup.RELOCATED_LABOUR],
  MALANHUA: [
    TargetGroup.COLLEGE_GRADUATES,
    TargetGroup.MIGRANT_WORKERS,
    TargetGroup.VETERANS,
    TargetGroup.UNEMPLOYED,
    TargetGroup.POVERTY_ALLEVIATED,
    TargetGroup.DISABLED,
    TargetGroup.RETIRED_FISHERS,
  ],
  GRADUATES: [TargetGroup.COLLEGE_GRADUATES],
  APPRENTICESHIP: [TargetGroup.ENTERPRISE_STAFF],
  HIGH_SKILL: [TargetGroup.ENTERPRISE_STAFF, TargetGroup.MIGRANT_WORKERS],
  HIGH_SKILL_LEADERS: [TargetGroup.ENTERPRISE_STAFF],
  RURAL_TALENT: [TargetGroup.POVERTY_ALLEVIATED, TargetGroup.RELOCATED_LABOUR, TargetGroup.MIGRANT_WORKERS],
  CULTURE_TOURISM: [
    TargetGroup.UNEMPLOYED,
    TargetGroup.MIGRANT_WORKERS,
    TargetGroup.COLLEGE_GRADUATES,
    TargetGroup.POVERTY_ALLEVIATED,
  ],
  MANAGEMENT: [TargetGroup.ENTERPRISE_STAFF],
  DIGITAL: [TargetGroup.COLLEGE_GRADUATES, TargetGroup.ENTERPRISE_STAFF, TargetGroup.UNEMPLOYED],
  ECOMMERCE: [TargetGroup.COLLEGE_GRADUATES, TargetGroup.POVERTY_ALLEVIATED, TargetGroup.MIGRANT_WORKERS],
  INTERNATIONAL: [TargetGroup.COLLEGE_GRADUATES, TargetGroup.ENTERPRISE_STAFF],
};

/**
 * The occupations each real provincial project unit (云人社通〔2022〕8号 附件4) plausibly
 * contracts classes for, keyed by a fragment of the unit's name; `*` = any occupation.
 */
export const PROJECT_UNIT_OCCUPATIONS: ReadonlyArray<{ nameContains: string; occupations: readonly string[] | '*' }> = [
  {
    nameContains: '建设投资',
    occupations: [
      '砌筑工',
      '钢筋工',
      '架子工',
      '焊工',
      '电工',
      '起重工',
      '挖掘铲运和桩工机械司机',
      '装饰装修工',
      '防水工',
      '管道工',
    ],
  },
  {
    nameContains: '钢铁',
    occupations: ['焊工', '电工', '起重工', '机电设备维修工', '仪器仪表维修工', '工程机械维修工', '安全员'],
  },
  {
    nameContains: '交通投资',
    occupations: ['汽车维修工', '道路货运汽车驾驶员', '工程机械维修工', '挖掘铲运和桩工机械司机', '餐厅服务员', '电工'],
  },
  { nameContains: '能源投资', occupations: ['电工', '光伏发电运维值班员', '光伏组件制造工', '机电设备维修工', '焊工'] },
  {
    nameContains: '一心堂',
    occupations: ['医药商品购销员', '健康管理师', '中药炮制工', '中药材种植员', '保健调理师', '商品营业员'],
  },
  { nameContains: '总工会', occupations: '*' },
  { nameContains: '茶叶', occupations: ['茶叶加工工', '评茶师', '茶艺师'] },
];

/** Level suffixes of class titles. */
export const LEVEL_TITLE: Readonly<Record<SkillLevel, string>> = {
  [SkillLevel.LEVEL_5]: '五级',
  [SkillLevel.LEVEL_4]: '四级',
  [SkillLevel.LEVEL_3]: '三级',
  [SkillLevel.LEVEL_2]: '二级',
  [SkillLevel.LEVEL_1]: '一级',
  [SkillLevel.NONE]: '',
};

/** Letter codes in demo certificate numbers. */
export const CERTIFICATE_PREFIX: Readonly<Record<CertificateType, string>> = {
  [CertificateType.VOCATIONAL_QUALIFICATION]: 'Z',
  [CertificateType.SKILL_LEVEL]: 'S',
  [CertificateType.SPECIAL_ABILITY]: 'ZX',
  [CertificateType.SPECIAL_OPERATION]: 'T',
  [CertificateType.TRAINING_QUALIFIED]: 'PX',
};

/** Publishers of the ministry's approved training textbooks. */
export const TEXTBOOK_PUBLISHERS: readonly string[] = ['中国劳动社会保障出版社', '中国人事出版社'];

/** Reasons recorded for a demo blacklisting (8号 四(三)); all are typical of published cases. */
export const BLACKLIST_REASONS: readonly string[] = [
  '虚报培训人数，套取职业培训补贴（演示数据）',
  '伪造学员签到和考勤记录（演示数据）',
  '冒用他人身份信息申领培训补贴（演示数据）',
  '培训课时严重不足仍申领补贴（演示数据）',
  '同一学员重复申领培训补贴（演示数据）',
];

/** Reasons a demo subsidy notice was withdrawn. */
export const WITHDRAWN_REASONS: readonly string[] = [
  '经核查，部分学员考勤记录与培训签到不一致，撤回公示重新审核（演示数据）',
  '公示名单信息有误，撤回更正后重新公示（演示数据）',
  '收到实名异议，经核实撤回公示（演示数据）',
];

/** Reasons printed on a corrected revision (更正) of a demo notice; `{seq}` is the line corrected. */
export const CORRECTION_REASONS: readonly string[] = [
  '第{seq}行学员出勤记录漏录补签，经核实更正出勤率和补贴金额（演示数据）',
  '第{seq}行学员证书编号已核发，补录后更正补贴金额（演示数据）',
];

/** What demo objections say (the first: a line paid with attendance below 80 %). */
export const OBJECTION_SUMMARIES: readonly string[] = [
  '反映该学员实际出勤不足80%，却列入补贴名单（演示数据）',
  '反映该学员未参加培训（演示数据）',
  '反映该学员证书编号与本人不符（演示数据）',
];

/** The findings of demo objections. */
export const OBJECTION_OUTCOMES = {
  upheld: '经查实，该学员出勤率低于80%，取消其培训补贴（演示数据）',
  rejected: '经核查签到记录和证书信息，反映情况不属实，维持公示（演示数据）',
} as const;
