import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_CODES, ERROR_CODES, ErrorCode } from './errors';

describe('error codes', () => {
  it('the client list is built from the one table: every code but the internal failure', () => {
    expect([...CLIENT_CODES].sort()).toEqual(
      Object.keys(ERROR_CODES)
        .filter((c) => c !== 'INTERNAL_SERVER_ERROR')
        .sort(),
    );
    expect(CLIENT_CODES.has(ErrorCode.INTERNAL_SERVER_ERROR)).toBe(false);
    expect(ErrorCode.RATE_LIMITED).toBe('RATE_LIMITED');
  });

  it('no source file outside errors.ts writes a code as a bare string', () => {
    const codes = new RegExp(`'(${Object.keys(ERROR_CODES).join('|')})'`);
    const root = path.resolve(__dirname, '..');
    const bare = (fs.readdirSync(root, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && path.basename(f) !== 'errors.ts')
      .flatMap((f) =>
        fs
          .readFileSync(path.join(root, f), 'utf8')
          .split('\n')
          .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line) && codes.test(line))
          .map((line) => `${f}: ${line.trim()}`),
      );
    expect(bare).toEqual([]);
  });
});
