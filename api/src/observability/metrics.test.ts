import { describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { ApiMetrics, BoundedLabel, BuildMetrics, routeOf, serveMetrics } from './metrics';

describe('BoundedLabel', () => {
  it('keeps well-formed values until it has seen its maximum, then answers other', () => {
    const names = new BoundedLabel(/^[A-Za-z]+$/, 2);
    expect(names.of('Courses')).toBe('Courses');
    expect(names.of('Notices')).toBe('Notices');
    expect(names.of('Regions')).toBe('other');
    expect(names.of('Courses')).toBe('Courses');
    expect(names.of('bad name')).toBe('other');
  });
});

describe('routeOf', () => {
  it('names the part of the API a path belongs to, and other for the rest', () => {
    expect(routeOf('/graphql')).toBe('graphql');
    expect(routeOf('/schema.graphql')).toBe('schema');
    expect(routeOf('/downloads/notices/N1.csv')).toBe('downloads');
    expect(routeOf('/log/tile/0/000')).toBe('log');
    expect(routeOf('/health')).toBe('health');
    expect(routeOf('/wp-admin/x.php')).toBe('other');
  });
});

describe('ApiMetrics', () => {
  it('reports a site build while it runs and how it ended', async () => {
    const m = new ApiMetrics();
    let during = '';
    await m.builds.measure(async () => {
      during = await m.registry.getSingleMetricAsString('catalogue_site_build_running');
      return { kind: 'partial' as const };
    });
    expect(during).toMatch(/ 1$/);
    await expect(m.builds.measure(() => Promise.reject(new Error('astro failed')))).rejects.toThrow('astro failed');
    const text = await m.registry.metrics();
    expect(text).toMatch(/^catalogue_site_build_running 0$/m);
    expect(text).toMatch(/^catalogue_site_builds_total\{outcome="partial"\} 1$/m);
    expect(text).toMatch(/^catalogue_site_builds_total\{outcome="failed"\} 1$/m);
    expect(text).toMatch(/^catalogue_site_build_last_duration_seconds 0\.\d+$/m);
    expect(text).toMatch(/^catalogue_site_build_last_success_timestamp_seconds \d{10}/m);
  });

  it('reads search and the log once per scrape, and reports NaN (unknown) when a read fails', async () => {
    const m = new ApiMetrics();
    let reads = 0;
    m.watch({
      search: async () => {
        reads++;
        return { status: 'degraded', pending: 7 };
      },
      log: async () => {
        throw new Error('the database is gone');
      },
    });
    const text = await m.registry.metrics();
    expect(reads).toBe(1);
    expect(text).toMatch(/^catalogue_search_status\{status="degraded"\} 1$/m);
    expect(text).toMatch(/^catalogue_search_status\{status="ok"\} 0$/m);
    expect(text).toMatch(/^catalogue_search_outbox_pending 7$/m);
    // prom-client writes "Nan", which Prometheus reads as NaN.
    expect(text).toMatch(/^catalogue_log_entries NaN$/im);
    expect(text).toMatch(/^catalogue_log_last_signed_timestamp_seconds NaN$/im);
  });
});

describe('serveMetrics', () => {
  it('answers GET /metrics in Prometheus text and 404 to anything else', async () => {
    const registry = new Registry();
    new BuildMetrics(registry).ended('full', 12);
    const server = await serveMetrics(registry, '127.0.0.1', 0);
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(await res.text()).toMatch(/^catalogue_site_builds_total\{outcome="full"\} 1$/m);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
