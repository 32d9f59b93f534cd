import { describe, expect, it } from 'vitest';
import { deliveredShare, outcomes, TOP_FIVE, topByVolume, yearSummaries } from './subsidy-totals.rules';

describe('totals against targets', () => {
  it('gives the share of a target delivered, or null without one', () => {
    expect(deliveredShare(77_500, 155_000)).toBe(0.5);
    expect(deliveredShare(10, 0)).toBeNull();
    expect(deliveredShare(10, null)).toBeNull();
  });

  it('8号 四(二): ranks institutions by subsidised volume, ties by amount then key', () => {
    const rows = [
      { key: '3', notices: 1, trainees: 40, amount: 100 },
      { key: '1', notices: 1, trainees: 50, amount: 100 },
      { key: '2', notices: 1, trainees: 40, amount: 200 },
      { key: '4', notices: 1, trainees: 40, amount: 100 },
      { key: '5', notices: 1, trainees: 10, amount: 900 },
      { key: '6', notices: 1, trainees: 5, amount: 900 },
    ];
    expect(TOP_FIVE.n).toBe(5);
    expect(TOP_FIVE.clause.clause).toBe('四(二)');
    expect(topByVolume(rows).map((r) => r.key)).toEqual(['1', '2', '3', '4', '5']);
    expect(topByVolume(rows, 2).map((r) => r.key)).toEqual(['1', '2']);
  });

  it('gives outcome shares and timeliness, null where nothing was counted', () => {
    expect(outcomes({ listed: 40, certified: 36, trainees: 34, timed: 2, onTime: 1, workingDays: 18 })).toEqual({
      certifiedShare: 0.9,
      subsidisedShare: 0.85,
      averageWorkingDaysToNotice: 9,
      onTimeShare: 0.5,
    });
    expect(outcomes({ listed: 0, certified: 0, trainees: 0, timed: 0, onTime: 0, workingDays: 0 })).toEqual({
      certifiedShare: null,
      subsidisedShare: null,
      averageWorkingDaysToNotice: null,
      onTimeShare: null,
    });
  });
});

describe('an institution year by year', () => {
  const base = {
    withdrawn: false,
    paidTrainees: 30,
    paidAmount: 36_000,
    lineCount: 40,
    certifiedTrainees: 32,
    workingDaysToNotice: 12,
    withinDeadline: true,
    flagIds: '',
  };
  it('sums money, outcomes and flags per year, newest first, and keeps withdrawn notices apart', async () => {
    const rows = [
      {
        ...base,
        publishedOn: '2021-05-01',
        workingDaysToNotice: 14,
        withinDeadline: false,
        flagIds: '|flag.late-claim|',
      },
      { ...base, publishedOn: '2022-03-01', flagIds: '|flag.late-claim|flag.paid-twice|' },
      { ...base, publishedOn: '2022-09-01', workingDaysToNotice: 20 },
      { ...base, publishedOn: '2022-10-01', withdrawn: true, flagIds: '|flag.paid-twice|' },
    ];
    const [y2022, y2021] = yearSummaries(rows, ['flag.paid-twice', 'flag.late-claim']);
    expect(y2022).toMatchObject({
      year: 2022,
      notices: 2,
      withdrawnNotices: 1,
      trainees: 60,
      amount: 72_000,
      listed: 80,
      certified: 64,
      flaggedNotices: 1,
      certifiedShare: 0.8,
      subsidisedShare: 0.75,
      averageWorkingDaysToNotice: 16,
      onTimeShare: 1,
    });
    expect(y2022.flags).toEqual([
      { flagId: 'flag.paid-twice', notices: 1 },
      { flagId: 'flag.late-claim', notices: 1 },
    ]);
    expect(y2021).toMatchObject({ year: 2021, notices: 1, onTimeShare: 0, flaggedNotices: 1 });
  });

  it('gives no shares for a year of withdrawn notices only', async () => {
    const [y] = yearSummaries([{ ...base, publishedOn: '2023-01-05', withdrawn: true }], []);
    expect(y).toMatchObject({
      notices: 0,
      withdrawnNotices: 1,
      trainees: 0,
      certifiedShare: null,
      onTimeShare: null,
      flags: [],
    });
  });
});
