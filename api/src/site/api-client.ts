/**
 * The site builder's GraphQL requests: over HTTP like any other client of the API, so the builder
 * may run on another machine (docker-compose's site-builder service).
 */

/**
 * Sends one GraphQL query to `apiUrl` and returns its data; fails naming `what` and the API's
 * errors (or the HTTP status) when there is none. A minute at most.
 * @example const data = await askApi<{ courses: { totalCount: number } }>(url, '{ courses(first: 1) { totalCount } }', {}, 'the class count');
 */
export async function askApi<T>(
  apiUrl: string,
  query: string,
  variables: Record<string, unknown>,
  what: string,
): Promise<T> {
  const res = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(60_000),
  });
  const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: { message: string }[] };
  if (!body.data) {
    const why = body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}`;
    throw new Error(`${what} at ${apiUrl} could not be read: ${why}`);
  }
  return body.data;
}
