import { Cursor, type EntityClass, type EntityProperty, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { isIsoDate } from '../common/dates';
import { inputError } from './errors';
import { countRows, findRows, type Row } from '../db/rows';

/** Largest page a client may ask for (GitHub's limit too). */
export const MAX_PAGE_SIZE = 100;
/** Page size when `first` is omitted. */
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: 'Where a page sits in the whole list (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'Whether a page follows this one.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether a page precedes this one.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge; null on an empty page.' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last edge: pass it as `after` for the next page.',
  })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `Page size, 1–${MAX_PAGE_SIZE}. Default ${DEFAULT_PAGE_SIZE}.`,
  })
  first!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Return the items after this cursor (an `endCursor` of the previous page).',
  })
  after?: string | null;
}

/** The shape every connection resolver returns. */
export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Cost of a connection field: its page size times what each item costs. The page size is
 * checked here, before any cost is summed: a negative `first` would otherwise make a costly
 * query look free.
 * @throws BAD_USER_INPUT naming `first` when it is outside 1–100.
 */
export const connectionComplexity = ({
  args,
  childComplexity,
}: {
  args: { first?: number | null };
  childComplexity: number;
}) => 1 + pageSize(args.first) * Math.max(childComplexity, 1);

/**
 * Builds `<Name>Connection` and `<Name>Edge` object types for an item type.
 * @example export const CourseConnection = connectionOf(CourseObject, 'Course', 'courses');
 */
export function connectionOf<T extends object>(item: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} item and its cursor.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this item in this ordering.' })
    cursor!: string;

    @Field(() => item, { description: `The ${what} item.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what}.` })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge], { description: 'The items with their cursors.' })
    edges!: Edge[];

    @Field(() => [item], { description: 'The items without cursors (a shortcut for `edges { node }`).' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items match the filter, over all pages.' })
    totalCount!: number;
  }
  return Connection;
}

/** Whether the client selected `field` directly on the connection (fragments included): counting costs a query. */
export function selectsField(info: GraphQLResolveInfo | undefined, field: string): boolean {
  if (!info) return true;
  const visit = (set: SelectionSetNode | undefined): boolean =>
    Boolean(
      set?.selections.some((s) => {
        if (s.kind === Kind.FIELD) return s.name.value === field;
        if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet);
        const fragment = info.fragments[s.name.value];
        return fragment ? visit(fragment.selectionSet) : false;
      }),
    );
  return info.fieldNodes.some((n) => visit(n.selectionSet));
}

/** Checks `first` and returns it. */
export function pageSize(first: number | null | undefined): number {
  const n = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE)
    throw inputError('first', `must be between 1 and ${MAX_PAGE_SIZE}, got ${n}`);
  return n;
}

/** Longest text a cursor value may carry: sort keys are codes, names and dates. */
const MAX_CURSOR_TEXT = 200;

/**
 * A connection page from rows read one beyond the page size (the extra row says a page follows),
 * for the lists read with SQL of their own rather than through {@link paginate}.
 * @example return pageFrom(rows, 20, page.after, cursorOf, (r) => objectOf(r), totalCount);
 */
export function pageFrom<R, T>(
  rows: readonly R[],
  size: number,
  after: string | null | undefined,
  cursorOf: (row: R) => string,
  nodeOf: (row: R) => T,
  totalCount: number,
): ConnectionShape<T> {
  const pageRows = rows.slice(0, size);
  const nodes = pageRows.map(nodeOf);
  return {
    edges: nodes.map((node, i) => ({ node, cursor: cursorOf(pageRows[i]) })),
    nodes,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: Boolean(after),
      startCursor: pageRows.length ? cursorOf(pageRows[0]) : null,
      endCursor: pageRows.length ? cursorOf(pageRows[pageRows.length - 1]) : null,
    },
  };
}

/**
 * Whether a decoded cursor value could be a sort value of `prop`: so nothing that cannot exist
 * (text for a number, a number beyond 2^53, a NUL byte, a date that is none) reaches SQL,
 * where PostgreSQL refuses it with an error of its own.
 */
