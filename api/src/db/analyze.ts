import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

/**
 * Refreshes the query planner's statistics after a bulk load (`ANALYZE` of every table, on
 * PostgreSQL and SQLite alike), inside the load's transaction where there is one. Without it
 * the planner still believes the new tables empty and joins them by scanning. Cheap: both
 * engines read a sample of each table, not all of it.
 * @example await analyzeDatabase(tx);
 */
export async function analyzeDatabase(em: EntityManager): Promise<void> {
  await (em as SqlEntityManager).getConnection().execute('analyze', [], 'run', em.getTransactionContext());
}
