/**
 * Loads a server with autocannon for a while and reports what it measured. A workload is a
 * list of requests: one (the single query) or many (the mix), each connection cycling through
 * them from its own random starting point so that connections do not ask in lockstep.
 */
import autocannon from 'autocannon';

/** One request of a workload. */
export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

/** What one load run measured. */
export interface LoadResult {
  /** Requests per second (mean over the run's seconds). */
  rps: number;
  /** Latency percentiles, milliseconds. */
  p50: number;
  p99: number;
  /** Requests answered. */
  total: number;
}

const HEADERS = {
  'content-type': 'application/json',
  // Without it a GET is a browser's, and the API sends it to its IDE (302).
  accept: 'application/json',
  // Apollo Server's CSRF prevention asks GETs for a header a browser's simple request lacks.
  'apollo-require-preflight': 'true',
};

/**
 * Runs autocannon against `baseUrl` for `duration` seconds; throws on any error or non-2xx answer.
 * @example const r = await runLoad('http://127.0.0.1:4101', [{ method: 'POST', path: '/graphql', body }], 10, 5);
 */
export async function runLoad(
  baseUrl: string,
  workload: BenchRequest[],
  connections: number,
  duration: number,
): Promise<LoadResult> {
  const r = await autocannon({
    url: baseUrl,
    connections,
    duration,
    headers: { ...HEADERS },
    requests: [
      {
        setupRequest: (req: autocannon.Request, context: Record<string, number>) => {
          if (context.at === undefined) context.at = Math.floor(Math.random() * workload.length);
          const next = workload[context.at++ % workload.length];
          // A copy each time: autocannon writes the body's content-length into the headers it is
          // given, and a GET carrying a POST's length would leave the server waiting for a body.
          return { ...req, method: next.method, path: next.path, body: next.body, headers: { ...HEADERS } };
        },
      } as autocannon.Request,
    ],
  });
  // autocannon's non2xx leaves 3xx out: every answer must be a 2xx.
  const other = r.requests.total - r['2xx'];
  if (other || r.errors || r.timeouts || !r.requests.total)
    throw new Error(
      `${baseUrl}: ${r.requests.total} answers, ${other} not 2xx (${JSON.stringify(r.statusCodeStats)}), ${r.errors} errors, ${r.timeouts} timeouts`,
    );
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total };
}

/**
 * Sends every request of a workload once, one at a time, with the headers of the load (a
 * proxy's cache key holds `Accept`), so that every answer a cache can keep is kept before timing.
 * @example await primeCaches('http://127.0.0.1:8080', workload);
 */
export async function primeCaches(baseUrl: string, workload: BenchRequest[]): Promise<void> {
  for (const r of workload) {
    const res = await fetch(baseUrl + r.path, { method: r.method, body: r.body, headers: { ...HEADERS } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${baseUrl}${r.path.slice(0, 80)}… answered ${res.status}`);
  }
}

/**
 * The median of some numbers.
 * @example median([3, 1, 2]) // 2
 */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Each field's median over the rounds: rounds run in alternation, so drift touches every server alike.
 * @example medianResult([{ rps: 1, p50: 1, p99: 2, total: 5 }]).rps // 1
 */
export function medianResult(rounds: LoadResult[]): LoadResult {
  return {
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    total: median(rounds.map((r) => r.total)),
  };
}
