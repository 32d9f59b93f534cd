import { describe, expect, it } from 'vitest';
import {
  archivePage,
  archivePageCount,
  firstChangedArchivePage,
  hasEnough,
  latestNotices,
  type NoticeList,
} from './notice-archive';

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `n${from + i}`);
/** The whole list of these notices, given oldest first. */
const listOf = (oldestFirst: readonly string[]): NoticeList<string> => ({
  total: oldestFirst.length,
  newest: [...oldestFirst].reverse(),
});

describe('archive pages', () => {
  it('number from the oldest and show their own notices newest first', () => {
    const all = ids(45);
    expect(archivePageCount(45, 20)).toBe(3);
    expect(archivePage(listOf(all), 1, 20)).toEqual(ids(20).reverse());
    expect(archivePage(listOf(all), 3, 20)).toEqual(['n44', 'n43', 'n42', 'n41', 'n40']);
  });

  it('are none for no notices', () => {
    expect(archivePageCount(0, 20)).toBe(0);
    expect(latestNotices(listOf([]), 20)).toEqual({ notices: [], older: null });
  });

  it('keep a full page as it was when notices are added', () => {
    const before = archivePage(listOf(ids(40)), 2, 20);
    expect(archivePage(listOf(ids(57)), 2, 20)).toEqual(before);
  });
});

describe('latestNotices', () => {
  it('shows the newest page and the one before while the newest is not full', () => {
    const { notices, older } = latestNotices(listOf(ids(45)), 20);
    expect(notices).toEqual(ids(25, 20).reverse());
    expect(older).toBe(1);
  });

  it('shows the newest page alone once it is full', () => {
    expect(latestNotices(listOf(ids(60)), 20)).toEqual({ notices: ids(20, 40).reverse(), older: 2 });
  });

  it('shows every notice, with nothing older, when there are fewer than two pages', () => {
    expect(latestNotices(listOf(ids(7)), 20)).toEqual({ notices: ids(7).reverse(), older: null });
    expect(latestNotices(listOf(ids(33)), 20)).toEqual({ notices: ids(33).reverse(), older: null });
  });
});

describe('reading only the newest notices', () => {
  const all = listOf(ids(5_000));
  const newest = (n: number) => ({ total: 5_000, newest: all.newest.slice(0, n) });

  it('is enough for a new notice once it holds the pages written and /notices/', () => {
    // 250 full pages: /notices/ shows the newest alone, and the new notice is on it.
    expect(hasEnough(newest(19), ['n4999'], 20)).toBe(false);
    expect(hasEnough(newest(20), ['n4999'], 20)).toBe(true);
    expect(archivePage(newest(20), 250, 20)).toEqual(archivePage(all, 250, 20));
    // One more notice starts page 251: /notices/ shows it with page 250, and page 250 gets its link.
    const more = listOf(ids(5_001));
    expect(hasEnough({ total: 5_001, newest: more.newest.slice(0, 20) }, ['n5000'], 20)).toBe(false);
    expect(hasEnough({ total: 5_001, newest: more.newest.slice(0, 21) }, ['n5000'], 20)).toBe(true);
  });

  it('is not enough until every changed notice is found, or the list is read whole', () => {
    // n4800 starts page 241: pages 240 to 250 are written, 220 notices.
    expect(hasEnough(newest(100), ['n4800'], 20)).toBe(false);
    expect(hasEnough(newest(219), ['n4800'], 20)).toBe(false);
    expect(hasEnough(newest(220), ['n4800'], 20)).toBe(true);
    expect(hasEnough(newest(4_999), ['gone'], 20)).toBe(false);
    expect(hasEnough(all, ['gone'], 20)).toBe(true);
  });

  it('refuses a page it has not read', () => {
    expect(() => archivePage(newest(40), 100, 20)).toThrow(/read to its 40 newest notices, not the 3020 needed/);
    expect(() => firstChangedArchivePage(newest(40), ['n10'], 20)).toThrow(/not read far enough/);
  });
});

describe('firstChangedArchivePage', () => {
  it('is the page of the earliest changed notice', () => {
    expect(firstChangedArchivePage(listOf(ids(100)), ['n97'], 20)).toBe(5);
    expect(firstChangedArchivePage(listOf(ids(100)), ['n97', 'n45'], 20)).toBe(3);
  });

  it('takes the page before as well when the changed notice starts a page (its link to the next one)', () => {
    expect(firstChangedArchivePage(listOf(ids(81)), ['n80'], 20)).toBe(4);
    expect(firstChangedArchivePage(listOf(ids(1)), ['n0'], 20)).toBe(1);
  });

  it('is every page when a changed notice is gone, none when nothing changed', () => {
    expect(firstChangedArchivePage(listOf(ids(100)), ['gone'], 20)).toBe(1);
    expect(firstChangedArchivePage(listOf(ids(100)), [], 20)).toBe(6);
  });

  // Each archive page as a reader sees it: its notices and whether it links to a next page.
  // Pages before `from` are left undefined: a build for changes reads only the notices of the others.
  const rendered = (list: NoticeList<string>, versions: ReadonlyMap<string, number>, per: number, from = 1) =>
    Array.from({ length: archivePageCount(list.total, per) }, (_, i) =>
      i + 1 < from
        ? undefined
        : JSON.stringify({
            notices: archivePage(list, i + 1, per).map((id) => `${id}@${versions.get(id) ?? 0}`),
            next: i + 1 < archivePageCount(list.total, per),
          }),
    );
  // The newest notices, read 3 at a time until they are enough, as a build for changes reads them.
  const readAsPartial = (all: NoticeList<string>, changed: readonly string[], per: number) => {
    let read = 0;
    while (!hasEnough({ total: all.total, newest: all.newest.slice(0, read) }, changed, per)) read += 3;
    return { total: all.total, newest: all.newest.slice(0, read) };
  };

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
      const whole = listOf(after);
      const read = readAsPartial(whole, changed, per);
      const first = firstChangedArchivePage(read, changed, per);
      expect(first, `round ${round}`).toBe(firstChangedArchivePage(whole, changed, per));
      const was = rendered(listOf(before), new Map(), per);
      const is = rendered(whole, versions, per);
      for (let page = 1; page < first; page++) expect(is[page - 1], `round ${round}, page ${page}`).toBe(was[page - 1]);
      // What the partial read gives for the pages it writes and for /notices/ is what the whole list gives.
      expect(rendered(read, versions, per, first), `round ${round}`).toEqual(rendered(whole, versions, per, first));
      expect(latestNotices(read, per), `round ${round}`).toEqual(latestNotices(whole, per));
    }
  });
});
