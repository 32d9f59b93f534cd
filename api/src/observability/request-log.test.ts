import { describe, expect, it } from 'vitest';
import { pathOf, requestIdOf } from './request-log';

describe('requestIdOf', () => {
  it('keeps an id nginx or a client sent when it is well formed, and makes one otherwise', () => {
    expect(requestIdOf('0f8c3a9be1d24c7f8a6b5c4d3e2f1a09')).toBe('0f8c3a9be1d24c7f8a6b5c4d3e2f1a09');
    for (const bad of [undefined, '', 'short', 'with space in it', 'x'.repeat(65), ['a', 'b']])
      expect(requestIdOf(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('pathOf', () => {
  it('drops the query string, where a GraphQL GET carries the query and its variables', () => {
    expect(pathOf('/graphql?query=%7B+x+%7D&variables=%7B%22t%22%3A%22%E6%9D%8E%22%7D')).toBe('/graphql');
    expect(pathOf(undefined)).toBe('/');
    expect(pathOf(`/${'a'.repeat(300)}`)).toHaveLength(201);
  });
});
