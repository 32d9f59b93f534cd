/**
 * A failure of ours (a bug, a database fault) is logged with the request's id, and the client is
 * told only that it failed and that id (`extensions.requestId`, header `X-Request-Id`), which
 * finds the log lines. Client mistakes carry a code of their own and are not logged as errors.
 */
import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Context } from '../context';
import { ErrorCode } from './errors';

/** Whether an error is ours to log, given the codes whose messages are written for clients. */
export type IsInternal = (error: GraphQLError) => boolean;

/**
 * Logs `error` to `logger` under the request's id (a new one when none is given) and returns the id.
 * @example const id = logInternal(logger, 'context', e, record.id); throw internalError(id);
 */
export function logInternal(logger: Logger, where: string, error: unknown, id: string = randomUUID()): string {
  logger.error({ requestId: id, err: unwrapResolverError(error) }, `internal error in ${where}`);
  return id;
}

/**
 * The plugin, logging to `logger`.
 * @example plugins: [requestIdPlugin((e) => !CLIENT_CODES.has(String(e.extensions.code)), logger)]
 */
export function requestIdPlugin(isInternal: IsInternal, logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      // The id the request log and X-Request-Id carry (observability/request-log.ts).
      const id = contextValue.record?.id || randomUUID();
      let failed = false;
      return {
        async didEncounterErrors({ errors }) {
          for (const e of errors.filter(isInternal)) {
            failed = true;
            logInternal(logger, e.path ? `field ${e.path.join('.')}` : 'the request', e, id);
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
