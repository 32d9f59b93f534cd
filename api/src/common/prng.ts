/**
 * A small seeded pseudo-random number generator for the demo data, over `pure-rand`'s
 * xoroshiro128+ and its uniform integer distribution. Same seed, same sequence, on every
 * platform and Node version: nothing here reads `Math.random`, the clock or the environment.
 *
 * Streams are derived by name with {@link Prng.fork}: `root.fork('courses')` depends only on the
 * root seed and the label, never on how many numbers the root or any sibling stream has drawn.
 * Give every generation step (and, where it matters, every record) its own fork, and adding a
 * step or a draw later does not shift every record generated after it.
 */

import { unsafeUniformIntDistribution, xoroshiro128plus, type RandomGenerator } from 'pure-rand';

/**
 * 128 well-mixed bits (four 32-bit words) from a string: cyrb128, a public-domain
 * non-cryptographic hash. Used only to seed streams.
 */
function hash128(s: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 | 0, h2 | 0, h3 | 0, h4 | 0];
}

/** 2^-53: turns a 53-bit integer into a double in [0, 1). */
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/**
 * A seeded random stream. Not thread-safe and not cryptographic: for demo data only.
 *
 * @example
 * const rng = new Prng(20220211);
 * rng.int(1, 6);                       // a die roll, 1–6 inclusive
 * const courses = rng.fork('courses'); // independent of anything drawn from `rng`
 */
export class Prng {
  /** The root seed this stream descends from. */
  readonly seed: number;
  /** The path of labels this stream was derived from, e.g. `20220211/courses/17`. */
  readonly key: string;
  private readonly gen: RandomGenerator;

  /**
   * @param seed any integer; equal seeds give equal sequences.
   * @param key internal: the derivation path, set by {@link fork}.
   */
  constructor(seed: number, key?: string) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`Prng: seed must be a safe integer, got ${seed}`);
    this.seed = seed;
    this.key = key ?? String(seed);
    const [a, b, c, d] = hash128(this.key);
    // xoroshiro128+ must not start from the all-zero state.
    this.gen =
      a === 0 && b === 0 && c === 0 && d === 0 ? xoroshiro128plus(seed) : xoroshiro128plus.fromState([a, b, c, d]);
  }

  /**
   * An independent stream named `label`, derived from this stream's key (not its state):
   * forking does not consume numbers, and the same label always yields the same stream.
   * @example new Prng(1).fork('a').int(0, 9) === new Prng(1).fork('a').int(0, 9)
   */
  fork(label: string | number): Prng {
    return new Prng(this.seed, `${this.key}/${label}`);
  }

  /** A uniformly distributed integer in `[min, max]`, both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) {
      throw new RangeError(`Prng.int: bounds must be safe integers, got ${min} and ${max}`);
    }
    if (min > max) throw new RangeError(`Prng.int: min ${min} is greater than max ${max}`);
    return unsafeUniformIntDistribution(min, max, this.gen);
  }

  /** A double in `[0, 1)` with 53 random bits. */
  float(): number {
    const hi = this.gen.unsafeNext() >>> 5; // 27 bits
    const lo = this.gen.unsafeNext() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * TWO_POW_MINUS_53;
  }

  /** A double in `[min, max)`. */
  between(min: number, max: number): number {
    if (!(min <= max)) throw new RangeError(`Prng.between: min ${min} is greater than max ${max}`);
    return min + (max - min) * this.float();
  }

  /** True with probability `p` (0 never, 1 always). */
  chance(p: number): boolean {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Prng.chance: p must be in [0, 1], got ${p}`);
    return this.float() < p;
  }

  /** One element, uniformly. Throws on an empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Prng.pick: empty array');
    return items[this.int(0, items.length - 1)];
  }

  /**
   * One element with probability proportional to its weight. Weights must be finite and
   * non-negative with a positive sum, one per item.
   * @example rng.weighted(['OFFLINE', 'ONLINE'], [4, 1]) // OFFLINE four times as often
   */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    if (items.length !== weights.length) {
      throw new RangeError(`Prng.weighted: ${items.length} items but ${weights.length} weights`);
    }
    let total = 0;
    for (const w of weights) {
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`Prng.weighted: bad weight ${w}`);
      total += w;
    }
    if (!(total > 0)) throw new RangeError('Prng.weighted: the weights sum to zero');
    let r = this.float() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i];
      if (r < 0 && weights[i] > 0) return items[i];
    }
    // Rounding can leave r at (almost) zero after the last step: the last positive weight wins.
    for (let i = items.length - 1; i >= 0; i--) if (weights[i] > 0) return items[i];
    throw new Error('unreachable');
  }

  /**
   * `k` distinct elements (distinct positions) in random order; the input is not modified.
   * Throws when `k` exceeds the array's length.
   */
  sample<T>(items: readonly T[], k: number): T[] {
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`Prng.sample: k must be a non-negative integer, got ${k}`);
    if (k > items.length) throw new RangeError(`Prng.sample: cannot take ${k} of ${items.length} items`);
    const copy = items.slice();
    // Partial Fisher–Yates: the first k slots end up a uniform sample.
    for (let i = 0; i < k; i++) {
      const j = this.int(i, copy.length - 1);
      const t = copy[i];
      copy[i] = copy[j];
      copy[j] = t;
    }
    copy.length = k;
    return copy;
  }

  /** A shuffled copy (Fisher–Yates); the input is not modified. */
  shuffle<T>(items: readonly T[]): T[] {
    return this.sample(items, items.length);
  }
}
