/**
 * GraphQL over HTTP (the GraphQL Foundation's draft, §"application/json"): a client that reads
 * `application/json` (or says nothing) learns of a document that does not parse or validate from
 * the `errors` of a 200 answer, as it always has; a client that asks for
 * `application/graphql-response+json` gets the 400 the newer media type calls for. Apollo Server
 * answers 400 to both, which the audit of the draft marks as a SHOULD missed.
 *
 * Our own checks of a valid document (variables, page sizes, cost: `BAD_USER_INPUT`,
 * `QUERY_TOO_COMPLEX`) stay 400 whatever the media type: the draft leaves them to the server,
 * and a client told 400 stops retrying what will never pass.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import Negotiator from 'negotiator';
import { ErrorCode } from './errors';

const DOCUMENT_ERRORS = new Set<string>([ErrorCode.GRAPHQL_PARSE_FAILED, ErrorCode.GRAPHQL_VALIDATION_FAILED]);
const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/**
 * The media type Apollo answers in for this `Accept` (its own rule: JSON when the client has no
 * preference, or none).
 * @example answerType('application/graphql-response+json') // 'application/graphql-response+json'
 */
export function answerType(accept: string | undefined): string | undefined {
  return new Negotiator({ headers: { accept: accept || JSON_TYPE } }).mediaType([JSON_TYPE, GRAPHQL_RESPONSE]);
}

/**
 * The plugin.
 * @example plugins: [documentErrorStatusPlugin()]
 */
export function documentErrorStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          if (!errors.length || !errors.every((e) => DOCUMENT_ERRORS.has(String(e.extensions?.code)))) return;
          if (answerType(request.http?.headers.get('accept')) === JSON_TYPE) response.http.status = 200;
        },
      };
    },
  };
}
