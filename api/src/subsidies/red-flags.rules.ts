/**
 * Red flags on a subsidy notice: what a journalist or a citizen should look at twice, each
 * computed from the published data, explained in plain words and tied to its clause. A flag is
 * a signal, not a finding: an objection or an inspection decides. Pure: facts in, flags out.
 */
import { DOCUMENTS, type Clause, type RuleCheck } from '../common/rule-check';
import type { IsoDate } from '../common/dates';
import { workingDaysAfter } from '../common/working-days';
import { MIN_ATTENDANCE } from './subsidy.rules';

/** One red flag: which rule, which lines (empty: the notice as a whole), why, and the clause. */
export interface RedFlag {
  flagId: string;
  message: string;
  messageEn: string;
  clause: Clause;
  /** Line numbers concerned (empty when the flag is about the notice or its class). */
  lineSeqs: number[];
}

/** How long after a class ends its subsidy may be claimed, by the rules in force at its end. */
export interface ClaimDeadlineEdition {
  /** Classes ending on or after this day. */
  from: IsoDate;
  workingDays: number;
  clause: Clause;
  /** What the limit is about, in plain words. */
  what: string;
  whatEn: string;
}

/**
 * 2021: claims within 10 working days of the end of the class (2021 notice 二(八)); from 8号
 * (2022-02-11): the approval flow within 30 working days, or the class is cleared (三(九)).
 */
export const CLAIM_DEADLINES: readonly ClaimDeadlineEdition[] = [
  {
    from: '2021-01-01',
    workingDays: 10,
    clause: { document: DOCUMENTS.NOTICE_2021, clause: '二(八)' },
    what: '培训班结束后10个工作日内提交补贴申请',
    whatEn: 'the claim is filed within 10 working days of the end of the class',
  },
  {
    from: '2022-02-11',
    workingDays: 30,
    clause: { document: DOCUMENTS.NOTICE_2022_8, clause: '三(九)' },
    what: '30个工作日内完成资金申报审批流程，逾期清零',
    whatEn: 'the approval flow finishes within 30 working days, or the class is cleared',
  },
];

/** The course rules whose failure on the notice's class is a red flag on the notice. */
export const CLASS_FLAGS: Readonly<Record<string, { flagId: string; zh: string; en: string }>> = {
  'course.class-size': {
    flagId: 'flag.class-over-cap',
    zh: '培训班人数超过上限',
    en: 'The class is over its size limit',
  },
  'course.min-certificate-hours': {
    flagId: 'flag.certificate-hours',
    zh: '取证类培训课时不足120学时',
    en: 'A certificate class under 120 hours',
  },
  'course.institution-standing': {
    flagId: 'flag.institution-blacklisted',
    zh: '开班时培训机构在黑名单期内',
    en: 'The institution was blacklisted when the class ran',
  },
  'course.exam-training-separation': {
    flagId: 'flag.agency-is-trainer',
    zh: '评价机构就是培训机构本身，且不符合考培结合的例外',
    en: 'The assessing agency is the trainer itself, without the exemption',
  },
};

/** One kind of red flag, for lists, filters and per-institution counts. */
export interface FlagKind {
  flagId: string;
  /** Short name, in Chinese. */
  title: string;
  titleEn: string;
  /** Where the rule is written (a class rule cites its own clause on each flag). */
  basis: string;
}

/**
 * Every kind of red flag, in the order a notice page lists them. The ids are stable: search
 * filters, downloads and the per-institution counts use them.
 */
export const FLAG_KINDS: readonly FlagKind[] = [
  {
    flagId: 'flag.paid-below-attendance',
    title: '出勤不足80%却领补贴',
    titleEn: 'Paid below 80 % attendance',
    basis: '云人社通〔2022〕50号 (十四)',
  },
  {
    flagId: 'flag.amount-above-standard',
    title: '补贴高于目录标准',
    titleEn: 'Above the directory standard',
    basis: '云人社通〔2022〕50号 (四)',
  },
  {
    flagId: 'flag.paid-twice',
    title: '同一人同年同职业同等级领取两次',
    titleEn: 'Same person paid twice',
    basis: '云人社通〔2022〕50号 (十九)',
  },
  {
    flagId: 'flag.class-over-cap',
    title: '培训班人数超过上限',
    titleEn: 'Class over its size limit',
    basis: '2021年通知 二(七)；云人社通〔2022〕8号 三(五)',
  },
  {
    flagId: 'flag.certificate-hours',
    title: '取证类培训不足120学时',
    titleEn: 'Certificate class under 120 hours',
    basis: '2021年通知 二(七)；云人社通〔2022〕8号 三(五)',
  },
  {
    flagId: 'flag.institution-blacklisted',
    title: '开班时机构在黑名单期内',
    titleEn: 'Institution blacklisted at the time',
    basis: '云人社通〔2022〕8号 四(三)；50号 (十九)',
  },
  {
    flagId: 'flag.agency-is-trainer',
    title: '评价机构即培训机构',
    titleEn: 'Assessing agency is the trainer',
    basis: '云人社通〔2022〕8号 三(十)；50号 (十一)',
  },
  {
    flagId: 'flag.late-claim',
    title: '超过申报期限',
    titleEn: 'Claim outside the deadline',
    basis: '2021年通知 二(八)；云人社通〔2022〕8号 三(九)',
  },
];