function fitsKey(value: unknown, prop: EntityProperty | undefined): boolean {
  const numeric = prop?.runtimeType === 'number';
  if (typeof value === 'number') return numeric && Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters never occur in sort keys
  if (typeof value !== 'string' || numeric || value.length > MAX_CURSOR_TEXT || /[\u0000-\u001f]/.test(value))
    return false;
  const dated = /date|time/i.test(String(prop?.type ?? '')) || prop?.runtimeType === 'Date';
  // A real calendar day (PostgreSQL refuses 2026-02-30, which JavaScript's Date rolls over).
  return !dated || (isIsoDate(value.slice(0, 10)) && (value.length === 10 || !Number.isNaN(Date.parse(value))));
}

/** Decodes an `after` cursor of an ordering by `keys` of `entity`, each value checked against its column. */
function decodeCursor(em: EntityManager, entity: EntityClass<object>, after: string, keys: string[]): unknown[] {
  const props = em.getMetadata().find(entity)?.properties as Record<string, EntityProperty> | undefined;
  try {
    const values = after.length <= 4 * MAX_CURSOR_TEXT * keys.length ? Cursor.decode(after) : null;
    if (Array.isArray(values) && values.length === keys.length && values.every((v, i) => fitsKey(v, props?.[keys[i]])))
      return values;
  } catch {
    // fall through to the client error
  }
  throw inputError('after', `"${after.slice(0, 80)}" is not a cursor of this list in this order`);
}

const isDesc = (dir: string) => dir.toLowerCase() === 'desc';

/**
 * Keyset condition "after these sort values": (k0 > v0) or (k0 = v0 and k1 > v1) or …, and
 * k0 ≥ v0, which that implies. The disjunction alone is no range SQLite can search an index
 * for: it scanned the index from the list's start to the cursor on every page, so reading a
 * list through cost the square of its length (75,000 classes by start date, 100 a page: 5.6 ms
 * a page near the end, 1.0 ms with the bound, measured at demo scale 5).
 */
function afterCondition(order: [string, string][], values: unknown[]): Record<string, unknown> {
  const after = {
    $or: order.map(([key, dir], i) => {
      const clause: Record<string, unknown> = {};
      for (let j = 0; j < i; j++) clause[order[j][0]] = values[j];
      clause[key] = { [isDesc(dir) ? '$lt' : '$gt']: values[i] };
      return clause;
    }),
  };
  if (order.length < 2) return after;
  const [lead, dir] = order[0];
  return { $and: [{ [lead]: { [isDesc(dir) ? '$lte' : '$gte']: values[0] } }, after] };
}

/**
 * One page of `entity` matching `where` in `orderBy` order (which must end in a unique key),
 * keyset-paginated (cursor = the sort values of the last row), read as plain rows through the
 * request's EntityManager and mapped to GraphQL objects. Counts only when `totalCount` is selected.
 */
export async function paginate<E extends object, T>(
  em: EntityManager,
  entity: EntityClass<E>,
  where: FilterQuery<E>,
  orderBy: QueryOrderMap<E>,
  args: { first?: number | null; after?: string | null },
  map: (r: Row<E>) => T,
  info?: GraphQLResolveInfo,
): Promise<ConnectionShape<T>> {
  const first = pageSize(args.first);
  const order = Object.entries(orderBy) as [string, string][];
  const cond =
    args.after != null
      ? ({
          $and: [
            where,
            afterCondition(
              order,
              decodeCursor(
                em,
                entity,
                args.after,
                order.map(([k]) => k),
              ),
            ),
          ],
        } as FilterQuery<E>)
      : where;
  const [rows, totalCount] = await Promise.all([
    findRows(em, entity, cond, orderBy, first + 1),
    selectsField(info, 'totalCount') ? countRows(em, entity, where) : Promise.resolve(-1),
  ]);
  const page = rows.slice(0, first);
  const cursorOf = (r: Row<E>) => Cursor.encode(order.map(([k]) => (r as Record<string, unknown>)[k]));
  // Encoded when read: most clients read `nodes` and `pageInfo`, and a page of a notice's lines
  // made 70 cursors to send one (issue 16).
  const edges = page.map((r) => ({
    get cursor() {
      return cursorOf(r);
    },
    node: map(r),
  }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: args.after != null,
      startCursor: page.length ? cursorOf(page[0]) : null,
      endCursor: page.length ? cursorOf(page[page.length - 1]) : null,
    },
  };
}
