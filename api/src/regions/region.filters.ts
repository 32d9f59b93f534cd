import { inputError } from '../graphql/errors';
import type { RegionTree } from './region.tree';

/**
 * The codes a region filter covers (the region and everything below it).
 * @throws BAD_USER_INPUT naming `field` for a code that is not a Yunnan region.
 * @example regionCodesFor(ctx.regions, '530100', 'filter.region') // ['530100', '530102', …]
 */
export function regionCodesFor(tree: RegionTree, code: string, field: string): string[] {
  const codes = tree.within(code);
  if (codes.length === 0) throw inputError(field, `"${code}" is not a Yunnan region code (GB/T 2260, e.g. 530100)`);
  return codes;
}
