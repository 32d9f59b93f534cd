import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('the site settings', () => {
  it('give the pages the address npm start serves them at, unless SITE_URL says otherwise', () => {
    expect(loadConfig({}).site).toMatchObject({ port: 4321, publicUrl: 'http://localhost:4321' });
    expect(loadConfig({ SITE_PORT: '8080' }).site).toMatchObject({ port: 8080, publicUrl: 'http://localhost:8080' });
    expect(loadConfig({ SITE_PORT: '8080', SITE_URL: 'https://skills.example.cn' }).site.publicUrl).toBe(
      'https://skills.example.cn',
    );
    // A free port is known only once the pages are served: the build keeps its own default then.
    expect(loadConfig({ SITE_PORT: '0' }).site.publicUrl).toBeUndefined();
  });
});

describe('the rate-limit exemption', () => {
  it('is loopback by default (npm start’s site builder), a list of addresses and ranges, or none; a bad entry is named', () => {
    expect(loadConfig({}).rateLimits.exempt).toEqual(['loopback']);
    expect(loadConfig({ RATE_LIMIT_EXEMPT: 'loopback, 172.16.0.0/12' }).rateLimits.exempt).toEqual([
      'loopback',
      '172.16.0.0/12',
    ]);
    expect(loadConfig({ RATE_LIMIT_EXEMPT: 'none' }).rateLimits.exempt).toEqual([]);
    expect(() => loadConfig({ RATE_LIMIT_EXEMPT: 'builder.local' })).toThrow(/RATE_LIMIT_EXEMPT.*builder\.local/);
  });
});

describe('the origins that may read across origins (CORS)', () => {
  it('are any by default, a list of origins, or none; an entry with a path is named', () => {
    expect(loadConfig({}).corsOrigins).toBe('*');
    expect(loadConfig({ CORS_ORIGINS: 'https://jobs.example.cn, http://localhost:3000' }).corsOrigins).toEqual([
      'https://jobs.example.cn',
      'http://localhost:3000',
    ]);
    expect(loadConfig({ CORS_ORIGINS: 'none' }).corsOrigins).toBeNull();
    expect(() => loadConfig({ CORS_ORIGINS: 'https://jobs.example.cn/app' })).toThrow(
      /CORS_ORIGINS.*jobs\.example\.cn\/app/,
    );
  });
});
