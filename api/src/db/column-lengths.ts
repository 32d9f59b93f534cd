/**
 * The text lengths an entity's columns hold, read from the entity definitions, so that a write
 * checks its inputs against the same numbers the migrations gave the columns.
 */
import type { EntityClass, EntityMetadata } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { checkTextLengths, type TextField } from '../common/text-length';
import type { WriteProblem } from '../common/write-problem';

/** The declared length of a string property; undefined for `text` columns and non-strings. */
export function columnLength(meta: EntityMetadata, property: string): number | undefined {
  const p = meta.properties[property];
  if (!p) throw new Error(`${meta.className} has no property ${property}`);
  return p.type === 'string' || p.type === 'varchar' || p.columnTypes?.[0]?.startsWith('varchar')
    ? (p.length ?? 255)
    : undefined;
}

/**
 * Problems for the text inputs longer than the columns they are stored in: `values` maps an
 * entity property to the input field and value that go into it.
 * @example textProblems(em, SubsidyNotice, { withdrawnReason: ['reason', input.reason] }) // [] or [{ field: 'reason', rule: 'text.length', … }]
 */
export function textProblems<E extends object>(
  em: EntityManager,
  entity: EntityClass<E>,
  values: Partial<Record<keyof E & string, readonly [field: string, value: string | null | undefined]>>,
): WriteProblem[] {
  const meta = em.getMetadata().get(entity.name);
  const fields: TextField[] = [];
  for (const [property, entry] of Object.entries(values) as [string, readonly [string, string | null | undefined]][]) {
    const max = columnLength(meta, property);
    if (max !== undefined) fields.push({ field: entry[0], value: entry[1], max });
  }
  return checkTextLengths(fields);
}
