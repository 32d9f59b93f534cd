/**
 * The deterministic demo-data generator: plausible institutions, evaluation agencies, directory
 * editions, classes and subsidy notices on top of the real reference data, at any scale, from
 * a seed. Same seed and scale, same rows, on SQLite and PostgreSQL.
 *
 * - Runs after `loadReferenceData`, inside the caller's transaction, and writes with
 *   `em.insertMany` in batches: never the unit of work. Classes, notices and notice lines are
 *   streamed chunk by chunk; only small lookup tables (occupations, regions, institutions,
 *   agencies, directory entries) are held in memory, so scale 5 (75,000 classes, ≈3 million
 *   notice lines) runs in constant memory.
 * - Every random choice comes from a named `Prng.fork`, per step and per record, so adding a
 *   step or a draw later does not shift every record after it.
 * - Every row is labelled: `isDemo: true`, sources `demo generator (seed N)`, document numbers
 *   and notice numbers start with `（演示）`, subsidy amounts are illustrative (the public range
 *   300–1,600 元 of Yunnan's 2018 catalogue). Trainee names and ID numbers are generated, masked
 *   with `maskName` / `maskResidentId` and only the masked forms are stored.
 * - The data respect the rules of DOMAIN.md, except a deliberate ≈6.5 % of classes that each
 *   break exactly one course rule (see {@link VIOLATION_KINDS}), and a few notice lines paid
 *   despite attendance below 80 %, for the red-flag features.
 */

import type { EntityManager } from '@mikro-orm/core';
import { completeCreditCode, CREDIT_CODE_CHARSET } from '../common/credit-code';
import { addDays, addYears, daysInclusive } from '../common/dates';
import {
  AgencyType,
  CertificateType,
  CourseCategory,
  CourseMode,
  Enrolment,
  InstitutionType,
  ObjectionStatus,
  SkillLevel,
  TargetGroup,
  TargetTable,
} from '../common/enums';
import { maskName, maskResidentId } from '../common/masking';
import { Prng } from '../common/prng';
import { residentIdCheckDigit } from '../common/resident-id';
import { targetGroupsToText } from '../courses/course.entity';
import { PREFECTURE_STEMS } from '../regions/region.names';
import {
  BLACKLIST_REASONS,
  BRAND_FIRST,
  BRAND_SECOND,
  CERTIFICATE_PREFIX,
  COMPOUND_SURNAMES_USED,
  CORE_DIRECTORY_OCCUPATIONS,
  ENTREPRENEURSHIP_CLASSES,
  GIVEN_NAME_CHARS,
  INDUSTRY_BY_MIDDLE_GROUP,
  LEVEL_TITLE,
  PROGRAMME_OCCUPATIONS,
  PROGRAMME_TARGET_GROUPS,
  PROGRAMME_WEIGHTS,
  PROJECT_UNIT_OCCUPATIONS,
  SPECIAL_OPERATION_OCCUPATIONS,
  STREETS,
  SURNAMES,
  TEXTBOOK_PUBLISHERS,
  TRADE_BY_MIDDLE_GROUP,
  VOCATIONAL_QUALIFICATION_OCCUPATIONS,
  WITHDRAWN_REASONS,
  CORRECTION_REASONS,
  OBJECTION_SUMMARIES,
  OBJECTION_OUTCOMES,
} from './demo-names';
import { objectionPeriod } from '../subsidies/notice-lifecycle.rules';
import { claimDeadlineFor } from '../subsidies/red-flags.rules';
import { workingDaysAfter } from '../common/working-days';
import { revisionHash, type RevisionContent } from '../subsidies/notice-revision.rules';
import { PROGRAMME_KEYS, readCsv, TARGETS_2022_FILE } from './reference-data';
import { tableOfTitle } from '../targets/target-table.rules';

/** Options of {@link generateDemoData}. */
export interface DemoOptions {
  /** 1 = 600 institutions, 100 agencies, 3,000 classes; classes grow with the square of the scale. */
  scale: number;
  /** Any safe integer; the same seed gives the same data. */
  seed: number;
  /** Called after every batch written (and once per small step). */
  onProgress?: (step: string, done: number, total: number) => void;
  /** Rows per INSERT (default 1,000), lowered automatically to stay under {@link MAX_BOUND_VARIABLES}. */
  batchSize?: number;
}

/** First id of demo institutions (1–33 and 41–47 are the real rows of the 2022 annexes). */
export const DEMO_INSTITUTION_ID_BASE = 1000;

/** The demo directory editions. */
export const DEMO_YEARS = [2021, 2022, 2023] as const;

/** Bound variables per statement: SQLite allows 32,766; stay clearly below. */
const MAX_BOUND_VARIABLES = 30_000;

/**
 * The deliberate rule breaches, each confined to one rule id of `checkCourse`:
 * - `hours96` — a subsidised certificate class of 96 class hours (course.min-certificate-hours)
 * - `daily9` — 9 class hours a day (course.daily-hours)
 * - `size65` — 65 places in a skills class (course.class-size)
 * - `entre34` — an entrepreneurship class of 34 after 2022-02-11 (course.class-size)
 * - `sameTeacher` — the same theory and practical teacher after 2022-11-05 (course.separate-teachers)
 * - `ownAgency` — assessed by the trainer's own agency without the exemption (course.exam-training-separation)
 * - `blacklisted` — a subsidised class inside the institution's three barred years (course.institution-standing)
 * - `notInDirectory` — a 2023 subsidised class claimed under a 2022 entry dropped from the 2023 edition (course.directory-admission)
 * - `enterprisePublic` — an enterprise training centre enrolling the public (course.enterprise-own-staff)
 */
export const VIOLATION_KINDS = [
  'hours96', 'daily9', 'size65', 'entre34', 'sameTeacher', 'ownAgency', 'blacklisted', 'notInDirectory', 'enterprisePublic',
] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

/** Share of classes that break one rule on purpose. */
const VIOLATION_RATE = 0.07;

const DATE_2022_8 = '2022-02-11';
const DATE_2022_50 = '2022-11-05';

const GRADED: ReadonlySet<CertificateType> = new Set([CertificateType.VOCATIONAL_QUALIFICATION, CertificateType.SKILL_LEVEL]);
const LEVELS_DOWN: readonly SkillLevel[] = [SkillLevel.LEVEL_5, SkillLevel.LEVEL_4, SkillLevel.LEVEL_3, SkillLevel.LEVEL_2, SkillLevel.LEVEL_1];
const LEVEL_RANK: Readonly<Record<SkillLevel, number>> = {
  [SkillLevel.LEVEL_5]: 0, [SkillLevel.LEVEL_4]: 1, [SkillLevel.LEVEL_3]: 2, [SkillLevel.LEVEL_2]: 3, [SkillLevel.LEVEL_1]: 4, [SkillLevel.NONE]: 0,
};
const LEVEL_DIGIT: Readonly<Record<SkillLevel, string>> = {
  [SkillLevel.LEVEL_5]: '5', [SkillLevel.LEVEL_4]: '4', [SkillLevel.LEVEL_3]: '3', [SkillLevel.LEVEL_2]: '2', [SkillLevel.LEVEL_1]: '1', [SkillLevel.NONE]: '0',
};

// ---------------------------------------------------------------------------------------------
// In-memory lookups (small)
// ---------------------------------------------------------------------------------------------

interface Occ { code: string; name: string; major: string; middle: string }
interface County { code: string; name: string; prefecture: string; weight: number }
/** An occupation × certificate type with the levels the demo directory uses. */
interface Pair { id: number; occ: string; cert: CertificateType; levels: SkillLevel[]; keys: number[]; sole: boolean; entre: boolean }
/** An occupation × certificate type × level. */
interface Key { id: number; pair: number; occ: string; cert: CertificateType; level: SkillLevel; programmes: string[] }
interface Entry { id: number; year: number; key: number; minHours: number; subsidy: number; isKey: boolean; from: string; to: string }
interface Inst {
  id: number; name: string; type: InstitutionType; county: string; prefecture: string; address: string;
  ownerCompany: string | null; creditCode: string; licence: string | null; scope: string[];
  blFrom: string | null; blUntil: string | null; revokedOn: string | null; ownAgency: number | null; teacherBase: number; teachers: number;
}
interface AgencyRecord { agency: number; from: string; until: string | null }
interface Agency { id: number; name: string; type: AgencyType; region: string; institution: number | null; creditCode: string; pairs: Set<number> }
interface ProjectUnit { id: number; occs: ReadonlySet<string> | '*'; prefectures: ReadonlySet<string> }

type Row = Record<string, unknown>;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

/** A uniformly random day in `[from, to]`. */
function randomDate(r: Prng, from: string, to: string): string {
  return addDays(from, r.int(0, daysInclusive(from, to) - 1));
}

/** Inserts rows in statements small enough for SQLite's bound-variable limit. */
async function insertRows(em: EntityManager, entity: string, rows: readonly Row[], batchSize: number): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).length;
  const per = Math.max(1, Math.min(batchSize, Math.floor(MAX_BOUND_VARIABLES / columns)));
  for (let i = 0; i < rows.length; i += per) await em.insertMany(entity, rows.slice(i, i + per) as Row[]);
}

