import { describe, expect, it } from 'vitest';
import { dayNumber } from '@skills-yunnan/search/vocabulary';
import {
  EMPTY_NOTICE_STATE,
  noticeFilters,
  noticeQuery,
  noticeSort,
  noticeStatusOn,
  parseNoticeState,
  todayInChina,
} from './notice-finder';

const parse = (q: string) => parseNoticeState(new URLSearchParams(q));

describe('notice finder state', () => {
  it('reads a shared link and writes the same link back', () => {
    const q =
      'prefecture=530100&county=530102&institution=SW5zdGl0dXRpb246MTI&status=closed&flag=flag.late-claim&from=2022-01-01&to=2022-12-31&sort=amount&page=3';
    expect(noticeQuery(parse(q))).toBe(q);
  });

  it('drops malformed values and completes a county with its 州市', () => {
    expect(
      parse('county=530102&status=maybe&flag=drop table&from=2022-13-01&page=-2&sort=random&institution=a b'),
    ).toEqual({ ...EMPTY_NOTICE_STATE, prefecture: '530100', county: '530102' });
    expect(parse('prefecture=530300&county=530102').county).toBe('');
  });

  it('swaps a date range given backwards, and sorts by relevance when something is typed', () => {
    expect(parse('from=2022-12-31&to=2022-01-01')).toMatchObject({ from: '2022-01-01', to: '2022-12-31' });
    expect(parse('q=五华').sort).toBe('relevance');
    expect(noticeQuery({ ...EMPTY_NOTICE_STATE, q: '五华', sort: 'relevance' })).toBe('q=%E4%BA%94%E5%8D%8E');
  });
});

describe('notice finder filters', () => {
  const today = '2022-05-09';
  it('turns status into conditions on the objection period for today, as the API does', () => {
    expect(noticeFilters({ ...EMPTY_NOTICE_STATE, status: 'open' }, today)).toEqual([
      'withdrawn = false',
      `objectionUntilDay >= ${dayNumber(today)}`,
    ]);
    expect(noticeFilters({ ...EMPTY_NOTICE_STATE, status: 'closed' }, today)).toEqual([
      'withdrawn = false',
      `objectionUntilDay < ${dayNumber(today)}`,
    ]);
    expect(noticeFilters({ ...EMPTY_NOTICE_STATE, status: 'withdrawn' }, today)).toEqual(['withdrawn = true']);
    expect(noticeStatusOn({ withdrawn: false, objectionUntil: today }, today)).toBe('IN_OBJECTION_PERIOD');
    expect(noticeStatusOn({ withdrawn: false, objectionUntil: '2022-05-08' }, today)).toBe('CLOSED');
    expect(noticeStatusOn({ withdrawn: true, objectionUntil: today }, today)).toBe('WITHDRAWN');
  });

  it('filters the county rather than its 州市, institution, flag or any flag, and dates; leaves a facet out on request', () => {
    const s = {
      ...EMPTY_NOTICE_STATE,
      prefecture: '530100',
      county: '530102',
      institution: 'SW5zdA',
      flag: 'flag.paid-twice',
      from: '2022-01-01',
      to: '2022-01-31',
    };
    expect(noticeFilters(s, today)).toEqual([
      'regionCodes = "530102"',
      'institutionId = "SW5zdA"',
      'flags = "flag.paid-twice"',
      `publishedDay >= ${dayNumber('2022-01-01')}`,
      `publishedDay <= ${dayNumber('2022-01-31')}`,
    ]);
    expect(noticeFilters(s, today, ['county', 'prefecture', 'flag'])).toEqual([
      'institutionId = "SW5zdA"',
      `publishedDay >= ${dayNumber('2022-01-01')}`,
      `publishedDay <= ${dayNumber('2022-01-31')}`,
    ]);
    expect(noticeFilters({ ...EMPTY_NOTICE_STATE, flag: 'any' }, today)).toEqual(['flagged = true']);
  });

  it('sorts newest, oldest, by amount, or by relevance', () => {
    expect(noticeSort({ ...EMPTY_NOTICE_STATE })).toEqual(['publishedDay:desc']);
    expect(noticeSort({ ...EMPTY_NOTICE_STATE, sort: 'oldest' })).toEqual(['publishedDay:asc']);
    expect(noticeSort({ ...EMPTY_NOTICE_STATE, sort: 'amount' })).toEqual(['totalAmount:desc']);
    expect(noticeSort({ ...EMPTY_NOTICE_STATE, q: 'x', sort: 'relevance' })).toBeUndefined();
  });

  it('reads today in China, not in the reader’s zone', () => {
    expect(todayInChina(new Date('2022-05-08T16:30:00Z'))).toBe('2022-05-09');
    expect(dayNumber('1970-01-02')).toBe(1);
  });
});
