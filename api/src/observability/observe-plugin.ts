/**
 * Notes in the request's record (request-record.ts) what only Apollo knows: the operation's
 * name and type once resolved, its cost, and the codes of the errors the answer carries, as the
 * client sees them (after formatError).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import { ErrorCode } from '../graphql/errors';

/**
 * The plugin.
 * @example plugins: [observePlugin()]
 */
export function observePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const record = contextValue.record;
      if (!record) return;
      return {
        async didResolveOperation({ request, operation }) {
          record.operation = request.operationName ?? operation?.name?.value;
          record.operationType = operation?.operation;
        },
        async willSendResponse({ response }) {
          record.cost = contextValue.requestCost;
          if (response.body.kind !== 'single') return;
          record.errorCodes = (response.body.singleResult.errors ?? []).map((e) =>
            String(e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR),
          );
        },
      };
    },
  };
}
