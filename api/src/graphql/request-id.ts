/**
 * A failure of ours (a bug, a database fault) is logged with a request id, and the client is
 * told only that it failed and that id (`extensions.requestId`, header `X-Request-Id`), which
 * finds the log line. Client mistakes carry a code of their own and are not logged.
 */
import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError } from 'graphql';
import { ErrorCode } from './errors';

/** Whether an error is ours to log, given the codes whose messages are written for clients. */
export type IsInternal = (error: GraphQLError) => boolean;

/**
 * Logs `error` under a new request id and returns the id.
 * @example const id = logInternal('context', e); throw internalError(id);
 */
export function logInternal(where: string, error: unknown, id: string = randomUUID()): string {
  console.error(`[graphql] internal error in ${where} (request ${id}):`, unwrapResolverError(error));
  return id;
}

/**
 * The plugin.
 * @example plugins: [requestIdPlugin((e) => !CLIENT_CODES.has(String(e.extensions.code)))]
 */
export function requestIdPlugin(isInternal: IsInternal): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const id = randomUUID();
      let failed = false;
      return {
        async didEncounterErrors({ errors }) {
          for (const e of errors.filter(isInternal)) {
            failed = true;
            logInternal(e.path ? `field ${e.path.join('.')}` : 'the request', e, id);
          }
        },
        async willSendResponse({ response }) {
          if (!failed || response.body.kind !== 'single') return;
          // A 500 means a bug (or a fault of ours), even when other fields of the answer succeeded.
          response.http.status = 500;
          response.http.headers.set('x-request-id', id);
          response.body.singleResult.errors = response.body.singleResult.errors?.map((e) =>
            e.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR
              ? { ...e, extensions: { ...e.extensions, requestId: id } }
              : e,
          );
        },
      };
    },
  };
}
