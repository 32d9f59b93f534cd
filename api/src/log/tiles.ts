/**
 * The paths of a tiled log's static files (C2SP tlog-tiles): hash tiles `tile/<L>/<N>[.p/<W>]`
 * and entry bundles `tile/entries/<N>[.p/<W>]`, N written in 3-digit groups, all but the last
 * prefixed with `x` (1234067 → `x001/x234/067`).
 */
import { TILE_WIDTH } from './merkle';

/** One tile: hash level 0–63 or the entry bundles, its index, and its width (256: full). */
export interface Tile {
  level: number | 'entries';
  index: number;
  width: number;
}

/**
 * N as path elements.
 * @example tileIndexPath(1234067) // 'x001/x234/067'
 * @example tileIndexPath(5) // '005'
 */
export function tileIndexPath(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a tile index is a whole number ≥ 0, got ${n}`);
  const groups: string[] = [];
  let rest = n;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/**
 * A tile's path under the log's prefix.
 * @example tilePath({ level: 0, index: 1234067, width: 256 }) // 'tile/0/x001/x234/067'
 * @example tilePath({ level: 'entries', index: 0, width: 7 }) // 'tile/entries/000.p/7'
 */
export function tilePath(t: Tile): string {
  const partial = t.width < TILE_WIDTH ? `.p/${t.width}` : '';
  return `tile/${t.level}/${tileIndexPath(t.index)}${partial}`;
}

/**
 * Reads a tile's path (after the log's prefix), or null when it is not one.
 * @example parseTilePath('tile/1/x001/002.p/9') // { level: 1, index: 1002, width: 9 }
 */
export function parseTilePath(path: string): Tile | null {
  const m = /^tile\/(0|[1-9][0-9]?|entries)\/((?:x[0-9]{3}\/)*)([0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(path);
  if (!m) return null;
  const level = m[1] === 'entries' ? 'entries' : Number(m[1]);
  if (typeof level === 'number' && level > 63) return null;
  const digits = `${m[2].replace(/[x/]/g, '')}${m[3]}`;
  // One spelling per index: no group of leading zeros ("x000/005" is 5, written "005").
  if (digits.length > 3 && digits.startsWith('000')) return null;
  const index = Number(digits);
  const width = m[4] ? Number(m[4]) : TILE_WIDTH;
  if (!Number.isSafeInteger(index) || (m[4] && width >= TILE_WIDTH)) return null;
  return { level, index, width };
}

/**
 * The tiles, full and partial, that hold a tree of `size` leaves at one hash level (entry
 * bundles: level 0's layout).
 * @example tilesAt(0, 70_000).length // 274: 273 full and one of width 112
 */
export function tilesAt(level: number, size: number): Tile[] {
  const hashes = Math.floor(size / TILE_WIDTH ** level);
  const tiles: Tile[] = [];
  for (let n = 0; n < Math.floor(hashes / TILE_WIDTH); n++) tiles.push({ level, index: n, width: TILE_WIDTH });
  if (hashes % TILE_WIDTH) tiles.push({ level, index: Math.floor(hashes / TILE_WIDTH), width: hashes % TILE_WIDTH });
  return tiles;
}

/**
 * Whether a tree of `size` leaves holds a tile: all its hashes exist. A partial tile of a
 * smaller tree than today's stays servable (the first W hashes of the tile), so a witness or
 * verifier holding an old checkpoint can still read the tiles of its size.
 * @example tileExists({ level: 0, index: 0, width: 3 }, 256) // true
 */
export function tileExists(t: Tile, size: number): boolean {
  const level = t.level === 'entries' ? 0 : t.level;
  return t.index * TILE_WIDTH + t.width <= Math.floor(size / TILE_WIDTH ** level);
}
