import { describe, expect, it } from 'vitest';
import { InstitutionStanding, InstitutionType } from '../common/enums';
import { citation } from '../common/rule-check';
import {
  BLACKLIST_YEARS,
  InstitutionFacts,
  blacklistPeriod,
  checkInstitution,
  checkInstitutionDraft,
  checkLift,
  institutionStanding,
  checkBlacklisting,
  checkLicenceRevocation,
} from './institution.rules';

const clean: InstitutionFacts = {
  creditCode: '91350100M000100Y43',
  type: InstitutionType.PRIVATE_TRAINING_INSTITUTION,
  blacklistedFrom: null,
  blacklistedUntil: null,
  licenceRevokedOn: null,
};

const byId = (checks: ReturnType<typeof checkInstitution>, id: string) => {
  const c = checks.find((x) => x.ruleId === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
};

describe('blacklist period (云人社通〔2022〕8号 四(三): 三年内不得参与)', () => {
  it('8号 四(三): the bar lasts three years and cites its clause', () => {
    expect(BLACKLIST_YEARS.value).toBe(3);
    expect(citation(BLACKLIST_YEARS.clause)).toBe('云人社通〔2022〕8号 四(三)');
    expect(blacklistPeriod('2022-06-01')).toEqual({ from: '2022-06-01', until: '2025-06-01' });
  });

  it('8号 四(三): a bar starting on 29 February ends on 28 February three years later', () => {
    expect(blacklistPeriod('2024-02-29').until).toBe('2027-02-28');
  });

  it('8号 四(三): a malformed date is refused', () => {
    expect(() => blacklistPeriod('2022-6-1')).toThrow(RangeError);
  });

  it.each([
    ['2022-05-31', InstitutionStanding.GOOD], // day before the decision
    ['2022-06-01', InstitutionStanding.BLACKLISTED], // first day
    ['2025-05-31', InstitutionStanding.BLACKLISTED], // last day of the three years
    ['2025-06-01', InstitutionStanding.GOOD], // third anniversary: free again
  ])('8号 四(三): blacklisted 2022-06-01, standing on %s is %s', (day, standing) => {
    const facts = { blacklistedFrom: '2022-06-01', blacklistedUntil: null, licenceRevokedOn: null };
    expect(institutionStanding(facts, day)).toBe(standing);
  });

  it('8号 四(三): a recorded end date is used as given', () => {
    const facts = { blacklistedFrom: '2022-06-01', blacklistedUntil: '2023-01-01', licenceRevokedOn: null };
    expect(institutionStanding(facts, '2022-12-31')).toBe(InstitutionStanding.BLACKLISTED);
    expect(institutionStanding(facts, '2023-01-01')).toBe(InstitutionStanding.GOOD);
  });

  it('50号 (十九): a revoked licence outranks the blacklist and never expires', () => {
    const facts = { blacklistedFrom: '2022-06-01', blacklistedUntil: null, licenceRevokedOn: '2022-12-01' };
    expect(institutionStanding(facts, '2022-11-30')).toBe(InstitutionStanding.BLACKLISTED);
    expect(institutionStanding(facts, '2022-12-01')).toBe(InstitutionStanding.LICENCE_REVOKED);
    expect(institutionStanding(facts, '2040-01-01')).toBe(InstitutionStanding.LICENCE_REVOKED);
  });
});

describe('checkInstitution', () => {
  it('GB 32100-2015: a valid code passes, ids come in a stable order', () => {
    const checks = checkInstitution(clean, '2023-01-01');
    expect(checks.map((c) => c.ruleId)).toEqual(['institution.credit-code', 'institution.standing']);
    expect(checks.every((c) => c.passed)).toBe(true);
  });

  it('GB 32100-2015: an unknown code passes as “未公布统一社会信用代码”', () => {
    const c = byId(checkInstitution({ ...clean, creditCode: null }, '2023-01-01'), 'institution.credit-code');
    expect(c.passed).toBe(true);
    expect(c.message).toBe('未公布统一社会信用代码');
    expect(c.clause.document.number).toBe('GB 32100-2015');
  });

  it('GB 32100-2015: a wrong check character fails and says which one is expected', () => {
    const c = byId(
      checkInstitution({ ...clean, creditCode: '91350100M000100Y44' }, '2023-01-01'),
      'institution.credit-code',
    );
    expect(c.passed).toBe(false);
    expect(c.message).toContain('“3”');
    expect(c.messageEn).toContain('expected 3');
  });

  it('GB 32100-2015: wrong length and illegal characters fail with the number and position', () => {
    const short = byId(
      checkInstitution({ ...clean, creditCode: '91350100M000100Y4' }, '2023-01-01'),
      'institution.credit-code',
    );
    expect(short.passed).toBe(false);
    expect(short.message).toContain('17位');
    const letterO = byId(
      checkInstitution({ ...clean, creditCode: '91350100MO00100Y43' }, '2023-01-01'),
      'institution.credit-code',
    );
    expect(letterO.passed).toBe(false);
    expect(letterO.message).toContain('第10位');
  });

  it('8号 四(三): a blacklisted institution fails institution.standing until the third anniversary', () => {
    const facts = { ...clean, blacklistedFrom: '2022-06-01' };
    const during = byId(checkInstitution(facts, '2025-05-31'), 'institution.standing');
    expect(during.passed).toBe(false);
    expect(during.message).toContain('2025年6月1日');
    expect(citation(during.clause)).toBe('云人社通〔2022〕8号 四(三)');
    const after = byId(checkInstitution(facts, '2025-06-01'), 'institution.standing');
    expect(after.passed).toBe(true);
    expect(after.message).toContain('已于2025年6月1日结束');
  });

  it('50号 (十九): a revoked licence fails institution.standing and cites 50号', () => {
    const c = byId(
      checkInstitution({ ...clean, licenceRevokedOn: '2023-03-01' }, '2023-03-01'),
      'institution.standing',
    );
    expect(c.passed).toBe(false);
    expect(citation(c.clause)).toBe('云人社通〔2022〕50号 (十九)');
    expect(c.message).toContain('2023年3月1日');
  });

  it('8号 四(三): a blacklisting recorded for a later date does not count yet', () => {
    const c = byId(checkInstitution({ ...clean, blacklistedFrom: '2024-01-01' }, '2023-12-31'), 'institution.standing');
    expect(c.passed).toBe(true);
  });
});

describe('institution writes', () => {
  const draft = {
    name: '昆明市五华区测试职业技能培训学校',
    type: InstitutionType.PRIVATE_TRAINING_INSTITUTION,
    creditCode: null,
    licenceNumber: null,
    region: '530102',
    address: null,
    ownerCompany: null,
    scope: ['4-10-01-05'],
  };
  const ok = { regionLevel: 'COUNTY' as const, creditCodeTaken: false, unknownOccupations: [] };
  it('accepts a complete record and names every problem of a bad one', async () => {
    expect(checkInstitutionDraft(draft, ok)).toEqual([]);
    const bad = {
      ...draft,
      name: 'x',
      creditCode: '91530100MA6K5X5X5X',
      type: InstitutionType.ENTERPRISE_TRAINING_CENTRE,
    };
    expect(
      checkInstitutionDraft(bad, { regionLevel: null, creditCodeTaken: false, unknownOccupations: ['9-99-99-99'] }).map(
        (p) => p.rule,
      ),
    ).toEqual([
      'institution.name',
      'institution.credit-code',
      'institution.region',
      'institution.owner-company',
      'institution.scope',
    ]);
    expect(
      checkInstitutionDraft({ ...draft, region: '530000' }, { ...ok, regionLevel: 'PROVINCE' }).map((p) => p.rule),
    ).toEqual(['institution.region']);
  });

  it('checks the enrolment phone as a mainland mobile or landline number; none is fine', async () => {
    expect(checkInstitutionDraft({ ...draft, phone: '0871-63211234' }, ok)).toEqual([]);
    expect(checkInstitutionDraft({ ...draft, phone: '13812345678' }, ok)).toEqual([]);
    expect(checkInstitutionDraft({ ...draft, phone: null }, ok)).toEqual([]);
    expect(checkInstitutionDraft({ ...draft, phone: '6321123' }, ok)).toEqual([
      expect.objectContaining({ field: 'phone', rule: 'institution.phone' }),
    ]);
  });

  it('keeps the licence number and the address to the lengths the catalogue stores', () => {
    expect(checkInstitutionDraft({ ...draft, licenceNumber: 'x'.repeat(64), address: '地'.repeat(256) }, ok)).toEqual(
      [],
    );
    expect(
      checkInstitutionDraft({ ...draft, licenceNumber: 'x'.repeat(65), address: '地'.repeat(257) }, ok).map((p) => [
        p.field,
        p.rule,
      ]),
    ).toEqual([
      ['licenceNumber', 'institution.licence-number'],
      ['address', 'institution.address'],
    ]);
  });

  it('8号 四(三): blacklists once, decided, with document and reason; lifts only while barred', async () => {
    const clean = { blacklistedFrom: null, blacklistedUntil: null, licenceRevokedOn: null };
    const barred = { blacklistedFrom: '2025-06-01', blacklistedUntil: null, licenceRevokedOn: null };
    expect(
      checkBlacklisting(
        clean,
        { from: '2026-11-20', document: '昆人社发〔2026〕12号', reason: '虚报培训人数' },
        '2026-11-22',
      ),
    ).toEqual([]);
    expect(
      checkBlacklisting(barred, { from: '2026-12-01', document: '', reason: '' }, '2026-11-22').map((p) => p.rule),
    ).toEqual([
      'institution.blacklist-date',
      'institution.blacklist-document',
      'institution.blacklist-reason',
      'institution.blacklist-overlap',
    ]);
    expect(
      checkLift(barred, { on: '2026-11-20', document: '昆人社发〔2026〕30号', reason: '整改到位，经复核提前移出' }),
    ).toEqual([]);
    expect(
      checkLift(clean, { on: '2026-11-20', document: '昆人社发〔2026〕30号', reason: '整改到位' }).map((p) => p.rule),
    ).toEqual(['institution.blacklist-lift']);
    expect(
      checkLicenceRevocation(
        { ...clean, licenceRevokedOn: '2026-01-01' },
        { on: '2026-12-01', document: 'x', reason: 'y' },
        '2026-11-22',
      ).map((p) => p.rule),
    ).toEqual([
      'institution.licence-revoked',
      'institution.licence-date',
      'institution.licence-document',
      'institution.licence-reason',
    ]);
  });

  it('8号 四(三): lifts a blacklisting on a date after its first day, not on it', () => {
    const barred = { blacklistedFrom: '2025-06-01', blacklistedUntil: null, licenceRevokedOn: null };
    const l = { document: '昆人社发〔2026〕30号', reason: '整改到位，经复核提前移出' };
    expect(checkLift(barred, { ...l, on: '2025-06-02' })).toEqual([]);
    expect(checkLift(barred, { ...l, on: '2025-06-01' }).map((p) => p.rule)).toEqual([
      'institution.blacklist-lift-date',
    ]);
    expect(checkLift(barred, { ...l, on: '2 June 2025' }).map((p) => p.rule)).toEqual([
      'institution.blacklist-lift-date',
    ]);
  });

  it('8号 四(三): a blacklisting overlaps no decision on record, whichever starts first', async () => {
    const barred = { blacklistedFrom: '2025-06-01', blacklistedUntil: null, licenceRevokedOn: null };
    const recorded = [{ from: '2025-06-01', until: '2028-06-01', document: '昆人社发〔2025〕7号' }];
    const b = { document: '昆人社发〔2026〕12号', reason: '虚报培训人数' };
    // Starting earlier, its three years would run into the decision on record: refused, not a rewrite.
    expect(
      checkBlacklisting(barred, { ...b, from: '2023-01-01' }, '2026-11-22', recorded).map((p) => [p.rule, p.message]),
    ).toEqual([
      [
        'institution.blacklist-overlap',
        'three years from 2023-01-01 would overlap the blacklisting from 2025-06-01 until 2028-06-01 (昆人社发〔2025〕7号)',
      ],
    ]);
    expect(
      checkBlacklisting(barred, { ...b, from: '2026-01-01' }, '2026-11-22', recorded).map((p) => p.message),
    ).toEqual([
      'the institution is already blacklisted on 2026-01-01: from 2025-06-01 until 2028-06-01 (昆人社发〔2025〕7号)',
    ]);
    // Ended three years before the one on record starts, or starting as it ends: both stand.
    expect(checkBlacklisting(barred, { ...b, from: '2022-06-01' }, '2026-11-22', recorded)).toEqual([]);
    expect(checkBlacklisting(barred, { ...b, from: '2028-06-01' }, '2028-06-02', recorded)).toEqual([]);
  });
});
