import { Cursor, type EntityManager, type EntityName, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { inputError } from './errors';

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

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge: pass it as `after` for the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1–${MAX_PAGE_SIZE}. Default ${DEFAULT_PAGE_SIZE}.` })
  first!: number;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (an `endCursor` of the previous page).' })
  after?: string | null;
}

/** The shape every connection resolver returns. */
export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Cost of a connection field: its page size times what each item costs. */
export const connectionComplexity = ({ args, childComplexity }: { args: Record<string, any>; childComplexity: number }) =>
  1 + (typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE) * Math.max(childComplexity, 1);

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
    Boolean(set?.selections.some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === field;
      if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet);
      const fragment = info.fragments[s.name.value];
      return fragment ? visit(fragment.selectionSet) : false;
    }));
  return info.fieldNodes.some((n) => visit(n.selectionSet));
}

/** Checks `first` and returns it. */
export function pageSize(first: number | null | undefined): number {
  const n = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) throw inputError('first', `must be between 1 and ${MAX_PAGE_SIZE}, got ${n}`);
  return n;
}

/**
 * One page of `entity` matching `where` in `orderBy` order (which must end in a unique key),
 * keyset-paginated by MikroORM's cursor, mapped to GraphQL objects.
 */
export async function paginate<E extends object, T>(
  em: EntityManager,
  entity: EntityName<E>,
  where: FilterQuery<E>,
  orderBy: QueryOrderMap<E>,
  args: { first?: number | null; after?: string | null },
  map: (e: E) => T,
  info?: GraphQLResolveInfo,
): Promise<ConnectionShape<T>> {
  const first = pageSize(args.first);
  if (args.after != null) {
    let ok = false;
    try {
      const decoded = Cursor.decode(args.after);
      ok = Array.isArray(decoded) && decoded.length === Object.keys(orderBy).length;
    } catch {
      ok = false;
    }
    if (!ok) throw inputError('after', `"${args.after}" is not a cursor of this list in this order`);
  }
  const cursor = await em.findByCursor(entity, where, {
    first,
    after: args.after ?? undefined,
    orderBy: orderBy as any,
    includeCount: selectsField(info, 'totalCount'),
  });
  const edges = cursor.items.map((e) => ({ cursor: cursor.from(e), node: map(e as E) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    totalCount: cursor.totalCount ?? -1,
    pageInfo: { hasNextPage: cursor.hasNextPage, hasPreviousPage: cursor.hasPrevPage, startCursor: cursor.startCursor, endCursor: cursor.endCursor },
  };
}
