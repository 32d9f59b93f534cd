/**
 * The processes the courses benchmark measures: each server in its own process (the load
 * generator does not share its event loop), started once and kept for every round.
 */
import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** A server under test. */
export interface BenchServer {
  /** Row label in BENCHMARKS.md. */
  name: string;
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  child: ChildProcess;
}

/**
 * A free loopback port.
 * @example const port = await freePort();
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

/**
 * Forks `dist/bench/<script>` with its arguments and a free port (the last argument) and waits
 * for its `ready` message.
 * @example const floor = await startServer('floor (SQLite)', 'floor-server.js', [file]);
 */
export async function startServer(
  name: string,
  script: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; execPath?: string } = {},
): Promise<BenchServer> {
  const port = await freePort();
  const child = fork(path.join(__dirname, script), [...args, String(port)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...opts.env },
    execPath: opts.execPath,
  });
  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${name} (${script}) exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', () => {
      child.off('exit', onExit);
      resolve();
    });
  });
  return { name, url: `http://127.0.0.1:${port}`, child };
}

/**
 * How many /graphql requests an api-server.js process has received.
 * @example await graphqlRequests(api) // 1234
 */
export function graphqlRequests(server: BenchServer): Promise<number> {
  return new Promise((resolve) => {
    const on = (m: unknown) => {
      if (typeof m !== 'object' || m === null || !('graphqlRequests' in m)) return;
      server.child.off('message', on);
      resolve((m as { graphqlRequests: number }).graphqlRequests);
    };
    server.child.on('message', on);
    server.child.send('count');
  });
}

/**
 * Stops a server process and waits for it to exit.
 * @example await stopServer(floor);
 */
export async function stopServer(server: BenchServer | undefined): Promise<void> {
  const child = server?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
