/**
 * The shape every rule returns, and the documents rules cite. Rules are pure: they take plain
 * data, `today` and a year's configuration, and return `RuleCheck`s; nothing here reads the
 * clock, the environment or a database.
 */

/** A source document the rules cite. */
export interface SourceDocument {
  /** Document number as printed, e.g. `云人社通〔2022〕8号`. */
  number: string;
  /** Title as printed. */
  title: string;
  /** Date of issue, ISO `YYYY-MM-DD`. */
  issuedOn: string;
}

/** The four source documents (shared/seeds) plus the national standards the validators use. */
export const DOCUMENTS = {
  NOTICE_2021: {
    number: '云人社（2021）职业技能提升行动通知',
    title: '云南省人力资源和社会保障厅关于做好2021年职业技能提升行动工作的通知',
    issuedOn: '2021-03-15',
  },
  NOTICE_2022_8: {
    number: '云人社通〔2022〕8号',
    title: '云南省人力资源和社会保障厅关于做好2022年职业培训工作的通知',
    issuedOn: '2022-02-11',
  },
  NOTICE_2022_50: {
    number: '云人社通〔2022〕50号',
    title: '云南省人力资源和社会保障厅 云南省财政厅关于加强职业技能培训管理规范化工作的通知',
    issuedOn: '2022-11-05',
  },
  SKILLS_YUNNAN_2021_28: {
    number: '云政发〔2021〕28号',
    title: '云南省人民政府关于实施“技能云南”行动的意见',
    issuedOn: '2021-11-23',
  },
  GB_32100_2015: {
    number: 'GB 32100-2015',
    title: '法人和其他组织统一社会信用代码编码规则',
    issuedOn: '2015-09-17',
  },
  GB_11643_1999: {
    number: 'GB 11643-1999',
    title: '公民身份号码',
    issuedOn: '1999-07-01',
  },
} as const satisfies Record<string, SourceDocument>;

/** A clause of a document, e.g. `云人社通〔2022〕8号 三(五)`. */
export interface Clause {
  document: SourceDocument;
  /** The clause as numbered in the document, e.g. `三(五)`. */
  clause: string;
}

/** `云人社通〔2022〕8号 三(五)` */
export function citation(c: Clause): string {
  return `${c.document.number} ${c.clause}`;
}

/** The outcome of one rule applied to one record. */
export interface RuleCheck {
  /** Stable rule id, e.g. `course.min-certificate-hours`. */
  ruleId: string;
  /** Whether the record satisfies the rule. */
  passed: boolean;
  /** Plain Chinese sentence a worker can read. */
  message: string;
  /** The same in plain English. */
  messageEn: string;
  /** Where the rule comes from. */
  clause: Clause;
}
