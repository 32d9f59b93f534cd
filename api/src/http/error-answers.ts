/**
 * How every Express app of the catalogue (the API, the site server of `npm start`) answers a
 * request that went wrong. Express's own handler prints an HTML page with the stack and the
 * server's file paths whenever NODE_ENV is not `production`, and the default run leaves it
 * unset: so each app installs {@link errorAnswers} last, and says only what a client can act on.
 */
import { logger } from '../observability/logger';
import http from 'node:http';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { ErrorCode } from '../graphql/errors';

/** What a client is told about a failed request. */
export interface Problem {
  status: number;
  code: ErrorCode;
  /** Written for clients: names the problem and, where there is one, the fix. */
  message: string;
  /** Extra response headers, e.g. `Allow` with a 405. */
  headers?: Readonly<Record<string, string>>;
  /** The failure's stack, only in development. */
  stacktrace?: string[];
}

/**
 * A failure whose message is written for clients, to be passed to `next()`.
 * @example next(new HttpProblem(405, 'METHOD_NOT_ALLOWED', 'pages are read with GET or HEAD', { Allow: 'GET, HEAD' }))
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

/** Writes a problem in the form one server speaks (JSON for the API, pages for the site). */
export type Answer = (req: Request, res: Response, problem: Problem) => void;

/** Options of {@link errorAnswers}. */
export interface ErrorAnswerOptions {
  /** Include the stack of internal failures (`NODE_ENV=development` only). Default false. */
  development?: boolean;
  /** Where internal failures are logged, with the request. Default: the process's JSON log, with the request's id. */
  log?: (line: string, error: unknown, req: Request) => void;
}

