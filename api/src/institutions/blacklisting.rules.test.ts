import { describe, expect, it } from 'vitest';
import { BlacklistingStatus } from '../common/enums';
import { citation } from '../common/rule-check';
import { BLACKLISTING_CLAUSE, blacklistingStatus } from './blacklisting.rules';

describe('blacklistingStatus (云人社通〔2022〕8号 四(三): 三年内不得参与政府补贴性培训)', () => {
  const threeYears = { from: '2022-06-01', until: '2025-06-01', liftedOn: null };

  it.each([
    ['2022-06-01', BlacklistingStatus.CURRENT], // first day
    ['2025-05-31', BlacklistingStatus.CURRENT], // last day of the three years
    ['2025-06-01', BlacklistingStatus.ENDED], // third anniversary: ended
    ['2030-01-01', BlacklistingStatus.ENDED],
  ])('8号 四(三): blacklisted 2022-06-01 for three years, on %s it is %s', (today, status) => {
    expect(blacklistingStatus(threeYears, today)).toBe(status);
  });

  it('8号 四(三): without a recorded end the bar lasts three years from its first day', () => {
    expect(blacklistingStatus({ from: '2022-06-01', until: null, liftedOn: null }, '2025-05-31')).toBe(
      BlacklistingStatus.CURRENT,
    );
    expect(blacklistingStatus({ from: '2022-06-01', until: null, liftedOn: null }, '2025-06-01')).toBe(
      BlacklistingStatus.ENDED,
    );
  });

  it('8号 四(三): a bar lifted early is CURRENT before the lifting day and LIFTED from it on', () => {
    const lifted = { from: '2024-06-01', until: '2025-01-10', liftedOn: '2025-01-10' };
    expect(blacklistingStatus(lifted, '2025-01-09')).toBe(BlacklistingStatus.CURRENT);
    expect(blacklistingStatus(lifted, '2025-01-10')).toBe(BlacklistingStatus.LIFTED);
    expect(blacklistingStatus(lifted, '2026-11-21')).toBe(BlacklistingStatus.LIFTED);
  });

  it('8号 四(三): a blacklisting recorded for a later day is not in force yet', () => {
    expect(blacklistingStatus({ from: '2026-12-01', until: '2029-12-01', liftedOn: null }, '2026-11-21')).toBeNull();
  });

  it('8号 四(三): cites its clause and refuses a malformed day', () => {
    expect(citation(BLACKLISTING_CLAUSE)).toBe('云人社通〔2022〕8号 四(三)');
    expect(() => blacklistingStatus(threeYears, '2026-11-1')).toThrow(RangeError);
    expect(() => blacklistingStatus({ from: '2022-6-1', until: null, liftedOn: null }, '2026-11-21')).toThrow(
      RangeError,
    );
  });
});
