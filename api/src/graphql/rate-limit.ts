/**
 * Fair limits for a public API: every operation costs points against its client's address
 * (1 point per 1,000 of query cost, at least 1), and every write also counts against its key
 * and its address; a request refused before it runs takes 1 point, a failed authentication
 * {@link FAILED_AUTHENTICATION_POINTS} (the order is in operation-limits.ts and server.ts's
 * context). Over a limit, the answer is HTTP 429 with `Retry-After`, and the error says
 * which limit and when to retry. Every answer of a limited address tells what it has left
 * (`RateLimit-*` headers, see {@link allowanceHeaders}), so clients can slow down before a 429.
 * Reads from `RATE_LIMIT_EXEMPT` addresses (the site builder) are not limited. Counters live in
 * this process, or with `REDIS_URL` in Redis, shared by every replica (limit-store.ts).
 */
import type { RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import onHeaders from 'on-headers';
import proxyaddr from 'proxy-addr';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimits } from '../config';
import { HttpProblem } from '../http/error-answers';
import { ErrorCode } from './errors';
import { LimitStore, WINDOW_SECONDS, type LimitStoreConfig } from './limit-store';

export { WINDOW_SECONDS };

/** Points an operation of `cost` takes: 1 per 1,000 of cost, at least 1, so expensive reads count more. */
export function pointsFor(cost: number): number {
  return Math.max(1, Math.ceil(cost / 1000));
}

/** What an address has left of its read points in the current window. */
export interface Allowance {
  /** Read points a window (`RATE_LIMIT_READ_POINTS`). */
  limit: number;
  /** Points left in this window. */
  remaining: number;
  /** Seconds until the window ends and all `limit` points are back. */
  resetSeconds: number;
}

/**
 * One request's record of its address's allowance, filled in by each charge (res.locals.rateLimit);
 * empty for addresses that are not limited.
 */
export interface AllowanceSlot {
  allowance?: Allowance;
}

function limited(what: string, res: RateLimiterRes): GraphQLError {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new GraphQLError(`rate limit: ${what}; retry in ${seconds} s`, {
    extensions: {
      code: ErrorCode.RATE_LIMITED,
      retryAfterSeconds: seconds,
      http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) },
    },
  });
}

/**
 * Read points a failed authentication takes: an address sending wrong keys (guessing, or a
 * client with a revoked one) may try only a few dozen a minute, and a legacy scrypt hash
 * (api-keys.ts) costs ~50 ms to check.
 */
export const FAILED_AUTHENTICATION_POINTS = 100;

/**
 * The GraphQL endpoint's counters: reads (and failures) per address, writes per key and per
 * address. The operation-limits plugin charges them in order, after the cost is known.
 * Counted in this process unless `store` names Redis (default: this process).
 * @example const limits = new RequestLimits({ readPointsPerIp: 6000, writesPerKey: 60, writesPerIp: 120, downloadsPerIp: 120, exempt: ['loopback'] }, config.cache);
 */
export class RequestLimits {
  private readonly store: LimitStore;
  private readonly reads: RateLimiterAbstract | null;
  private readonly writesByKey: RateLimiterAbstract | null;
  private readonly writesByIp: RateLimiterAbstract | null;
  /** Whether an address reads unlimited (`RATE_LIMIT_EXEMPT`: the site builder). */
  readonly exempt: (ip: string) => boolean;

  /**
   * @param refused told the name of each limit a request passed (`reads`, `writes-by-key`,
   *   `writes-by-ip`, or a download limit's name), for the metrics; default: nobody.
   */
  constructor(
    private readonly limits: RateLimits,
    store: LimitStoreConfig = { redisUrl: null, keyPrefix: '' },
    private readonly refused: (limit: string) => void = () => undefined,
  ) {
    const trusted = proxyaddr.compile(limits.exempt ?? []);
    this.exempt = (ip) => trusted(ip, 0);
    this.store = new LimitStore(store);
    this.reads = this.store.limiter('reads', limits.readPointsPerIp);
    this.writesByKey = this.store.limiter('writes-by-key', limits.writesPerKey);
    this.writesByIp = this.store.limiter('writes-by-ip', limits.writesPerIp);
  }

  /** Closes the connection to Redis, if any. */
  close(): Promise<void> {
    return this.store.close();
  }

  /**
   * Middleware limiting plain HTTP requests (notice downloads, cosignatures) to the address's
   * `RATE_LIMIT_DOWNLOADS` a minute, counted under `name`; HTTP 429 with `Retry-After` above it.
   * @example app.use('/downloads', limits.downloads('downloads'), noticeDownloads(…));
   */
  downloads(name: string): RequestHandler {
    return downloadLimit(this.store.limiter(name, this.limits.downloadsPerIp), this.limits.downloadsPerIp, () =>
      this.refused(name),
    );
  }

  private readLimit(): string {
    return `more than ${this.limits.readPointsPerIp} points a minute from this address (1 point per 1,000 of query cost; failed requests count too)`;
  }

  /** Notes in `slot` what the address has left after the limiter answered `res` (null: nothing used yet). */
  private note(slot: AllowanceSlot | undefined, res: RateLimiterRes | null): void {
    if (!slot) return;
    const limit = this.limits.readPointsPerIp;
    slot.allowance = res ? allowanceOf(limit, res) : { limit, remaining: limit, resetSeconds: WINDOW_SECONDS };
  }

