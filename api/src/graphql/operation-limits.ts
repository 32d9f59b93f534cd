/**
 * What an operation must pass before it runs, in one place and in this order: its variables
 * coerce (400 naming the variable), no string in it holds a NUL, its cost is known (page sizes checked first, see
 * connection.ts) and within the limit (400), and only then are its rate-limit points taken
 * (429). Apollo runs the `didResolveOperation` hooks of different plugins concurrently, so the
 * order could not hold across two plugins: a refused operation must not be charged as if it ran.
 * Requests that fail earlier (parse, validation) are charged a point each, so failing is no
 * cheaper than asking.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  getVariableValues,
  visit,
  type ArgumentNode,
  type ASTNode,
  type DocumentNode,
  type GraphQLSchema,
  type ObjectFieldNode,
} from 'graphql';
import type { Context } from '../context';
import { OperationCosts, tooComplex } from './complexity';
import { WINDOW_SECONDS, type Allowance, type RequestLimits } from './rate-limit';
import { ErrorCode } from './errors';

/**
 * The variables as the operation declares them, or a 400 `BAD_USER_INPUT` naming the first
 * variable that does not fit (graphql's own message, e.g. `Variable "$v" got invalid value 1; …`).
 */
function checkVariables(
  schema: GraphQLSchema,
  definitions: Parameters<typeof getVariableValues>[1],
  variables: Record<string, unknown> | undefined,
): void {
  const result = getVariableValues(schema, definitions, variables ?? {}, { maxErrors: 1 });
  if (!result.errors) return;
  const [first] = result.errors;
  throw new GraphQLError(first.message, {
    nodes: first.nodes,
    extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
  });
}

/** Where in a variable's value the first NUL character sits (`$v.filter.text`), or null. */
function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value))
    return value.reduce<string | null>((found, v, i) => found ?? nulPath(v, `${path}[${i}]`), null);
  if (value && typeof value === 'object')
    return Object.entries(value).reduce<string | null>((found, [k, v]) => found ?? nulPath(v, `${path}.${k}`), null);
  return null;
}

const nulError = (where: string) =>
  new GraphQLError(`${where}: contains a NUL character (\\u0000), which no text of this catalogue holds`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field: where, http: { status: 400 } },
  });

/**
 * Refuses a NUL character in any string argument, inline or in a variable: no stored text
 * holds one, and the databases refuse it with an error of their own (SQLite ends the
 * statement there, PostgreSQL rejects the encoding).
 */
function checkStrings(document: DocumentNode, variables: Record<string, unknown> | undefined): void {
  const inVariables = nulPath(variables ?? {}, '');
  if (inVariables) throw nulError(`$${inVariables.slice(1)}`);
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      if (!node.value.includes('\u0000')) return;
      const named = [...ancestors, parent]
        .reverse()
        .find(
          (a): a is ArgumentNode | ObjectFieldNode =>
            !Array.isArray(a) && ((a as ASTNode).kind === Kind.ARGUMENT || (a as ASTNode).kind === Kind.OBJECT_FIELD),
        );
      throw nulError(named?.name.value ?? 'a string');
    },
  });
}

/**
 * An estimator's refusal (e.g. `first` out of range) keeps its code and field, as a 400; the
 * estimate's own limit on nodes visited (fragments spread into fragments, counted as often as
 * they would run) is a cost refusal.
 */
function asClientError(e: unknown): never {
  if (!(e instanceof GraphQLError)) throw e;
  const code =
    e.extensions.code ??
    (/maximum allowed number of nodes/.test(e.message) ? ErrorCode.QUERY_TOO_COMPLEX : ErrorCode.BAD_USER_INPUT);
  const message =
    code === ErrorCode.QUERY_TOO_COMPLEX && !e.extensions.code
      ? 'the operation selects more than 10,000 fields once its fragments are spread: ask for fewer'
      : e.message;
  throw new GraphQLError(message, { extensions: { ...e.extensions, code, http: { status: 400 } } });
}

/**
 * An allowance as Shopify's GraphQL API reports it (`extensions.cost.throttleStatus`), in read
 * points (1 per 1,000 of cost, at least 1). The window is fixed, so `restoreRate` is its average:
 * all points come back at once after `resetSeconds`, the figure to wait on.
 * @example throttleStatus({ limit: 6000, remaining: 5990, resetSeconds: 42 })
 * // { maximumAvailable: 6000, currentlyAvailable: 5990, restoreRate: 100, resetSeconds: 42 }
 */
export function throttleStatus(a: Allowance) {
  return {
    maximumAvailable: a.limit,
    currentlyAvailable: a.remaining,
    restoreRate: a.limit / WINDOW_SECONDS,
    resetSeconds: a.resetSeconds,
  };
}

/**
 * The plugin; `costLimit` is the largest cost an operation may have, reported with every
 * answer in `extensions.cost`.
 * @example plugins: [operationLimitsPlugin(schema, 5000, new RequestLimits(config.rateLimits))]
 */
export function operationLimitsPlugin(
  schema: GraphQLSchema,
  costLimit: number,
  limits: RequestLimits,
): ApolloServerPlugin<Context> {
  const costs = new OperationCosts(schema);
  return {
    async serverWillStart() {
      return { serverWillStop: () => limits.close() };
    },
    async requestDidStart() {
      let cost = 0;
      let charged = false;
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          checkVariables(schema, operation?.variableDefinitions ?? [], request.variables);
          checkStrings(document, request.variables);
          try {
            cost = costs.of(document, request.operationName ?? undefined, request.variables ?? {});
          } catch (e) {
            asClientError(e);
          }
          contextValue.requestCost = cost;
          if (cost > costLimit) throw tooComplex(cost, costLimit);
          charged = true;
          await limits.chargeOperation(
            contextValue.clientIp,
            cost,
            operation?.operation === 'mutation',
            contextValue.viewer?.keyId ?? undefined,
            contextValue.rateLimit,
          );
        },
        async didEncounterErrors({ contextValue }) {
          if (charged) return;
          charged = true;
          await limits.chargeFailure(contextValue.clientIp, 1, contextValue.rateLimit);
        },
        async willSendResponse({ request, response, contextValue }) {
          if (response.body.kind !== 'single') return;
          // A GET may be kept and answered to anyone (response-cache.ts): its body names no
          // client's allowance; the RateLimit headers carry it.
          const allowance = request.http?.method === 'GET' ? undefined : contextValue.rateLimit?.allowance;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            cost: {
              requested: cost,
              limit: costLimit,
              ...(allowance ? { throttleStatus: throttleStatus(allowance) } : {}),
            },
          };
        },
      };
    },
  };
}
