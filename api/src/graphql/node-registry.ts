import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';

/** Loads the object of one type by the key inside its global ID, or null. */
export type NodeLoader = (em: EntityManager, key: string) => Promise<object | null>;

/** What the key inside a type's global ID is: a positive integer (a row id, a year) or a code. */
export type NodeKey = 'integer' | 'text';

const loaders = new Map<string, { load: NodeLoader; key: NodeKey }>();

/**
 * Each domain registers how `node(id:)` loads its type; the node resolver needs no list of
 * them. Integer keys are checked by the resolver, so a loader never sees `1e999` or `abc`.
 * @example registerNodeLoader('Occupation', (em, code) => …, 'text')
 */
export function registerNodeLoader(type: string, load: NodeLoader, key: NodeKey = 'integer'): void {
  loaders.set(type, { load, key });
}

export function nodeLoaderFor(type: string): { load: NodeLoader; key: NodeKey } | undefined {
  return loaders.get(type);
}
