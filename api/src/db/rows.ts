import crypto from 'node:crypto';
import DataLoader from 'dataloader';
import type {
  Collection,
  EntityClass,
  EntityData,
  FilterQuery,
  Primary,
  QueryOrderMap,
  Reference,
} from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { statementFor } from './statement-shapes';

/**
 * An entity read as a plain row: scalar properties as they are, each to-one relation as the
 * related primary key, collections left out. The public API only reads, and reading rows
 * through the request's EntityManager (QueryBuilder with mapped results) skips entity
 * hydration and change tracking, which cost about 100 µs per entity (see BENCHMARKS.md).
 */
export type Row<E> = {
  [K in keyof E as K extends string
    ? // biome-ignore lint/suspicious/noExplicitAny: matches any collection or method, whatever its types
      E[K] extends Collection<any> | ((...args: any[]) => any)
      ? never
      : K
    : never]: NonNullable<E[K]> extends Reference<infer T>
    ? null extends E[K]
      ? Primary<T> | null
      : undefined extends E[K]
        ? Primary<T> | null
        : Primary<T>
    : E[K];
};

/**
 * A LIKE pattern for "contains `text`". LIKE's wildcards are dropped from the text rather than
 * escaped, because SQLite and PostgreSQL disagree on the default escape character and neither
 * `%` nor `_` occurs in the names searched.
 * @example containsPattern('护理') === '%护理%'
 */
export function containsPattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, '')}%`;
}

/**
 * Rows matching `where` in `orderBy` order, at most `limit`.
 *
 * The QueryBuilder writes the SQL (once per shape of filter, see statement-shapes.ts); the
 * statement is then run with bound parameters instead of through `qb.execute()`, which inlines
 * every value into the text. Bound, the same few texts
 * repeat (a page of 20 institutions is `… in (?, ?, …)`), so SQLite reuses the prepared
 * statement (db/busy.ts) and nothing is escaped and re-parsed per request; the rows are mapped
 * to properties as `execute` maps them.
 * @example const rows = await findRows(em, Course, { mode: 'ONLINE' }, { startDate: 'asc', id: 'asc' }, 21);
 */
export async function findRows<E extends object>(
  em: EntityManager,
  entity: EntityClass<E>,
  where: FilterQuery<E>,
  orderBy?: QueryOrderMap<E>,
  limit?: number,
): Promise<Row<E>[]> {
  return (await selectRows(em, entity, '*', where, orderBy, limit)) as unknown as Row<E>[];
}

/**
 * Some properties of the rows matching `where`, as {@link findRows} reads them, for reads of many
 * rows of which a few properties are used: the outcomes of a page of 100 classes read some 900
 * classes and 800 notices, and all 35 columns took four times as long to read as the 3 wanted.
 * @example const rows = await findColumns(em, Course, ['id', 'institution'], { occupation: { $in: ['4-01-02-01'] } });
 */
export async function findColumns<E extends object, K extends keyof Row<E> & string>(
  em: EntityManager,
  entity: EntityClass<E>,
  properties: readonly K[],
  where: FilterQuery<E>,
  orderBy?: QueryOrderMap<E>,
): Promise<Pick<Row<E>, K>[]> {
  return (await selectRows(em, entity, properties, where, orderBy)) as unknown as Pick<Row<E>, K>[];
}

async function selectRows<E extends object>(
  em: EntityManager,
  entity: EntityClass<E>,
  properties: '*' | readonly string[],
  where: FilterQuery<E>,
  orderBy?: QueryOrderMap<E>,
  limit?: number,
): Promise<unknown[]> {
  const selected = properties === '*' ? '' : `(${properties.join(',')})`;
  const { sql, bindings } = statementFor(
    { database: em.getDriver(), entity: `${entity.name}${selected}`, where, orderBy, limit },
    () => {
      const qb = em
        .createQueryBuilder(entity)
        .select(properties === '*' ? '*' : [...properties])
        .where(where);
      if (orderBy) qb.orderBy(orderBy);
      if (limit !== undefined) qb.limit(limit);
      return qb.toQuery()._sql;
    },
  );
  const raw = await run(em, sql, bindings);
  const driver = em.getDriver();
  const meta = em.getMetadata().get(entity.name);
  const mapping = {};
  return raw.map((r) => driver.mapResult(r as EntityData<E>, meta, [], undefined, mapping));
}

/** How many rows match `where` (one bound statement, remembered per shape as findRows' are). */
export async function countRows<E extends object>(
  em: EntityManager,
  entity: EntityClass<E>,
  where: FilterQuery<E>,
): Promise<number> {
  const { sql, bindings } = statementFor({ database: em.getDriver(), entity: `${entity.name}#count`, where }, () => {
    const qb = em.createQueryBuilder(entity).where(where);
    // As getCount does it: distinct when a join to a collection could repeat a row (a private
    // method of the QueryBuilder, which getCount calls the same way).
    qb.count(undefined, (qb as unknown as { hasToManyJoins(): boolean }).hasToManyJoins());
    return qb.toQuery()._sql;
  });
  const [row] = await run(em, sql, bindings);
  return row ? Number(row.count) : 0;
}

