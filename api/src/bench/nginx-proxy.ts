/**
 * nginx as deploy/nginx/catalogue.conf.template configures it in production (its proxy cache
 * for /graphql GETs), in front of a benchmark API, as site/test/nginx.test.ts runs it: Debian's
 * nginx (`NGINX_PATH`, default /usr/sbin/nginx) with the template rendered into a temporary prefix.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../config';
import { freePort } from './bench-servers';

/** The nginx binary. */
export const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx';

/** A running nginx. */
export interface NginxProxy {
  url: string;
  stop(): Promise<void>;
}

/** The official nginx image's envsubst: only the variables it is given are replaced. */
function renderTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\$\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

function writeConfig(prefix: string, port: number, apiHost: string): string {
  const conf = renderTemplate(
    fs.readFileSync(path.join(REPO_ROOT, 'deploy', 'nginx', 'catalogue.conf.template'), 'utf8'),
    {
      CATALOGUE_LISTEN: `127.0.0.1:${port}`,
      CATALOGUE_SITE_ROOT: path.join(prefix, 'site'),
      CATALOGUE_API: apiHost,
      // Search is not measured here; the upstream must only be well-formed.
      CATALOGUE_SEARCH: '127.0.0.1:9',
      CATALOGUE_GRAPHQL_CACHE: path.join(prefix, 'graphql_cache'),
    },
  );
  fs.mkdirSync(path.join(prefix, 'conf.d'), { recursive: true });
  fs.mkdirSync(path.join(prefix, 'site'), { recursive: true });
  fs.writeFileSync(path.join(prefix, 'conf.d', 'default.conf'), conf);
  const main = path.join(prefix, 'nginx.conf');
  // The image's own nginx.conf, reduced: one worker (as much CPU as the API's one event loop).
  fs.writeFileSync(
    main,
    [
      'worker_processes 1;',
      `pid ${prefix}/nginx.pid;`,
      `error_log ${prefix}/error.log warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '  include /etc/nginx/mime.types;',
      '  default_type application/octet-stream;',
      '  access_log off;',
      // nginx closes a client's connection after 1,000 requests by default, which autocannon counts as
      // an error; the floors and the API keep theirs open.
      '  keepalive_requests 100000000;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${prefix}/${t}_temp;`),
      `  include ${prefix}/conf.d/*.conf;`,
      '}',
      '',
    ].join('\n'),
  );
  return main;
}

/**
 * nginx in front of the API at `apiUrl`, or null (with the reason logged) without nginx.
 * @example const proxy = await startNginx('http://127.0.0.1:41234', dir, console.log);
 */
export async function startNginx(apiUrl: string, dir: string, log: (l: string) => void): Promise<NginxProxy | null> {
  if (!fs.existsSync(NGINX)) {
    log(`nginx proxy cache skipped: no nginx at ${NGINX} (apt-get install -y nginx, or set NGINX_PATH)`);
    return null;
  }
  const prefix = path.join(dir, 'nginx');
  const port = await freePort();
  const main = writeConfig(prefix, port, new URL(apiUrl).host);
  const check = spawnSync(NGINX, ['-t', '-p', prefix, '-c', main], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t failed:\n${check.stderr}`);
  const child: ChildProcess = spawn(NGINX, ['-p', prefix, '-c', main, '-g', 'daemon off;'], { stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
