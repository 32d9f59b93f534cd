import { describe, expect, it } from 'vitest';
import { failureLine, UsageError } from './cli-errors';

describe('failureLine', () => {
  it("prints the command's own message for a usage mistake, ID numbers masked", () => {
    expect(failureLine(new UsageError('lines.csv: no such file'))).toBe('lines.csv: no such file');
    expect(failureLine(new UsageError('got 11010519491231002X'))).toBe('got 110105********002X');
  });

  it('prints only the kind and code of anything else: no SQL, path, stack or cell', () => {
    const sql = Object.assign(
      new TypeError("insert into subsidy_notice_line (masked_name) values ('张\u0000') - /srv/api/dist/x.js:1"),
      { code: 'SQLITE_ERROR' },
    );
    expect(failureLine(sql)).toBe('an unexpected error (TypeError, SQLITE_ERROR)');
    expect(failureLine(Object.assign(new Error('x'), { code: 'not a code: /etc/passwd' }))).toBe(
      'an unexpected error (Error)',
    );
    expect(failureLine('raw')).toBe('an unexpected error (string)');
  });
});

describe('failureLine for failures an operator can act on', () => {
  it('says what to check, by the code alone', () => {
    expect(failureLine(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }))).toBe(
      'the database did not answer: check DATABASE_URL and that the server runs (Error, ECONNREFUSED)',
    );
    expect(failureLine(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toMatch(
      /^the database is busy .*try again \(Error, SQLITE_BUSY\)$/,
    );
  });
});
