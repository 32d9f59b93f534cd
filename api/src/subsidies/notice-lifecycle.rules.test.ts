import { describe, expect, it } from 'vitest';
import { NoticeStatus } from '../common/enums';
import {
  checkWithdrawal,
  noticeStatus,
  objectionDaysLeft,
  objectionPeriod,
  objectionWorkingDates,
  OBJECTION_PERIOD_2022,
  checkCorrection,
  checkDecision,
  checkObjection,
} from './notice-lifecycle.rules';

describe('50号 (十九): the objection period', () => {
  it('runs 5 working days from publication, the day itself first', () => {
    expect(OBJECTION_PERIOD_2022.workingDays).toBe(5);
    expect(OBJECTION_PERIOD_2022.clause.clause).toBe('(十九)');
    expect(objectionPeriod('2026-11-16')).toEqual({
      from: '2026-11-16',
      until: '2026-11-20',
      workingDays: 5,
      calendarConfirmed: true,
    });
  });

  it('starts on the next working day when published on a weekend or holiday', () => {
    expect(objectionPeriod('2026-11-21')).toMatchObject({ from: '2026-11-23', until: '2026-11-27' });
    expect(objectionPeriod('2026-10-03')).toMatchObject({ from: '2026-10-08', until: '2026-10-13' }); // 8, 9, 10 (a make-up Saturday), 12, 13 Oct
  });

  it('skips public holidays and counts make-up Saturdays', () => {
    expect(objectionPeriod('2026-09-28').until).toBe('2026-10-09');
    expect(objectionPeriod('2026-09-29').until).toBe('2026-10-10');
    expect(objectionPeriod('2022-01-27').until).toBe('2022-02-07');
  });

  it('lists the working days of the period, for a countdown', () => {
    expect(objectionWorkingDates('2026-09-28', '2026-10-09')).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
    ]);
    expect(objectionWorkingDates('2026-11-21', '2026-11-27')).toHaveLength(5);
  });

  it('takes its length from the configuration', () => {
    expect(objectionPeriod('2026-11-16', { ...OBJECTION_PERIOD_2022, workingDays: 7 }).until).toBe('2026-11-24');
  });

  it('says when a period reaches a year whose holidays are not announced', () => {
    expect(objectionPeriod('2099-12-28').calendarConfirmed).toBe(false);
  });
});

describe('notice status', () => {
  const n = { publishedOn: '2026-11-16', objectionUntil: '2026-11-20', withdrawnOn: null };
  it('is 公示中 up to and including the last day, 公示期满 after', () => {
    expect(noticeStatus(n, '2026-11-16')).toBe(NoticeStatus.IN_OBJECTION_PERIOD);
    expect(noticeStatus(n, '2026-11-20')).toBe(NoticeStatus.IN_OBJECTION_PERIOD);
    expect(noticeStatus(n, '2026-11-21')).toBe(NoticeStatus.CLOSED);
  });

  it('is 已撤回 from the day of withdrawal, not before', () => {
    const w = { ...n, withdrawnOn: '2026-11-18' };
    expect(noticeStatus(w, '2026-11-17')).toBe(NoticeStatus.IN_OBJECTION_PERIOD);
    expect(noticeStatus(w, '2026-11-18')).toBe(NoticeStatus.WITHDRAWN);
    expect(noticeStatus(w, '2027-01-01')).toBe(NoticeStatus.WITHDRAWN);
  });

  it('counts the working days left to object, today included', () => {
    expect(objectionDaysLeft(n, '2026-11-16')).toBe(5);
    expect(objectionDaysLeft(n, '2026-11-20')).toBe(1);
    expect(objectionDaysLeft(n, '2026-11-21')).toBe(0);
    expect(
      objectionDaysLeft({ publishedOn: '2026-11-21', objectionUntil: '2026-11-27', withdrawnOn: null }, '2026-11-21'),
    ).toBe(5);
    // Before publication the whole period is still ahead.
    expect(objectionDaysLeft(n, '2026-11-01')).toBe(5);
  });
});

describe('withdrawal', () => {
  const n = { publishedOn: '2026-11-16', withdrawnOn: null };
  it('needs a reason and a day on or after publication', () => {
    expect(checkWithdrawal(n, { on: '2026-11-18', reason: '培训机构申请撤回，重新核定出勤' })).toEqual([]);
    expect(checkWithdrawal(n, { on: '2026-11-15', reason: ' ' }).map((p) => p.rule)).toEqual([
      'notice.withdrawal-reason',
      'notice.withdrawal-date',
    ]);
  });

  it('happens once', () => {
    expect(
      checkWithdrawal({ ...n, withdrawnOn: '2026-11-17' }, { on: '2026-11-18', reason: '重复撤回测试' }).map(
        (p) => p.field,
      ),
    ).toEqual(['notice']);
  });
});

