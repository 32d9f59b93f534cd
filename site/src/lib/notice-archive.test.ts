import { describe, expect, it } from 'vitest';
import { archivePage, archivePageCount, firstChangedArchivePage, latestNotices } from './notice-archive';

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `n${from + i}`);

describe('archive pages', () => {
  it('number from the oldest and show their own notices newest first', () => {
    const all = ids(45);
    expect(archivePageCount(45, 20)).toBe(3);
    expect(archivePage(all, 1, 20)).toEqual(ids(20).reverse());
    expect(archivePage(all, 3, 20)).toEqual(['n44', 'n43', 'n42', 'n41', 'n40']);
  });

  it('are none for no notices', () => {
    expect(archivePageCount(0, 20)).toBe(0);
    expect(latestNotices([], 20)).toEqual({ notices: [], older: null });
  });

  it('keep a full page as it was when notices are added', () => {
    const before = archivePage(ids(40), 2, 20);
    expect(archivePage(ids(57), 2, 20)).toEqual(before);
  });
});

describe('latestNotices', () => {
  it('shows the newest page and the one before while the newest is not full', () => {
    const { notices, older } = latestNotices(ids(45), 20);
    expect(notices).toEqual(ids(25, 20).reverse());
    expect(older).toBe(1);
  });

  it('shows the newest page alone once it is full', () => {
    expect(latestNotices(ids(60), 20)).toEqual({ notices: ids(20, 40).reverse(), older: 2 });
  });

  it('shows every notice, with nothing older, when there are fewer than two pages', () => {
    expect(latestNotices(ids(7), 20)).toEqual({ notices: ids(7).reverse(), older: null });
    expect(latestNotices(ids(33), 20)).toEqual({ notices: ids(33).reverse(), older: null });
  });
});

describe('firstChangedArchivePage', () => {
  it('is the page of the earliest changed notice', () => {
    expect(firstChangedArchivePage(ids(100), ['n97'], 20)).toBe(5);
    expect(firstChangedArchivePage(ids(100), ['n97', 'n45'], 20)).toBe(3);
  });

  it('takes the page before as well when the changed notice starts a page (its link to the next one)', () => {
    expect(firstChangedArchivePage(ids(81), ['n80'], 20)).toBe(4);
    expect(firstChangedArchivePage(ids(1), ['n0'], 20)).toBe(1);
  });

  it('is every page when a changed notice is gone, none when nothing changed', () => {
    expect(firstChangedArchivePage(ids(100), ['gone'], 20)).toBe(1);
    expect(firstChangedArchivePage(ids(100), [], 20)).toBe(6);
  });

  // Each archive page as a reader sees it: its notices and whether it links to a next page.
  const rendered = (list: readonly string[], versions: ReadonlyMap<string, number>, per: number) =>
    Array.from({ length: archivePageCount(list.length, per) }, (_, i) =>
      JSON.stringify({
        notices: archivePage(list, i + 1, per).map((id) => `${id}@${versions.get(id) ?? 0}`),
        next: i + 1 < archivePageCount(list.length, per),
      }),
    );

  it('leaves out only pages that are the same after any mix of new, backdated, changed and deleted notices', () => {
    // A small deterministic generator: the same sequence on every run.
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    let next = 0;
    for (let round = 0; round < 300; round++) {
      const per = 1 + random(6);
      const before = ids(random(40)).map((id) => `${id}-${round}`);
      const versions = new Map<string, number>();
      const after = [...before];
      const changed: string[] = [];
      for (let k = 0, edits = 1 + random(3); k < edits; k++) {
        const kind = random(4);
        const id = `new${next++}`;
        if (kind === 0) after.push(id);
        else if (kind === 1) after.splice(random(after.length + 1), 0, id);
        else if (after.length === 0) continue;
        else {
          const at = random(after.length);
          const old = after[at];
          if (kind === 2) versions.set(old, (versions.get(old) ?? 0) + 1);
          else after.splice(at, 1);
          changed.push(old);
          continue;
        }
        changed.push(id);
      }
      const first = firstChangedArchivePage(after, changed, per);
      const was = rendered(before, new Map(), per);
      const is = rendered(after, versions, per);
      for (let page = 1; page < first; page++) expect(is[page - 1], `round ${round}, page ${page}`).toBe(was[page - 1]);
    }
  });
});
