import { describe, expect, it } from 'vitest';
import { buildFilter } from './filters';
import { quote } from './vocabulary';
import { INDEXES } from './indexes';

describe('buildFilter', () => {
  it('turns list filters into Meilisearch expressions, region including its counties', () => {
    expect(
      buildFilter('courses', { region: '530100', subsidised: true, level: 'LEVEL_4', startFromDay: 19000 }),
    ).toEqual(['regionCodes = "530100"', 'level = "LEVEL_4"', 'startDay >= 19000', 'subsidised = true']);
    expect(buildFilter('agencies', { occupation: '6-18-02-04', level: 'LEVEL_3' })).toEqual([
      'occupationCodes = "6-18-02-04"',
      'levels = "LEVEL_3"',
    ]);
  });

  it('rejects a condition the index lacks, naming the field', () => {
    expect(() => buildFilter('occupations', { region: '530100' })).toThrow(/^filter\.region: /);
    expect(() => buildFilter('notices', { startFromDay: 1 })).toThrow(/^filter\.startFrom: /);
  });

  it('only filters on attributes each index declares filterable', () => {
    const all = {
      region: 'x',
      occupation: 'x',
      level: 'x',
      certificateType: 'x',
      mode: 'x',
      startFromDay: 1,
      startToDay: 2,
      programme: 'x',
      targetGroup: 'x',
      subsidised: true,
      institutionType: 'x',
      isDemo: true,
    };
    for (const [name, def] of Object.entries(INDEXES)) {
      const allowed = Object.fromEntries(
        Object.entries(all).filter(([k]) => {
          try {
            buildFilter(name, { [k]: (all as any)[k] });
            return true;
          } catch {
            return false;
          }
        }),
      );
      for (const expr of buildFilter(name, allowed)) {
        const attribute = expr.split(' ')[0];
        expect(def.settings.filterableAttributes, `${name}: ${attribute}`).toContain(attribute);
      }
    }
  });

  it('quotes values safely', () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
  });
});
