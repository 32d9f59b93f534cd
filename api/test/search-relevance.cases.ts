/**
 * Relevance table: what a person types, in which index, and what must come back, run against
 * a real Meilisearch built from the scale-1 demo database (seed 20220211). Course counts are
 * not written down: they are read from the database through `courses(filter:)`, so "finds every
 * 焊工 class" means exactly that; the few other numbers (the ten 技师学院, the nine agencies
 * evaluating 焊工 …) are those of the scale-1 demo data. Queries that do not work well yet are
 * left out rather than asserted loosely.
 */

/** The search index a row queries. */
export type Index = 'COURSES' | 'OCCUPATIONS' | 'INSTITUTIONS' | 'AGENCIES' | 'NOTICES';
export type Level = 'LEVEL_1' | 'LEVEL_2' | 'LEVEL_3' | 'LEVEL_4' | 'LEVEL_5' | 'NONE';

/** The courses of the database matching a list filter (`courses(filter:)`), by occupation code, region code, level. */
export interface Courses {
  occupation?: string;
  region?: string;
  level?: Level;
}

/** What a row expects of the answer; every check given must hold. */
export interface Expect {
  /** Title of the first hit. */
  top?: string;
  /** The first hits are exactly these titles, in any order. */
  topSet?: string[];
  /** This title is among the first n hits. */
  within?: [title: string, n: number];
  matchedBy?: 'DIRECT' | 'PINYIN';
  /**
   * How many leading hits the per-hit checks below cover: a number, or as many as the database
   * holds courses matching a filter (at most a page of 20). There must be at least that many hits.
   */
  n?: number | Courses;
  /** Each covered hit is a course of this occupation (or one of these). */
  occupation?: string | string[];
  /** Each covered hit is a course in this 州市. */
  prefecture?: string;
  /** Each covered hit is a course in this county. */
  county?: string;
  /** Each covered hit is a course of this level. */
  level?: Level;
  /** Each covered hit's title contains this. */
  titleIncludes?: string;
  /** Each covered hit is a notice whose number contains this. */
  numberIncludes?: string;
  /** Each covered hit is a notice whose title or publishing bureau contains this. */
  mentions?: string;
  /** Each covered hit is an agency whose scope includes this occupation. */
  scopeIncludes?: string;
  /** Exact total: a number, or the number of courses matching a filter (summed over a list). */
  totalHits?: number | Courses | Courses[];
  /** A facet value counts exactly the courses matching a filter. */
  facet?: { facet: 'LEVEL' | 'PREFECTURE'; value: string; count: Courses | Courses[] };
}

/** One row of the table: what a person types, where, and what must come back. */
export interface Row {
  query: string;
  index: Index;
  filter?: { region?: string };
  facets?: ('LEVEL' | 'PREFECTURE')[];
  expect: Expect;
  why: string;
}

// Occupation codes (2022 classification) and region codes used below.
const OCC = {
  养老护理员: '4-10-01-05',
  医疗护理员: '4-14-01-02',
  家政服务员: '4-10-01-06',
  中式烹调师: '4-03-02-01',
  焊工: '6-18-02-04',
  挖掘铲运和桩工机械司机: '6-30-05-05',
  互联网营销师: '4-01-06-02',
  汽车维修工: '4-12-01-01',
  网约配送员: '4-10-08-01',
  调饮师: '4-03-02-10',
  食用菌生产工: '5-01-02-03',
  中药材种植员: '5-01-02-05',
  砌筑工: '6-29-01-01',
  钢筋工: '6-29-01-04',
  道路货运汽车驾驶员: '4-02-02-02',
  婴幼儿发展引导员: '4-10-01-01',
  电子商务师: '4-01-06-01',
  咖啡师: '4-03-02-08',
  导游: '4-07-04-01',
  茶艺师: '4-03-02-07',
  家畜饲养员: '5-03-02-01',
} as const;
const REGION = {
  昆明市: '530100',
  玉溪市: '530400',
  红河州: '532500',
  文山州: '532600',
  西双版纳州: '532800',
  大理州: '532900',
  五华区: '530102',
  腾冲市: '530581',
  勐海县: '532822',
  香格里拉市: '533401',
} as const;
const of = (name: keyof typeof OCC, more: Omit<Courses, 'occupation'> = {}): Courses => ({
  occupation: OCC[name],
  ...more,
});

