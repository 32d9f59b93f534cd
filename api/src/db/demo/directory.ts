/**
 * Steps 1 and 2 of the demo generator: which occupations the demo directory holds, with the
 * certificate types and levels of each (occupation × certificate × level "keys"), the demo
 * certification facts of all 1,639 occupations, and the directory editions year by year with
 * their mid-year additions and withdrawals.
 */

import { dateColumn } from '../../common/dates';
import { directoryEditionEvent, directoryEntryEvent } from '../../log/log-entries';
import { recordedAt, type DatedEvent } from './notices';
import { CertificateType, SkillLevel } from '../../common/enums';
import type { Prng } from '../../common/prng';
import type { Lookups } from './lookups';
import type { Timeline } from './timeline';
import {
  GRADED,
  LEVELS_DOWN,
  LEVEL_RANK,
  insertRows,
  pad,
  type DemoWriter,
  type Entry,
  type Key,
  type Pair,
} from './model';
import {
  CORE_DIRECTORY_OCCUPATIONS,
  ENTREPRENEURSHIP_CLASSES,
  PROGRAMME_OCCUPATIONS,
  PROJECT_UNIT_OCCUPATIONS,
  SPECIAL_OPERATION_OCCUPATIONS,
  VOCATIONAL_QUALIFICATION_OCCUPATIONS,
} from './names';

type EntreClass = (typeof ENTREPRENEURSHIP_CLASSES)[number];

/** The directory's occupations and their keys, before any edition is written. */
export interface DirectoryPlan {
  dirRng: Prng;
  entreInfo: Map<string, EntreClass>;
  core: string[];
  coreSet: Set<string>;
  base2021: string[];
  reserve: string[];
  directoryOccs: string[];
  pairs: Pair[];
  keys: Key[];
  pairsByOcc: Map<string, Pair[]>;
}

