/**
 * The API's own response cache: whole HTTP answers to anonymous GETs, kept under their strong
 * entity tag (response-cache.ts `entityTag`), which already holds the data version, so a write
 * is seen by the very next read without anything being deleted. A hit is answered in front of
 * Apollo, as the bytes Apollo wrote the first time: no parse, no validation, no execution and
 * no JSON (Apollo's response-cache plugin, used before, kept the result and still ran Apollo's
 * pipeline and serialisation on every hit: 0.40 × the floor against 0.8 wanted, issue 15).
 */
import { logger } from '../observability/logger';
import {
  InMemoryLRUCache,
  PrefixingKeyValueCache,
  type KeyValueCache,
  type KeyValueCacheSetOptions,
} from '@apollo/utils.keyvaluecache';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { createKeyv } from '@keyv/redis';
import type { CacheConfig } from '../config';

/** One kept answer: its bytes and what it takes to answer with them again. */
export interface KeptAnswer {
  /** `Content-Type` Apollo chose for the request's `Accept` (part of the tag). */
  type: string;
  /** The body, as Apollo wrote it. */
  body: string;
  /** The operation's cost: a hit takes the same read points as running it. */
  cost: number;
  /** `max-age` of the answer's cache policy, in seconds. */
  maxAge: number;
  /** When it was kept (ms since the epoch), for the `Age` header. */
  keptAt: number;
}

/**
 * A shared cache that may fail: a failure is a miss, and for `pauseMs` after it every read is a
 * miss and every write skipped at once, so a Redis that is down costs no request its connect timeout.
 */
class MissWhileDown implements KeyValueCache<string> {
  private downUntil = 0;

  constructor(
    private readonly inner: KeyValueCache<string>,
    private readonly pauseMs: number,
  ) {}

  private async guard<T>(op: () => Promise<T>, fallback: T): Promise<T> {
    if (Date.now() < this.downUntil) return fallback;
    try {
      return await op();
    } catch (e) {
      if (this.downUntil === 0 || Date.now() - this.downUntil > this.pauseMs)
        logger.warn(
          { err: e, pauseSeconds: this.pauseMs / 1000 },
          'response cache: Redis failed; answering without the cache for a while',
        );
      this.downUntil = Date.now() + this.pauseMs;
      return fallback;
    }
  }

  get(key: string) {
    return this.guard(() => this.inner.get(key), undefined);
  }

  set(key: string, value: string, options?: KeyValueCacheSetOptions) {
    return this.guard(() => this.inner.set(key, value, options), undefined);
  }

  delete(key: string) {
    return this.guard(() => this.inner.delete(key), false);
  }
}

/** The key of an answer: `answer:` and its entity tag without the quotes. */
const keyOf = (etag: string) => `answer:${etag.replace(/"/g, '')}`;

/** Whether a value read back from the store is a whole kept answer (a store shared with an older release may hold other shapes). */
function isKeptAnswer(value: unknown): value is KeptAnswer {
  const a = value as Partial<KeptAnswer> | null;
  return (
    typeof a?.type === 'string' &&
    typeof a.body === 'string' &&
    typeof a.cost === 'number' &&
    typeof a.maxAge === 'number' &&
    typeof a.keptAt === 'number'
  );
}

/**
 * Where answers are kept: in this process (an LRU of `memoryBytes`), or in Redis when `redisUrl`
 * is set, shared by every replica. Keys are `keyPrefix` + `answer:` + the entity tag; an answer
 * lives `maxAge` seconds. A Redis that fails is a miss, never a failed request.
 * @example const answers = new AnswerStore(config.cache); await answers.keep(etag, answer); await answers.find(etag);
 */
export class AnswerStore {
  private readonly cache: KeyValueCache<string>;
  private readonly disconnect: () => Promise<void>;

  constructor(config: CacheConfig) {
    if (!config.redisUrl) {
      const memory = new InMemoryLRUCache<string>({
        maxSize: config.memoryBytes,
        sizeCalculation: (v) => v.length || 1,
      });
      this.cache = new PrefixingKeyValueCache(memory, config.keyPrefix);
      this.disconnect = async () => {};
      return;
    }
    // No namespace of Keyv's own: the prefix is the only one. Errors are thrown (to MissWhileDown), not swallowed after a timeout.
    const keyv = createKeyv(config.redisUrl, {
      namespace: undefined,
      throwOnConnectError: true,
      throwOnErrors: true,
      connectionTimeout: 1000,
    });
    keyv.on('error', () => {}); // told by MissWhileDown, once per outage
    this.cache = new MissWhileDown(
      new PrefixingKeyValueCache(new KeyvAdapter<string>(keyv as never), config.keyPrefix),
      5000,
    );
    this.disconnect = () => keyv.disconnect().catch(() => undefined);
  }

  /** The answer kept under `etag`, if any. */
  async find(etag: string): Promise<KeptAnswer | undefined> {
    const text = await this.cache.get(keyOf(etag));
    if (!text) return undefined;
    try {
      const value: unknown = JSON.parse(text);
      return isKeptAnswer(value) ? value : undefined;
    } catch {
      return undefined;
    }
  }

  /** Keeps an answer under `etag` for its `maxAge`. */
  async keep(etag: string, answer: KeptAnswer): Promise<void> {
    await this.cache.set(keyOf(etag), JSON.stringify(answer), { ttl: answer.maxAge });
  }

  /** Closes the Redis connection, if there is one. */
  close(): Promise<void> {
    return this.disconnect();
  }
}
