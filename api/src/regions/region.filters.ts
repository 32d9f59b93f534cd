import type { Context } from '../context';
import { inputError } from '../graphql/errors';

/**
 * The codes a region filter covers (the region and everything below it).
 * @throws BAD_USER_INPUT naming `field` for a code that is not a Yunnan region.
 */
export function regionCodesFor(ctx: Context, code: string, field: string): string[] {
  const codes = ctx.regions.within(code);
  if (codes.length === 0) throw inputError(field, `"${code}" is not a Yunnan region code (GB/T 2260, e.g. 530100)`);
  return codes;
}
