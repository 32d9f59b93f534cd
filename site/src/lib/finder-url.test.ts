import { describe, expect, it } from 'vitest';
import {
  formParams,
  isOneOf,
  matching,
  oneOf,
  pageNumber,
  param,
  placeParams,
  prefectureOf,
  queryString,
  queryText,
} from './finder-url';

const p = (q: string) => new URLSearchParams(q);

describe('reading a finder URL', () => {
  it('trims parameters and keeps only values of the expected form', () => {
    expect(param(p('q=+养老+'), 'q')).toBe('养老');
    expect(param(p(''), 'q')).toBe('');
    expect(matching(p('month=2023-04'), 'month', /^\d{4}-(0[1-9]|1[0-2])$/)).toBe('2023-04');
    expect(matching(p('month=2023-13'), 'month', /^\d{4}-(0[1-9]|1[0-2])$/)).toBe('');
    expect(matching(p('level=LEVEL_4" OR 1=1'), 'level', /^[A-Z_0-9]{1,30}$/)).toBe('');
  });

  it('reads a choice only from its list, else the fallback', () => {
    expect(oneOf(p('sort=oldest'), 'sort', ['newest', 'oldest'] as const, 'newest')).toBe('oldest');
    expect(oneOf(p('sort=best'), 'sort', ['newest', 'oldest'] as const, 'newest')).toBe('newest');
    expect(oneOf(p(''), 'status', ['open'] as const, '')).toBe('');
    expect(isOneOf('open', ['open', 'closed'])).toBe(true);
    expect(isOneOf('OPEN', ['open', 'closed'])).toBe(false);
  });

  it('keeps at most 100 characters of the typed words', () => {
    expect(queryText(p(`q=${'养'.repeat(150)}`))).toHaveLength(100);
  });

  it('reads a page number, page 1 for anything else', () => {
    expect(pageNumber(p('page=3'))).toBe(3);
    for (const bad of ['', 'page=0', 'page=-2', 'page=x', 'page=10001']) expect(pageNumber(p(bad)), bad).toBe(1);
  });

  it('completes a county with its 州市 and drops a county outside it', () => {
    expect(prefectureOf('532331')).toBe('532300');
    expect(placeParams(p('county=530102'))).toEqual({ prefecture: '530100', county: '530102' });
    expect(placeParams(p('prefecture=530300&county=530102'))).toEqual({ prefecture: '530300', county: '' });
    expect(placeParams(p('prefecture=530100&county=530100'))).toEqual({ prefecture: '530100', county: '' });
    expect(placeParams(p('prefecture=5301&county=53010x'))).toEqual({ prefecture: '', county: '' });
  });
});

describe('writing a finder URL', () => {
  it('leaves out empty values and defaults, in the order given', () => {
    expect(
      queryString([
        ['q', '', ''],
        ['status', 'enrolling', 'enrolling'],
        ['page', 1, 1],
      ]),
    ).toBe('');
    expect(
      queryString([
        ['q', '养老', ''],
        ['sort', 'oldest', 'newest'],
        ['page', 2, 1],
      ]),
    ).toBe('q=%E5%85%BB%E8%80%81&sort=oldest&page=2');
    expect(
      queryString([
        ['page', 2, 1],
        ['q', 'x', ''],
      ]),
    ).toBe('page=2&q=x');
  });

  it('reads a form into parameters, without files, and round-trips with a parse', () => {
    const params = formParams([
      ['q', '电工'],
      ['prefecture', '530100'],
      ['upload', { name: 'x.csv' }],
    ]);
    expect([...params.keys()]).toEqual(['q', 'prefecture']);
    expect(placeParams(params)).toEqual({ prefecture: '530100', county: '' });
    expect(
      queryString([
        ['q', queryText(params), ''],
        ['prefecture', placeParams(params).prefecture, ''],
      ]),
    ).toBe('q=%E7%94%B5%E5%B7%A5&prefecture=530100');
  });
});