/**
 * Generates the demo data and returns how many rows of each kind were written.
 *
 * Counts: institutions 600 × scale (ids from 1001), agencies 100 × scale, classes
 * 3,000 × scale², a subsidy notice per finished subsidised class with one line per trainee.
 *
 * @example await orm.em.transactional(async (em) => { await loadReferenceData(em); await generateDemoData(em, { scale: 1, seed: 20220211 }); });
 */
export async function generateDemoData(em: EntityManager, opts: DemoOptions): Promise<Record<string, number>> {
  if (!(opts.scale > 0) || !Number.isFinite(opts.scale)) throw new RangeError(`scale must be a positive number, got ${opts.scale}`);
  const batchSize = Math.max(1, Math.floor(opts.batchSize ?? 1000));
  const progress = opts.onProgress ?? (() => {});
  const root = new Prng(opts.seed);
  const source = `demo generator (seed ${opts.seed})`;
  const counts: Record<string, number> = {};
  const ctx = em.getTransactionContext();
  const query = async <T>(sql: string): Promise<T[]> => (await em.getConnection().execute(sql, [], 'all', ctx)) as T[];

  // ----- reference lookups ---------------------------------------------------------------------
  const regionRows = await query<{ code: string; name: string; level: string; parent_code: string | null }>(
    'select code, name, level, parent_code from region order by code',
  );
  const prefectureName = new Map(regionRows.filter((r) => r.level === 'PREFECTURE').map((r) => [r.code, r.name]));
  const counties: County[] = [];
  const seatOf = new Map<string, string>();
  for (const r of regionRows) {
    if (r.level !== 'COUNTY' || !r.parent_code) continue;
    // The first county-level unit listed under a 州市 is its seat (市辖区 or 州府所在市): more activity.
    const seat = !seatOf.has(r.parent_code);
    if (seat) seatOf.set(r.parent_code, r.code);
    counties.push({ code: r.code, name: r.name, prefecture: r.parent_code, weight: (seat ? 3 : 1) * (r.parent_code === '530100' ? 1.6 : 1) });
  }
  const countyByCode = new Map(counties.map((c) => [c.code, c]));
  const countiesByPrefecture = new Map<string, County[]>();
  for (const c of counties) (countiesByPrefecture.get(c.prefecture) ?? countiesByPrefecture.set(c.prefecture, []).get(c.prefecture)!).push(c);
  const countyWeights = counties.map((c) => c.weight);

  const occRows = await query<{ code: string; name: string; major_group: string }>('select code, name, major_group from occupation order by code');
  const occs: Occ[] = occRows.map((o) => ({ code: o.code, name: o.name, major: String(o.major_group), middle: o.code.split('-').slice(0, 2).join('-') }));
  const occByCode = new Map(occs.map((o) => [o.code, o]));
  const occByName = new Map(occs.map((o) => [o.name, o]));
  const codesOf = (names: readonly string[]) => names.map((n) => occByName.get(n)?.code).filter((c): c is string => Boolean(c));

  const programmeRows = await query<{ id: number; key: string }>('select id, key from programme order by id');
  const programmeId = new Map(programmeRows.map((p) => [p.key, Number(p.id)]));
  for (const [id, key] of Object.entries(PROGRAMME_KEYS)) if (!programmeId.has(key)) programmeId.set(key, Number(id));
  const platformIds = (await query<{ id: number }>('select id from online_platform order by id')).map((p) => Number(p.id));
  const unitRows = await query<{ id: number; name: string }>(`select id, name from institution where type = '${InstitutionType.PROVINCIAL_PROJECT_UNIT}' order by id`);

  // ----- 1. occupation certification facts and the directory's occupations --------------------
  const dirRng = root.fork('directory');
  const entreInfo = new Map(ENTREPRENEURSHIP_CLASSES.map((e) => [occByName.get(e.occupation)?.code, e]).filter((e): e is [string, typeof ENTREPRENEURSHIP_CLASSES[number]] => Boolean(e[0])));
  const vqCodes = new Set(codesOf(VOCATIONAL_QUALIFICATION_OCCUPATIONS));
  const soCodes = new Set(codesOf(SPECIAL_OPERATION_OCCUPATIONS));
  const themed = new Map<string, Set<string>>(Object.entries(PROGRAMME_OCCUPATIONS).map(([k, names]) => [k, new Set(codesOf(names))]));
  const unitOccNames = PROJECT_UNIT_OCCUPATIONS.flatMap((u) => (u.occupations === '*' ? [] : u.occupations));
  const core = [...new Set(codesOf([...CORE_DIRECTORY_OCCUPATIONS, ...Object.values(PROGRAMME_OCCUPATIONS).flat(), ...unitOccNames, ...ENTREPRENEURSHIP_CLASSES.map((e) => e.occupation)]))];
  const coreSet = new Set(core);
  const fillPool = occs.filter((o) => ['4', '5', '6'].includes(o.major) && !coreSet.has(o.code));
  const fillWeights = fillPool.map((o) => (o.major === '5' ? 3 : o.major === '4' ? 2 : 1));
  const fill: string[] = [];
  const target2021 = Math.max(core.length + 20, 235);
  const reserveSize = 45;
  {
    const taken = new Set<string>();
    while (fill.length < target2021 - core.length + reserveSize && taken.size < fillPool.length) {
      const o = dirRng.weighted(fillPool, fillWeights);
      if (!taken.has(o.code)) { taken.add(o.code); fill.push(o.code); }
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
      types.push([vqCodes.has(code) ? CertificateType.VOCATIONAL_QUALIFICATION : CertificateType.SKILL_LEVEL, LEVELS_DOWN.slice(0, top + 1)]);
      if (soCodes.has(code)) types.push([CertificateType.SPECIAL_OPERATION, [SkillLevel.NONE]]);
      if (r.chance(0.18)) types.push([CertificateType.SPECIAL_ABILITY, [SkillLevel.NONE]]);
      if (entre || r.chance(0.3)) types.push([CertificateType.TRAINING_QUALIFIED, [SkillLevel.NONE]]);
    }
    for (const [cert, levels] of types) {
      const pair: Pair = { id: pairs.length, occ: code, cert, levels, keys: [], sole: false, entre: entre && cert === CertificateType.TRAINING_QUALIFIED };
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

  // Facts of all 1,639 occupations (demo: no official list of certificate types was found).
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
    if (vqCodes.has(o.code)) { has = true; types.add(CertificateType.VOCATIONAL_QUALIFICATION); }
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
      await em.nativeUpdate('Occupation', { code: { $in: codes.slice(i, i + 500) } }, { hasNationalStandard: has, certificateTypesText: types, certificationIsDemo: true });
    }
  }
  counts.occupationsCertified = occs.length;
  progress('occupations', occs.length, occs.length);

  // ----- 2. directory editions 2021–2023 --------------------------------------------------------
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
    let active = new Set(base2021);
    let droppedKeys = new Set<number>();
    let reservePos = 0;
    const takeReserve = (n: number) => { const out = reserve.slice(reservePos, reservePos + n); reservePos += out.length; return out; };
    let hours = new Map(baseHours);
    let subsidy = new Map(baseSubsidy);
    let nextId = 1;
    for (const year of DEMO_YEARS) {
      const yr = r.fork(year);
      if (year > DEMO_YEARS[0]) {
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
          if (yr.chance(0.1)) subsidy.set(k.id, Math.min(1600, Math.max(300, subsidy.get(k.id)! + yr.pick([-200, -100, 100, 150, 200]))));
        }
        for (const c of [...keyOccs]) if (yr.chance(0.05)) keyOccs.delete(c);
        for (const c of active) if (!keyOccs.has(c) && yr.chance(0.02)) keyOccs.add(c);
      }
      const midYear = takeReserve(year === DEMO_YEARS[0] ? 5 : 4);
      const yearEnd = `${year}-12-31`;
      const write = (code: string, from: string) => {
        for (const p of pairsByOcc.get(code) ?? []) {
          for (const kid of p.keys) {
            if (droppedKeys.has(kid)) continue;
            // A few entries are withdrawn during the year (effectiveTo before the year's end).
            const to = year > DEMO_YEARS[0] && !p.entre && !coreSet.has(code) && yr.chance(0.01) ? `${year}-08-31` : yearEnd;
            if (to <= from) continue;
            entries.push({ id: nextId++, year, key: kid, minHours: hours.get(kid)!, subsidy: subsidy.get(kid)!, isKey: keyOccs.has(code), from, to });
          }
        }
      };
      for (const code of [...active].sort()) write(code, `${year}-01-01`);
      midYear.forEach((code, i) => write(code, i % 2 === 0 ? `${year}-06-01` : `${year}-09-01`));
      for (const c of midYear) active.add(c);
    }
    await insertRows(em, 'DirectoryEdition', DEMO_YEARS.map((year) => ({
      year,
      documentNumber: `（演示）云南省${year}年培训补贴工种目录`,
      title: `云南省${year}年度培训补贴职业（工种）目录（演示数据，补贴标准仅作示意）`,
      publishedOn: `${year - 1}-12-${pad(r.fork(`published/${year}`).int(10, 18), 2)}`,
      isDemo: true,
      source,
    })), batchSize);
    await insertRows(em, 'DirectoryEntry', entries.map((e) => {
      const k = keys[e.key];
      return {
        id: e.id, edition: e.year, occupation: k.occ, certificateType: k.cert, level: k.level, minHours: e.minHours,
        subsidyPerTrainee: e.subsidy, isKeyOccupation: e.isKey, effectiveFrom: e.from, effectiveTo: e.to, isDemo: true,
      };
    }), batchSize);
    counts.directoryEditions = DEMO_YEARS.length;
    counts.directoryEntries = entries.length;
    progress('directory', entries.length, entries.length);
  }
  const entriesByYear = new Map<number, Entry[]>(DEMO_YEARS.map((y) => [y, entries.filter((e) => e.year === y)]));
  const entriesByYearOcc = new Map<string, Entry[]>();
  for (const e of entries) {
    const k = `${e.year}|${keys[e.key].occ}`;
    (entriesByYearOcc.get(k) ?? entriesByYearOcc.set(k, []).get(k)!).push(e);
  }
  const inForce = (e: Entry, date: string) => e.from <= date && date <= e.to;
  // 2022 entries whose key is not in the 2023 edition at all: the stale claims of `notInDirectory`.
  const keys2023 = new Set(entriesByYear.get(2023)!.map((e) => e.key));
  const stale2022 = entriesByYear.get(2022)!.filter((e) => !keys2023.has(e.key) && e.to === '2022-12-31' && !pairs[keys[e.key].pair].entre);
  const usedKeyIds = new Set(entries.map((e) => e.key));
  const usedPairs = pairs.filter((p) => p.keys.some((k) => usedKeyIds.has(k)));
  const usedOccs = [...new Set(usedPairs.map((p) => p.occ))].sort();

  // ----- 3. institutions ------------------------------------------------------------------------
  const instRng = root.fork('institutions');
  const nInst = Math.max(1, Math.round(600 * opts.scale));
  const insts: Inst[] = [];
  const usedNames = new Set<string>();
  const usedCodes = new Set<string>();
  const brand = (r: Prng) => r.pick(BRAND_FIRST) + r.pick(BRAND_SECOND);
  const prefShort = (prefecture: string) => {
    const stem = PREFECTURE_STEMS[prefecture]?.[0] ?? prefectureName.get(prefecture)!.slice(0, 2);
    return { stem, full: stem + (prefectureName.get(prefecture)!.endsWith('州') ? '州' : '市') };
  };
  const placeOf = (c: County) => (c.name.endsWith('区') ? prefShort(c.prefecture).full + c.name : c.name);
  /**
   * A unified social credit code: registration authority and kind (`52` 民办非企业单位, `91`
   * 企业, `12` 事业单位), the region, a 9-character body shaped like the real ones (`MA…` for
   * companies and `MJ…` for social organisations registered since 2015, an old 8-digit
   * organisation code for public bodies) and the GB 32100-2015 check character.
   */
  const creditCode = (r: Prng, prefix: string, region: string) => {
    const letters = CREDIT_CODE_CHARSET.slice(10).split('');
    for (;;) {
      let body = prefix === '91' ? 'MA' : prefix === '52' ? 'MJ' : String(r.int(1, 9));
      while (body.length < 9) body += r.chance(prefix === '12' ? 0 : 0.3) ? r.pick(letters) : String(r.int(0, 9));
      const code = completeCreditCode(prefix + region + body);
      if (!usedCodes.has(code)) { usedCodes.add(code); return code; }
    }
  };
  const addressIn = (r: Prng, c: County) => `${prefectureName.get(c.prefecture)}${c.name}${r.pick(STREETS)}${r.int(1, 399)}号`;
  const middleGroups = new Map<string, string[]>();
  for (const code of usedOccs) {
    const m = occByCode.get(code)!.middle;
    (middleGroups.get(m) ?? middleGroups.set(m, []).get(m)!).push(code);
  }
  const middleKeys = [...middleGroups.keys()].sort();
  const middleWeights = middleKeys.map((m) => Math.sqrt(middleGroups.get(m)!.length));
  const industryMiddles = middleKeys.filter((m) => INDUSTRY_BY_MIDDLE_GROUP[m]);
  const entreCodes = [...entreInfo.keys()].filter((c) => usedOccs.includes(c));
  const typeList = [InstitutionType.PRIVATE_TRAINING_INSTITUTION, InstitutionType.ENTERPRISE_TRAINING_CENTRE, InstitutionType.VOCATIONAL_COLLEGE,
    InstitutionType.TECHNICAL_SCHOOL, InstitutionType.PUBLIC_TRAINING_BASE, InstitutionType.HIGH_SKILL_BASE];
  const typeWeights = [52, 15, 9, 8, 10, 6];
  for (let i = 0; i < nInst; i++) {
    const r = instRng.fork(i + 1);
    const id = DEMO_INSTITUTION_ID_BASE + i + 1;
    // The first 129 are one per county (private schools and public bases), so every county has one.
    const anchor = i < counties.length;
    const type = anchor ? r.weighted([InstitutionType.PRIVATE_TRAINING_INSTITUTION, InstitutionType.PUBLIC_TRAINING_BASE], [4, 1]) : r.weighted(typeList, typeWeights);
    const seatOnly = type === InstitutionType.VOCATIONAL_COLLEGE || type === InstitutionType.TECHNICAL_SCHOOL || type === InstitutionType.HIGH_SKILL_BASE;
    let county = anchor ? counties[i] : r.weighted(counties, countyWeights);
    if (seatOnly && !anchor && r.chance(0.7)) county = countyByCode.get(seatOf.get(county.prefecture)!)!;
    const focusPool = type === InstitutionType.ENTERPRISE_TRAINING_CENTRE ? industryMiddles : middleKeys;
    const focusWeights = focusPool.map((m) => Math.sqrt(middleGroups.get(m)!.length));
    const focus = r.weighted(focusPool, focusWeights);
    const focus2 = r.chance(0.5) ? r.weighted(middleKeys, middleWeights) : focus;
    const trade = TRADE_BY_MIDDLE_GROUP[focus] ?? '';
    const { stem, full } = prefShort(county.prefecture);
    let name = '';
    let ownerCompany: string | null = null;
    for (let tries = 0; ; tries++) {
      const b = brand(r);
      switch (type) {
        case InstitutionType.PRIVATE_TRAINING_INSTITUTION: name = `${placeOf(county)}${b}${r.chance(0.7) ? trade : ''}职业技能培训学校`; break;
        case InstitutionType.ENTERPRISE_TRAINING_CENTRE:
          ownerCompany = `${stem}${b}${INDUSTRY_BY_MIDDLE_GROUP[focus] ?? '实业'}有限公司`;
          name = `${ownerCompany}职工培训中心`;
          break;
        case InstitutionType.VOCATIONAL_COLLEGE: name = r.chance(0.4) ? `${stem}${b}职业学院` : `${placeOf(county)}${b}中等职业学校`; break;
        case InstitutionType.TECHNICAL_SCHOOL: name = `${full}${b}技工学校`; break;
        case InstitutionType.PUBLIC_TRAINING_BASE: name = tries === 0 ? `${placeOf(county)}${trade || '综合'}公共实训基地` : `${placeOf(county)}${b}${trade}公共实训基地`; break;
        default: name = `${full}${b}${trade}高技能人才培养基地`;
      }
      if (!usedNames.has(name)) break;
    }
    usedNames.add(name);
    // Scope: mostly the focus trades, some others, entrepreneurship for many private schools.
    const size = type === InstitutionType.TECHNICAL_SCHOOL || type === InstitutionType.VOCATIONAL_COLLEGE ? r.int(15, 30)
      : type === InstitutionType.ENTERPRISE_TRAINING_CENTRE ? r.int(5, 12) : r.int(5, 22);
    const scope = new Set<string>();
    const focusOccs = [...new Set([...middleGroups.get(focus)!, ...middleGroups.get(focus2)!])];
    for (const c of r.sample(focusOccs, Math.min(focusOccs.length, Math.ceil(size * 0.6)))) scope.add(c);
    const wantsEntre = type !== InstitutionType.ENTERPRISE_TRAINING_CENTRE && r.chance(type === InstitutionType.PRIVATE_TRAINING_INSTITUTION || type === InstitutionType.PUBLIC_TRAINING_BASE ? 0.35 : 0.15);
    if (wantsEntre) for (const c of entreCodes) if (c === entreCodes[0] || r.chance(0.5)) scope.add(c);
    while (scope.size < size) scope.add(r.pick(usedOccs));
    const prefix = { PRIVATE_TRAINING_INSTITUTION: '52', ENTERPRISE_TRAINING_CENTRE: '91', VOCATIONAL_COLLEGE: '12', TECHNICAL_SCHOOL: r.chance(0.5) ? '12' : '52',
      PUBLIC_TRAINING_BASE: '12', HIGH_SKILL_BASE: r.chance(0.5) ? '12' : '91', PROVINCIAL_PROJECT_UNIT: '91' }[type];
    insts.push({
      id, name, type, county: county.code, prefecture: county.prefecture, address: addressIn(r, county), ownerCompany,
      creditCode: creditCode(r, prefix, county.code),
      licence: type === InstitutionType.PRIVATE_TRAINING_INSTITUTION || (type === InstitutionType.TECHNICAL_SCHOOL && prefix === '52')
        ? `人社民${county.code}${pad(r.int(1, 9_999_999), 7)}号` : null,
      scope: [...scope].sort(), blFrom: null, blUntil: null, revokedOn: null, ownAgency: null,
      teacherBase: r.int(1, 99_000 - 40), teachers: r.int(4, 24),
    });
  }
  // Every directory occupation is taught by at least three institutions.
  {
    const r = instRng.fork('coverage');
    const taught = new Map<string, number>();
    for (const inst of insts) for (const c of inst.scope) taught.set(c, (taught.get(c) ?? 0) + 1);
    for (const c of usedOccs) {
      for (let n = taught.get(c) ?? 0, tries = 0; n < Math.min(3, insts.length) && tries < 200; tries++) {
        const inst = r.pick(insts);
        if (inst.scope.includes(c) || inst.scope.length >= 30) continue;
        inst.scope.push(c);
        inst.scope.sort();
        n++;
      }
    }
  }
  // Blacklisted (≈3 %) and, of those, licence revoked (≈1 %): never the county anchors.
  {
    const r = instRng.fork('standing');
    const candidates = insts.filter((x, i) => i >= counties.length && [InstitutionType.PRIVATE_TRAINING_INSTITUTION, InstitutionType.ENTERPRISE_TRAINING_CENTRE, InstitutionType.HIGH_SKILL_BASE].includes(x.type));
    const nBlack = Math.min(candidates.length, Math.max(1, Math.round(insts.length * 0.03)));
    const black = r.sample(candidates, nBlack);
    const nRevoked = Math.max(1, Math.round(insts.length * 0.01));
    let revoked = 0;
    for (const inst of black) {
      inst.blFrom = randomDate(r, '2021-01-01', '2023-10-31');
      inst.blUntil = addYears(inst.blFrom, 3);
      if (revoked < nRevoked && inst.type === InstitutionType.PRIVATE_TRAINING_INSTITUTION) {
        inst.revokedOn = addDays(inst.blFrom, r.int(0, 60));
        revoked++;
      }
    }
  }
  const instById = new Map(insts.map((x) => [x.id, x]));

  // ----- 4. evaluation agencies -----------------------------------------------------------------
  const agRng = root.fork('agencies');
  const nAg = Math.max(3, Math.round(100 * opts.scale));
  const agencies: Agency[] = [];
  {
    const r = agRng.fork('list');
    const ownerTypeWeight: Partial<Record<InstitutionType, number>> = {
      TECHNICAL_SCHOOL: 4, ENTERPRISE_TRAINING_CENTRE: 2, VOCATIONAL_COLLEGE: 2, HIGH_SKILL_BASE: 2, PRIVATE_TRAINING_INSTITUTION: 1,
    };
    const ownerPool = insts.filter((x) => !x.blFrom && ownerTypeWeight[x.type]);
    const nOwned = Math.min(ownerPool.length, Math.round(nAg * 0.3));
    const owners: Inst[] = [];
    {
      const pool = [...ownerPool];
      while (owners.length < nOwned && pool.length) {
        const pick = r.weighted(pool, pool.map((x) => ownerTypeWeight[x.type]!));
        owners.push(pick);
        pool.splice(pool.indexOf(pick), 1);
      }
    }
    const ownedSlots = new Set(r.sample(Array.from({ length: nAg }, (_, i) => i), owners.length));
    let ownerPos = 0;
    const agencyNames = new Set<string>();
    for (let i = 0; i < nAg; i++) {
      const ar = agRng.fork(`agency/${i + 1}`);
      const id = i + 1;
      if (ownedSlots.has(i)) {
        const inst = owners[ownerPos++];
        const type = inst.type === InstitutionType.TECHNICAL_SCHOOL ? AgencyType.TECHNICAL_SCHOOL
          : inst.type === InstitutionType.ENTERPRISE_TRAINING_CENTRE ? AgencyType.EMPLOYER : AgencyType.SOCIAL_TRAINING_EVALUATOR;
        const name = type === AgencyType.EMPLOYER ? `${inst.ownerCompany}职业技能等级认定中心` : `${inst.name}职业技能等级认定站`;
        agencyNames.add(name);
        inst.ownAgency = id;
        agencies.push({ id, name, type, region: inst.county, institution: inst.id, creditCode: inst.creditCode, pairs: new Set() });
        continue;
      }
      const type = ar.weighted([AgencyType.SKILL_APPRAISAL_CENTRE, AgencyType.SOCIAL_TRAINING_EVALUATOR, AgencyType.EMPLOYER], [35, 45, 20]);
      let county = ar.weighted(counties, countyWeights);
      if (ar.chance(0.6)) county = countyByCode.get(seatOf.get(county.prefecture)!)!;
      const { stem } = prefShort(county.prefecture);
      let name = '';
      do {
        const b = brand(ar);
        name = type === AgencyType.SKILL_APPRAISAL_CENTRE ? `${stem}${b}职业技能鉴定所`
          : type === AgencyType.SOCIAL_TRAINING_EVALUATOR ? `云南${b}职业技能评价有限公司`
            : `${stem}${b}${ar.pick(Object.values(INDUSTRY_BY_MIDDLE_GROUP))}有限公司`;
      } while (agencyNames.has(name));
      agencyNames.add(name);
      const prefix = type === AgencyType.SKILL_APPRAISAL_CENTRE ? '12' : type === AgencyType.EMPLOYER ? '91' : ar.pick(['91', '52']);
      agencies.push({ id, name, type, region: county.code, institution: null, creditCode: creditCode(ar, prefix, county.code), pairs: new Set() });
    }
  }
  // Scope: every directory pair by two or more agencies with full records, a few by exactly one
  // (an agency of a training institution: the sole-agency exemption of 8号 三(十)).
  const keyAgencies = new Map<number, AgencyRecord[]>();
  const scopeRows: Row[] = [];
  {
    const r = agRng.fork('scope');
    const ownedAgencies = agencies.filter((a) => a.institution !== null);
    const soleCandidates = usedPairs.filter((p) => GRADED.has(p.cert) && !p.entre && !coreSet.has(p.occ)
      && ownedAgencies.some((a) => instById.get(a.institution!)!.scope.includes(p.occ)));
    const nSole = Math.min(soleCandidates.length, Math.max(2, Math.round(usedPairs.length * 0.03)));
    for (const p of r.sample(soleCandidates, nSole)) p.sole = true;
    const record = (a: Agency, p: Pair, from: string, until: string | null, levels: readonly SkillLevel[]) => {
      a.pairs.add(p.id);
      for (const kid of p.keys) {
        const k = keys[kid];
        if (!levels.includes(k.level)) continue;
        (keyAgencies.get(kid) ?? keyAgencies.set(kid, []).get(kid)!).push({ agency: a.id, from, until });
        scopeRows.push({ agency: a.id, occupation: k.occ, certificateType: k.cert, level: k.level, recordedFrom: from, recordedUntil: until });
      }
    };
    const fullFrom = (pr: Prng) => randomDate(pr, '2017-01-01', '2020-11-30');
    const kMax = Math.min(agencies.length, 3 + Math.ceil(opts.scale));
    for (const p of usedPairs) {
      const pr = r.fork(`pair/${p.occ}/${p.cert}`);
      if (p.sole) {
        const owner = pr.pick(ownedAgencies.filter((a) => instById.get(a.institution!)!.scope.includes(p.occ)));
        record(owner, p, fullFrom(pr), null, p.levels);
        continue;
      }
      const weights = agencies.map((a) => a.institution === null ? (a.type === AgencyType.EMPLOYER ? 0.5 : 1)
        : instById.get(a.institution)!.scope.includes(p.occ) ? 3 : 0.3);
      const n = pr.int(2, Math.max(2, kMax));
      const chosen: Agency[] = [];
      const pool = [...agencies];
      const w = [...weights];
      while (chosen.length < n && pool.length) {
        const a = pr.weighted(pool, w);
        const at = pool.indexOf(a);
        pool.splice(at, 1);
        w.splice(at, 1);
        chosen.push(a);
      }
      chosen.forEach((a, i) => {
        if (i < 2) { record(a, p, fullFrom(pr), null, p.levels); return; }
        const from = randomDate(pr, '2019-01-01', '2023-06-30');
        const until = pr.chance(0.15) ? minDate('2023-12-31', randomDate(pr, addYears(from, 1), addYears(from, 2))) : null;
        const levels = p.levels.length > 2 && pr.chance(0.3) ? p.levels.slice(0, p.levels.length - 1) : p.levels;
        record(a, p, from, until, levels);
      });
    }
    // No agency without a scope.
    const nonSole = usedPairs.filter((p) => !p.sole);
    for (const a of agencies) {
      if (a.pairs.size > 0 || nonSole.length === 0) continue;
      const own = a.institution ? nonSole.filter((p) => instById.get(a.institution!)!.scope.includes(p.occ)) : [];
      const p = r.fork(`extra/${a.id}`).pick(own.length ? own : nonSole);
      record(a, p, fullFrom(r.fork(`extra-from/${a.id}`)), null, p.levels);
    }
  }
  const soleOwner = new Map<number, number>(); // key id → institution id owning its only agency
  for (const p of usedPairs) {
    if (!p.sole) continue;
    for (const kid of p.keys) {
      const rec = keyAgencies.get(kid)?.[0];
      if (rec) soleOwner.set(kid, agencies[rec.agency - 1].institution!);
    }
  }
  // The (institution, key) pairs where an institution could assess its own class: `ownAgency`.
  const ownAgencyCases: Array<{ inst: Inst; key: number }> = [];
  for (const inst of insts) {
    if (inst.ownAgency === null || inst.blFrom) continue;
    for (const c of inst.scope) {
      for (const p of pairsByOcc.get(c) ?? []) {
        if (p.sole || !GRADED.has(p.cert)) continue;
        for (const kid of p.keys) {
          if (keyAgencies.get(kid)?.some((a) => a.agency === inst.ownAgency && a.until === null && a.from <= '2021-01-01')) ownAgencyCases.push({ inst, key: kid });
        }
      }
    }
  }

  // Insert institutions (with scope), agencies (with scope and fees).
  await insertRows(em, 'Institution', insts.map((x) => ({
    id: x.id, name: x.name, type: x.type, creditCode: x.creditCode, licenceNumber: x.licence, region: x.county, address: x.address,
    ownerCompany: x.ownerCompany, blacklistedFrom: x.blFrom, blacklistedUntil: x.blUntil,
    blacklistReason: x.blFrom ? instRng.fork(`reason/${x.id}`).pick(BLACKLIST_REASONS) : null, licenceRevokedOn: x.revokedOn,
    isDemo: true, source,
  })), batchSize);
  {
    const meta = em.getMetadata();
    const scopeProp = meta.get('Institution').properties.scope as unknown as { pivotEntity: string; joinColumns: string[]; inverseJoinColumns: string[] };
    const pivot = meta.find(scopeProp.pivotEntity)!;
    const ownerProp = pivot.props.find((p) => p.fieldNames?.[0] === scopeProp.joinColumns[0])!.name;
    const inverseProp = pivot.props.find((p) => p.fieldNames?.[0] === scopeProp.inverseJoinColumns[0])!.name;
    const rows: Row[] = [];
    for (const x of insts) for (const c of x.scope) rows.push({ [ownerProp]: x.id, [inverseProp]: c });
    await insertRows(em, pivot.className, rows, batchSize);
    counts.institutions = insts.length;
    counts.institutionScope = rows.length;
    progress('institutions', insts.length, insts.length);
  }
  await insertRows(em, 'EvaluationAgency', agencies.map((a) => ({
    id: a.id, name: a.name, type: a.type, creditCode: a.creditCode, region: a.region, institution: a.institution, isDemo: true, source,
  })), batchSize);
  await insertRows(em, 'AgencyScope', scopeRows.map((s, i) => ({ id: i + 1, ...s })), batchSize);
  {
    const feeRows: Row[] = [];
    for (const a of agencies) {
      const r = agRng.fork(`fees/${a.id}`);
      const levels = new Set<SkillLevel>();
      for (const pid of a.pairs) for (const l of pairs[pid].levels) levels.add(l);
      for (const level of [...LEVELS_DOWN, SkillLevel.NONE].filter((l) => levels.has(l))) {
        if (level === SkillLevel.NONE) {
          feeRows.push({ agency: a.id, level, item: '考核费', feeYuan: r.int(8, 30) * 10 });
          continue;
        }
        const f = 1 + LEVEL_RANK[level] * 0.3;
        feeRows.push({ agency: a.id, level, item: '理论考试', feeYuan: Math.round((r.int(6, 12) * 10 * f) / 10) * 10 });
        feeRows.push({ agency: a.id, level, item: '实操考核', feeYuan: Math.round((r.int(15, 28) * 10 * f) / 10) * 10 });
      }
    }
    await insertRows(em, 'AgencyFee', feeRows.map((f, i) => ({ id: i + 1, ...f })), batchSize);
    counts.agencies = agencies.length;
    counts.agencyScope = scopeRows.length;
    counts.agencyFees = feeRows.length;
    progress('agencies', agencies.length, agencies.length);
  }

  // ----- 5. classes, notices, notice lines (streamed) -------------------------------------------
  const instsByOcc = new Map<string, Inst[]>();
  for (const x of insts) for (const c of x.scope) (instsByOcc.get(c) ?? instsByOcc.set(c, []).get(c)!).push(x);
  const instsByCounty = new Map<string, Inst[]>();
  for (const x of insts) (instsByCounty.get(x.county) ?? instsByCounty.set(x.county, []).get(x.county)!).push(x);
  const enterpriseOccs = new Set(insts.filter((x) => x.type === InstitutionType.ENTERPRISE_TRAINING_CENTRE).flatMap((x) => x.scope));
  const programmeKeys = Object.keys(PROGRAMME_WEIGHTS);
  const programmeWeightList = programmeKeys.map((k) => PROGRAMME_WEIGHTS[k]);
  const entriesByYearProgramme = new Map<string, Entry[]>();
  const keysByProgramme = new Map<string, Key[]>();
  const addTo = <T>(m: Map<string, T[]>, k: string, v: T) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
  for (const e of entries) {
    const k = keys[e.key];
    for (const p of k.programmes) addTo(entriesByYearProgramme, `${e.year}|${p}`, e);
    if (!pairs[k.pair].entre && enterpriseOccs.has(k.occ)) addTo(entriesByYearProgramme, `${e.year}|APPRENTICESHIP`, e);
  }
  for (const kid of usedKeyIds) {
    const k = keys[kid];
    for (const p of k.programmes) addTo(keysByProgramme, p, k);
    if (!pairs[k.pair].entre && enterpriseOccs.has(k.occ)) addTo(keysByProgramme, 'APPRENTICESHIP', k);
  }
  const projectUnits: ProjectUnit[] = [];
  {
    // 附件4's cells (州市 × project unit) from the shipped target tables.
    const cells = readCsv(TARGETS_2022_FILE).filter((row) => tableOfTitle(row['表']) === TargetTable.PROVINCIAL_PROJECT);
    for (const u of unitRows) {
      const spec = PROJECT_UNIT_OCCUPATIONS.find((s) => u.name.includes(s.nameContains));
      if (!spec) continue;
      const prefectures = new Set(cells.filter((row) => row['单位'] === u.name && row['州市代码'] !== '530000' && Number(row['数值']) > 0).map((row) => row['州市代码']));
      projectUnits.push({ id: Number(u.id), occs: spec.occupations === '*' ? '*' : new Set(codesOf(spec.occupations)), prefectures });
    }
  }
  const blacklistedForViolation = insts.filter((x) => x.blFrom && !x.revokedOn && x.blFrom <= '2023-11-30' && x.blUntil! > DATE_2022_8);
  const enterprises = insts.filter((x) => x.type === InstitutionType.ENTERPRISE_TRAINING_CENTRE && !x.blFrom);

  /** May `inst` run this class without breaking a standing rule? */
  const standingOk = (x: Inst, start: string, end: string, subsidised: boolean) => {
    if (!x.blFrom) return true;
    if (end < x.blFrom) return true;
    if (x.revokedOn) return false;
    if (subsidised) return start >= x.blUntil!;
    return true;
  };

  interface Draft { start: string; inst: Inst; county: string; kind: 'entre' | 'sub' | 'unsub'; key: Key; entry: Entry | null; programme: string }

  const instWeight = (x: Inst, programme: string, key: Key) => {
    let w = { TECHNICAL_SCHOOL: 1.5, VOCATIONAL_COLLEGE: 1.2, PRIVATE_TRAINING_INSTITUTION: 1, PUBLIC_TRAINING_BASE: 1, HIGH_SKILL_BASE: 1, ENTERPRISE_TRAINING_CENTRE: 0.5, PROVINCIAL_PROJECT_UNIT: 0 }[x.type];
    if (x.type === InstitutionType.HIGH_SKILL_BASE && programme.startsWith('HIGH_SKILL')) w *= 3;
    if (soleOwner.get(key.id) === x.id) w *= 8;
    return w;
  };
  const countyFor = (r: Prng, x: Inst): string => {
    const roll = r.float();
    if (x.type === InstitutionType.TECHNICAL_SCHOOL && roll < 0.1) return r.weighted(counties, countyWeights).code;
    if (roll < 0.8) return x.county;
    return r.pick(countiesByPrefecture.get(x.prefecture)!).code;
  };
  const pickProgramme = (r: Prng, key: Key, x: Inst): string => {
    const list = [...key.programmes];
    if (x.type === InstitutionType.ENTERPRISE_TRAINING_CENTRE && !pairs[key.pair].entre) list.push('APPRENTICESHIP', 'APPRENTICESHIP', 'APPRENTICESHIP');
    return r.weighted(list, list.map((p) => (p === 'SKILLS_UPGRADING' ? 2 : 3)));
  };
  /** Entries in force on `start` for occupations the institution may teach. */
  const entriesFor = (x: Inst, start: string, filter: (e: Entry) => boolean) => {
    const year = Number(start.slice(0, 4));
    const out: Entry[] = [];
    for (const c of x.scope) for (const e of entriesByYearOcc.get(`${year}|${c}`) ?? []) if (inForce(e, start) && filter(e)) out.push(e);
    return out;
  };
  const isEntreEntry = (e: Entry) => pairs[keys[e.key].pair].entre;

  /** Institution first (county coverage, violations tied to an institution). */
  const draftFromInstitution = (r: Prng, x: Inst, start: string, kindWanted: Draft['kind'] | null, county: string | null, entryFilter: (e: Entry) => boolean = () => true): Draft | null => {
    const hasEntre = x.type !== InstitutionType.ENTERPRISE_TRAINING_CENTRE && x.scope.some((c) => entreInfo.has(c));
    const kind: Draft['kind'] = kindWanted ?? (hasEntre && r.chance(0.12) ? 'entre' : r.chance(0.85) ? 'sub' : 'unsub');
    if (kind === 'unsub') {
      const ks = x.scope.flatMap((c) => (pairsByOcc.get(c) ?? []).filter((p) => !p.entre).flatMap((p) => p.keys)).filter((kid) => usedKeyIds.has(kid));
      if (!ks.length) return null;
      const key = keys[r.pick(ks)];
      return { start, inst: x, county: county ?? countyFor(r, x), kind, key, entry: null, programme: pickProgramme(r, key, x) };
    }
    const list = entriesFor(x, start, (e) => (kind === 'entre') === isEntreEntry(e) && entryFilter(e));
    if (!list.length) return null;
    const entry = r.pick(list);
    const key = keys[entry.key];
    return { start, inst: x, county: county ?? countyFor(r, x), kind, key, entry, programme: pickProgramme(r, key, x) };
  };

  /** Programme first (the usual way: gives each programme its share). */
  const draftFromProgramme = (r: Prng, start: string, kind: Draft['kind'], programmeWanted: string | null, entryFilter: (e: Entry) => boolean = () => true): Draft | null => {
    const programme = kind === 'entre' ? 'MALANHUA' : programmeWanted ?? r.weighted(programmeKeys, programmeWeightList);
    const year = Number(start.slice(0, 4));
    let key: Key | null = null;
    let entry: Entry | null = null;
    if (kind === 'unsub') {
      const ks = keysByProgramme.get(programme);
      if (!ks?.length) return null;
      key = r.pick(ks);
    } else {
      const list = entriesByYearProgramme.get(`${year}|${programme}`);
      if (!list?.length) return null;
      for (let i = 0; i < 12 && !entry; i++) {
        const e = r.pick(list);
        if (inForce(e, start) && entryFilter(e)) entry = e;
      }
      if (!entry) return null;
      key = keys[entry.key];
    }
    const candidates = (instsByOcc.get(key.occ) ?? []).filter((x) =>
      (programme === 'APPRENTICESHIP') === (x.type === InstitutionType.ENTERPRISE_TRAINING_CENTRE) || (programme !== 'APPRENTICESHIP' && r.chance(0.3))
    ).filter((x) => standingOk(x, start, addDays(start, 120), kind !== 'unsub'));
    if (!candidates.length) return null;
    const inst = r.weighted(candidates, candidates.map((x) => instWeight(x, programme, key!)));
    return { start, inst, county: countyFor(r, inst), kind, key, entry, programme };
  };

  const classCounters = new Map<string, number>();
  const noticeCounters = new Map<string, number>();
  const nCourses = Math.max(1, Math.round(3000 * opts.scale * opts.scale));
  const courseRng = root.fork('courses');
  const noticeRng = root.fork('notices');
  const programmeList = Object.values(PROGRAMME_KEYS);
  const yearStart = (y: number) => `${y}-01-04`;
  const yearEnd = (y: number) => `${y}-12-15`;

  /** Finishes a draft into a course row, or null when the draft breaks a rule it should not. */
  const finish = (r: Prng, id: number, d: Draft, v: ViolationKind | null): Row | null => {
    const { key, inst: x, entry } = d;
    const subsidised = d.kind !== 'unsub';
    const graded = GRADED.has(key.cert);
    const entre = d.kind === 'entre';
    const occ = occByCode.get(key.occ)!;
    const mode = entre ? r.weighted([CourseMode.OFFLINE, CourseMode.ONLINE, CourseMode.MIXED], [55, 35, 10])
      : key.cert === CertificateType.SPECIAL_OPERATION ? CourseMode.OFFLINE
        : graded ? r.weighted([CourseMode.OFFLINE, CourseMode.MIXED, CourseMode.ONLINE], [78, 20, 2])
          : r.weighted([CourseMode.OFFLINE, CourseMode.MIXED, CourseMode.ONLINE], [65, 20, 15]);
    const hoursPerDay = v === 'daily9' ? 9 : r.weighted([4, 5, 6, 7, 8], [1, 1, 3, 2, 4]);
    let totalHours: number;
    if (entry) totalHours = v === 'hours96' ? 96 : entry.minHours + r.pick([0, 0, 0, 8, 16, 24, 40]);
    else totalHours = graded ? r.int(12, 25) * 8 : r.int(2, 10) * 8;
    const days = Math.ceil(totalHours / hoursPerDay);
    const end = addDays(d.start, days - 1 + Math.floor((days - 1) / 6));
    if (v !== 'blacklisted' && !standingOk(x, d.start, end, subsidised)) return null;
    let capacity: number;
    if (v === 'size65') capacity = 65;
    else if (v === 'entre34') capacity = 34;
    else if (entre) capacity = d.start < DATE_2022_8 ? r.weighted([20, 25, 30, 35], [1, 2, 3, 3]) : r.weighted([20, 25, 30], [1, 2, 3]);
    else capacity = r.weighted([30, 35, 40, 45, 50, 55, 60], [1, 1, 2, 2, 3, 3, 4]);
    const enrolled = v === 'size65' || v === 'entre34' ? capacity - r.int(0, 3) : capacity - r.int(0, Math.floor(capacity * 0.2));
    const ownStaff = x.type === InstitutionType.ENTERPRISE_TRAINING_CENTRE && v !== 'enterprisePublic';
    // Teachers: references into the provincial teacher pool, never names.
    const ta = r.int(0, x.teachers - 1);
    let tb = r.int(0, x.teachers - 2);
    if (tb >= ta) tb++;
    const teacherRef = (k: number) => `SZ${x.county}-${pad(x.teacherBase + k, 5)}`;
    const theory = teacherRef(ta);
    let practical: string | null = teacherRef(tb);
    if (v === 'sameTeacher' || (v === null && d.start < DATE_2022_50 && r.chance(0.03))) practical = theory;
    else if (!subsidised && r.chance(0.1)) practical = null;
    // Assessing agency drawn at random among those recorded for the occupation × level (50号 (十一)).
    const records = (keyAgencies.get(key.id) ?? []).filter((a) => a.from <= d.start && (a.until === null || a.until >= end));
    let agency: number | null = null;
    let exemption = false;
    if (v === 'ownAgency') {
      if (!records.some((a) => a.agency === x.ownAgency)) return null;
      agency = x.ownAgency;
    } else {
      const others = records.filter((a) => a.agency !== x.ownAgency);
      if (others.length) agency = r.pick(others).agency;
      else if (records.length && soleOwner.get(key.id) === x.id) { agency = x.ownAgency; exemption = true; }
      else if (graded && d.start >= DATE_2022_8) return null;
    }
    const subsidy = entry?.subsidy ?? 0;
    const groups = ownStaff ? [TargetGroup.ENTERPRISE_STAFF] : (() => {
      const pool = PROGRAMME_TARGET_GROUPS[d.programme] ?? PROGRAMME_TARGET_GROUPS.SKILLS_UPGRADING;
      return r.sample(pool, Math.min(pool.length, r.weighted([1, 2, 3], [5, 3, 1]))).sort((a, b) => pool.indexOf(a) - pool.indexOf(b));
    })();
    const info = entre ? entreInfo.get(key.occ)! : null;
    const level = LEVEL_TITLE[key.level];
    const title = info ? info.title
      : key.cert === CertificateType.SKILL_LEVEL ? `${occ.name}（${level}）培训班`
        : key.cert === CertificateType.VOCATIONAL_QUALIFICATION ? `${occ.name}（${level}）职业资格培训班`
          : key.cert === CertificateType.SPECIAL_ABILITY ? `${occ.name}专项职业能力培训班`
            : key.cert === CertificateType.SPECIAL_OPERATION ? `${occ.name}特种作业培训班` : `${occ.name}岗位技能培训班`;
    const textbook = info ? info.textbook
      : graded ? `《国家职业技能等级认定培训教程·${occ.name}（${level || '基础知识'}）》${r.pick(TEXTBOOK_PUBLISHERS)}`
        : r.chance(0.1) ? null : `《${occ.name}${key.cert === CertificateType.SPECIAL_OPERATION ? '安全技术培训教材' : '培训教程'}》${r.pick(TEXTBOOK_PUBLISHERS)}`;
    const year = Number(d.start.slice(0, 4));
    const counterKey = `${year}|${d.county}`;
    const seq = (classCounters.get(counterKey) ?? 0) + 1;
    classCounters.set(counterKey, seq);
    const county = countyByCode.get(d.county)!;
    let projectUnit: number | null = null;
    if (v === null && subsidised && !entre && year >= 2022 && r.chance(0.25)) {
      const fit = projectUnits.filter((u) => u.prefectures.has(county.prefecture) && (u.occs === '*' ? r.chance(0.15) : u.occs.has(key.occ)));
      if (fit.length) projectUnit = r.pick(fit).id;
    }
    return {
      id,
      classNumber: `KB${year}-${d.county}-${pad(seq, 5)}`,
      title,
      institution: x.id,
      projectUnit,
      directoryEntry: entry?.id ?? null,
      occupation: key.occ,
      certificateType: key.cert,
      level: key.level,
      category: entre ? CourseCategory.ENTREPRENEURSHIP : CourseCategory.SKILLS,
      county: d.county,
      address: mode === CourseMode.ONLINE ? null : d.county === x.county ? x.address : addressIn(r, county),
      mode,
      platform: mode === CourseMode.OFFLINE ? null : r.pick(platformIds),
      startDate: d.start,
      endDate: end,
      hoursPerDay,
      totalHours,
      capacity,
      enrolled,
      feeYuan: subsidised ? (r.chance(0.9) ? 0 : r.int(2, 10) * 50) : r.int(6, 40) * 50,
      subsidyPerTrainee: subsidy,
      targetGroupsText: targetGroupsToText(groups),
      programme: programmeId.get(d.programme)!,
      theoryTeacherRef: theory,
      practicalTeacherRef: practical,
      textbook,
      assessingAgency: agency,
      soleAgencyExemption: exemption,
      acceptsVouchers: subsidised ? r.chance(0.9) : r.chance(0.15),
      enrolment: ownStaff ? Enrolment.OWN_STAFF : Enrolment.PUBLIC,
      cancelledOn: v === null && r.chance(0.02) ? addDays(d.start, -r.int(1, 14)) : null,
      isDemo: true,
    };
  };

  /** One class: a violation kind (or none), a draft, a finished row; retried deterministically. */
  const makeCourse = (id: number): Row => {
    const r = courseRng.fork(id);
    let v: ViolationKind | null = r.chance(VIOLATION_RATE) ? r.pick(VIOLATION_KINDS) : null;
    if (v === 'notInDirectory' && !stale2022.length) v = null;
    if (v === 'ownAgency' && !ownAgencyCases.length) v = null;
    if (v === 'blacklisted' && !blacklistedForViolation.length) v = null;
    if (v === 'enterprisePublic' && !enterprises.length) v = null;
    // The first classes visit every county, then every programme, so that both are always covered.
    const forcedCounty = id <= counties.length ? counties[id - 1] : null;
    const forcedProgramme = !forcedCounty && id <= counties.length + programmeList.length ? programmeList[id - counties.length - 1] : null;
    if (forcedCounty || forcedProgramme) v = null;
    for (let attempt = 0; attempt < 60; attempt++) {
      if (attempt === 40) v = null; // give up the violation rather than loop
      const year = r.weighted([...DEMO_YEARS], [30, 35, 35]);
      let start = randomDate(r, yearStart(year), yearEnd(year));
      let d: Draft | null = null;
      switch (v) {
        case null:
        case 'daily9':
        case 'size65': {
          if (forcedCounty && v === null) {
            const local = [...(instsByCounty.get(forcedCounty.code) ?? []), ...(countiesByPrefecture.get(forcedCounty.prefecture) ?? []).flatMap((c) => instsByCounty.get(c.code) ?? [])];
            const pool = local.filter((x) => !x.blFrom);
            if (!pool.length) break;
            d = draftFromInstitution(r, r.pick(pool), start, null, forcedCounty.code);
          } else if (forcedProgramme && v === null) {
            d = draftFromProgramme(r, start, forcedProgramme === 'MALANHUA' ? 'entre' : r.chance(0.9) ? 'sub' : 'unsub', forcedProgramme === 'MALANHUA' ? null : forcedProgramme);
          } else {
            const kind = v !== null ? 'sub' : r.weighted(['sub', 'entre', 'unsub'] as const, [80, 8, 12]);
            d = draftFromProgramme(r, start, kind, null);
          }
          break;
        }
        case 'hours96':
          d = draftFromProgramme(r, start, 'sub', null, (e) => GRADED.has(keys[e.key].cert));
          break;
        case 'entre34':
          start = randomDate(r, DATE_2022_8, yearEnd(2023));
          d = draftFromProgramme(r, start, 'entre', null);
          break;
        case 'sameTeacher':
          start = randomDate(r, DATE_2022_50, yearEnd(2023));
          d = draftFromProgramme(r, start, 'sub', null);
          break;
        case 'ownAgency': {
          start = randomDate(r, DATE_2022_8, yearEnd(2023));
          const c = r.pick(ownAgencyCases);
          d = draftFromInstitution(r, c.inst, start, 'sub', null, (e) => e.key === c.key);
          break;
        }
        case 'blacklisted': {
          const x = r.pick(blacklistedForViolation);
          const lo = maxDate(x.blFrom!, DATE_2022_8);
          const hi = minDate(addDays(x.blUntil!, -1), yearEnd(2023));
          if (lo > hi) break;
          start = randomDate(r, lo, hi);
          d = draftFromInstitution(r, x, start, 'sub', null, (e) => !isEntreEntry(e));
          break;
        }
        case 'notInDirectory': {
          const stale = r.pick(stale2022);
          start = randomDate(r, yearStart(2023), yearEnd(2023));
          const key = keys[stale.key];
          const candidates = (instsByOcc.get(key.occ) ?? []).filter((x) => standingOk(x, start, addDays(start, 120), true));
          if (!candidates.length) break;
          const inst = r.pick(candidates);
          d = { start, inst, county: countyFor(r, inst), kind: 'sub', key, entry: stale, programme: pickProgramme(r, key, inst) };
          break;
        }
        case 'enterprisePublic':
          d = draftFromInstitution(r, r.pick(enterprises), start, null, null);
          break;
      }
      if (!d) continue;
      const row = finish(r, id, d, v);
      if (row) return row;
    }
    throw new Error(`demo generator: could not build class ${id}`);
  };

  /** The notice for a finished subsidised class, with its lines (masked personal data only). */
  const makeNotice = (course: Row, noticeId: number, lines: Row[]): Row => {
    const r = noticeRng.fork(course.id as number);
    const county = countyByCode.get(course.county as string)!;
    const publishedOn = addDays(course.endDate as string, r.int(5, 20));
    const pubYear = publishedOn.slice(0, 4);
    const counterKey = `${county.code}|${pubYear}`;
    const seq = (noticeCounters.get(counterKey) ?? 0) + 1;
    noticeCounters.set(counterKey, seq);
    const stem = county.name.endsWith('自治县') ? county.name.slice(0, 2) : county.name.length > 2 ? county.name.slice(0, -1) : county.name;
    const withdrawn = r.chance(0.015);
    const subsidy = course.subsidyPerTrainee as number;
    const cert = course.certificateType as CertificateType;
    const endYear = (course.endDate as string).slice(0, 4);
    const suspicious = r.chance(0.02);
    let total = 0;
    const noticeLines: Row[] = [];
    for (let seqNo = 1; seqNo <= (course.enrolled as number); seqNo++) {
      // A raw name and a GB 11643 number exist only inside this loop; only the masked forms are kept.
      const surname = r.chance(0.005) ? r.pick(COMPOUND_SURNAMES_USED) : r.weighted(SURNAMES.map((s) => s[0]), SURNAMES.map((s) => s[1]));
      let given = r.pick(GIVEN_NAME_CHARS);
      if (r.chance(0.65)) given += r.pick(GIVEN_NAME_CHARS);
      const region = r.chance(0.8) ? county.code : r.weighted(counties, countyWeights).code;
      const birth = addDays('1965-01-01', r.int(0, daysInclusive('1965-01-01', '2004-12-31') - 1)).replace(/-/g, '');
      const first17 = `${region}${birth}${pad(r.int(1, 999), 3)}`;
      const maskedName = maskName(surname + given);
      const maskedId = maskResidentId(first17 + residentIdCheckDigit(first17));
      const anomaly = suspicious ? r.chance(0.25) : r.chance(0.002);
      let attendance: number;
      let certified: boolean;
      if (anomaly) { attendance = r.int(55, 79) / 100; certified = true; }
      else {
        attendance = r.chance(0.92) ? r.int(80, 100) / 100 : r.int(60, 79) / 100;
        certified = attendance >= 0.8 ? r.chance(0.93) : r.chance(0.4);
      }
      const amount = anomaly || (attendance >= 0.8 && certified) ? subsidy : 0;
      total += amount;
      noticeLines.push({
        notice: noticeId, seq: seqNo, maskedName, maskedId, occupation: course.occupation, level: course.level,
        certificateNumber: certified ? `${CERTIFICATE_PREFIX[cert]}${endYear}53${LEVEL_DIGIT[course.level as SkillLevel]}${pad(course.id as number, 6)}${pad(seqNo, 3)}` : null,
        attendanceRate: attendance, amount,
      });
    }
    const number = `（演示）${stem}人社培公〔${pubYear}〕第${seq}号`;
    const title = `关于${instById.get(course.institution as number)!.name}${course.title as string}（${course.classNumber as string}）培训补贴人员名单的公示`;
    const objectionUntil = objectionPeriod(publishedOn).until;
    // Corrections, withdrawals' dates and objections draw from their own stream, so the lines
    // above stay what they were before these existed.
    const life = noticeRng.fork(`lifecycle/${course.id as number}`);
    const withdrawnOn = withdrawn ? addDays(publishedOn, life.int(1, 12)) : null;
    const notice: Row = {
      id: noticeId, number, title, bureau: county.code, course: course.id, publishedOn, objectionUntil,
      withdrawnOn, withdrawnReason: withdrawn ? r.pick(WITHDRAWN_REASONS) : null, revision: 1,
      lineCount: course.enrolled, totalAmount: total, isDemo: true,
    };
    // Two red flags the notice pages must be able to show: an amount above the directory's
    // standard, and the same (masked) person paid twice for one occupation and level in a year.
    const paidLines = noticeLines.filter((l) => (l.amount as number) > 0);
    if (paidLines.length > 0 && life.chance(0.01)) {
      const l = paidLines[life.int(0, paidLines.length - 1)];
      l.amount = (l.amount as number) + 300;
      notice.totalAmount = (notice.totalAmount as number) + 300;
    }
    const repeatKey = `${course.occupation as string}|${course.level as string}|${pubYear}`;
    const earlier = paidBefore.get(repeatKey);
    if (earlier && paidLines.length > 0 && life.chance(0.02)) Object.assign(paidLines[0], earlier);
    if (paidLines.length > 0) paidBefore.set(repeatKey, { maskedName: paidLines[paidLines.length - 1].maskedName, maskedId: paidLines[paidLines.length - 1].maskedId });
    const first: Row[] = noticeLines.map((l) => ({ ...l, revision: 1 }));
    let currentLines = first;
    let upheldSeq: unknown = null;
    lines.push(...first);
    const header = { number, title, bureau: county.code, classNumber: course.classNumber as string, publishedOn, objectionUntil };
    const revisionOf = (n: number, on: string, reason: string | null, previous: string | null, rows: Row[]) => {
      const content: RevisionContent = {
        notice: header, revision: n, publishedOn: on, reason, previousSha256: previous,
        lines: rows.map((l) => ({
          seq: l.seq as number, maskedName: l.maskedName as string, maskedId: l.maskedId as string, occupationCode: l.occupation as string,
          level: l.level as string, certificateNumber: (l.certificateNumber as string | null) ?? null, attendanceRate: l.attendanceRate as number, amount: l.amount as number,
        })),
      };
      const amount = rows.reduce((sum, l) => sum + (l.amount as number), 0);
      return { id: ++revisionId, notice: noticeId, revision: n, publishedOn: on, reason, lineCount: rows.length, totalAmount: amount, sha256: revisionHash(content), previousSha256: previous };
    };
    const rev1 = revisionOf(1, publishedOn, null, null, first);
    revisions.push(rev1);
    // A correction (更正): a line's attendance or certificate was recorded wrongly; revision 2
    // republishes every line with the fix and the reason, revision 1 stays as it was.
    if (!withdrawn && first.length > 0 && life.chance(0.02)) {
      const fix = life.int(0, first.length - 1);
      const target = first[fix];
      const corrected = (target.certificateNumber == null
        ? { ...target, certificateNumber: `${CERTIFICATE_PREFIX[cert]}${endYear}53${LEVEL_DIGIT[course.level as SkillLevel]}${pad(course.id as number, 6)}${pad(target.seq as number, 3)}`, attendanceRate: Math.max(target.attendanceRate as number, 0.8), amount: subsidy }
        : { ...target, attendanceRate: 0.8, amount: subsidy });
      const second: Row[] = first.map((l, i) => ({ ...(i === fix ? corrected : l), revision: 2 }));
      const on = addDays(publishedOn, life.int(1, 4));
      const rev2 = revisionOf(2, on, life.pick(CORRECTION_REASONS).replace('{seq}', String(target.seq)), rev1.sha256, second);
      revisions.push(rev2);
      lines.push(...second);
      currentLines = second;
      notice.revision = 2;
      notice.totalAmount = rev2.totalAmount;
    }
    // Objections (异议): most are found groundless; one against a line paid below 80 %
    // attendance is upheld, and that claim is cancelled (50号 (十九)).
    if (!withdrawn && first.length > 0 && life.chance(0.03)) {
      const underAttended = first.find((l) => (l.amount as number) > 0 && (l.attendanceRate as number) < 0.8);
      const line = underAttended ?? first[life.int(0, first.length - 1)];
      const receivedOn = addDays(publishedOn, life.int(0, 4));
      if (underAttended) upheldSeq = line.seq;
      objections.push({
        id: ++objectionId, notice: noticeId, lineSeq: line.seq, receivedOn,
        summary: underAttended ? OBJECTION_SUMMARIES[0] : life.pick(OBJECTION_SUMMARIES.slice(1)),
        status: underAttended ? ObjectionStatus.UPHELD : ObjectionStatus.REJECTED,
        decidedOn: addDays(receivedOn, life.int(3, 15)),
        outcome: underAttended ? OBJECTION_OUTCOMES.upheld : OBJECTION_OUTCOMES.rejected,
      });
    }
    // What was actually paid: the current revision's amounts, less the claim an upheld objection cancelled.
    const paid = currentLines.filter((l) => (l.amount as number) > 0 && l.seq !== upheldSeq);
    notice.paidTrainees = paid.length;
    notice.paidAmount = paid.reduce((sum, l) => sum + (l.amount as number), 0);
    notice.certifiedTrainees = currentLines.filter((l) => l.certificateNumber != null).length;
    notice.workingDaysToNotice = workingDaysAfter(course.endDate as string, publishedOn);
    notice.withinDeadline = (notice.workingDaysToNotice as number) <= claimDeadlineFor(course.endDate as string).workingDays;
    return notice;
  };

  const courseChunk = Math.max(1, Math.min(batchSize, Math.floor(MAX_BOUND_VARIABLES / 33)));
  const lineChunk = Math.max(1, Math.min(batchSize, Math.floor(MAX_BOUND_VARIABLES / 9)));
  let noticeId = 0;
  let lineCount = 0;
  let pendingNotices: Row[] = [];
  let pendingLines: Row[] = [];
  let revisions: Row[] = [];
  let objections: Row[] = [];
  let revisionId = 0;
  let objectionId = 0;
  let revisionCount = 0;
  let objectionCount = 0;
  /** The last paid trainee per occupation, level and year: the source of deliberate repeats. */
  const paidBefore = new Map<string, { maskedName: unknown; maskedId: unknown }>();
  const flushNotices = async () => {
    if (pendingNotices.length) await insertRows(em, 'SubsidyNotice', pendingNotices, batchSize);
    pendingNotices = [];
    if (revisions.length) await insertRows(em, 'SubsidyNoticeRevision', revisions, batchSize);
    revisionCount += revisions.length;
    revisions = [];
    if (objections.length) await insertRows(em, 'SubsidyObjection', objections, batchSize);
    objectionCount += objections.length;
    objections = [];
    if (pendingLines.length) await insertRows(em, 'SubsidyNoticeLine', pendingLines, batchSize);
    lineCount += pendingLines.length;
    pendingLines = [];
  };
  for (let first = 1; first <= nCourses; first += courseChunk) {
    const rows: Row[] = [];
    for (let id = first; id < first + courseChunk && id <= nCourses; id++) rows.push(makeCourse(id));
    await insertRows(em, 'Course', rows, batchSize);
    for (const c of rows) {
      if ((c.subsidyPerTrainee as number) <= 0 || c.cancelledOn) continue;
      pendingNotices.push(makeNotice(c, ++noticeId, pendingLines));
      if (pendingLines.length >= lineChunk) await flushNotices();
    }
    await flushNotices();
    progress('courses', Math.min(nCourses, first + courseChunk - 1), nCourses);
  }
  counts.courses = nCourses;
  counts.subsidyNotices = noticeId;
  counts.subsidyNoticeLines = lineCount;
  counts.subsidyNoticeRevisions = revisionCount;
  counts.subsidyObjections = objectionCount;
  return counts;
}
