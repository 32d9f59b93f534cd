import { GraphQLError } from 'graphql';

/** `extensions.code` values this API returns besides Apollo's own. */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'QUERY_TOO_COMPLEX' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'INTERNAL_SERVER_ERROR';

/**
 * An error a client can act on: a code, the argument path it concerns and the rule broken.
 * @example throw inputError('first', 'must be between 1 and 100, got 500');
 */
export function inputError(field: string, rule: string, code: ErrorCode = 'BAD_USER_INPUT'): GraphQLError {
  return new GraphQLError(`${field}: ${rule}`, { extensions: { code, field } });
}

/** The record named by `field` does not exist. */
export function notFound(field: string, value: string): GraphQLError {
  return new GraphQLError(`${field}: no record with id "${value}"`, { extensions: { code: 'NOT_FOUND', field } });
}
