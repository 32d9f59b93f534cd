import { describe, expect, it } from 'vitest';
import { answerType } from './http-status';

describe('answerType', () => {
  it('is JSON without a preference, the newer media type only when the client prefers it', () => {
    expect(answerType(undefined)).toBe('application/json');
    expect(answerType('*/*')).toBe('application/json');
    expect(answerType('application/graphql-response+json')).toBe('application/graphql-response+json');
    expect(answerType('application/graphql-response+json, application/json;q=0.9')).toBe(
      'application/graphql-response+json',
    );
    expect(answerType('application/json, application/graphql-response+json;q=0.9')).toBe('application/json');
    expect(answerType('text/html')).toBeUndefined();
  });
});
