import { describe, expect, it } from 'vitest';
import { parseTilePath, tileExists, tileIndexPath, tilePath, tilesAt } from './tiles';

describe('tile paths (C2SP tlog-tiles)', () => {
  it('writes indices in x-prefixed groups of three digits, as the specification shows', () => {
    expect(tileIndexPath(1234067)).toBe('x001/x234/067');
    expect(tileIndexPath(0)).toBe('000');
    expect(tileIndexPath(1000)).toBe('x001/000');
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ level: 'entries', index: 2, width: 7 })).toBe('tile/entries/002.p/7');
  });

  it('reads back every path it writes, and nothing else', () => {
    for (const t of [
      { level: 0, index: 1234067, width: 256 },
      { level: 2, index: 999, width: 1 },
      { level: 'entries' as const, index: 1000, width: 255 },
    ])
      expect(parseTilePath(tilePath(t))).toEqual(t);
    for (const bad of [
      'tile/0/5',
      'tile/0/005.p/256',
      'tile/0/005.p/0',
      'tile/64/000',
      'tile/0/x000/005',
      'tile/01/000',
      'tile/0/001/002',
    ])
      expect(parseTilePath(bad), bad).toBeNull();
  });

  it('lists the tiles of a tree as the specification counts them', () => {
    // "a tree of size 70,000 will be represented by 273 full level 0 tiles, one partial level 0
    // tile of width 112, one full level 1 tile, one partial level 1 tile of width 17, and one
    // partial level 2 tile of width 1"
    const level0 = tilesAt(0, 70_000);
    expect(level0.length).toBe(274);
    expect(level0[273]).toEqual({ level: 0, index: 273, width: 112 });
    expect(tilesAt(1, 70_000)).toEqual([
      { level: 1, index: 0, width: 256 },
      { level: 1, index: 1, width: 17 },
    ]);
    expect(tilesAt(2, 70_000)).toEqual([{ level: 2, index: 0, width: 1 }]);
    expect(tilesAt(1, 256)).toEqual([{ level: 1, index: 0, width: 1 }]);
  });

  it('serves a tile only when the tree holds all its hashes', () => {
    expect(tileExists({ level: 0, index: 273, width: 112 }, 70_000)).toBe(true);
    expect(tileExists({ level: 0, index: 273, width: 113 }, 70_000)).toBe(false);
    expect(tileExists({ level: 0, index: 273, width: 256 }, 70_000)).toBe(false);
    expect(tileExists({ level: 'entries', index: 0, width: 256 }, 256)).toBe(true);
  });
});
