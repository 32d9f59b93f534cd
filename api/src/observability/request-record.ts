/**
 * What one request did, noted as it goes (`res.locals.record`) by the parts that know it, and
 * read once when it ends by the request log and the metrics: the GraphQL operation and its cost,
 * the error codes it answered with, whether the response cache answered it.
 */
import type { Response } from 'express';

/** How the response cache (graphql/response-cache.ts) took part in a request. */
export type CacheOutcome = 'hit' | 'not_modified' | 'miss';

/** One request's record. */
export interface RequestRecord {
  /** The request's id: the client's `X-Request-Id` when well formed, else a new UUID; echoed in the answer. */
  id: string;
  /** The operation's name, as the client sent it (unnamed operations have none). */
  operation?: string;
  /** `query`, `mutation` or `subscription`, once the operation is known. */
  operationType?: string;
  /** The operation's query cost, once computed. */
  cost?: number;
  /** The `extensions.code` of each error in the answer, in order. */
  errorCodes: string[];
  /** Set for anonymous GETs the response cache looked at. */
  cache?: CacheOutcome;
}

/**
 * The record of the request `res` answers; a fresh one (never shared) when no middleware made one,
 * so that callers need not check.
 * @example recordOf(res).cache = 'hit';
 */
export function recordOf(res: Response): RequestRecord {
  res.locals.record ??= { id: '', errorCodes: [] } satisfies RequestRecord;
  return res.locals.record as RequestRecord;
}
