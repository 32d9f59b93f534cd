import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getNamedType, isCompositeType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/** Scalars are free; each object costs 1 plus what is selected inside it. Connections multiply by page size (see connection.ts). */
const objectEstimator: ComplexityEstimator = ({ field, childComplexity }) =>
  isCompositeType(getNamedType(field.type)) ? 1 + childComplexity : 0;

/**
 * Rejects operations costing more than `limit` before they run and reports every operation's
 * cost in `extensions.cost`, so third parties can see how close they are to the limit.
 * @example new ApolloServer({ schema, plugins: [complexityPlugin(schema, 5000)] })
 */
export function complexityPlugin(schema: GraphQLSchema, limit: number): ApolloServerPlugin {
  // Apollo reuses the parsed document of a repeated query, so its cost per set of variables is computed once.
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      let cost = 0;
      return {
        async didResolveOperation({ request, document, contextValue }) {
          const key = `${request.operationName ?? ''}|${JSON.stringify(request.variables ?? {})}`;
          let byVariables = costs.get(document);
          if (!byVariables) costs.set(document, (byVariables = new Map()));
          const known = byVariables.get(key);
          cost = known ?? getComplexity({
            schema, query: document, variables: request.variables ?? {}, operationName: request.operationName ?? undefined,
            estimators: [fieldExtensionsEstimator(), objectEstimator],
          });
          (contextValue as { requestCost?: number }).requestCost = cost;
          // Bounded: a client varying its variables endlessly must not grow memory without limit.
          if (known === undefined && byVariables.size < 1000) byVariables.set(key, cost);
          if (cost > limit) {
            throw new GraphQLError(`query cost ${cost} exceeds the limit of ${limit}: ask for smaller pages (first) or fewer nested lists`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', cost, limit },
            });
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: { requested: cost, limit } };
          }
        },
      };
    },
  };
}
