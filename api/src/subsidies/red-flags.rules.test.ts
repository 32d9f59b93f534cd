import { describe, expect, it } from 'vitest';
import { DOCUMENTS } from '../common/rule-check';
import {
  claimDeadlineFor,
  noticeRedFlags,
  type NoticeFlagFacts,
  CLASS_FLAGS,
  FLAG_KINDS,
  flagIdsText,
  parseFlagIds,
} from './red-flags.rules';

const clean: NoticeFlagFacts = {
  publishedOn: '2022-06-20',
  classEndDate: '2022-06-10',
  lines: [
    { seq: 1, attendanceRate: 0.9, amount: 1200, cancelled: false },
    { seq: 2, attendanceRate: 0.8, amount: 1200, cancelled: false },
    { seq: 3, attendanceRate: 0.6, amount: 0, cancelled: false },
  ],
  directoryStandard: 1200,
  classChecks: [],
  paidElsewhere: [],
};
const ids = (f: NoticeFlagFacts) => noticeRedFlags(f).map((x) => [x.flagId, x.lineSeqs]);

describe('red flags on a notice', () => {
  it('raises none on a clean notice (exactly 80 % attendance is enough)', () => {
    expect(noticeRedFlags(clean)).toEqual([]);
  });

  it('50号 (十四): a paid line below 80 % attendance, unless an objection already cancelled it', () => {
    const f = {
      ...clean,
      lines: [
        ...clean.lines,
        { seq: 4, attendanceRate: 0.79, amount: 1200, cancelled: false },
        { seq: 5, attendanceRate: 0.5, amount: 1200, cancelled: true },
      ],
    };
    const [flag] = noticeRedFlags(f);
    expect([flag.flagId, flag.lineSeqs, flag.clause.clause]).toEqual(['flag.paid-below-attendance', [4], '(十四)']);
    expect(flag.message).toBe('第4行出勤率低于80%，却列有补贴金额');
  });

  it('50号 (四): an amount above the directory standard', () => {
    expect(ids({ ...clean, directoryStandard: 1000 })).toEqual([['flag.amount-above-standard', [1, 2]]]);
    expect(ids({ ...clean, directoryStandard: null })).toEqual([]);
  });

  it('50号 (十九): the same masked person paid twice for the same occupation and level in a year', () => {
    const [flag] = noticeRedFlags({ ...clean, paidElsewhere: [{ seq: 2, notice: '五华人社培公〔2022〕第3号' }] });
    expect([flag.flagId, flag.lineSeqs]).toEqual(['flag.paid-twice', [2]]);
    expect(flag.message).toContain('五华人社培公〔2022〕第3号');
    expect(flag.messageEn).toMatch(/possibly two people/);
  });

  it('raises the class rules that matter for the money: cap, hours, blacklist, agency', () => {
    const clause = { document: DOCUMENTS.NOTICE_2022_8, clause: '三(五)' };
    const check = (ruleId: string, passed: boolean) => ({ ruleId, passed, message: 'm', messageEn: 'e', clause });
    const f = {
      ...clean,
      classChecks: [
        check('course.class-size', false),
        check('course.min-certificate-hours', false),
        check('course.institution-standing', false),
        check('course.exam-training-separation', false),
        check('course.daily-hours', false),
        check('course.separate-teachers', true),
      ],
    };
    expect(ids(f)).toEqual([
      ['flag.class-over-cap', []],
      ['flag.certificate-hours', []],
      ['flag.institution-blacklisted', []],
      ['flag.agency-is-trainer', []],
    ]);
  });

  it('late claims: 10 working days in 2021 (2021 notice 二(八)), 30 from 8号 (三(九))', () => {
    expect(claimDeadlineFor('2021-12-31').workingDays).toBe(10);
    expect(claimDeadlineFor('2022-02-11').workingDays).toBe(30);
    // 2021-06-01 (Tue) + 10 working days = 2021-06-16 (14 Jun is the Dragon Boat holiday).
    expect(ids({ ...clean, classEndDate: '2021-06-01', publishedOn: '2021-06-16' })).toEqual([]);
    const [late] = noticeRedFlags({ ...clean, classEndDate: '2021-06-01', publishedOn: '2021-06-17' });
    expect([late.flagId, late.clause.clause, late.message]).toEqual([
      'flag.late-claim',
      '二(八)',
      '培训班结束11个工作日后才公示，超过规定（培训班结束后10个工作日内提交补贴申请）',
    ]);
    expect(ids({ ...clean, classEndDate: '2022-06-10', publishedOn: '2022-07-22' })).toEqual([]);
    expect(ids({ ...clean, classEndDate: '2022-06-10', publishedOn: '2022-07-25' })).toEqual([['flag.late-claim', []]]);
  });
});

describe('flag kinds', () => {
  it('name every flag the rules can raise, once', async () => {
    const ids = FLAG_KINDS.map((k) => k.flagId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of Object.values(CLASS_FLAGS)) expect(ids).toContain(f.flagId);
    for (const id of ['flag.paid-below-attendance', 'flag.amount-above-standard', 'flag.paid-twice', 'flag.late-claim'])
      expect(ids).toContain(id);
  });

  it('store as |a|b| text, sorted and without repeats, and read back', async () => {
    expect(flagIdsText([{ flagId: 'flag.z' }, { flagId: 'flag.a' }, { flagId: 'flag.z' }])).toBe('|flag.a|flag.z|');
    expect(flagIdsText([])).toBe('');
    expect(parseFlagIds('|flag.a|flag.z|')).toEqual(['flag.a', 'flag.z']);
    expect(parseFlagIds('')).toEqual([]);
  });
});