/** Parser messages quote the client's own body; a long or binary one is cut to stay readable. */
function clip(text: string | undefined, max = 160): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters in a client's body would garble the message
  const clean = (text ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function sizeOf(bytes: number | undefined): string {
  if (!bytes) return 'the limit';
  return bytes % 1024 === 0 ? `${bytes / 1024} kB` : `${bytes} bytes`;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
};

/** The failures body-parser reports (`err.type`), told in our words. */
type ParserError = { type?: string; message?: string; limit?: number; charset?: string; encoding?: string };
function parserProblem(e: ParserError): Problem | null {
  switch (e.type) {
    case 'entity.parse.failed':
      return {
        status: 400,
        code: ErrorCode.BAD_REQUEST,
        message: `The request body is not valid JSON (${clip(e.message)}). Send a JSON object, e.g. {"query": "{ regions { code } }"}.`,
      };
    case 'entity.too.large':
      return {
        status: 413,
        code: ErrorCode.PAYLOAD_TOO_LARGE,
        message: `The request body is larger than ${sizeOf(e.limit)}, the most this API reads. Send a shorter operation, with long values as variables.`,
      };
    case 'charset.unsupported':
      return {
        status: 415,
        code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        message: `The charset "${clip(e.charset, 40)}" is not supported: send the body in UTF-8 (Content-Type: application/json).`,
      };
    case 'encoding.unsupported':
      return {
        status: 415,
        code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        message: `The Content-Encoding "${clip(e.encoding, 40)}" is not supported: send the body uncompressed, or as gzip, deflate or br.`,
      };
    case 'request.aborted':
    case 'request.size.invalid':
      return {
        status: 400,
        code: ErrorCode.BAD_REQUEST,
        message: 'The request body did not match its Content-Length (cut short or too long).',
      };
    default:
      return null;
  }
}

/**
 * What to tell the client about `err`: our own problems as they are, the body parser's and
 * bad addresses in our words, other 4xx by their HTTP name, and anything else as a bare
 * "Internal server error" (its message may quote SQL, data or paths).
 * @example problemOf(new SyntaxError('…')).status // 500: a programming error, not the client's
 */
export function problemOf(err: unknown, development = false): Problem {
  if (err instanceof HttpProblem)
    return { status: err.status, code: err.code, message: err.message, headers: err.headers };
  const parsed = parserProblem((err ?? {}) as ParserError);
  if (parsed) return parsed;
  // The router's and the static server's failed decoding of %-escapes (e.g. "%E0%A4%A").
  if (err instanceof URIError) {
    return {
      status: 400,
      code: ErrorCode.BAD_REQUEST,
      message:
        'The address is not valid percent-encoding: each % must start an escaped UTF-8 byte (e.g. %E4%BA%91 for 云).',
    };
  }
  const e = (err ?? {}) as { status?: number; statusCode?: number; expose?: boolean; message?: string };
  const status = Number(e.status ?? e.statusCode);
  if (status >= 400 && status < 500) {
    // http-errors marks the messages written for clients with `expose` (e.g. a body that fails to inflate).
    const message = e.expose === true && e.message ? clip(e.message) : (http.STATUS_CODES[status] ?? 'Bad request');
    return { status, code: CODE_BY_STATUS[status] ?? ErrorCode.BAD_REQUEST, message };
  }
  return {
    status: 500,
    code: ErrorCode.INTERNAL_SERVER_ERROR,
    message: 'Internal server error',
    ...(development && err instanceof Error && err.stack ? { stacktrace: err.stack.split('\n') } : {}),
  };
}

/**
 * The error-handling middleware every Express app installs last: logs internal failures,
 * then lets `answer` write the problem. A failure after the answer began (a download
 * streaming) can only cut the connection.
 * @example app.use(errorAnswers(jsonAnswer, { development: config.development }));
 */
export function errorAnswers(answer: Answer, opts: ErrorAnswerOptions = {}): ErrorRequestHandler {
  const log =
    opts.log ?? ((line, error, req) => logger.error({ requestId: (req as { id?: unknown }).id, err: error }, line));
  return (err, req, res, _next) => {
    const problem = problemOf(err, opts.development);
    if (problem.status >= 500 || res.headersSent)
      // The path alone: a GraphQL GET's query string holds what a reader typed.
      log(`${req.method} ${req.path.slice(0, 200)} failed`, err, req);
    if (res.headersSent) return void res.destroy();
    for (const [k, v] of Object.entries(problem.headers ?? {})) res.setHeader(k, v);
    answer(req, res, problem);
  };
}

/**
 * The API's form: a GraphQL-over-HTTP error response, `{ "errors": [{ "message", "extensions": { "code" } }] }`.
 * @example app.use(errorAnswers(jsonAnswer));
 */
export const jsonAnswer: Answer = (_req, res, problem) => {
  const extensions = { code: problem.code, ...(problem.stacktrace ? { stacktrace: problem.stacktrace } : {}) };
  res.status(problem.status).json({ errors: [{ message: problem.message, extensions }] });
};

/**
 * The last route of an app: whatever matched nothing is a 404 for {@link errorAnswers}.
 * @example app.use(noSuchAddress('The API answers at /graphql, /health and /downloads/notices/<id>.csv or .json.'));
 */
export function noSuchAddress(hint: string): RequestHandler {
  return (req, _res, next) =>
    next(new HttpProblem(404, ErrorCode.NOT_FOUND, `No such address: ${req.method} ${clip(req.path, 120)}. ${hint}`));
}

/** Node's own refusals, before a request reaches Express (the parser's error codes → HTTP status). */
const PARSER_STATUS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    "The request's headers (or its address) are longer than 16 kB: send a long operation by POST, its values as variables.",
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request did not arrive in time.'],
};

/**
 * Answers what Node's HTTP parser refuses (an address or headers over 16 kB, a malformed
 * request) in the API's JSON form, as {@link errorAnswers} would, instead of Node's bare status
 * line; then closes the connection, whose state is unknown.
 * @example answerClientErrors(http.createServer(app));
 */
export function answerClientErrors(server: http.Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    // As Node's own handler: only while no answer has begun on this connection.
    if (!socket.writable || (socket as { _httpMessage?: { _headerSent?: boolean } })._httpMessage?._headerSent)
      return void socket.destroy();
    const [status, message] = PARSER_STATUS[err.code ?? ''] ?? [400, 'The request is not valid HTTP/1.1.'];
    const body = JSON.stringify({ errors: [{ message, extensions: { code: ErrorCode.BAD_REQUEST } }] });
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
