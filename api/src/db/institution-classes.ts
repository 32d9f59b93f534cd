/**
 * The classes behind an institution's record in an occupation (what a class page's outcomes
 * show): read for the exact institution × occupation pairs of a page of classes.
 */
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';

/** One class of an institution in an occupation, by its keys. */
export interface PairClass {
  id: number;
  institution: number;
  occupation: string;
}

/**
 * The classes of each `institution|occupation` pair that ended after `from` and on or before
 * `to` and were not cancelled. One statement for the pairs together, matched as pairs (a row
 * value against a VALUES list, which SQLite and PostgreSQL both search the institution index
 * for): the institutions and the occupations as two separate lists match every institution in
 * every occupation, and a page of 100 scale-5 classes read 850 classes of which it wanted 180.
 * @example await finishedClassesOf(em, [[12, '4-10-01-02']], { from: '2023-11-21', to: '2026-11-21' })
 */
export async function finishedClassesOf(
  em: EntityManager,
  pairs: readonly (readonly [number, string])[],
  window: { from: string; to: string },
): Promise<PairClass[]> {
  if (!pairs.length) return [];
  // The cast: PostgreSQL types a VALUES list's parameters as text, and an integer column
  // cannot be compared with text.
  const rows = (await em.execute(
    `select id, institution_id as institution, occupation_code as occupation from course
      where (institution_id, occupation_code) in (values ${pairs.map(() => '(cast(? as integer), ?)').join(', ')})
        and end_date > ? and end_date <= ? and cancelled_on is null`,
    [...pairs.flat(), window.from, window.to],
  )) as { id: number | string; institution: number | string; occupation: string }[];
  return rows.map((r) => ({ id: Number(r.id), institution: Number(r.institution), occupation: r.occupation }));
}
