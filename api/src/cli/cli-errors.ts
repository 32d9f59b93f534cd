/**
 * What a command prints when it stops: its own words for a mistake of the user (a wrong option,
 * a missing file, the user's own file named as they passed it), and for anything else only the
 * kind of failure — never a library's or the database's message, which may hold SQL, a path of
 * the server, a stack or a cell of the file.
 */
import { loadConfig, type ApiConfig } from '../config';
import { maskResidentIdsIn } from '../common/personal-data';

/** Failures an operator can act on, by their code. */
const KNOWN_CODES: Record<string, string> = {
  ECONNREFUSED: 'the database did not answer: check DATABASE_URL and that the server runs',
  ENOTFOUND: 'the database host was not found: check DATABASE_URL',
  ETIMEDOUT: 'the database did not answer in time: check DATABASE_URL and the network',
  SQLITE_BUSY: 'the database is busy (another import or the API holds its write lock): try again',
  SQLITE_CANTOPEN: 'the SQLite file could not be opened: check DATABASE_URL or DATA_DIR',
};

/** A mistake in how the command was called; its message is the command's own and is printed. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The line to print for an error that stopped a command: a {@link UsageError}'s message, or
 * "an unexpected error" with the error's class and code (e.g. `SQLITE_BUSY`, `ECONNREFUSED`),
 * which say what failed without quoting anything. ID numbers are masked whatever the source.
 * @example failureLine(new UsageError('unknown kind "x"')) // 'unknown kind "x"'
 * @example failureLine(new Error('insert into … values (…)')) // 'an unexpected error (Error)'
 */
export function failureLine(e: unknown): string {
  if (e instanceof UsageError) return maskResidentIdsIn(e.message);
  const name = e instanceof Error ? e.constructor.name : typeof e;
  const raw = e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : '';
  const code = /^[A-Z0-9_]{2,40}$/.test(raw) ? raw : '';
  const known = KNOWN_CODES[code];
  return `${known ? `${known} ` : 'an unexpected error '}(${name}${code ? `, ${code}` : ''})`;
}

/**
 * The configuration, with a mistake in it (a malformed `DATABASE_URL`, a bad number) reported as
 * the operator's own: its message names the variable and is printed.
 * @example const config = cliConfig();
 */
export function cliConfig(): ApiConfig {
  try {
    return loadConfig();
  } catch (e) {
    throw new UsageError(`configuration: ${e instanceof Error ? e.message : String(e)}`);
  }
}
