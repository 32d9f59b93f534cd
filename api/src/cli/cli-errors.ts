/**
 * What a command prints when it stops: its own words for a mistake of the user (a wrong option,
 * a missing file, the user's own file named as they passed it), and for anything else only the
 * kind of failure — never a library's or the database's message, which may hold SQL, a path of
 * the server, a stack or a cell of the file.
 */
import { maskResidentIdsIn } from '../common/personal-data';

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
  const code = e && typeof e === 'object' && 'code' in e && /^[A-Z0-9_]{2,40}$/.test(String((e as { code: unknown }).code)) ? `, ${String((e as { code: unknown }).code)}` : '';
  return `an unexpected error (${name}${code})`;
}
