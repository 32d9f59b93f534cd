/**
 * Fair limits for a public API: every operation costs points against its client's address
 * (1 point per 1,000 of query cost, at least 1), and every write also counts against its key
 * and its address; a request refused before it runs takes 1 point, a failed authentication
 * {@link FAILED_AUTHENTICATION_POINTS} (the order is in operation-limits.ts and server.ts's
 * context). Over a limit, the answer is HTTP 429 with `Retry-After`, and the error says
 * which limit and when to retry. Reads from `RATE_LIMIT_EXEMPT` addresses (the site builder)
 * are not limited. Counters live in this process (one API container); several
 * API processes behind a balancer would each count on their own.
 */
import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import proxyaddr from 'proxy-addr';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimits } from '../config';
import { HttpProblem } from '../http/error-answers';
import { ErrorCode } from './errors';

/** Points an operation of `cost` takes: 1 per 1,000 of cost, at least 1, so expensive reads count more. */
export function pointsFor(cost: number): number {
  return Math.max(1, Math.ceil(cost / 1000));
}

const limiter = (points: number) => (points > 0 ? new RateLimiterMemory({ points, duration: 60 }) : null);

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

/** Read points a failed authentication takes: scrypt costs ~50 ms, so an address may try only a few dozen a minute. */
export const FAILED_AUTHENTICATION_POINTS = 100;

/**
 * The GraphQL endpoint's counters: reads (and failures) per address, writes per key and per
 * address. The operation-limits plugin charges them in order, after the cost is known.
 * @example const limits = new RequestLimits({ readPointsPerIp: 6000, writesPerKey: 60, writesPerIp: 120, downloadsPerIp: 120, exempt: ['loopback'] });
 */
export class RequestLimits {
  private readonly reads: RateLimiterMemory | null;
  private readonly writesByKey: RateLimiterMemory | null;
  private readonly writesByIp: RateLimiterMemory | null;
  /** Whether an address reads unlimited (`RATE_LIMIT_EXEMPT`: the site builder). */
  private readonly exempt: (ip: string) => boolean;

  constructor(private readonly limits: RateLimits) {
    const trusted = proxyaddr.compile(limits.exempt ?? []);
    this.exempt = (ip) => trusted(ip, 0);
    this.reads = limiter(limits.readPointsPerIp);
    this.writesByKey = limiter(limits.writesPerKey);
    this.writesByIp = limiter(limits.writesPerIp);
  }

  private readLimit(): string {
    return `more than ${this.limits.readPointsPerIp} points a minute from this address (1 point per 1,000 of query cost; failed requests count too)`;
  }

  /** Refuses an address whose read points are used up, before anything costly (authentication, parsing) runs. */
  async assertOpen(ip: string): Promise<void> {
    if (!this.reads || this.exempt(ip)) return;
    const res = await this.reads.get(ip);
    if (res && res.remainingPoints <= 0) throw limited(this.readLimit(), res);
  }

  /** Charges a request that failed before running (parse, validation, variables, authentication). Never throws: the failure is the answer. */
  async chargeFailure(ip: string, points = 1): Promise<void> {
    if (!this.reads || this.exempt(ip)) return;
    await this.reads.penalty(ip, points);
  }

  /**
   * Charges a request answered before anything ran (response-cache.ts): a 304 takes one point,
   * the least an operation takes; a kept answer the points of its operation's cost. False when
   * the address has not that many points left (Apollo then answers 429).
   */
  async chargeBeforeRunning(ip: string, points: number): Promise<boolean> {
    if (!this.reads || this.exempt(ip)) return true;
    try {
      await this.reads.consume(ip, points);
      return true;
    } catch (e) {
      if (e instanceof RateLimiterRes) return false;
      throw e;
    }
  }

  /** Charges an operation about to run: read points by its cost, and a write against its key and address. */
  async chargeOperation(ip: string, cost: number, write: boolean, keyId: string | undefined): Promise<void> {
    if (!this.exempt(ip)) await take(this.reads, ip, pointsFor(cost), this.readLimit());
    if (!write) return;
    if (keyId)
      await take(this.writesByKey, keyId, 1, `more than ${this.limits.writesPerKey} writes a minute with this key`);
    await take(this.writesByIp, ip, 1, `more than ${this.limits.writesPerIp} writes a minute from this address`);
  }
}

async function take(l: RateLimiterMemory | null, key: string, points: number, what: string): Promise<void> {
  if (!l) return;
  try {
    await l.consume(key, points);
  } catch (e) {
    if (e instanceof RateLimiterRes) throw limited(what, e);
    throw e;
  }
}

/**
 * The same for plain HTTP downloads: per client address, HTTP 429 with `Retry-After`.
 * @example app.use('/downloads', downloadLimit(120), noticeDownloads(…));
 */
export function downloadLimit(perMinute: number): RequestHandler {
  const l = limiter(perMinute);
  return (req, _res, next) => {
    if (!l) return next();
    l.consume(req.ip ?? 'unknown', 1).then(
      () => next(),
      (e: unknown) => {
        if (!(e instanceof RateLimiterRes)) return next(e);
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