/** Step 1: the directory's occupations, certificate profiles and programmes. */
export function planDirectory(L: Lookups, root: Prng, editions: number): DirectoryPlan {
  const { occs, occByCode, occByName, codesOf } = L;
  const dirRng = root.fork('directory');
  const entreInfo = new Map(
    ENTREPRENEURSHIP_CLASSES.map((e) => [occByName.get(e.occupation)?.code, e]).filter(
      (e): e is [string, (typeof ENTREPRENEURSHIP_CLASSES)[number]] => Boolean(e[0]),
    ),
  );
  const vqCodes = new Set(codesOf(VOCATIONAL_QUALIFICATION_OCCUPATIONS));
  const soCodes = new Set(codesOf(SPECIAL_OPERATION_OCCUPATIONS));
  const themed = new Map<string, Set<string>>(
    Object.entries(PROGRAMME_OCCUPATIONS).map(([k, names]) => [k, new Set(codesOf(names))]),
  );
  const unitOccNames = PROJECT_UNIT_OCCUPATIONS.flatMap((u) => (u.occupations === '*' ? [] : u.occupations));
  const core = [
    ...new Set(
      codesOf([
        ...CORE_DIRECTORY_OCCUPATIONS,
        ...Object.values(PROGRAMME_OCCUPATIONS).flat(),
        ...unitOccNames,
        ...ENTREPRENEURSHIP_CLASSES.map((e) => e.occupation),
      ]),
    ),
  ];
  const coreSet = new Set(core);
  const fillPool = occs.filter((o) => ['4', '5', '6'].includes(o.major) && !coreSet.has(o.code));
  const fillWeights = fillPool.map((o) => (o.major === '5' ? 3 : o.major === '4' ? 2 : 1));
  const fill: string[] = [];
  const target2021 = Math.max(core.length + 20, 235);
  // Occupations added later: 5 in the first year, then 8 at the start and 4 during each year.
  const reserveSize = 5 + 12 * (editions - 1);
  {
    const taken = new Set<string>();
    while (fill.length < target2021 - core.length + reserveSize && taken.size < fillPool.length) {
      const o = dirRng.weighted(fillPool, fillWeights);
      if (!taken.has(o.code)) {
        taken.add(o.code);
        fill.push(o.code);
      }
    }
  }
  const base2021 = [...core, ...fill.slice(0, target2021 - core.length)];
  const reserve = fill.slice(target2021 - core.length);
  const directoryOccs = [...base2021, ...reserve];

  // Certificate profile of every directory occupation: which pairs (occupation × certificate type) and levels.
  const pairs: Pair[] = [];
  const keys: Key[] = [];
  const pairsByOcc = new Map<string, Pair[]>();
  const profileRng = dirRng.fork('profiles');
  for (const code of directoryOccs) {
    const r = profileRng.fork(code);
    const o = occByCode.get(code)!;
    const entre = entreInfo.has(code);
    const types: Array<[CertificateType, SkillLevel[]]> = [];
    if (entre && o.name === '创业指导师') {
      types.push([CertificateType.TRAINING_QUALIFIED, [SkillLevel.NONE]]);
    } else {
      const top = r.weighted([1, 2, 3, 4], [8, 50, 30, 12]);
      types.push([
        vqCodes.has(code) ? CertificateType.VOCATIONAL_QUALIFICATION : CertificateType.SKILL_LEVEL,
        LEVELS_DOWN.slice(0, top + 1),
      ]);
      if (soCodes.has(code)) types.push([CertificateType.SPECIAL_OPERATION, [SkillLevel.NONE]]);
      if (r.chance(0.18)) types.push([CertificateType.SPECIAL_ABILITY, [SkillLevel.NONE]]);
      if (entre || r.chance(0.3)) types.push([CertificateType.TRAINING_QUALIFIED, [SkillLevel.NONE]]);
    }
    for (const [cert, levels] of types) {
      const pair: Pair = {
        id: pairs.length,
        occ: code,
        cert,
        levels,
        keys: [],
        sole: false,
        entre: entre && cert === CertificateType.TRAINING_QUALIFIED,
      };
      pairs.push(pair);
      (pairsByOcc.get(code) ?? pairsByOcc.set(code, []).get(code)!).push(pair);
      for (const level of levels) {
        const key: Key = { id: keys.length, pair: pair.id, occ: code, cert, level, programmes: [] };
        keys.push(key);
        pair.keys.push(key.id);
      }
    }
  }
  const programmesForKey = (k: Key): string[] => {
    const pair = pairs[k.pair];
    if (pair.entre) return ['MALANHUA'];
    const o = occByCode.get(k.occ)!;
    const list = ['SKILLS_UPGRADING'];
    for (const [p, set] of themed) if (set.has(k.occ)) list.push(p);
    if (o.major === '5' && !list.includes('RURAL_REVITALISATION')) list.push('RURAL_REVITALISATION');
    if (GRADED.has(k.cert) && LEVEL_RANK[k.level] >= 2) list.push('HIGH_SKILL');
    if (GRADED.has(k.cert) && LEVEL_RANK[k.level] >= 3) list.push('HIGH_SKILL_LEADERS');
    return list;
  };
  for (const k of keys) k.programmes = programmesForKey(k);
  return { dirRng, entreInfo, core, coreSet, base2021, reserve, directoryOccs, pairs, keys, pairsByOcc };
}