/** Names of PostgreSQL prepared statements, by SQL text: `r` and 26 characters of its SHA-256. */
const statementNames = new Map<string, string>();

/**
 * The name under which PostgreSQL keeps `sql` prepared on each connection (node-postgres parses
 * a named statement once per connection), so the server does not parse and plan it again.
 */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `r${crypto.createHash('sha256').update(sql).digest('base64url').slice(0, 26)}`;
    if (statementNames.size >= 4000) statementNames.clear();
    statementNames.set(sql, name);
  }
  return name;
}

/** Runs a statement with bound values in the EntityManager's transaction, if it has one. */
async function run(em: EntityManager, sql: string, bindings: readonly unknown[]): Promise<Record<string, unknown>[]> {
  const knex = em.getConnection().getKnex();
  const statement = knex.raw(sql, bindings as never);
  if (knex.client.dialect === 'postgresql') statement.options({ name: statementName(sql) });
  const transaction = em.getTransactionContext();
  if (transaction) statement.transacting(transaction);
  const result = (await statement) as Record<string, unknown>[] | { rows: Record<string, unknown>[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * Per-request batch loaders of rows: every `load(key)` of one tick becomes one
 * `where key in (…)` query, so a page of 100 items costs one query per relation, not 100.
 */
export class RowLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  /** The last batch query started inside a transaction (see {@link RowLoaders.inTurn}). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(protected readonly em: EntityManager) {}

  /** Rows of `entity` by primary key (null when missing). */
  byKey<E extends object>(entity: EntityClass<E>): DataLoader<Primary<E>, Row<E> | null> {
    const pk = this.em.getMetadata().get(entity.name).primaryKeys[0] as string;
    return this.memo(`key:${entity.name}`, async (keys) => {
      const rows = await findRows(this.em, entity, { [pk]: { $in: [...new Set(keys)] } } as FilterQuery<E>);
      const byKey = new Map(rows.map((r) => [(r as Record<string, unknown>)[pk], r]));
      return keys.map((k) => byKey.get(k) ?? null);
    });
  }

  /** Rows of `entity` whose `fk` is the key, in `orderBy` order (default: primary key). */
  childrenOf<E extends object>(
    entity: EntityClass<E>,
    fk: string,
    orderBy?: QueryOrderMap<E>,
  ): DataLoader<unknown, Row<E>[]> {
    const pk = this.em.getMetadata().get(entity.name).primaryKeys[0] as string;
    return this.memo(`children:${entity.name}.${fk}`, async (keys) => {
      const rows = await findRows(
        this.em,
        entity,
        { [fk]: { $in: [...new Set(keys)] } } as FilterQuery<E>,
        orderBy ?? ({ [pk]: 'asc' } as QueryOrderMap<E>),
      );
      const groups = new Map<unknown, Row<E>[]>();
      for (const r of rows) {
        const key = (r as Record<string, unknown>)[fk];
        groups.set(key, [...(groups.get(key) ?? []), r]);
      }
      return keys.map((k) => groups.get(k) ?? []);
    });
  }

  /**
   * Forgets every cached row: a mutation runs this before it writes, so a later field (or the
   * next mutation of the same document) reads what the write left, not what was loaded before.
   * @example loaders.clearAll(); // then write
   */
  clearAll(): void {
    for (const loader of this.loaders.values()) loader.clearAll();
  }

  /** A loader of one's own making, created once per request under `name`. */
  memo<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>((keys) => this.inTurn(() => batch(keys)), { maxBatchSize: 500 });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /**
   * Runs a batch query after the previous one when the loaders work inside a transaction: a
   * transaction is one connection, which runs one query at a time anyway, and node-postgres
   * deprecates (and version 9 refuses) queries issued on a connection that is still busy.
   * Outside a transaction each batch takes its own pooled connection and they run together.
   */
  private inTurn<T>(query: () => Promise<T>): Promise<T> {
    if (!this.em.getTransactionContext()) return query();
    const next = this.queue.then(query, query);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
