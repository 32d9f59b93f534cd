import { describe, expect, it } from 'vitest';
import {
  EMPTY_INSTITUTION_SEARCH,
  INSTITUTION_STANDINGS,
  INSTITUTION_TYPES,
  countBy,
  dirPaths,
  groupByCounty,
  institutionFilters,
  institutionSearchQuery,
  isActiveSearch,
  parseInstitutionSearch,
  placeCodes,
  sortForDirectory,
  standingOfSlug,
  standingOnDay,
  standingSlug,
  typeOfSlug,
  typeSlug,
  type DirInstitution,
  type Prefecture,
} from './institutions-dir';

const prefectures: Prefecture[] = [
  {
    code: '530100',
    name: '昆明市',
    counties: [
      { code: '530102', name: '五华区' },
      { code: '530103', name: '盘龙区' },
    ],
  },
  { code: '530300', name: '曲靖市', counties: [{ code: '530302', name: '麒麟区' }] },
];
const inst = (id: string, name: string, region: string): DirInstitution => ({
  id,
  name,
  type: 'PRIVATE_TRAINING_INSTITUTION',
  isDemo: true,
  standing: 'GOOD',
  region: { code: region, name: region },
});

describe('slugs and paths', () => {
  it('round-trips every type and standing through its URL segment', () => {
    for (const t of INSTITUTION_TYPES) expect(typeOfSlug(typeSlug(t))).toBe(t);
    for (const s of INSTITUTION_STANDINGS) expect(standingOfSlug(standingSlug(s))).toBe(s);
    expect(typeSlug('TECHNICAL_SCHOOL')).toBe('technical-school');
    expect(standingSlug('LICENCE_REVOKED')).toBe('revoked');
    expect(typeOfSlug('TECHNICAL_SCHOOL')).toBeNull();
    expect(standingOfSlug('')).toBeNull();
  });

  it('puts page 1 of a list at its base and later pages under page/n/', () => {
    expect(dirPaths.page(dirPaths.type('HIGH_SKILL_BASE'), 1)).toBe('/institutions/type/high-skill-base/');
    expect(dirPaths.page(dirPaths.standing('GOOD'), 3)).toBe('/institutions/standing/good/page/3/');
    expect(dirPaths.page(dirPaths.index(), 2)).toBe('/institutions/page/2/');
  });
});

describe('places', () => {
  it('finds the 州市 and county of a region code, and none for the province', () => {
    expect(placeCodes('530103', prefectures)).toEqual({ prefecture: '530100', county: '530103' });
    expect(placeCodes('530300', prefectures)).toEqual({ prefecture: '530300', county: null });
    expect(placeCodes('530000', prefectures)).toEqual({ prefecture: null, county: null });
  });

  it('orders the province first, then 州市 and county in code order, then by name', () => {
    const list = [
      inst('a', '曲靖乙', '530302'),
      inst('b', '盘龙甲', '530103'),
      inst('c', '省级', '530000'),
      inst('d', '昆明市级', '530100'),
      inst('e', '五华乙', '530102'),
      inst('f', '五华阿', '530102'),
    ];
    expect(sortForDirectory(list, prefectures).map((i) => i.id)).toEqual(['c', 'd', 'f', 'e', 'b', 'a']);
  });

  it('groups a 州市 page by place: 州市 level first, counties in code order, empty places left out', () => {
    const list = [
      inst('b', '盘龙甲', '530103'),
      inst('d', '昆明市级', '530100'),
      inst('e', '五华乙', '530102'),
      inst('f', '五华阿', '530102'),
    ];
    const groups = groupByCounty(prefectures[0], list);
    expect(groups.map((g) => [g.code, g.institutions.map((i) => i.id)])).toEqual([
      ['530100', ['d']],
      ['530102', ['f', 'e']],
      ['530103', ['b']],
    ]);
    expect(groupByCounty(prefectures[1], list)).toEqual([]);
  });

  it('counts by a key in the order given, zeros kept', () => {
    expect(countBy([inst('a', 'x', '1'), inst('b', 'y', '2')], INSTITUTION_STANDINGS, (i) => i.standing)).toEqual([
      { value: 'GOOD', count: 2 },
      { value: 'BLACKLISTED', count: 0 },
      { value: 'LICENCE_REVOKED', count: 0 },
    ]);
  });
});

describe('the browser search', () => {
  it('reads a URL, dropping what is malformed, and writes it back', () => {
    const s = parseInstitutionSearch(
      new URLSearchParams('q= kunming &prefecture=530100&type=technical-school&standing=blacklisted&page=2'),
    );
    expect(s).toEqual({
      q: 'kunming',
      prefecture: '530100',
      type: 'TECHNICAL_SCHOOL',
      standing: 'BLACKLISTED',
      page: 2,
    });
    expect(institutionSearchQuery(s)).toBe(
      'q=kunming&prefecture=530100&type=technical-school&standing=blacklisted&page=2',
    );
    expect(
      parseInstitutionSearch(new URLSearchParams('prefecture=530000&type=x&standing=BLACKLISTED&page=-1')),
    ).toEqual(EMPTY_INSTITUTION_SEARCH);
    expect(parseInstitutionSearch(new URLSearchParams('prefecture=530102')).prefecture).toBe('');
    expect(isActiveSearch(EMPTY_INSTITUTION_SEARCH)).toBe(false);
    expect(isActiveSearch({ ...EMPTY_INSTITUTION_SEARCH, standing: 'GOOD' })).toBe(true);
  });

  it('8号 四(三), 50号 (十九): standing on a day is the API rule (revocation first, bar [from, until))', () => {
    const barred = { blacklistedFromDay: 100, blacklistedUntilDay: 200, licenceRevokedDay: null };
    expect(standingOnDay(barred, 99)).toBe('GOOD');
    expect(standingOnDay(barred, 100)).toBe('BLACKLISTED');
    expect(standingOnDay(barred, 199)).toBe('BLACKLISTED');
    expect(standingOnDay(barred, 200)).toBe('GOOD');
    expect(standingOnDay({ ...barred, licenceRevokedDay: 150 }, 150)).toBe('LICENCE_REVOKED');
    expect(standingOnDay({ ...barred, licenceRevokedDay: 150 }, 149)).toBe('BLACKLISTED');
  });

  it('filters by place, type and standing today', () => {
    expect(
      institutionFilters({ ...EMPTY_INSTITUTION_SEARCH, prefecture: '530100', type: 'TECHNICAL_SCHOOL' }, 1),
    ).toEqual(['regionCodes = "530100"', 'type = "TECHNICAL_SCHOOL"']);
    expect(institutionFilters({ ...EMPTY_INSTITUTION_SEARCH, standing: 'LICENCE_REVOKED' }, 7)).toEqual([
      'licenceRevokedDay <= 7',
    ]);
    expect(institutionFilters({ ...EMPTY_INSTITUTION_SEARCH, standing: 'BLACKLISTED' }, 7)).toEqual([
      '(licenceRevokedDay IS NULL OR licenceRevokedDay > 7)',
      'blacklistedFromDay <= 7',
      'blacklistedUntilDay > 7',
    ]);
    expect(institutionFilters({ ...EMPTY_INSTITUTION_SEARCH, standing: 'GOOD' }, 7)).toEqual([
      '(licenceRevokedDay IS NULL OR licenceRevokedDay > 7)',
      '(blacklistedFromDay IS NULL OR blacklistedFromDay > 7 OR blacklistedUntilDay <= 7)',
    ]);
    expect(institutionFilters(EMPTY_INSTITUTION_SEARCH, 7)).toEqual([]);
  });
});
