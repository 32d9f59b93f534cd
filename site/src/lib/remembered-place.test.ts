import { describe, expect, it } from 'vitest';
import { parsePlace, placeOnOpening, serialisePlace } from './remembered-place';

describe('the remembered place', () => {
  it('round-trips a 州市 with or without a county', () => {
    for (const place of [
      { prefecture: '530100', county: '530102' },
      { prefecture: '532800', county: '' },
    ]) {
      expect(parsePlace(serialisePlace(place))).toEqual(place);
    }
  });

  it('reads a stored 州市 without a county field', () => {
    expect(parsePlace('{"prefecture":"530300"}')).toEqual({ prefecture: '530300', county: '' });
  });

  it('drops anything malformed instead of breaking the finder', () => {
    for (const raw of [
      null,
      '',
      'null',
      '530100',
      '{',
      '[]',
      '{"prefecture":5301}',
      '{"prefecture":"110100"}',
      '{"prefecture":"530102"}',
      '{"prefecture":"530100","county":"530302"}',
      '{"prefecture":"530100","county":"530100"}',
      '{"prefecture":"530100","county":7}',
      '{"prefecture":"530100\\" OR 1=1"}',
    ]) {
      expect(parsePlace(raw), String(raw)).toBeNull();
    }
  });

  it('stores nothing (forgets) when no 州市 is chosen', () => {
    expect(serialisePlace({ prefecture: '', county: '' })).toBeNull();
    expect(serialisePlace({ prefecture: '530100', county: '530302' })).toBeNull();
  });

  it('opens on the remembered place unless the address chooses a place itself', () => {
    const kunming = { prefecture: '530100', county: '530102' };
    expect(placeOnOpening(new URLSearchParams(''), kunming)).toEqual(kunming);
    expect(placeOnOpening(new URLSearchParams('q=焊工&level=LEVEL_4'), kunming)).toEqual(kunming);
    expect(placeOnOpening(new URLSearchParams('prefecture=530300'), kunming)).toBeNull();
    expect(placeOnOpening(new URLSearchParams('county=530302'), kunming)).toBeNull();
    expect(placeOnOpening(new URLSearchParams(''), null)).toBeNull();
  });
});
