/**
 * The SQL of a read, remembered by the shape of its filter. Writing a statement with MikroORM's
 * QueryBuilder (processing the filter, then knex compiling it) costs more than running it: about
 * a third of a list request's CPU (profiled). Two filters of the same shape — the same keys,
 * operators and nesting, lists of the same length, nulls in the same places, only the values
 * differ — make the same statement with the values bound in the same order, so the text is
 * written once per shape and the values of the next filter are bound to it.
 *
 * A shape is remembered only when that is proven for it: the first statement's bindings must be
 * exactly the filter's values in the order they are walked here, all of them different (so the
 * order cannot match by accident), and the filter may hold only strings, numbers, nulls, plain
 * objects and arrays. Anything else (dates, `raw()` fragments, booleans, which the dialect may
 * convert) is written by the QueryBuilder every time, as before.
 */

/** Shapes remembered per database: a catalogue's reads have a few hundred. */
export const MAX_SHAPES = 2000;

/**
 * What is known of each shape, per database (its driver): the statement, or null when it must be
 * written every time. Per database, as one process may hold two (the benchmark, an export), each
 * with its own SQL dialect.
 */
let known = new WeakMap<object, Map<string, string | null>>();

/** The shape of `value`, collecting its values in walking order; null when it cannot be one. */
function shapeOf(value: unknown, values: unknown[]): string | null {
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'number') {
    values.push(value);
    return typeof value === 'string' ? 's' : 'n';
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => shapeOf(v, values));
    return items.includes(null) ? null : `[${items.join(',')}]`;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const fields: string[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const shape = shapeOf(v, values);
      if (shape === null) return null;
      fields.push(`${JSON.stringify(k)}:${shape}`);
    }
    return `{${fields.join(',')}}`;
  }
  return null;
}

/** A read: on which database (any object standing for it), which entity, filter, order and limit. */
export interface ReadRequest {
  database: object;
  entity: string;
  where: unknown;
  orderBy?: unknown;
  limit?: number;
}

/** A statement and the values to bind to it. */
export interface BoundStatement {
  sql: string;
  bindings: readonly unknown[];
}

/**
 * The statement of `read`: remembered for its shape, or written by `write` (the QueryBuilder),
 * whose answer then decides whether the shape can be remembered.
 * @example statementFor({ database: em.getDriver(), entity: 'Course', where: { id: { $in: [1, 2] } } }, () => qb.toQuery()._sql)
 */
export function statementFor(read: ReadRequest, write: () => BoundStatement): BoundStatement {
  const values: unknown[] = [];
  const shape = shapeOf(read.where, values);
  if (read.limit !== undefined) values.push(read.limit);
  if (shape === null) return write();
  const key = `${read.entity}|${shape}|${JSON.stringify(read.orderBy ?? null)}|${read.limit === undefined ? '' : 'limit'}`;
  let shapes = known.get(read.database);
  if (!shapes) {
    shapes = new Map();
    known.set(read.database, shapes);
  }
  const sql = shapes.get(key);
  if (sql) return { sql, bindings: values };
  const written = write();
  // Equal values could match in either order: the shape is judged on a later read.
  if (sql === null || new Set(values).size !== values.length) return written;
  const same = written.bindings.length === values.length && written.bindings.every((b, i) => b === values[i]);
  shapes.set(key, same ? written.sql : null);
  if (shapes.size > MAX_SHAPES) shapes.delete(shapes.keys().next().value as string);
  return written;
}

/** Forgets every shape (tests). */
export function forgetShapes(): void {
  known = new WeakMap();
}
