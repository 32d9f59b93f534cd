import { GraphQLError } from 'graphql';

/**
 * `extensions.code` values this API returns besides Apollo's own. The HTTP-level ones
 * (`BAD_REQUEST` as Apollo names a malformed request, then one per HTTP status) come from
 * `http/error-answers.ts`, before a request reaches GraphQL.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'QUERY_TOO_COMPLEX' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'INTERNAL_SERVER_ERROR'
  | 'BAD_REQUEST' | 'METHOD_NOT_ALLOWED' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'RATE_LIMITED'
  | 'DATABASE_BUSY' | 'DATABASE_UNAVAILABLE'
  // Said by nginx (deploy/nginx/catalogue.conf.template) when the API does not answer.
  | 'SERVICE_UNAVAILABLE';

/**
 * An error a client can act on: a code, the argument path it concerns and the rule broken.
 * @example throw inputError('first', 'must be between 1 and 100, got 500');
 */
export function inputError(field: string, rule: string, code: ErrorCode = 'BAD_USER_INPUT'): GraphQLError {
  // The HTTP status tells a client (and a cache) that the request itself must change.
  return new GraphQLError(`${field}: ${rule}`, { extensions: { code, field, http: { status: 400 } } });
}

/** The record named by `field` does not exist. */
export function notFound(field: string, value: string): GraphQLError {
  return new GraphQLError(`${field}: no record with id "${value}"`, { extensions: { code: 'NOT_FOUND', field } });
}
