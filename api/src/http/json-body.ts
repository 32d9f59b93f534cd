import express, { type RequestHandler } from 'express';
import { HttpProblem } from './error-answers';
import { ErrorCode } from '../graphql/errors';

/**
 * The body parsing of a GraphQL-over-HTTP endpoint: a POST must carry a JSON body
 * (`Content-Type: application/json`, UTF-8) of at most `limit`. Anything else is refused before
 * GraphQL sees it: no body is a 400, another type a 415 (which also keeps out the "simple"
 * cross-site requests a form or `text/plain` can make), a body over the limit a 413 and
 * malformed JSON a 400, each answered by `errorAnswers` in JSON. GET requests pass untouched.
 * @param limit the largest body read, as body-parser takes it. Default `'100kb'`.
 * @example app.all('/graphql', ...jsonBody('100kb'), expressMiddleware(apollo));
 */
export function jsonBody(limit = '100kb'): RequestHandler[] {
  const typeCheck: RequestHandler = (req, _res, next) => {
    if (req.method !== 'POST') return next();
    // null: no body at all; false: a body of another type.
    const json = req.is('application/json');
    if (json === null || req.headers['content-length'] === '0')
      return next(
        new HttpProblem(
          400,
          ErrorCode.BAD_REQUEST,
          'A POST needs a JSON body, e.g. {"query": "{ regions { code } }"}, with Content-Type: application/json.',
        ),
      );
    if (json === false) {
      const sent = req.headers['content-type']
        ? `Content-Type "${req.headers['content-type'].slice(0, 80)}" is not accepted`
        : 'The body has no Content-Type';
      return next(
        new HttpProblem(
          415,
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          `${sent}: send the operation as JSON with Content-Type: application/json.`,
        ),
      );
    }
    next();
  };
  return [typeCheck, express.json({ limit })];
}