/** Step 1b: demo certification facts of every occupation (no official list of certificate types was found). */
export async function writeOccupationFacts(
  w: DemoWriter,
  L: Lookups,
  plan: DirectoryPlan,
  root: Prng,
): Promise<number> {
  const { occs } = L;
  const { directoryOccs, pairsByOcc } = plan;
  const vqCodes = new Set(L.codesOf(VOCATIONAL_QUALIFICATION_OCCUPATIONS));
  const soCodes = new Set(L.codesOf(SPECIAL_OPERATION_OCCUPATIONS));
  const occRng = root.fork('occupations');
  const facts = new Map<string, { has: boolean; types: string }>();
  const directorySet = new Set(directoryOccs);
  for (const o of occs) {
    const r = occRng.fork(o.code);
    let has = false;
    const types = new Set<CertificateType>();
    if (directorySet.has(o.code)) {
      has = true;
      for (const p of pairsByOcc.get(o.code) ?? []) types.add(p.cert);
      if (pairsByOcc.get(o.code)?.every((p) => !GRADED.has(p.cert))) types.add(CertificateType.SKILL_LEVEL);
    } else if (o.major === '1' || o.major === '7' || o.major === '8') {
      has = false;
    } else if (o.major === '2') {
      has = r.chance(0.1);
      if (r.chance(0.1)) types.add(CertificateType.TRAINING_QUALIFIED);
    } else if (o.major === '3') {
      has = r.chance(0.5);
      if (has) types.add(CertificateType.SKILL_LEVEL);
      if (r.chance(has ? 0.3 : 0.5)) types.add(CertificateType.TRAINING_QUALIFIED);
    } else {
      has = r.chance(0.7);
      if (has) types.add(CertificateType.SKILL_LEVEL);
      if (r.chance(0.15)) types.add(CertificateType.SPECIAL_ABILITY);
      if (r.chance(has ? 0.3 : 0.6)) types.add(CertificateType.TRAINING_QUALIFIED);
    }
    if (vqCodes.has(o.code)) {
      has = true;
      types.add(CertificateType.VOCATIONAL_QUALIFICATION);
    }
    if (soCodes.has(o.code)) types.add(CertificateType.SPECIAL_OPERATION);
    const order = Object.values(CertificateType);
    facts.set(o.code, { has, types: order.filter((t) => types.has(t)).join('|') });
  }
  const factGroups = new Map<string, string[]>();
  for (const [code, f] of facts) {
    const k = `${f.has ? 1 : 0}#${f.types}`;
    (factGroups.get(k) ?? factGroups.set(k, []).get(k)!).push(code);
  }
  for (const [k, codes] of factGroups) {
    const [has, types] = [k.startsWith('1'), k.slice(2)];
    for (let i = 0; i < codes.length; i += 500) {
      await w.em.nativeUpdate(
        'Occupation',
        { code: { $in: codes.slice(i, i + 500) } },
        { hasNationalStandard: has, certificateTypesText: types, certificationIsDemo: true },
      );
    }
  }
  return occs.length;
}

/** The written directory, as the later steps look it up. */
export interface Directory {
  entries: Entry[];
  entriesByYear: Map<number, Entry[]>;
  entriesByYearOcc: Map<string, Entry[]>;
  /** 2022 entries whose key is not in the 2023 edition at all: the stale claims of `notInDirectory`. */
  stale2022: Entry[];
  usedKeyIds: Set<number>;
  usedPairs: Pair[];
  usedOccs: string[];
}

/** Is the entry in force on `date`? */
export const inForce = (e: Entry, date: string) => e.from <= date && date <= e.to;

