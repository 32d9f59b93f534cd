/**
 * Rows of a bureau's notices file for tests and benchmarks: made-up people with valid resident
 * ID numbers (GB 11643 check digit), varied like real ones so that masked forms rarely coincide.
 * Never presented as data: the importer masks them on the way in.
 */

/** The headings of the notices import, in the template's order. */
export const NOTICE_FILE_HEADER = [
  '公示编号',
  '公示标题',
  '发布单位代码',
  '培训班编号',
  '发布日期',
  '序号',
  '姓名',
  '身份证号码',
  '职业（工种）编码',
  '等级',
  '证书编号',
  '出勤率',
  '补贴金额（元）',
];

// The 100 most common family names (about 85 % of the population), so masked names spread as real ones do.
const FAMILY = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid resident ID number of 五华区 for a birth date and a sequence. */
export function sampleResidentId(birth: string, seq: number): string {
  const first17 = `530102${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0) % 11];
}

/**
 * `notices` notices of `perNotice` trainees each, numbered from `from + 1`; every tenth trainee
 * attended 60 % and gets nothing.
 * @example sampleNoticeRows(2, 3).length // 6
 */
export function sampleNoticeRows(notices: number, perNotice: number, from = 0): string[][] {
  const rows: string[][] = [];
  for (let n = 0; n < notices; n++) {
    for (let i = 0; i < perNotice; i++) {
      const k = (from + n) * perNotice + i;
      const birth = new Date(Date.UTC(1965, 0, 1) + ((k * 7919) % 14000) * 86_400_000).toISOString().slice(0, 10);
      const unpaid = i % 10 === 9;
      rows.push([
        `（导入测试）五华人社培公〔2026〕第${from + n + 1}号`,
        '关于导入测试培训班培训补贴人员名单的公示',
        '530102',
        '',
        '2026-11-16',
        String(i + 1),
        `${FAMILY[(k * 31) % FAMILY.length]}某${'甲乙丙丁'[k % 4]}`,
        sampleResidentId(birth, (k * 37) % 1000),
        '4-10-01-05',
        '五级',
        unpaid ? '' : `S2026${String(k).padStart(10, '0')}`,
        unpaid ? '60%' : '90%',
        unpaid ? '0' : '1200',
      ]);
    }
  }
  return rows;
}
