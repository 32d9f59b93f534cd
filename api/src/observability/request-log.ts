/**
 * One JSON log line per request (pino-http): its id, method, path, status, duration, client
 * address (as `TRUST_PROXY` reports it), and for GraphQL the operation's name, type, cost and
 * error codes. Never a header (keys travel in `Authorization`), a query string (a GET carries the
 * query and its variables, which may hold what a reader typed), a body or an answer.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { recordOf, type RequestRecord } from './request-record';

/** A request id a client or proxy may pass in `X-Request-Id` (nginx's `$request_id` is 32 hex digits). */
const GIVEN_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * The request's id: the one the client or nginx sent when it is well formed (so one id follows
 * a request through every hop), otherwise a new UUID.
 * @example requestIdOf('0f8c3a…32 hex') // the same; requestIdOf('a b') // a new UUID
 */
export function requestIdOf(given: string | string[] | undefined): string {
  return typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
}

/** The path alone: the query string of a GraphQL GET holds the operation and its variables. */
export function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0];
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/** What the record adds to the request's line; unset fields are left out. */
function recordFields(r: RequestRecord) {
  return {
    ...(r.operation !== undefined ? { operation: r.operation } : {}),
    ...(r.operationType ? { operationType: r.operationType } : {}),
    ...(r.cost !== undefined ? { cost: r.cost } : {}),
    ...(r.errorCodes.length ? { errors: r.errorCodes } : {}),
    ...(r.cache ? { cache: r.cache } : {}),
  };
}

/** The request log's options. */
export interface RequestLogOptions {
  /** Addresses whose requests are logged at `debug` unless they fail: the site builder reads thousands. */
  quiet: (ip: string) => boolean;
}

/**
 * Middleware that gives each request its record (`res.locals.record`) and id, echoes the id in
 * `X-Request-Id`, and logs the request when it ends (`error` for a 5xx, else `info`).
 * @example app.use(requestLog(logger, { quiet: (ip) => ip === '127.0.0.1' }));
 */
export function requestLog(logger: Logger, opts: RequestLogOptions): RequestHandler {
  const ipOf = (req: IncomingMessage) => (req as Request).ip ?? req.socket.remoteAddress ?? 'unknown';
  const line = (req: IncomingMessage, res: ServerResponse, val: Record<string, unknown>) => ({
    clientIp: ipOf(req),
    ...recordFields(recordOf(res as Response)),
    res: val.res,
    duration: val.responseTime,
  });
  const log = pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = requestIdOf(req.headers['x-request-id']);
      recordOf(res as Response).id = id;
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId' },
    // The request is written when it ends, in that one line: the start says nothing more.
    quietReqLogger: true,
    // Ours alone, on the raw request and response: pino's standard ones would first copy every
    // header of each, only for these to drop them. With them, a cached answer's line took 19 % of
    // its throughput; without, 8 % (npm run bench:observability, one run each; rounds vary by 30 %).
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage) => ({ method: req.method, path: pathOf(req.url) }),
      res: (res: ServerResponse) => ({ status: res.statusCode }),
    },
    customLogLevel: (req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : opts.quiet(ipOf(req)) ? 'debug' : 'info',
    customSuccessMessage: (req) => `${req.method} ${pathOf(req.url)}`,
    customErrorMessage: (req) => `${req.method} ${pathOf(req.url)} failed`,
    customSuccessObject: line,
    // A failure of ours is logged where it happened, with this request's id and its cause.
    customErrorObject: (req, res, _error, val) => line(req, res, val),
  });
  return (req, res, next) => log(req, res, next);
}
