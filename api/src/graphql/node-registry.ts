import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';

/** Loads the object of one type by the key inside its global ID, or null. */
export type NodeLoader = (em: EntityManager, key: string) => Promise<object | null>;

const loaders = new Map<string, NodeLoader>();

/** Each domain registers how `node(id:)` loads its type; the node resolver needs no list of them. */
export function registerNodeLoader(type: string, load: NodeLoader): void {
  loaders.set(type, load);
}

export function nodeLoaderFor(type: string): NodeLoader | undefined {
  return loaders.get(type);
}
