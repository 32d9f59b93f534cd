/**
 * The timed part of the courses benchmark: a warm-up, then rounds in which every target runs
 * every workload in turn (A B C …, the next round C B A …), so that drift over the run (other
 * work on the machine, thermal state, the database's caches) touches every server alike;
 * each figure is the median of its rounds.
 */
import type { Target, WorkloadName } from './bench-targets';
import { medianResult, primeCaches, runLoad, type LoadResult } from './load-runner';

/** The rounds of one target on one workload at one concurrency, and their median. */
export interface Measurement {
  target: Target;
  workload: WorkloadName;
  connections: number;
  rounds: LoadResult[];
  median: LoadResult;
}

/** What the nginx runs sent and what reached the API behind it. */
export interface ProxyCount {
  /** Requests nginx answered in the timed runs. */
  served: number;
  /** /graphql requests the API received meanwhile. */
  reachedApi: number;
}

/** Settings of {@link runRounds}. */
export interface RoundOptions {
  rounds: number;
  /** Seconds per timed run. */
  duration: number;
  /** Seconds of warm-up per target and workload (fills caches, JIT, statement caches). */
  warmup: number;
  /** Concurrencies, e.g. [10, 1]. */
  connections: number[];
  log: (line: string) => void;
  /** Requests the API behind nginx has received so far. */
  apiBehindNginx?: () => Promise<number>;
}

const WORKLOADS: WorkloadName[] = ['single', 'mix'];

/**
 * Warms every target up, then runs the rounds and returns one measurement per target, workload
 * and concurrency, with what reached the API behind nginx.
 * @example const { measurements } = await runRounds(targets, { rounds: 4, duration: 5, warmup: 2, connections: [10, 1], log: console.log });
 */
export async function runRounds(
  targets: Target[],
  opts: RoundOptions,
): Promise<{ measurements: Measurement[]; proxy: ProxyCount | null }> {
  for (const t of targets)
    for (const w of WORKLOADS) {
      // A short warm-up may not reach every request of the mix: a miss in a timed run would be counted against the cache.
      if (t.cache !== 'none') await primeCaches(t.url, t.workloads[w]);
      const r = await runLoad(t.url, t.workloads[w], opts.connections[0], opts.warmup).catch((e: Error) => {
        throw new Error(`${t.name}, warming up on the ${w} workload: ${e.message}`);
      });
      opts.log(`warm-up ${w}: ${t.name}: ${r.rps.toFixed(0)} req/s`);
    }
  const byKey = new Map<string, Measurement>();
  const proxy: ProxyCount = { served: 0, reachedApi: 0 };
  for (let round = 1; round <= opts.rounds; round++) {
    const order = round % 2 ? targets : [...targets].reverse();
    for (const w of WORKLOADS)
      for (const connections of opts.connections)
        for (const t of order) {
          const before = t.cache === 'nginx' ? await opts.apiBehindNginx?.() : undefined;
          const r = await runLoad(t.url, t.workloads[w], connections, opts.duration).catch((e: Error) => {
            throw new Error(`${t.name}, round ${round}, ${w} ×${connections}: ${e.message}`);
          });
          if (before !== undefined) {
            proxy.served += r.total;
            proxy.reachedApi += ((await opts.apiBehindNginx?.()) ?? before) - before;
          }
          opts.log(
            `round ${round}/${opts.rounds} ${w} ×${connections}: ${t.name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`,
          );
          const key = `${t.id}|${w}|${connections}`;
          const m = byKey.get(key) ?? { target: t, workload: w, connections, rounds: [], median: r };
          m.rounds.push(r);
          m.median = medianResult(m.rounds);
          byKey.set(key, m);
        }
  }
  return { measurements: [...byKey.values()], proxy: targets.some((t) => t.cache === 'nginx') ? proxy : null };
}