describe('objections, decisions and corrections', () => {
  const notice = { publishedOn: '2026-11-16', objectionUntil: '2026-11-20', withdrawnOn: null };
  const today = '2026-11-30';
  it('accepts an objection within the period against a line that exists, and names every problem otherwise', async () => {
    expect(
      checkObjection(notice, [1, 2], { receivedOn: '2026-11-20', lineSeq: 2, summary: '该学员未参加培训' }, today),
    ).toEqual([]);
    expect(
      checkObjection(
        { ...notice, withdrawnOn: '2026-11-17' },
        [1],
        { receivedOn: '2026-11-23', lineSeq: 9, summary: '无' },
        today,
      ).map((p) => p.rule),
    ).toEqual(['objection.notice-withdrawn', 'objection.period', 'objection.line', 'objection.summary']);
    expect(
      checkObjection(notice, [1], { receivedOn: '2026-11-15', lineSeq: null, summary: '名单有误请核查' }, today).map(
        (p) => p.rule,
      ),
    ).toEqual(['objection.date']);
  });
  it('refuses an objection or a decision dated after today', async () => {
    expect(
      checkObjection(
        notice,
        [1],
        { receivedOn: '2026-11-19', lineSeq: 1, summary: '名单有误请核查' },
        '2026-11-18',
      ).map((p) => [p.field, p.rule]),
    ).toEqual([['receivedOn', 'objection.arrived']]);
    expect(
      checkObjection(notice, [1], { receivedOn: '2026-11-18', lineSeq: 1, summary: '名单有误请核查' }, '2026-11-18'),
    ).toEqual([]);
    expect(
      checkDecision(
        { status: 'RECEIVED', receivedOn: '2026-11-18' },
        { status: 'REJECTED', decidedOn: '2026-11-26', outcome: '经查该学员出勤属实' },
        '2026-11-25',
      ).map((p) => [p.field, p.rule]),
    ).toEqual([['decidedOn', 'objection.decision-taken']]);
  });
  it('decides an objection once, not before it arrived, with a finding', async () => {
    expect(
      checkDecision(
        { status: 'RECEIVED', receivedOn: '2026-11-18' },
        { status: 'UPHELD', decidedOn: '2026-11-25', outcome: '经查属实，取消该学员补贴' },
        today,
      ),
    ).toEqual([]);
    expect(
      checkDecision(
        { status: 'UPHELD', receivedOn: '2026-11-18' },
        { status: 'RECEIVED', decidedOn: '2026-11-17', outcome: '' },
        today,
      ).map((p) => p.rule),
    ).toEqual(['objection.decided-once', 'objection.status', 'objection.decision-date', 'objection.outcome']);
  });
  it('corrects only a notice that stands, with a reason, not back-dated', async () => {
    expect(
      checkCorrection({ withdrawnOn: null }, '2026-11-16', {
        publishedOn: '2026-11-18',
        reason: '第3行出勤率录入有误',
      }),
    ).toEqual([]);
    expect(
      checkCorrection({ withdrawnOn: '2026-11-17' }, '2026-11-16', { publishedOn: '2026-11-15', reason: '改' }).map(
        (p) => p.rule,
      ),
    ).toEqual(['notice.correct-withdrawn', 'notice.correction-reason', 'notice.correction-date']);
  });
  it('records the same objection once: same day, line and summary', async () => {
    const recorded = [{ id: 7, receivedOn: '2026-11-18', lineSeq: 2, summary: '该学员未参加培训' }];
    expect(
      checkObjection(
        notice,
        [1, 2],
        { receivedOn: '2026-11-18', lineSeq: 2, summary: ' 该学员未参加培训 ' },
        today,
        recorded,
      ).map((p) => [p.rule, p.message]),
    ).toEqual([
      [
        'objection.recorded-once',
        'this objection (received 2026-11-18, same line and summary) is already recorded as objection 7',
      ],
    ]);
    // Another line, or another day, is another objection.
    expect(
      checkObjection(
        notice,
        [1, 2],
        { receivedOn: '2026-11-18', lineSeq: 1, summary: '该学员未参加培训' },
        today,
        recorded,
      ),
    ).toEqual([]);
    expect(
      checkObjection(
        notice,
        [1, 2],
        { receivedOn: '2026-11-19', lineSeq: 2, summary: '该学员未参加培训' },
        today,
        recorded,
      ),
    ).toEqual([]);
  });
  it('refuses a correction that changes no line of the latest revision', async () => {
    const line = {
      seq: 1,
      maskedName: '李**',
      maskedId: '530102********1234',
      occupationCode: '4-10-01-05',
      level: 'LEVEL_5',
      certificateNumber: null,
      attendanceRate: 0.9,
      amount: 1200,
    };
    const latest = { revision: 2, lines: [line] };
    expect(
      checkCorrection(
        { withdrawnOn: null },
        '2026-11-17',
        { publishedOn: '2026-11-18', reason: '第1行金额有误', lines: [{ ...line }] },
        latest,
      ).map((p) => p.rule),
    ).toEqual(['notice.correction-unchanged']);
    expect(
      checkCorrection(
        { withdrawnOn: null },
        '2026-11-17',
        { publishedOn: '2026-11-18', reason: '第1行金额有误', lines: [{ ...line, amount: 1000 }] },
        latest,
      ),
    ).toEqual([]);
  });
});