/** Step 2: the directory editions, year by year, written; returns their lookups. */
export async function writeDirectory(
  w: DemoWriter,
  plan: DirectoryPlan,
  source: string,
  t: Timeline,
): Promise<Directory> {
  const { years, today } = t;
  const { dirRng, coreSet, entreInfo, base2021, reserve, directoryOccs, keys, pairs, pairsByOcc } = plan;
  const entries: Entry[] = [];
  {
    const r = dirRng.fork('editions');
    const baseHours = new Map<number, number>();
    const baseSubsidy = new Map<number, number>();
    for (const k of keys) {
      const kr = dirRng.fork(`key/${k.occ}/${k.cert}/${k.level}`);
      if (GRADED.has(k.cert)) {
        const rank = LEVEL_RANK[k.level];
        baseHours.set(k.id, [120, 150, 180, 240, 280][rank] + kr.int(0, 4) * 8);
        baseSubsidy.set(k.id, Math.min(1600, [900, 1100, 1300, 1500, 1550][rank] + kr.int(0, 4) * 50));
      } else if (pairs[k.pair].entre) {
        baseHours.set(k.id, kr.pick([56, 64, 72, 80]));
        baseSubsidy.set(k.id, kr.int(16, 24) * 50);
      } else {
        baseHours.set(k.id, kr.int(5, 20) * 4);
        baseSubsidy.set(k.id, kr.int(6, 16) * 50);
      }
    }
    const keyOccs = new Set<string>(directoryOccs.filter((c) => r.chance(coreSet.has(c) ? 0.35 : 0.12)));
    const protectedOcc = (c: string) => coreSet.has(c) || entreInfo.has(c);
    // Occupations in force at the start of each year; keys dropped individually; mid-year additions.
    const active = new Set(base2021);
    let droppedKeys = new Set<number>();
    let reservePos = 0;
    const takeReserve = (n: number) => {
      const out = reserve.slice(reservePos, reservePos + n);
      reservePos += out.length;
      return out;
    };
    let hours = new Map(baseHours);
    let subsidy = new Map(baseSubsidy);
    let nextId = 1;
    for (const year of years) {
      const yr = r.fork(year);
      if (year > years[0]) {
        // Year-to-year changes: occupations dropped and added, single levels dropped, hours and subsidies revised.
        const removable = [...active].filter((c) => !protectedOcc(c));
        for (const c of yr.sample(removable, Math.min(removable.length, 6))) active.delete(c);
        for (const c of takeReserve(8)) active.add(c);
        const nextDropped = new Set<number>();
        for (const k of keys) {
          if (!active.has(k.occ) || pairs[k.pair].entre) continue;
          if (droppedKeys.has(k.id) ? yr.chance(0.5) : yr.chance(0.025)) nextDropped.add(k.id);
        }
        droppedKeys = nextDropped;
        hours = new Map(hours);
        subsidy = new Map(subsidy);
        for (const k of keys) {
          if (yr.chance(0.08)) {
            // Graded: at least 120 class hours (8号 三(五)); other certificates 20–80.
            const changed = hours.get(k.id)! + yr.pick([-16, -8, 8, 16, 24]);
            hours.set(k.id, GRADED.has(k.cert) ? Math.max(120, changed) : Math.min(80, Math.max(20, changed)));
          }
          if (yr.chance(0.1))
            subsidy.set(k.id, Math.min(1600, Math.max(300, subsidy.get(k.id)! + yr.pick([-200, -100, 100, 150, 200]))));
        }
        for (const c of [...keyOccs]) if (yr.chance(0.05)) keyOccs.delete(c);
        for (const c of active) if (!keyOccs.has(c) && yr.chance(0.02)) keyOccs.add(c);
      }
      const midYear = takeReserve(year === years[0] ? 5 : 4);
      const yearEnd = `${year}-12-31`;
      const write = (code: string, from: string) => {
        for (const p of pairsByOcc.get(code) ?? []) {
          for (const kid of p.keys) {
            if (droppedKeys.has(kid)) continue;
            // A few entries are withdrawn during the year (effectiveTo before the year's end),
            // but only once that day has come: no decision is published ahead of its day.
            const withdrawn =
              year > years[0] && !p.entre && !coreSet.has(code) && yr.chance(0.01) && `${year}-08-31` < today;
            const to = withdrawn ? `${year}-08-31` : yearEnd;
            if (to <= from) continue;
            entries.push({
              id: nextId++,
              year,
              key: kid,
              minHours: hours.get(kid)!,
              subsidy: subsidy.get(kid)!,
              isKey: keyOccs.has(code),
              from,
              to,
            });
          }
        }
      };
      for (const code of [...active].sort()) write(code, `${year}-01-01`);
      // Additions during the year (动态征集和增补, 50号 (十七)) that have been made by today.
      midYear.forEach((code, i) => {
        const from = i % 2 === 0 ? `${year}-06-01` : `${year}-09-01`;
        if (from <= today) write(code, from);
      });
      for (const c of midYear) active.add(c);
    }
    await insertRows(
      w,
      'DirectoryEdition',
      years.map((year) => ({
        year,
        documentNumber: `（演示）云南省${year}年培训补贴工种目录`,
        title: `云南省${year}年度培训补贴职业（工种）目录（演示数据，补贴标准仅作示意）`,
        // Approved by mid-December of the year before (50号 (四)).
        publishedOn: `${year - 1}-12-${pad(r.fork(`published/${year}`).int(10, 15), 2)}`,
        isDemo: true,
        source,
      })),
    );
    await insertRows(
      w,
      'DirectoryEntry',
      entries.map((e) => {
        const k = keys[e.key];
        return {
          id: e.id,
          edition: e.year,
          occupation: k.occ,
          certificateType: k.cert,
          level: k.level,
          minHours: e.minHours,
          subsidyPerTrainee: e.subsidy,
          isKeyOccupation: e.isKey,
          effectiveFrom: e.from,
          effectiveTo: e.to,
          isDemo: true,
        };
      }),
    );
  }
  const entriesByYear = new Map<number, Entry[]>(years.map((y) => [y, entries.filter((e) => e.year === y)]));
  const entriesByYearOcc = new Map<string, Entry[]>();
  for (const e of entries) {
    const k = `${e.year}|${keys[e.key].occ}`;
    (entriesByYearOcc.get(k) ?? entriesByYearOcc.set(k, []).get(k)!).push(e);
  }
  const keys2023 = new Set(entriesByYear.get(2023)!.map((e) => e.key));
  const stale2022 = entriesByYear
    .get(2022)!
    .filter((e) => !keys2023.has(e.key) && e.to === '2022-12-31' && !pairs[keys[e.key].pair].entre);
  const usedKeyIds = new Set(entries.map((e) => e.key));
  const usedPairs = pairs.filter((p) => p.keys.some((k) => usedKeyIds.has(k)));
  const usedOccs = [...new Set(usedPairs.map((p) => p.occ))].sort();
  return { entries, entriesByYear, entriesByYearOcc, stale2022, usedKeyIds, usedPairs, usedOccs };
}