/** The relevance table (api/test/search-relevance.test.ts runs each row as a test). */
export const ROWS: Row[] = [
  // ── Official names (Chinese) ─────────────────────────────────────────────────────────────
  {
    query: '养老护理员',
    index: 'OCCUPATIONS',
    expect: { top: '养老护理员', matchedBy: 'DIRECT' },
    why: 'the exact official name',
  },
  { query: '中式烹调师', index: 'OCCUPATIONS', expect: { top: '中式烹调师' }, why: 'the exact official name' },
  {
    query: '焊工',
    index: 'OCCUPATIONS',
    expect: { top: '焊工' },
    why: 'a two-character name beats longer names containing it',
  },
  {
    query: '电工',
    index: 'OCCUPATIONS',
    expect: { top: '电工' },
    why: 'a two-character name beats 电工电器工程技术人员 …',
  },
  { query: '茶艺师', index: 'OCCUPATIONS', expect: { top: '茶艺师' }, why: 'the exact official name' },
  { query: '家政服务员', index: 'OCCUPATIONS', expect: { top: '家政服务员' }, why: 'the exact official name' },
  { query: '互联网营销师', index: 'OCCUPATIONS', expect: { top: '互联网营销师' }, why: 'the exact official name' },
  {
    query: '网约配送员',
    index: 'OCCUPATIONS',
    expect: { top: '网约配送员' },
    why: 'the exact name beats 网约车 (an alias of 客运车辆驾驶员)',
  },
  { query: '人工智能训练师', index: 'OCCUPATIONS', expect: { top: '人工智能训练师' }, why: 'the exact official name' },
  {
    query: '养老护理员',
    index: 'COURSES',
    expect: { n: 20, occupation: '养老护理员', totalHits: of('养老护理员') },
    why: 'an occupation name finds exactly its classes',
  },
  {
    query: '焊工',
    index: 'COURSES',
    expect: { n: of('焊工'), occupation: '焊工', totalHits: of('焊工') },
    why: 'an occupation name finds exactly its classes',
  },
  {
    query: '中式烹调师',
    index: 'COURSES',
    expect: { n: of('中式烹调师'), occupation: '中式烹调师' },
    why: 'classes of the occupation come before 中式面点师 (which shares 中式)',
  },
  {
    query: '咖啡师',
    index: 'COURSES',
    expect: { n: of('咖啡师'), occupation: '咖啡师', totalHits: of('咖啡师') },
    why: 'an occupation name finds exactly its classes',
  },

  // ── Part of a Chinese name ───────────────────────────────────────────────────────────────
  { query: '养老', index: 'OCCUPATIONS', expect: { top: '养老护理员' }, why: 'the first word of the name' },
  {
    query: '养老护理',
    index: 'OCCUPATIONS',
    expect: { top: '养老护理员' },
    why: 'the name without its last character',
  },
  {
    query: '护理',
    index: 'OCCUPATIONS',
    expect: { n: 5, titleIncludes: '护理', within: ['医疗护理员', 3] },
    why: 'a word inside names: every hit has it',
  },
  {
    query: '护理员',
    index: 'OCCUPATIONS',
    expect: { topSet: ['养老护理员', '医疗护理员'] },
    why: 'the two common 护理员 come first',
  },
  {
    query: '烹调',
    index: 'OCCUPATIONS',
    expect: { topSet: ['中式烹调师', '西式烹调师'] },
    why: 'a word inside both cooking occupations',
  },
  {
    query: '面点',
    index: 'OCCUPATIONS',
    expect: { topSet: ['中式面点师', '西式面点师'] },
    why: 'a word inside both pastry occupations',
  },
  {
    query: '挖掘机',
    index: 'OCCUPATIONS',
    expect: { top: '挖掘铲运和桩工机械司机' },
    why: 'the everyday machine name inside a long official one',
  },
  {
    query: '养老',
    index: 'COURSES',
    expect: { n: 20, occupation: '养老护理员', totalHits: of('养老护理员') },
    why: 'a partial name finds exactly the classes',
  },
  {
    query: '技师学院',
    index: 'INSTITUTIONS',
    expect: { n: 10, titleIncludes: '技师学院', totalHits: 10 },
    why: 'the ten 技师学院 and nothing else',
  },
  {
    query: '技工学校',
    index: 'INSTITUTIONS',
    expect: { n: 10, titleIncludes: '技工学校' },
    why: 'a kind of school: the first page is all of that kind',
  },
  {
    query: '职业技能鉴定所',
    index: 'AGENCIES',
    expect: { n: 10, titleIncludes: '职业技能鉴定所' },
    why: 'a kind of agency: the first page is all of that kind',
  },

  // ── Pinyin with spaces ───────────────────────────────────────────────────────────────────
  { query: 'yang lao', index: 'OCCUPATIONS', expect: { top: '养老护理员' }, why: 'two syllables typed separately' },
  {
    query: 'yang lao hu li yuan',
    index: 'OCCUPATIONS',
    expect: { top: '养老护理员' },
    why: 'every syllable typed separately',
  },
  {
    query: 'zhong shi peng tiao shi',
    index: 'OCCUPATIONS',
    expect: { top: '中式烹调师' },
    why: 'every syllable typed separately',
  },
  { query: 'han gong', index: 'OCCUPATIONS', expect: { top: '焊工' }, why: 'two syllables typed separately' },
  {
    query: 'hu li yuan',
    index: 'OCCUPATIONS',
    expect: { n: 4, titleIncludes: '护理员' },
    why: 'the syllables of 护理员 find the 护理员 occupations',
  },
  { query: 'yang lao', index: 'COURSES', expect: { n: 20, occupation: '养老护理员' }, why: 'spaced pinyin on classes' },
  {
    query: 'yun nan ji shi xue yuan',
    index: 'INSTITUTIONS',
    expect: { top: '云南技师学院' },
    why: 'an institution name in spaced pinyin',
  },

  // ── Pinyin run together ──────────────────────────────────────────────────────────────────
  {
    query: 'yanglao',
    index: 'OCCUPATIONS',
    expect: { top: '养老护理员', matchedBy: 'DIRECT' },
    why: 'the start of the joined pinyin',
  },
  { query: 'yanglaohuliyuan', index: 'OCCUPATIONS', expect: { top: '养老护理员' }, why: 'the whole joined pinyin' },
  { query: 'zhongshipengtiaoshi', index: 'OCCUPATIONS', expect: { top: '中式烹调师' }, why: 'the whole joined pinyin' },
  { query: 'dianzishangwushi', index: 'OCCUPATIONS', expect: { top: '电子商务师' }, why: 'the whole joined pinyin' },
  { query: 'jiazhengfuwuyuan', index: 'OCCUPATIONS', expect: { top: '家政服务员' }, why: 'the whole joined pinyin' },
  { query: 'wangyuepeisongyuan', index: 'OCCUPATIONS', expect: { top: '网约配送员' }, why: 'the whole joined pinyin' },
  {
    query: 'hangong',
    index: 'OCCUPATIONS',
    expect: { top: '焊工' },
    why: 'the exact pinyin beats hangkong… (航空, one typo away)',
  },
  { query: 'diangong', index: 'OCCUPATIONS', expect: { top: '电工' }, why: 'the exact pinyin beats longer names' },
  {
    query: 'pengtiao',
    index: 'OCCUPATIONS',
    expect: { topSet: ['中式烹调师', '西式烹调师'] },
    why: 'a joined word from the middle of the name (Meilisearch splits it)',
  },
  {
    query: 'Yanglao',
    index: 'OCCUPATIONS',
    expect: { top: '养老护理员' },
    why: 'a capital letter from the phone keyboard',
  },
  { query: 'yǎnglǎo', index: 'OCCUPATIONS', expect: { top: '养老护理员' }, why: 'pinyin with tone marks' },
  {
    query: 'hangong',
    index: 'COURSES',
    expect: { n: of('焊工'), occupation: '焊工' },
    why: 'joined pinyin finds the classes first (航空 classes, one typo away, follow)',
  },
  {
    query: 'kafeishi',
    index: 'COURSES',
    expect: { n: of('咖啡师'), occupation: '咖啡师', totalHits: of('咖啡师') },
    why: 'joined pinyin finds exactly the classes',
  },
  {
    query: 'yunnanjishixueyuan',
    index: 'INSTITUTIONS',
    expect: { top: '云南技师学院', totalHits: 1 },
    why: 'an institution name in joined pinyin',
  },
  {
    query: 'yixintang',
    index: 'INSTITUTIONS',
    expect: { top: '一心堂药业集团有限公司' },
    why: 'the start of a company name in pinyin',
  },
  {
    query: 'qinglai',
    index: 'INSTITUTIONS',
    expect: { top: '云南庆来技工学校', totalHits: 1 },
    why: 'the distinctive word of a name in pinyin',
  },
  {
    query: 'honglan',
    index: 'INSTITUTIONS',
    expect: { top: '绥江县泓岚职业技能培训学校' },
    why: 'the distinctive word of a name in pinyin',
  },
  {
    query: 'lanlan',
    index: 'AGENCIES',
    expect: { top: '云南岚岚职业技能评价有限公司' },
    why: 'the distinctive word of an agency name in pinyin',
  },

  // ── Pinyin initials ──────────────────────────────────────────────────────────────────────
  {
    query: 'ylhly',
    index: 'OCCUPATIONS',
    expect: { topSet: ['养老护理员', '医疗护理员'] },
    why: 'both names have the initials ylhly',
  },
  { query: 'zspts', index: 'OCCUPATIONS', expect: { top: '中式烹调师', totalHits: 1 }, why: 'initials of 中式烹调师' },
  { query: 'dzsws', index: 'OCCUPATIONS', expect: { top: '电子商务师' }, why: 'initials of 电子商务师' },
  { query: 'jzfwy', index: 'OCCUPATIONS', expect: { top: '家政服务员' }, why: 'initials of 家政服务员' },
  { query: 'wypsy', index: 'OCCUPATIONS', expect: { top: '网约配送员' }, why: 'initials of 网约配送员' },
  { query: 'kdy', index: 'OCCUPATIONS', expect: { top: '快递员' }, why: 'initials of 快递员' },
  {
    query: 'zspts',
    index: 'COURSES',
    expect: { n: 20, occupation: '中式烹调师', totalHits: of('中式烹调师') },
    why: 'initials find exactly the classes',
  },
  {
    query: 'ylhly',
    index: 'COURSES',
    expect: { n: 20, occupation: ['养老护理员', '医疗护理员'], totalHits: [of('养老护理员'), of('医疗护理员')] },
    why: 'shared initials find the classes of both',
  },
  { query: 'ynjsxy', index: 'INSTITUTIONS', expect: { top: '云南技师学院' }, why: 'initials of an institution' },
  {
    query: 'qjjsxy',
    index: 'INSTITUTIONS',
    expect: { top: '曲靖技师学院', totalHits: 1 },
    why: 'initials of an institution',
  },

  // ── Everyday words (data/colloquial-occupations.csv) ─────────────────────────────────────
  { query: '厨师', index: 'OCCUPATIONS', expect: { top: '中式烹调师' }, why: '厨师 → 中式烹调师' },
  {
    query: '厨师',
    index: 'COURSES',
    expect: { n: 20, occupation: '中式烹调师', totalHits: of('中式烹调师') },
    why: '厨师 finds exactly the cooking classes',
  },
  {
    query: '电焊',
    index: 'COURSES',
    expect: { n: of('焊工'), occupation: '焊工', totalHits: of('焊工') },
    why: '电焊 → 焊工',
  },
  {
    query: '电焊工',
    index: 'COURSES',
    expect: { n: of('焊工'), occupation: '焊工', totalHits: of('焊工') },
    why: 'what the sign outside says',
  },
  { query: '月嫂', index: 'OCCUPATIONS', expect: { top: '家政服务员', totalHits: 1 }, why: '月嫂 → 家政服务员' },
  { query: '育儿嫂', index: 'OCCUPATIONS', expect: { top: '家政服务员' }, why: '育儿嫂 → 家政服务员' },
  {
    query: '保姆',
    index: 'COURSES',
    expect: { n: 20, occupation: '家政服务员', totalHits: of('家政服务员') },
    why: '保姆 finds exactly the domestic-service classes',
  },
  { query: '月嫂培训', index: 'COURSES', expect: { n: 20, occupation: '家政服务员' }, why: 'with 培训 added' },
  {
    query: '护工',
    index: 'OCCUPATIONS',
    expect: { topSet: ['养老护理员', '医疗护理员'] },
    why: '护工 has two meanings, both come first',
  },
  {
    query: '护工',
    index: 'COURSES',
    expect: { n: 20, occupation: ['医疗护理员', '养老护理员'], totalHits: [of('医疗护理员'), of('养老护理员')] },
    why: 'the classes of both meanings and nothing else',
  },
  {
    query: '陪护',
    index: 'COURSES',
    expect: { n: 20, occupation: '医疗护理员', totalHits: of('医疗护理员') },
    why: '陪护 → 医疗护理员',
  },
  {
    query: '挖机',
    index: 'COURSES',
    expect: {
      n: of('挖掘铲运和桩工机械司机'),
      occupation: '挖掘铲运和桩工机械司机',
      totalHits: of('挖掘铲运和桩工机械司机'),
    },
    why: '挖机 → 挖掘铲运和桩工机械司机',
  },
  {
    query: '钩机',
    index: 'OCCUPATIONS',
    expect: { top: '挖掘铲运和桩工机械司机', totalHits: 1 },
    why: 'the Yunnan word for an excavator',
  },
  {
    query: '铲车',
    index: 'OCCUPATIONS',
    expect: { top: '挖掘铲运和桩工机械司机' },
    why: '铲车 (loader) → 挖掘铲运和桩工机械司机',
  },
  {
    query: '叉车',
    index: 'OCCUPATIONS',
    expect: { top: '起重装卸机械操作工', totalHits: 1 },
    why: '叉车 → 起重装卸机械操作工 (no such class in the demo data)',
  },
  {
    query: '直播带货',
    index: 'COURSES',
    expect: { n: of('互联网营销师'), occupation: '互联网营销师', totalHits: of('互联网营销师') },
    why: '直播带货 → 互联网营销师',
  },
  { query: '主播', index: 'OCCUPATIONS', expect: { top: '互联网营销师' }, why: '主播 → 互联网营销师' },
  { query: '美甲', index: 'OCCUPATIONS', expect: { top: '美甲师', totalHits: 1 }, why: '美甲 → 美甲师' },
  {
    query: '修车',
    index: 'COURSES',
    expect: { n: of('汽车维修工'), occupation: '汽车维修工', totalHits: of('汽车维修工') },
    why: '修车 → 汽车维修工',
  },
  {
    query: '外卖',
    index: 'COURSES',
    expect: { n: of('网约配送员'), occupation: '网约配送员', totalHits: of('网约配送员') },
    why: '外卖 → 网约配送员',
  },
  { query: '骑手', index: 'OCCUPATIONS', expect: { top: '网约配送员', totalHits: 1 }, why: '骑手 → 网约配送员' },
  {
    query: '电商',
    index: 'COURSES',
    expect: { n: 20, occupation: '电子商务师' },
    why: '电商 → 电子商务师 (网络创业 classes included)',
  },
  {
    query: '奶茶',
    index: 'COURSES',
    expect: { n: of('调饮师'), occupation: '调饮师', totalHits: of('调饮师') },
    why: '奶茶 → 调饮师',
  },
  {
    query: '菌子',
    index: 'COURSES',
    expect: { n: 20, occupation: '食用菌生产工', totalHits: of('食用菌生产工') },
    why: 'the Yunnan word for mushrooms',
  },
  {
    query: '三七',
    index: 'COURSES',
    expect: { n: 20, occupation: '中药材种植员', totalHits: of('中药材种植员') },
    why: '三七 (Wenshan) → 中药材种植员',
  },
  {
    query: '瓦工',
    index: 'COURSES',
    expect: { n: of('砌筑工'), occupation: '砌筑工', totalHits: of('砌筑工') },
    why: '瓦工 → 砌筑工',
  },
  {
    query: '扎钢筋',
    index: 'COURSES',
    expect: { n: of('钢筋工'), occupation: '钢筋工', totalHits: of('钢筋工') },
    why: 'site talk → 钢筋工',
  },
  {
    query: '养猪',
    index: 'COURSES',
    expect: { n: 20, occupation: '家畜饲养员', totalHits: of('家畜饲养员') },
    why: '养猪 → 家畜饲养员',
  },
  {
    query: '早教',
    index: 'COURSES',
    expect: { n: of('婴幼儿发展引导员'), occupation: '婴幼儿发展引导员', totalHits: of('婴幼儿发展引导员') },
    why: '早教 → 婴幼儿发展引导员',
  },
  { query: '快递小哥', index: 'OCCUPATIONS', expect: { top: '快递员' }, why: '快递小哥 → 快递员' },
  { query: '普洱茶', index: 'OCCUPATIONS', expect: { top: '茶叶加工工', totalHits: 1 }, why: '普洱茶 → 茶叶加工工' },
  {
    query: '客栈',
    index: 'OCCUPATIONS',
    expect: { top: '民宿管家', totalHits: 1 },
    why: 'Lijiang/Dali 客栈 → 民宿管家',
  },
  {
    query: '彝绣',
    index: 'OCCUPATIONS',
    expect: { top: '抽纱刺绣工', totalHits: 1 },
    why: 'Chuxiong 彝绣 → 抽纱刺绣工',
  },
  {
    query: '扎染',
    index: 'OCCUPATIONS',
    expect: { top: '工艺染织品制作工', totalHits: 1 },
    why: 'Dali 扎染 → 工艺染织品制作工',
  },
  {
    query: '程序员',
    index: 'OCCUPATIONS',
    expect: { top: '计算机程序设计员', totalHits: 1 },
    why: '程序员 → 计算机程序设计员',
  },

  // ── Pinyin typos Meilisearch tolerates ───────────────────────────────────────────────────
  { query: 'yanglo', index: 'OCCUPATIONS', expect: { top: '养老护理员', totalHits: 1 }, why: 'one letter missing' },
  { query: 'yangloa', index: 'OCCUPATIONS', expect: { top: '养老护理员', totalHits: 1 }, why: 'two letters swapped' },
  {
    query: 'yangnaohuliyuan',
    index: 'OCCUPATIONS',
    expect: { top: '养老护理员' },
    why: 'n for l, as many Yunnan speakers say it',
  },
  {
    query: 'jiazhengfuwuyaun',
    index: 'OCCUPATIONS',
    expect: { top: '家政服务员' },
    why: 'two letters swapped at the end',
  },
  {
    query: 'jiazhenfuwuyuan',
    index: 'OCCUPATIONS',
    expect: { top: '家政服务员' },
    why: 'zhen for zheng (no back nasal)',
  },
  { query: 'dianzishangwusi', index: 'OCCUPATIONS', expect: { top: '电子商务师' }, why: 'si for shi (no retroflex)' },
  { query: 'kafieshi', index: 'OCCUPATIONS', expect: { top: '咖啡师' }, why: 'two letters swapped' },
  { query: 'daoyuo', index: 'OCCUPATIONS', expect: { top: '导游', totalHits: 1 }, why: 'two letters swapped' },
  { query: 'hangog', index: 'OCCUPATIONS', expect: { top: '焊工', totalHits: 1 }, why: 'two letters swapped' },
  {
    query: 'yanglo',
    index: 'COURSES',
    expect: { n: 20, occupation: '养老护理员', totalHits: of('养老护理员') },
    why: 'a pinyin typo on classes',
  },

  // ── Wrong character with the same sound (homophone fallback) ─────────────────────────────
  {
    query: '养佬护理员',
    index: 'OCCUPATIONS',
    expect: { top: '养老护理员', matchedBy: 'PINYIN', totalHits: 1 },
    why: '佬 for 老',
  },
  { query: '养老户理员', index: 'OCCUPATIONS', expect: { top: '养老护理员', matchedBy: 'PINYIN' }, why: '户 for 护' },
  {
    query: '中式烹条师',
    index: 'OCCUPATIONS',
    expect: { top: '中式烹调师', matchedBy: 'PINYIN', totalHits: 1 },
    why: '条 for 调',
  },
  { query: '茶议师', index: 'OCCUPATIONS', expect: { top: '茶艺师', matchedBy: 'PINYIN' }, why: '议 for 艺' },
  { query: '家正服务员', index: 'OCCUPATIONS', expect: { top: '家政服务员', matchedBy: 'PINYIN' }, why: '正 for 政' },
  { query: '汗工', index: 'OCCUPATIONS', expect: { top: '焊工', matchedBy: 'PINYIN' }, why: '汗 for 焊' },
  { query: '店工', index: 'OCCUPATIONS', expect: { top: '电工', matchedBy: 'PINYIN' }, why: '店 for 电' },
  { query: '快地员', index: 'OCCUPATIONS', expect: { top: '快递员', matchedBy: 'PINYIN' }, why: '地 for 递' },
  {
    query: '互联网营消师',
    index: 'OCCUPATIONS',
    expect: { top: '互联网营销师', matchedBy: 'PINYIN' },
    why: '消 for 销',
  },
  {
    query: '养佬护理员',
    index: 'COURSES',
    expect: { matchedBy: 'PINYIN', n: 20, occupation: '养老护理员', totalHits: of('养老护理员') },
    why: 'the fallback on classes finds exactly the classes',
  },
  {
    query: '汗工',
    index: 'COURSES',
    expect: { matchedBy: 'PINYIN', n: of('焊工'), occupation: '焊工', totalHits: of('焊工') },
    why: 'the fallback on classes finds exactly the classes',
  },
  {
    query: '电子商物师',
    index: 'COURSES',
    expect: { matchedBy: 'PINYIN', n: 20, occupation: '电子商务师' },
    why: '物 for 务, on classes',
  },
  {
    query: '云南庆来技工学效',
    index: 'INSTITUTIONS',
    expect: { top: '云南庆来技工学校', matchedBy: 'PINYIN', totalHits: 1 },
    why: '效 for 校 in an institution name',
  },
  {
    query: '云南岚岚职业技能评价有线公司',
    index: 'AGENCIES',
    expect: { top: '云南岚岚职业技能评价有限公司', matchedBy: 'PINYIN', totalHits: 1 },
    why: '线 for 限 in an agency name',
  },

  // ── Mixed scripts, levels, programmes ────────────────────────────────────────────────────
  {
    query: 'AI训练师',
    index: 'OCCUPATIONS',
    expect: { top: '人工智能训练师', totalHits: 1 },
    why: 'Latin letters run into Chinese',
  },
  {
    query: 'AI 训练师',
    index: 'OCCUPATIONS',
    expect: { top: '人工智能训练师', totalHits: 1 },
    why: 'the same with a space',
  },
  {
    query: 'B2',
    index: 'OCCUPATIONS',
    expect: { top: '道路货运汽车驾驶员', totalHits: 1 },
    why: 'the driving-licence class',
  },
  {
    query: 'B2',
    index: 'COURSES',
    expect: { n: of('道路货运汽车驾驶员'), occupation: '道路货运汽车驾驶员', totalHits: of('道路货运汽车驾驶员') },
    why: 'the licence class finds the truck-driver classes',
  },
  { query: 'Java', index: 'OCCUPATIONS', expect: { top: '计算机程序设计员', totalHits: 1 }, why: 'an English word' },
  { query: 'CAD', index: 'OCCUPATIONS', expect: { top: '制图员', totalHits: 1 }, why: 'an English abbreviation' },
  {
    query: 'SYB',
    index: 'COURSES',
    expect: { n: 20, titleIncludes: '创办你的企业（SYB）创业培训班' },
    why: 'the programme abbreviation inside a Chinese title',
  },
  {
    query: 'SYB创业',
    index: 'COURSES',
    expect: { n: 20, titleIncludes: '（SYB）创业' },
    why: 'Latin letters run into Chinese',
  },
  {
    query: '焊工四级',
    index: 'COURSES',
    expect: { n: of('焊工', { level: 'LEVEL_4' }), occupation: '焊工', level: 'LEVEL_4', titleIncludes: '（四级）' },
    why: 'the level typed after the name: those classes first',
  },
  {
    query: '焊工 四级',
    index: 'COURSES',
    expect: { n: of('焊工', { level: 'LEVEL_4' }), occupation: '焊工', level: 'LEVEL_4' },
    why: 'the same with a space',
  },
  {
    query: '养老护理员 四级',
    index: 'COURSES',
    expect: { n: of('养老护理员', { level: 'LEVEL_4' }), occupation: '养老护理员', level: 'LEVEL_4' },
    why: 'the level typed after the name',
  },
  {
    query: '养老护理员四级',
    index: 'COURSES',
    expect: { n: of('养老护理员', { level: 'LEVEL_4' }), occupation: '养老护理员', level: 'LEVEL_4' },
    why: 'the same without a space',
  },
  {
    query: '中式烹调师（三级）',
    index: 'COURSES',
    expect: { n: of('中式烹调师', { level: 'LEVEL_3' }), occupation: '中式烹调师', level: 'LEVEL_3' },
    why: 'the title as written, with full-width brackets',
  },
  {
    query: '厨师 五级',
    index: 'COURSES',
    expect: { n: of('中式烹调师', { level: 'LEVEL_5' }), occupation: '中式烹调师', level: 'LEVEL_5' },
    why: 'an everyday word and a level',
  },
  {
    query: '焊工特种作业',
    index: 'COURSES',
    expect: { n: 2, titleIncludes: '焊工特种作业培训班' },
    why: 'the two special-operations welding classes first',
  },

  // ── Places (courses) ─────────────────────────────────────────────────────────────────────
  { query: '大理', index: 'COURSES', expect: { n: 20, prefecture: '大理白族自治州' }, why: 'a 州 by its short name' },
  {
    query: '大理州',
    index: 'COURSES',
    expect: { n: 20, prefecture: '大理白族自治州' },
    why: 'a 州 as people write it',
  },
  {
    query: '西双版纳',
    index: 'COURSES',
    expect: { n: 20, prefecture: '西双版纳傣族自治州' },
    why: 'a 州 by its short name',
  },
  {
    query: '版纳',
    index: 'COURSES',
    expect: { n: 20, prefecture: '西双版纳傣族自治州' },
    why: 'the shortest everyday name',
  },
  { query: '昆明', index: 'COURSES', expect: { n: 20, prefecture: '昆明市' }, why: 'the capital' },
  {
    query: '红河',
    index: 'COURSES',
    expect: { n: 20, prefecture: '红河哈尼族彝族自治州' },
    why: 'a 州 by its short name (also a county name inside it)',
  },
  {
    query: '文山',
    index: 'COURSES',
    expect: { n: 20, prefecture: '文山壮族苗族自治州' },
    why: 'a 州 by its short name',
  },
  {
    query: '腾冲',
    index: 'COURSES',
    expect: { n: { region: REGION.腾冲市 }, county: '腾冲市' },
    why: 'a county: all its classes first',
  },
  {
    query: '勐海',
    index: 'COURSES',
    expect: { n: { region: REGION.勐海县 }, county: '勐海县' },
    why: 'a county: its classes first (then classes elsewhere by 勐海 institutions)',
  },
  { query: '五华区', index: 'COURSES', expect: { n: 20, county: '五华区' }, why: 'a district of Kunming' },
  {
    query: '香格里拉',
    index: 'COURSES',
    expect: { n: 20, county: '香格里拉市' },
    why: 'a county-level city by its short name',
  },
  {
    query: '大理 养老',
    index: 'COURSES',
    expect: { n: of('养老护理员', { region: REGION.大理州 }), occupation: '养老护理员', prefecture: '大理白族自治州' },
    why: 'place and occupation: the classes with both first',
  },
  {
    query: '大理 导游',
    index: 'COURSES',
    expect: { n: of('导游', { region: REGION.大理州 }), occupation: '导游', prefecture: '大理白族自治州' },
    why: 'place and occupation: the classes with both first',
  },
  {
    query: '昆明 月嫂',
    index: 'COURSES',
    expect: { n: of('家政服务员', { region: REGION.昆明市 }), occupation: '家政服务员', prefecture: '昆明市' },
    why: 'place and everyday word',
  },
  {
    query: '玉溪 厨师',
    index: 'COURSES',
    expect: { n: of('中式烹调师', { region: REGION.玉溪市 }), occupation: '中式烹调师', prefecture: '玉溪市' },
    why: 'place and everyday word',
  },
  {
    query: '文山 三七',
    index: 'COURSES',
    expect: {
      n: of('中药材种植员', { region: REGION.文山州 }),
      occupation: '中药材种植员',
      prefecture: '文山壮族苗族自治州',
    },
    why: 'place and local crop',
  },
  {
    query: '昆明 电商',
    index: 'COURSES',
    expect: { n: of('电子商务师', { region: REGION.昆明市 }), occupation: '电子商务师', prefecture: '昆明市' },
    why: 'place and everyday word',
  },
  {
    query: '红河 茶艺师',
    index: 'COURSES',
    expect: { n: of('茶艺师', { region: REGION.红河州 }), occupation: '茶艺师', prefecture: '红河哈尼族彝族自治州' },
    why: 'place and occupation',
  },
  {
    query: '养老',
    index: 'COURSES',
    filter: { region: REGION.大理州 },
    expect: {
      n: of('养老护理员', { region: REGION.大理州 }),
      occupation: '养老护理员',
      prefecture: '大理白族自治州',
      totalHits: of('养老护理员', { region: REGION.大理州 }),
    },
    why: 'the region filter narrows to exactly the 州',
  },
  {
    query: '厨师',
    index: 'COURSES',
    filter: { region: REGION.昆明市 },
    expect: {
      n: of('中式烹调师', { region: REGION.昆明市 }),
      prefecture: '昆明市',
      occupation: '中式烹调师',
      totalHits: of('中式烹调师', { region: REGION.昆明市 }),
    },
    why: 'everyday word with a region filter',
  },
  {
    query: 'yanglao',
    index: 'COURSES',
    filter: { region: REGION.昆明市 },
    expect: {
      n: of('养老护理员', { region: REGION.昆明市 }),
      prefecture: '昆明市',
      totalHits: of('养老护理员', { region: REGION.昆明市 }),
    },
    why: 'pinyin with a region filter',
  },
  {
    query: '电焊',
    index: 'COURSES',
    facets: ['LEVEL'],
    expect: {
      totalHits: of('焊工'),
      facet: { facet: 'LEVEL', value: 'LEVEL_4', count: of('焊工', { level: 'LEVEL_4' }) },
    },
    why: 'the level facet counts the 四级 welding classes',
  },
  {
    query: '护工',
    index: 'COURSES',
    facets: ['PREFECTURE'],
    expect: {
      facet: {
        facet: 'PREFECTURE',
        value: REGION.大理州,
        count: [of('养老护理员', { region: REGION.大理州 }), of('医疗护理员', { region: REGION.大理州 })],
      },
    },
    why: 'the 州 facet counts both meanings of 护工 in Dali',
  },

  // ── Institutions and agencies by name ────────────────────────────────────────────────────
  {
    query: '云南技师学院',
    index: 'INSTITUTIONS',
    expect: { top: '云南技师学院' },
    why: 'the exact name beats 云南工业技师学院',
  },
  { query: '云南交通技师学院', index: 'INSTITUTIONS', expect: { top: '云南交通技师学院' }, why: 'the exact name' },
  { query: '昆明华航技校', index: 'INSTITUTIONS', expect: { top: '昆明华航技校' }, why: 'the exact name' },
  {
    query: '一心堂',
    index: 'INSTITUTIONS',
    expect: { top: '一心堂药业集团有限公司', totalHits: 1 },
    why: 'the brand without the company words',
  },
  {
    query: '茶叶协会',
    index: 'INSTITUTIONS',
    expect: { top: '云南省茶叶流通协会', totalHits: 1 },
    why: 'two words of a long name',
  },
  {
    query: '泓岚',
    index: 'INSTITUTIONS',
    expect: { top: '绥江县泓岚职业技能培训学校' },
    why: 'the distinctive word of a name',
  },
  {
    query: '绥江县泓岚职业技能培训学校',
    index: 'INSTITUTIONS',
    expect: { top: '绥江县泓岚职业技能培训学校' },
    why: 'the full name',
  },
  { query: '大理', index: 'INSTITUTIONS', expect: { n: 10, titleIncludes: '大理' }, why: 'institutions of a place' },
  {
    query: '云南岚岚职业技能评价有限公司',
    index: 'AGENCIES',
    expect: { top: '云南岚岚职业技能评价有限公司' },
    why: 'the exact name',
  },
  {
    query: '岚岚',
    index: 'AGENCIES',
    expect: { top: '云南岚岚职业技能评价有限公司' },
    why: 'the distinctive word of a name',
  },
  {
    query: '临沧珈森职业技能鉴定所',
    index: 'AGENCIES',
    expect: { top: '临沧珈森职业技能鉴定所' },
    why: 'the exact name',
  },
  {
    query: '鉴定所 曲靖',
    index: 'AGENCIES',
    expect: { n: 5, titleIncludes: '曲靖' },
    why: 'kind and place: the five 曲靖 鉴定所 first',
  },
  {
    query: '焊工',
    index: 'AGENCIES',
    expect: { n: 9, scopeIncludes: '焊工', totalHits: 9 },
    why: 'agencies that evaluate an occupation',
  },
  {
    query: '养老护理员',
    index: 'AGENCIES',
    expect: { n: 7, scopeIncludes: '养老护理员', totalHits: 7 },
    why: 'agencies that evaluate an occupation',
  },

  // ── Subsidy notices by number, class number, bureau ──────────────────────────────────────
  {
    query: '弥勒人社培公〔2024〕第2号',
    index: 'NOTICES',
    expect: { n: 1, numberIncludes: '弥勒人社培公〔2024〕第2号' },
    why: 'a notice by its number',
  },
  {
    query: '弥勒人社培公',
    index: 'NOTICES',
    expect: { n: 8, numberIncludes: '弥勒人社培公' },
    why: 'a bureau’s notices by their number prefix',
  },
  {
    query: 'KB2024-532504-00002',
    index: 'NOTICES',
    expect: { n: 1, titleIncludes: 'KB2024-532504-00002' },
    why: 'a notice by the class number in its title',
  },
  {
    query: '巍山',
    index: 'NOTICES',
    expect: { n: 16, mentions: '巍山' },
    why: 'a county: its bureau’s notices and its institutions’ notices',
  },
  {
    query: '马关',
    index: 'NOTICES',
    expect: { n: 18, mentions: '马关' },
    why: 'a county: its bureau’s notices and its institutions’ notices',
  },
  {
    query: '养老护理员',
    index: 'NOTICES',
    expect: { n: 18, titleIncludes: '养老护理员' },
    why: 'notices of an occupation’s classes',
  },
  // Added after the first run of this table showed them failing (see the closing note of issue 3).
  {
    query: '焊工4级',
    index: 'COURSES',
    expect: { n: 3, occupation: '焊工', level: 'LEVEL_4' },
    why: 'a level typed as a digit is read as 四级',
  },
  {
    query: '养老护理员 5 级',
    index: 'COURSES',
    expect: { n: 1, occupation: '养老护理员', level: 'LEVEL_5' },
    why: 'digit level with spaces',
  },
  {
    query: '普洱',
    index: 'COURSES',
    expect: { n: 10, prefecture: '普洱市' },
    why: 'a 州市 name outranks the 普洱茶 alias of 茶叶加工工',
  },
  { query: 'chushi', index: 'OCCUPATIONS', expect: { top: '中式烹调师' }, why: 'pinyin of an everyday word (厨师)' },
  { query: 'yuesao', index: 'OCCUPATIONS', expect: { top: '家政服务员' }, why: 'pinyin of an everyday word (月嫂)' },
  { query: '育婴员', index: 'OCCUPATIONS', expect: { top: '家政服务员' }, why: 'the 2015 name, merged in 2022' },
  { query: '烹饪', index: 'OCCUPATIONS', expect: { top: '中式烹调师' }, why: 'everyday word for cooking' },
  {
    query: '中式烹条师',
    index: 'COURSES',
    expect: { matchedBy: 'PINYIN', totalHits: of('中式烹调师'), n: of('中式烹调师'), occupation: '中式烹调师' },
    why: 'homophone typo on classes: exact total through the occupation',
  },
];
