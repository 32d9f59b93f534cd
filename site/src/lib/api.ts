/**
 * A small typed GraphQL client for the build: plain `fetch`, POST JSON, no cache, no retries.
 * Any failure stops the build with a message that says what to do, because a site built
 * from half the data would silently mislead the people reading it.
 */
import { print, type DocumentNode } from 'graphql';
import type { TadaDocumentNode } from 'gql.tada';
import { apiUrl, pageSize, requestTimeoutMs } from '../config';

/** A Relay connection as the API returns it (only the parts the build walks). */
export interface Connection<N> {
  nodes: readonly N[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface GraphQLResponse<D> {
  data?: D | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Variables as a rest parameter: optional when the document declares none (or none required). */
type VariablesArg<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

/** A document's text as sent on the wire, printed once per document. */
const printed = new WeakMap<DocumentNode, string>();

/** The text a typed document is sent as (graphql-js `print`: the document and its fragments). */
export function documentText(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

/** Counts requests so the build log can show how many the whole site needed. */
export const requestStats = { requests: 0, ms: 0 };

/**
 * Runs one typed query; its variables and result are the document's, as derived from the schema.
 * Throws with a plain explanation on any network, HTTP or GraphQL error.
 *
 * @example
 * const { programmes } = await query(graphql(`query SiteX { programmes { key } }`));
 */
export function query<R, V>(document: TadaDocumentNode<R, V>, ...[variables]: VariablesArg<V>): Promise<R> {
  return queryText<R>(documentText(document), (variables ?? {}) as Record<string, unknown>);
}

/**
 * Runs a query given as text, for the few documents whose aliases are built at run time (one
 * alias per year, 州市 or flag kind); the caller states the result type, which the schema
 * validation test (`queries.test.ts`) backs by validating the text built for sample inputs.
 */
export async function queryText<D>(text: string, variables: Record<string, unknown> = {}): Promise<D> {
  const name = operationName(text);
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: text, variables }),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
  } catch (error) {
    const cause =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new Error(
      `The site build cannot reach the catalogue API at ${apiUrl} (${cause}).\n` +
        `Start the API first: run \`npm start\` at the repository root (it serves http://127.0.0.1:4000/graphql), ` +
        `or point SITE_API_URL at a running API, e.g. SITE_API_URL=http://127.0.0.1:4310/graphql npm run build -w site.`,
    );
  }
  const body = await response.text();
  requestStats.requests += 1;
  requestStats.ms += performance.now() - started;
  let parsed: GraphQLResponse<D>;
  try {
    parsed = JSON.parse(body) as GraphQLResponse<D>;
  } catch {
    throw new Error(
      `The catalogue API at ${apiUrl} answered ${response.status} with something that is not JSON ` +
        `for query ${name}: ${body.slice(0, 200)}. Is SITE_API_URL the /graphql endpoint?`,
    );
  }
  if (parsed.errors?.length) {
    const messages = parsed.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ');
    throw new Error(`The catalogue API refused query ${name} (${JSON.stringify(variables)}): ${messages}`);
  }
  if (!response.ok || !parsed.data) {
    throw new Error(`The catalogue API at ${apiUrl} answered HTTP ${response.status} without data for query ${name}.`);
  }
  return parsed.data;
}

/**
 * Walks a connection to its end, `pageSize` (100, the API maximum) items per request.
 * The query must declare `$first: Int!` and `$after: String` and pass them to the connection.
 *
 * @example
 * const courses = await queryAll(COURSE_CARDS, {}, (d) => d.courses);
 */
export async function queryAll<R, V extends { first: number; after?: string | null }, N>(
  document: TadaDocumentNode<R, V>,
  variables: Omit<V, 'first' | 'after'>,
  pick: (data: R) => Connection<N>,
): Promise<N[]> {
  const items: N[] = [];
  let after: string | null = null;
  for (;;) {
    const connection: Connection<N> = pick(
      await query(document, ...([{ ...variables, first: pageSize, after }] as VariablesArg<V>)),
    );
    items.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return items;
}

function operationName(text: string): string {
  return /^\s*query\s+(\w+)/.exec(text)?.[1] ?? 'anonymous';
}

/**
 * Reads the records named by global ID through `nodes(ids:)`, `batch` IDs per request (default
 * 100, the API's most), in the order asked; IDs that name nothing (any more) are left out.
 * The query must declare `$ids: [ID!]!` and select the type's fields, `id` among them, in an
 * inline fragment; the caller names the type those fields make.
 *
 * @example
 * const courses = await queryByIds(COURSE_DETAILS_BY_ID, ids);
 */
export async function queryByIds<N extends object>(
  document: TadaDocumentNode<{ nodes: readonly (object | null)[] }, { ids: string[] }>,
  ids: readonly string[],
  batch = pageSize,
): Promise<N[]> {
  const found: N[] = [];
  for (let i = 0; i < ids.length; i += batch) {
    const { nodes } = await query(document, { ids: ids.slice(i, i + batch) });
    // A record deleted since the change was noted is null; one of another type has no fields.
    for (const n of nodes) if (n && 'id' in n) found.push(n as N);
  }
  return found;
}