  /** Refuses an address whose read points are used up, before anything costly (authentication, parsing) runs. */
  async assertOpen(ip: string, slot?: AllowanceSlot): Promise<void> {
    if (!this.reads || this.exempt(ip)) return;
    const res = await this.reads.get(ip);
    this.note(slot, res);
    if (!res || res.remainingPoints > 0) return;
    this.refused('reads');
    throw limited(this.readLimit(), res);
  }

  /** Charges a request that failed before running (parse, validation, variables, authentication). Never throws: the failure is the answer. */
  async chargeFailure(ip: string, points = 1, slot?: AllowanceSlot): Promise<void> {
    if (!this.reads || this.exempt(ip)) return;
    this.note(slot, await this.reads.penalty(ip, points));
  }

  /**
   * Charges a request answered before anything ran (response-cache.ts): a 304 takes one point,
   * the least an operation takes; a kept answer the points of its operation's cost. False when
   * the address has not that many points left (Apollo then answers 429).
   */
  async chargeBeforeRunning(ip: string, points: number, slot?: AllowanceSlot): Promise<boolean> {
    if (!this.reads || this.exempt(ip)) return true;
    try {
      this.note(slot, await this.reads.consume(ip, points));
      return true;
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      // Not charged: what is left is what the address had.
      this.note(slot, await this.reads.get(ip));
      return false;
    }
  }

  /** Charges an operation about to run: read points by its cost, and a write against its key and address. */
  async chargeOperation(
    ip: string,
    cost: number,
    write: boolean,
    keyId: string | undefined,
    slot?: AllowanceSlot,
  ): Promise<void> {
    if (!this.exempt(ip) && this.reads)
      this.note(slot, await this.take('reads', ip, pointsFor(cost), this.readLimit(), (res) => this.note(slot, res)));
    if (!write) return;
    if (keyId)
      await this.take('writes-by-key', keyId, 1, `more than ${this.limits.writesPerKey} writes a minute with this key`);
    await this.take('writes-by-ip', ip, 1, `more than ${this.limits.writesPerIp} writes a minute from this address`);
  }

  /** Takes `points` from `key`'s counter of limit `name`; over the limit, tells `over` and throws the 429. */
  private async take(
    name: 'reads' | 'writes-by-key' | 'writes-by-ip',
    key: string,
    points: number,
    what: string,
    over?: (res: RateLimiterRes) => void,
  ): Promise<RateLimiterRes | null> {
    const l = { reads: this.reads, 'writes-by-key': this.writesByKey, 'writes-by-ip': this.writesByIp }[name];
    if (!l) return null;
    try {
      return await l.consume(key, points);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      over?.(e);
      this.refused(name);
      throw limited(what, e);
    }
  }
}

/**
 * What a limiter's answer `res` leaves of `limit` points a window.
 * @example allowanceOf(120, res) // { limit: 120, remaining: 119, resetSeconds: 60 }
 */
function allowanceOf(limit: number, res: RateLimiterRes): Allowance {
  return {
    limit,
    remaining: Math.max(0, res.remainingPoints),
    resetSeconds: Math.max(0, Math.ceil(res.msBeforeNext / 1000)),
  };
}

/**
 * The headers that tell a client its allowance, as the IETF draft "RateLimit header fields for
 * HTTP" (draft-ietf-httpapi-ratelimit-headers-07 and earlier) names them.
 * @example allowanceHeaderFields({ limit: 6000, remaining: 5990, resetSeconds: 42 })
 * // [['RateLimit-Limit', '6000'], ['RateLimit-Remaining', '5990'], ['RateLimit-Reset', '42'], ['RateLimit-Policy', '6000;w=60']]
 */
export function allowanceHeaderFields(a: Allowance): [string, string][] {
  return [
    ['RateLimit-Limit', String(a.limit)],
    ['RateLimit-Remaining', String(a.remaining)],
    ['RateLimit-Reset', String(a.resetSeconds)],
    ['RateLimit-Policy', `${a.limit};w=${WINDOW_SECONDS}`],
  ];
}

/**
 * Middleware: gives the request an {@link AllowanceSlot} (`res.locals.rateLimit`) and, just
 * before its headers go out (whatever answers it: Apollo, a 304, an error page), writes the
 * allowance the charges left there as `RateLimit-*` headers.
 * @example app.all('/graphql', allowanceHeaders(), …);
 */
export function allowanceHeaders(): RequestHandler {
  return (_req, res, next) => {
    const slot: AllowanceSlot = {};
    res.locals.rateLimit = slot;
    onHeaders(res, () => writeAllowance(res, slot.allowance));
    next();
  };
}

function writeAllowance(res: Response, allowance: Allowance | undefined): void {
  if (allowance) for (const [name, value] of allowanceHeaderFields(allowance)) res.setHeader(name, value);
}

/** Plain HTTP requests counted by `l` (`perMinute` a window) per client address; `refused` told of each 429. */
function downloadLimit(l: RateLimiterAbstract | null, perMinute: number, refused: () => void): RequestHandler {
  const allowance = (r: RateLimiterRes) => allowanceOf(perMinute, r);
  return (req, res, next) => {
    if (!l) return next();
    l.consume(req.ip ?? 'unknown', 1).then(
      (r) => {
        writeAllowance(res, allowance(r));
        next();
      },
      (e: unknown) => {
        if (!(e instanceof RateLimiterRes)) return next(e);
        refused();
        writeAllowance(res, allowance(e));
        const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
        next(
          new HttpProblem(
            429,
            ErrorCode.RATE_LIMITED,
            `rate limit: more than ${perMinute} downloads a minute from this address; retry in ${seconds} s`,
            { 'Retry-After': String(seconds) },
          ),
        );
      },
    );
  };
}
