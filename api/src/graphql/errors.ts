import { GraphQLError } from 'graphql';

/**
 * Every `extensions.code` this API (or Apollo Server before it, or nginx in front of it) answers
 * with, and whether its message is written for clients. `formatError` passes a client code's
 * message through and replaces any other error by "Internal server error" with a request id.
 * The HTTP-level ones (`BAD_REQUEST` as Apollo names a malformed request, then one per HTTP
 * status) come from `http/error-answers.ts`, before a request reaches GraphQL.
 * @example ERROR_CODES.RATE_LIMITED.client // true
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: { client: true, when: 'an argument or variable breaks a rule (400)' },
  NOT_FOUND: { client: true, when: 'an id names no record; an unknown address (404)' },
  QUERY_TOO_COMPLEX: { client: true, when: 'the operation costs more than the limit (400)' },
  UNAUTHENTICATED: { client: true, when: 'a write without a valid API key (401)' },
  FORBIDDEN: { client: true, when: 'a key that may not do this (403)' },
  RATE_LIMITED: { client: true, when: 'too many requests from a client address or key (429)' },
  SEARCH_UNAVAILABLE: { client: true, when: 'search is down; every other query still works' },
  DATABASE_BUSY: { client: true, when: 'the database stayed locked too long (503, retry)' },
  DATABASE_UNAVAILABLE: { client: true, when: 'the database cannot be reached (503)' },
  BAD_REQUEST: { client: true, when: 'a malformed HTTP request or GraphQL request (400)' },
  METHOD_NOT_ALLOWED: { client: true, when: 'a method the address does not take (405)' },
  PAYLOAD_TOO_LARGE: { client: true, when: 'a request body over the limit (413)' },
  UNSUPPORTED_MEDIA_TYPE: { client: true, when: 'a body that is not JSON in UTF-8 (415)' },
  // Said by Apollo Server about the operation itself.
  GRAPHQL_PARSE_FAILED: {
    client: true,
    when: 'the document does not parse (200 with application/json, 400 with application/graphql-response+json)',
  },
  GRAPHQL_VALIDATION_FAILED: {
    client: true,
    when: 'the document does not fit the schema or the limits (200 with application/json, 400 with application/graphql-response+json)',
  },
  PERSISTED_QUERY_NOT_FOUND: { client: true, when: 'an unknown persisted-query hash' },
  PERSISTED_QUERY_NOT_SUPPORTED: { client: true, when: 'persisted queries are off' },
  OPERATION_RESOLUTION_FAILURE: { client: true, when: 'operationName names no operation of the document (400)' },
  // Said by nginx (deploy/nginx/catalogue.conf.template) when the API does not answer.
  SERVICE_UNAVAILABLE: { client: true, when: 'the API is not answering (503, from nginx)' },
  INTERNAL_SERVER_ERROR: { client: false, when: 'anything else: the message is replaced, a request id given (500)' },
} as const satisfies Record<string, { client: boolean; when: string }>;

/** One of {@link ERROR_CODES}' keys. */
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The codes by name, so code is written `ErrorCode.RATE_LIMITED`, never as a bare string.
 * @example new GraphQLError('…', { extensions: { code: ErrorCode.NOT_FOUND } })
 */
export const ErrorCode = Object.fromEntries(Object.keys(ERROR_CODES).map((c) => [c, c])) as {
  readonly [C in ErrorCode]: C;
};

/**
 * Codes whose messages are written for clients (built from {@link ERROR_CODES}); an error with
 * any other code, or none, is an internal failure whose message no client sees.
 * @example CLIENT_CODES.has('BAD_USER_INPUT') // true
 */
export const CLIENT_CODES: ReadonlySet<string> = new Set(
  (Object.keys(ERROR_CODES) as ErrorCode[]).filter((c) => ERROR_CODES[c].client),
);

/**
 * An error a client can act on: a code, the argument path it concerns and the rule broken.
 * @example throw inputError('first', 'must be between 1 and 100, got 500');
 */
export function inputError(field: string, rule: string, code: ErrorCode = ErrorCode.BAD_USER_INPUT): GraphQLError {
  // The HTTP status tells a client (and a cache) that the request itself must change.
  return new GraphQLError(`${field}: ${rule}`, { extensions: { code, field, http: { status: 400 } } });
}

/** The record named by `field` does not exist. */
export function notFound(field: string, value: string): GraphQLError {
  return new GraphQLError(`${field}: no record with id "${value}"`, {
    extensions: { code: ErrorCode.NOT_FOUND, field },
  });
}
