import { describe, expect, it } from 'vitest';
import { recordPages } from './paths';

describe('recordPages', () => {
  it('names each class and notice page in both languages, Chinese without a prefix', () => {
    expect(recordPages({ courses: ['Q291cnNlOjE'], notices: ['U3Vic2lkeU5vdGljZTox'] })).toEqual([
      '/courses/Q291cnNlOjE/',
      '/notices/U3Vic2lkeU5vdGljZTox/',
      '/en/courses/Q291cnNlOjE/',
      '/en/notices/U3Vic2lkeU5vdGljZTox/',
    ]);
  });

  it('refuses an ID that would leave its folder', () => {
    expect(() => recordPages({ courses: ['../x'], notices: [] })).toThrow(/Course id/);
  });

  it('gives nothing for no records', () => {
    expect(recordPages({ courses: [], notices: [] })).toEqual([]);
  });
});