/** The flag ids of a notice as one stored text, `|a|b|`, so a database can filter with `like '%|a|%'`. */
export function flagIdsText(flags: readonly { flagId: string }[]): string {
  const ids = [...new Set(flags.map((f) => f.flagId))].sort();
  return ids.length ? `|${ids.join('|')}|` : '';
}

/** The ids in a stored flag text. @example parseFlagIds('|flag.a|flag.b|') // ['flag.a', 'flag.b'] */
export function parseFlagIds(text: string | null | undefined): string[] {
  return (text ?? '').split('|').filter(Boolean);
}

/** What the flags look at. */
export interface NoticeFlagFacts {
  publishedOn: IsoDate;
  /** Last day of the class the notice is for (null: no class linked). */
  classEndDate: IsoDate | null;
  lines: readonly { seq: number; attendanceRate: number; amount: number; cancelled: boolean }[];
  /** The directory's subsidy per trainee for the class's entry (null: no entry). */
  directoryStandard: number | null;
  /** The class's compliance checks (course.rules `checkCourse`). */
  classChecks: readonly RuleCheck[];
  /** Lines whose masked person was also paid for the same occupation and level in the same year on another notice. */
  paidElsewhere: readonly { seq: number; notice: string }[];
}

const ATTENDANCE_CLAUSE = MIN_ATTENDANCE.clause;
const STANDARD_CLAUSE: Clause = { document: DOCUMENTS.NOTICE_2022_50, clause: '(四)' };
const FRAUD_CLAUSE: Clause = { document: DOCUMENTS.NOTICE_2022_50, clause: '(十九)' };

/** The claim rule in force for a class that ended on `end`. */
export function claimDeadlineFor(
  end: IsoDate,
  editions: readonly ClaimDeadlineEdition[] = CLAIM_DEADLINES,
): ClaimDeadlineEdition {
  return [...editions].reverse().find((e) => end >= e.from) ?? editions[0];
}

const seqList = (seqs: number[]) => seqs.join('、');

/**
 * Every red flag of one notice.
 * @example noticeRedFlags({ ...facts, lines: [{ seq: 3, attendanceRate: 0.7, amount: 1200, cancelled: false }] })[0].flagId // 'flag.paid-below-attendance'
 */
export function noticeRedFlags(
  f: NoticeFlagFacts,
  deadlines: readonly ClaimDeadlineEdition[] = CLAIM_DEADLINES,
): RedFlag[] {
  const flags: RedFlag[] = [];
  const paid = f.lines.filter((l) => l.amount > 0 && !l.cancelled);

  const under = paid.filter((l) => l.attendanceRate < MIN_ATTENDANCE.value - 1e-9).map((l) => l.seq);
  if (under.length) {
    flags.push({
      flagId: 'flag.paid-below-attendance',
      lineSeqs: under,
      clause: ATTENDANCE_CLAUSE,
      message: `第${seqList(under)}行出勤率低于80%，却列有补贴金额`,
      messageEn: `Line${under.length > 1 ? 's' : ''} ${under.join(', ')}: attendance below 80 %, yet a subsidy is listed.`,
    });
  }

  if (f.directoryStandard != null) {
    const above = paid.filter((l) => l.amount > f.directoryStandard!).map((l) => l.seq);
    if (above.length) {
      flags.push({
        flagId: 'flag.amount-above-standard',
        lineSeqs: above,
        clause: STANDARD_CLAUSE,
        message: `第${seqList(above)}行补贴金额高于目录标准（每人${f.directoryStandard}元）`,
        messageEn: `Line${above.length > 1 ? 's' : ''} ${above.join(', ')}: more than the directory's ${f.directoryStandard} yuan per trainee.`,
      });
    }
  }

  if (f.paidElsewhere.length) {
    const seqs = [...new Set(f.paidElsewhere.map((p) => p.seq))].sort((a, b) => a - b);
    const others = [...new Set(f.paidElsewhere.map((p) => p.notice))];
    flags.push({
      flagId: 'flag.paid-twice',
      lineSeqs: seqs,
      clause: FRAUD_CLAUSE,
      message: `第${seqList(seqs)}行的脱敏姓名和身份证号，同年同一职业同一等级在另一份公示（${others.join('、')}）中也领了补贴；可能是同一人重复领取，也可能只是脱敏后相同`,
      messageEn: `Line${seqs.length > 1 ? 's' : ''} ${seqs.join(', ')}: the same masked name and ID were paid for the same occupation and level in the same year on ${others.join(', ')}: possibly a double payment, possibly two people whose masked data coincide.`,
    });
  }

  for (const check of f.classChecks) {
    const flag = CLASS_FLAGS[check.ruleId];
    if (!flag || check.passed) continue;
    flags.push({
      flagId: flag.flagId,
      lineSeqs: [],
      clause: check.clause,
      message: `${flag.zh}：${check.message}`,
      messageEn: `${flag.en}: ${check.messageEn}`,
    });
  }

  if (f.classEndDate) {
    const rule = claimDeadlineFor(f.classEndDate, deadlines);
    const taken = workingDaysAfter(f.classEndDate, f.publishedOn);
    if (taken > rule.workingDays) {
      flags.push({
        flagId: 'flag.late-claim',
        lineSeqs: [],
        clause: rule.clause,
        message: `培训班结束${taken}个工作日后才公示，超过规定（${rule.what}）`,
        messageEn: `Published ${taken} working days after the class ended, beyond the rule (${rule.whatEn}).`,
      });
    }
  }
  return flags;
}