/** Why a demo entry was taken out during its year, as its log entry says. */
const DEMO_END_REASON = '年度中调整，停止受理该职业（工种）等级的补贴申请（演示数据）';

/**
 * The disclosure log's entries of the directory written (each edition on its publication day;
 * each entry admitted with its edition, or on its own day when added during the year; each
 * taken out during its year on its last day), read back in the generator's transaction.
 */
export async function directoryEvents(w: DemoWriter): Promise<DatedEvent[]> {
  const editions = await w.query<{ year: number; document_number: string; title: string; published_on: string }>(
    'select year, document_number, title, published_on from directory_edition order by year',
  );
  const published = new Map(editions.map((e) => [Number(e.year), dateColumn(e.published_on)]));
  const events: DatedEvent[] = editions.map((e) => ({
    on: dateColumn(e.published_on),
    event: directoryEditionEvent({
      year: Number(e.year),
      documentNumber: e.document_number,
      title: e.title,
      publishedOn: dateColumn(e.published_on),
      at: recordedAt(dateColumn(e.published_on)),
    }),
  }));
  const entries = await w.query<Record<string, string | number>>(
    `select edition_year, occupation_code, certificate_type, level, min_hours, subsidy_per_trainee, effective_from, effective_to
       from directory_entry order by id`,
  );
  for (const e of entries) {
    const year = Number(e.edition_year);
    const from = dateColumn(e.effective_from);
    const added = from <= `${year}-01-01` ? (published.get(year) ?? from) : from;
    const key = {
      year,
      occupation: String(e.occupation_code),
      certificateType: String(e.certificate_type),
      level: String(e.level),
    };
    events.push({
      on: added,
      event: directoryEntryEvent('directory.entry-added', {
        ...key,
        subsidyPerTrainee: Number(e.subsidy_per_trainee),
        minHours: Number(e.min_hours),
        effectiveFrom: from,
        at: recordedAt(added),
      }),
    });
    const to = e.effective_to == null ? null : dateColumn(e.effective_to);
    if (to && to < `${year}-12-31`)
      events.push({
        on: to,
        event: directoryEntryEvent('directory.entry-ended', {
          ...key,
          lastDay: to,
          reason: DEMO_END_REASON,
          at: recordedAt(to),
        }),
      });
  }
  return events;
}
