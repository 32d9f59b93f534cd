/**
 * Where the rate limits count: in this process, or, when `REDIS_URL` is set, in Redis, so that
 * any number of API replicas behind a balancer allow together what one would (not N times the
 * limit). A Redis that is down or not yet reached never fails a request: each replica then counts
 * in its own memory until Redis is back (rate-limiter-flexible's insurance limiter).
 */
import { logger } from '../observability/logger';
import { createClient } from '@redis/client';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** The window every limit counts in, in seconds: a minute. */
export const WINDOW_SECONDS = 60;

/** Where counters are shared: `CACHE_KEY_PREFIX` and `REDIS_URL`, as the response cache uses them. */
export interface LimitStoreConfig {
  redisUrl: string | null;
  keyPrefix: string;
}

type Redis = ReturnType<typeof connect>;

/**
 * Makes the limiters of one API process; keys in Redis are `<keyPrefix>ratelimit:<name>:<client>`.
 * @example const store = new LimitStore({ redisUrl: 'redis://127.0.0.1:6379', keyPrefix: 'catalogue:' }); store.limiter('reads', 6000);
 */
export class LimitStore {
  private readonly client: Redis | null;

  constructor(private readonly config: LimitStoreConfig) {
    this.client = config.redisUrl ? connect(config.redisUrl) : null;
  }

  /** Whether the counters are shared through Redis. */
  get shared(): boolean {
    return this.client !== null;
  }

  /** A counter of `points` a window under `name`; null when the limit is off (0 points). */
  limiter(name: string, points: number): RateLimiterAbstract | null {
    if (points <= 0) return null;
    const memory = new RateLimiterMemory({ points, duration: WINDOW_SECONDS });
    if (!this.client) return memory;
    return new RateLimiterRedis({
      storeClient: this.client,
      useRedisPackage: true,
      points,
      duration: WINDOW_SECONDS,
      keyPrefix: `${this.config.keyPrefix}ratelimit:${name}`,
      insuranceLimiter: memory,
    });
  }

  /** Closes the Redis connection, if there is one. */
  async close(): Promise<void> {
    if (this.client?.isOpen) await this.client.close().catch(() => undefined);
  }
}

/**
 * A Redis connection that fails fast while down (no queue of commands waiting for it, so the
 * insurance limiter answers at once) and keeps trying to come back; an outage is logged once.
 */
function connect(url: string) {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 1000, reconnectStrategy: (retries) => Math.min(200 * (retries + 1), 5000) },
  });
  let down = false;
  client.on('error', (e: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: e }, 'rate limits: Redis failed; counting in this process until it is back');
  });
  client.on('ready', () => {
    down = false;
  });
  client.connect().catch(() => undefined);
  return client;
}
