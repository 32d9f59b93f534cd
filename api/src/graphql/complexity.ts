import { GraphQLError, getNamedType, isCompositeType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from './errors';

/** Scalars are free; each object costs 1 plus what is selected inside it. Connections multiply by page size (see connection.ts). */
const objectEstimator: ComplexityEstimator = ({ field, childComplexity }) =>
  isCompositeType(getNamedType(field.type)) ? 1 + childComplexity : 0;

/** Costs remembered per document: a few sets of short variables each (a page through a list), no more. */
const VARIABLE_SETS_PER_DOCUMENT = 16;
/** Variables longer than this (as JSON) are not remembered: the key would cost more memory than the estimate saves. */
const MAX_KEY_LENGTH = 512;

/**
 * The cost of operations, remembered for a repeated document (Apollo hands the same parsed
 * document back from its bounded store) and a few sets of short variables: so the memory it
 * holds is bounded by Apollo's document store, not by what clients send.
 * @example const costs = new OperationCosts(schema); costs.of(document, 'Courses', { first: 20 }) // 401
 */
export class OperationCosts {
  private readonly known = new WeakMap<DocumentNode, Map<string, number>>();

  constructor(private readonly schema: GraphQLSchema) {}

  /**
   * The cost of `operationName` in `document` with `variables`, which must already have been
   * coerced successfully (graphql's `getVariableValues`).
   * @throws the GraphQLError of an estimator (e.g. `first` out of range, see connection.ts).
   */
  of(document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number {
    const key = `${operationName ?? ''}|${JSON.stringify(variables)}`;
    let byVariables = this.known.get(document);
    const remembered = byVariables?.get(key);
    if (remembered !== undefined) return remembered;
    const cost = getComplexity({
      schema: this.schema,
      query: document,
      variables,
      operationName,
      estimators: [fieldExtensionsEstimator(), objectEstimator],
    });
    if (key.length <= MAX_KEY_LENGTH) {
      if (!byVariables) {
        byVariables = new Map();
        this.known.set(document, byVariables);
      }
      if (byVariables.size < VARIABLE_SETS_PER_DOCUMENT) byVariables.set(key, cost);
    }
    return cost;
  }
}

/**
 * The error of an operation over the cost limit: HTTP 400, as the client must change it.
 * @example throw tooComplex(20_000, 5000)
 */
export function tooComplex(cost: number, limit: number): GraphQLError {
  return new GraphQLError(
    `query cost ${cost} exceeds the limit of ${limit}: ask for smaller pages (first) or fewer nested lists`,
    {
      extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, limit, http: { status: 400 } },
    },
  );
}
