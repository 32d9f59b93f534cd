import { describe, expect, it } from 'vitest';
import { INDEXES } from './indexes';
import {
  anyOf,
  ascending,
  COURSE_FIELDS,
  dayNumber,
  descending,
  either,
  eq,
  gt,
  gte,
  INDEX_FIELDS,
  isNull,
  lt,
  lte,
  ne,
  NOTICE_FIELDS,
  quote,
  regionFilter,
} from './vocabulary';

describe('quote', () => {
  it('wraps a value in double quotes and escapes quotes and backslashes', () => {
    expect(quote('530100')).toBe('"530100"');
    expect(quote('a"b')).toBe('"a\\"b"');
    expect(quote('a\\b')).toBe('"a\\\\b"');
    // The backslash is escaped first, so an escaped quote cannot be unescaped by a trailing one.
    expect(quote('x\\" OR isDemo = true')).toBe('"x\\\\\\" OR isDemo = true"');
  });
});

describe('filter builders', () => {
  it('write the exact expressions Meilisearch reads, quoting text and leaving numbers and booleans bare', () => {
    expect(eq(COURSE_FIELDS.level, 'LEVEL_4')).toBe('level = "LEVEL_4"');
    expect(eq(COURSE_FIELDS.subsidised, false)).toBe('subsidised = false');
    expect(eq(COURSE_FIELDS.placesLeft, 0)).toBe('placesLeft = 0');
    expect(ne(COURSE_FIELDS.countyCode, '530102')).toBe('countyCode != "530102"');
    expect(gt(COURSE_FIELDS.placesLeft, 0)).toBe('placesLeft > 0');
    expect(gte(COURSE_FIELDS.startDay, 19000)).toBe('startDay >= 19000');
    expect(lt(COURSE_FIELDS.endDay, 20778)).toBe('endDay < 20778');
    expect(lte(NOTICE_FIELDS.publishedDay, 19121)).toBe('publishedDay <= 19121');
    expect(isNull('licenceRevokedDay')).toBe('licenceRevokedDay IS NULL');
    expect(anyOf(COURSE_FIELDS.occupationCode, ['6-18-02-04', '4-10-01-05'])).toBe(
      'occupationCode IN ["6-18-02-04", "4-10-01-05"]',
    );
    expect(either(isNull('licenceRevokedDay'), gt('licenceRevokedDay', 20000))).toBe(
      '(licenceRevokedDay IS NULL OR licenceRevokedDay > 20000)',
    );
  });

  it('quote every text value, so a crafted value stays one value', () => {
    expect(eq(NOTICE_FIELDS.flags, 'x" OR flagged = true')).toBe('flags = "x\\" OR flagged = true"');
    expect(anyOf(COURSE_FIELDS.occupationCode, ['a"b'])).toBe('occupationCode IN ["a\\"b"]');
  });

  it('filter a region on the codes every document carries for its county, 州市 and province', () => {
    expect(regionFilter('530100')).toBe('regionCodes = "530100"');
  });

  it('write sort rules', () => {
    expect(ascending(COURSE_FIELDS.startDay)).toBe('startDay:asc');
    expect(descending(NOTICE_FIELDS.totalAmount)).toBe('totalAmount:desc');
  });

  it('count days since 1970-01-01, as dates are indexed', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2026-11-21')).toBe(20778);
  });
});

describe('field names', () => {
  it('are their own values', () => {
    for (const fields of Object.values(INDEX_FIELDS))
      for (const [key, value] of Object.entries(fields)) expect(value).toBe(key);
  });

  it('name every attribute the index settings search, filter and sort on', () => {
    for (const [name, def] of Object.entries(INDEXES)) {
      const fields = Object.keys(INDEX_FIELDS[name as keyof typeof INDEX_FIELDS]);
      const s = def.settings;
      for (const attr of [
        ...(s.searchableAttributes ?? []),
        ...(s.filterableAttributes ?? []),
        ...(s.sortableAttributes ?? []),
      ]) {
        expect(fields, `${name}.${String(attr)}`).toContain(attr);
      }
    }
  });
});
