/**
 * What the disclosure log's command tests share: the test API listening on a port, a dishonest
 * proxy in front of it, and a command run to its end.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { TestApi } from './helpers';

/** Makes a server listen on a free loopback port; its URL. */
export async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** A proxy in front of the API, as a dishonest operator would run it. */
export interface DishonestProxy {
  url: string;
  /**
   * Changes the answers: given the path and the API's body, the body to send instead (null: the
   * API's). Null by default: an honest proxy.
   */
  change: ((path: string, body: Buffer) => Buffer | null) | null;
  /** Stops the proxy and the API's listening. */
  close(): Promise<void>;
}

/**
 * Starts the API listening and a proxy in front of it that passes every request through (POSTs
 * too, with the API's status) unless `change` says otherwise.
 * @example const proxy = await dishonestProxy(env.api); proxy.change = (path, body) => (path === '/log/checkpoint' ? forged : null);
 */
export async function dishonestProxy(api: TestApi): Promise<DishonestProxy> {
  const apiUrl = await listen(api.httpServer);
  const proxy: DishonestProxy = {
    url: '',
    change: null,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await new Promise((resolve) => api.httpServer.close(resolve));
    },
  };
  const server = http.createServer(async (req, res) => {
    const body = req.method === 'POST' ? await new Response(req as unknown as ReadableStream).text() : undefined;
    const answer = await fetch(`${apiUrl}${req.url}`, {
      method: req.method,
      headers: { 'content-type': 'application/json' },
      body,
    });
    const bytes = Buffer.from(await answer.arrayBuffer());
    const changed = proxy.change?.(req.url ?? '', bytes) ?? null;
    // A changed answer is served as a file the log holds, whatever the API said of that path.
    res.statusCode = changed ? 200 : answer.status;
    const type = answer.headers.get('content-type');
    if (type) res.setHeader('content-type', type);
    res.end(changed ?? bytes);
  });
  proxy.url = await listen(server);
  return proxy;
}

/** Runs node on a script to its end; its exit code and everything it printed. */
export function runNode(script: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}
