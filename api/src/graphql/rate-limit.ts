/**
 * Fair limits for a public API: every operation costs points against its client's address
 * (1 point per 1,000 of query cost, at least 1), and every write also counts against its key
 * and its address. Over a limit, the answer is HTTP 429 with `Retry-After`, and the error says
 * which limit and when to retry. Counters live in this process (one API container); several
 * API processes behind a balancer would each count on their own.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Context } from './context';
import { HttpProblem } from '../http/error-answers';

/** Limits per minute; 0 turns a limit off. */
export interface RateLimits {
  /** Read points per client address per minute. Default 6000 (`RATE_LIMIT_READ_POINTS`). */
  readPointsPerIp: number;
  /** Writes per API key per minute. Default 60 (`RATE_LIMIT_WRITES_PER_KEY`). */
  writesPerKey: number;
  /** Writes per client address per minute. Default 120 (`RATE_LIMIT_WRITES_PER_IP`). */
  writesPerIp: number;
  /** Notice downloads (CSV, JSON) per client address per minute. Default 120 (`RATE_LIMIT_DOWNLOADS`). */
  downloadsPerIp: number;
}

/** Points an operation of `cost` takes: 1 per 1,000 of cost, at least 1, so expensive reads count more. */
export function pointsFor(cost: number): number {
  return Math.max(1, Math.ceil(cost / 1000));
}

const limiter = (points: number) => (points > 0 ? new RateLimiterMemory({ points, duration: 60 }) : null);

function limited(what: string, res: RateLimiterRes): GraphQLError {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new GraphQLError(`rate limit: ${what}; retry in ${seconds} s`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds, http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) } },
  });
}

/**
 * The Apollo plugin; it runs after the cost plugin, which leaves the operation's cost in the context.
 * @example plugins: [complexityPlugin(schema, 5000), rateLimitPlugin({ readPointsPerIp: 6000, writesPerKey: 60, writesPerIp: 120 })]
 */
export function rateLimitPlugin(limits: RateLimits): ApolloServerPlugin<Context> {
  const reads = limiter(limits.readPointsPerIp);
  const writesByKey = limiter(limits.writesPerKey);
  const writesByIp = limiter(limits.writesPerIp);
  const take = async (l: RateLimiterMemory | null, key: string, points: number, what: string) => {
    if (!l) return;
    try {
      await l.consume(key, points);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw limited(what, e);
      throw e;
    }
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          const ip = contextValue.clientIp;
          await take(reads, ip, pointsFor(contextValue.requestCost ?? 0), `more than ${limits.readPointsPerIp} points a minute from this address (1 point per 1,000 of query cost)`);
          if (operation?.operation === 'mutation') {
            if (contextValue.viewer?.keyId) await take(writesByKey, contextValue.viewer.keyId, 1, `more than ${limits.writesPerKey} writes a minute with this key`);
            await take(writesByIp, ip, 1, `more than ${limits.writesPerIp} writes a minute from this address`);
          }
        },
      };
    },
  };
}

/**
 * The same for plain HTTP downloads: per client address, HTTP 429 with `Retry-After`.
 * @example app.use('/downloads', downloadLimit(120), noticeDownloads(…));
 */
export function downloadLimit(perMinute: number): RequestHandler {
  const l = limiter(perMinute);
  return (req, _res, next) => {
    if (!l) return next();
    l.consume(req.ip ?? 'unknown', 1).then(() => next(), (e: unknown) => {
      if (!(e instanceof RateLimiterRes)) return next(e);
      const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      next(new HttpProblem(429, 'RATE_LIMITED', `rate limit: more than ${perMinute} downloads a minute from this address; retry in ${seconds} s`, { 'Retry-After': String(seconds) }));
    });
  };
}
