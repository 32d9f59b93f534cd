/**
 * The place a worker chose in the course finder (a 州市 and perhaps one of its counties),
 * remembered on the device in localStorage so the finder opens on it next time. Only two region
 * codes are stored: nothing personal, and nothing sent anywhere.
 */

/** The localStorage key. */
export const PLACE_KEY = 'skills-yunnan:finder-place';

/** A remembered place: a 州市 code (`530100`) and, optionally, one of its counties (`530102`). */
export interface Place {
  prefecture: string;
  county: string;
}

const PREFECTURE = /^53\d{2}00$/;
const COUNTY = /^53\d{4}$/;

/**
 * Reads a stored place; anything else (nothing stored, an older format, a county outside its
 * 州市, an edited value) is null, so a broken entry never breaks the finder.
 * @example parsePlace('{"prefecture":"530100","county":"530102"}') // { prefecture: '530100', county: '530102' }
 */
export function parsePlace(raw: string | null | undefined): Place | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const { prefecture, county = '' } = value as Record<string, unknown>;
  if (typeof prefecture !== 'string' || !PREFECTURE.test(prefecture) || typeof county !== 'string') return null;
  if (county && (!COUNTY.test(county) || county === prefecture || `${county.slice(0, 4)}00` !== prefecture))
    return null;
  return { prefecture, county };
}

/**
 * What to store for a chosen place: null (forget) when no 州市 is chosen.
 * @example serialisePlace({ prefecture: '530100', county: '' }) // '{"prefecture":"530100","county":""}'
 */
export function serialisePlace(place: Place): string | null {
  return parsePlace(JSON.stringify(place))
    ? JSON.stringify({ prefecture: place.prefecture, county: place.county })
    : null;
}

/**
 * The place the finder opens on: the address's own choice wins (a shared link shows what was
 * shared), otherwise the remembered one.
 * @param params the page's query
 * @example placeOnOpening(new URLSearchParams(''), { prefecture: '530100', county: '' }) // { prefecture: '530100', county: '' }
 */
export function placeOnOpening(params: URLSearchParams, remembered: Place | null): Place | null {
  if (params.get('prefecture') || params.get('county')) return null;
  return remembered;
}
