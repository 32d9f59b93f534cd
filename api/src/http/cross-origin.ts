/**
 * CORS for anonymous reads: a browser app on another origin may query the API, fetch the schema,
 * the notice downloads and the disclosure log, and read the headers that matter to it (ETag,
 * the RateLimit fields, Retry-After, the request id). Never with credentials, and the
 * `Authorization` header is not allowed across origins: API keys belong on servers, not in pages
 * anyone can read. Preflights are kept a day by browsers.
 */
import cors from 'cors';
import type { RequestHandler } from 'express';

/** The addresses other origins may read. */
export const CORS_PATHS = ['/graphql', '/schema.graphql', '/downloads', '/log', '/health'];

/** Headers a cross-origin request may send: those of a GraphQL GET or POST and a revalidation. */
const ALLOWED_HEADERS = [
  'Content-Type',
  'Accept',
  'If-None-Match',
  'Apollo-Require-Preflight',
  'X-Apollo-Operation-Name',
];

/** Headers a cross-origin script may read beside the CORS-safelisted ones. */
const EXPOSED_HEADERS = [
  'ETag',
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'RateLimit-Policy',
  'X-Request-Id',
];

/**
 * The CORS middleware for `origins`: `'*'` for any origin (the default, `CORS_ORIGINS`), or a
 * list of origins, each answered with its own name (and `Vary: Origin`); others get no CORS
 * headers, so their browsers refuse the answer.
 * @example app.use(CORS_PATHS, crossOriginReads(['https://jobs.example.cn']));
 */
export function crossOriginReads(origins: '*' | readonly string[]): RequestHandler {
  return cors({
    origin: origins === '*' ? '*' : [...origins],
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    credentials: false,
    maxAge: 86_400,
  });
}
