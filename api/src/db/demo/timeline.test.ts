import { describe, expect, it } from 'vitest';
import { Prng } from '../../common/prng';
import {
  demoIsStale,
  demoTimeline,
  drawStart,
  FUTURE_SHARE,
  futureStart,
  pastStartIn,
  RECENT_DAYS,
  RECENT_SHARE,
} from './timeline';

describe('demoTimeline', () => {
  it('has an edition for every year from 2021 to this one, and next year’s only after 15 December (50号 (四))', () => {
    expect(demoTimeline('2026-12-02').years).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    expect(demoTimeline('2026-12-15').years.at(-1)).toBe(2026);
    expect(demoTimeline('2026-12-16').years.at(-1)).toBe(2027);
    expect(demoTimeline('2023-01-01').years).toEqual([2021, 2022, 2023]);
  });

  it('plans six months ahead, subsidised classes only within the newest edition’s year', () => {
    expect(demoTimeline('2026-03-01')).toMatchObject({ horizon: '2026-08-31', subsidisedHorizon: '2026-08-31' });
    expect(demoTimeline('2026-12-02')).toMatchObject({ horizon: '2027-06-03', subsidisedHorizon: '2026-12-31' });
    expect(demoTimeline('2026-12-20')).toMatchObject({ horizon: '2027-06-21', subsidisedHorizon: '2027-06-21' });
  });

  it('refuses a day it cannot place the demo around', () => {
    expect(() => demoTimeline('2022-06-15')).toThrow(RangeError);
    expect(() => demoTimeline('20261202')).toThrow(/YYYY|date/);
  });
});

describe('start days', () => {
  const t = demoTimeline('2026-12-02');

  it('puts future starts after today and, in the subsidised window, never beyond it', () => {
    const r = new Prng(1);
    for (let i = 0; i < 500; i++) {
      const any = futureStart(r, t);
      expect(any > t.today && any <= t.horizon).toBe(true);
      const subsidised = futureStart(r, t, true);
      expect(subsidised > t.today && subsidised <= t.subsidisedHorizon).toBe(true);
    }
  });

  it('keeps past starts inside their year, before the recent weeks', () => {
    const r = new Prng(2);
    expect(pastStartIn(r, t, 2022)).toMatch(/^2022-/);
    expect(pastStartIn(r, demoTimeline('2026-02-01'), 2026)).toBeNull();
    for (let i = 0; i < 200; i++) expect(pastStartIn(r, t, 2026)! < '2026-09-18').toBe(true);
  });

  it('draws about the promised shares of future, recent and older classes', () => {
    const r = new Prng(3);
    const n = 20_000;
    let future = 0;
    let recent = 0;
    const recentFrom = '2026-09-18';
    for (let i = 0; i < n; i++) {
      const d = drawStart(r.fork(i), t);
      if (d > t.today) future++;
      else if (d >= recentFrom) recent++;
    }
    expect(RECENT_DAYS).toBe(75);
    expect(Math.abs(future / n - FUTURE_SHARE)).toBeLessThan(0.01);
    expect(Math.abs(recent / n - RECENT_SHARE)).toBeLessThan(0.01);
  });
});

describe('demoIsStale', () => {
  it('is stale after 30 days either way, or without a day', () => {
    expect(demoIsStale('2026-11-21', '2026-12-02')).toBe(false);
    expect(demoIsStale('2026-11-02', '2026-12-02')).toBe(false);
    expect(demoIsStale('2026-11-01', '2026-12-02')).toBe(true);
    expect(demoIsStale('2027-01-05', '2026-12-02')).toBe(true);
    expect(demoIsStale(undefined, '2026-12-02')).toBe(true);
  });
});
