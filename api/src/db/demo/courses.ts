/**
 * Step 5 of the demo generator: classes. Most are drawn programme first (each programme gets
 * its share), some institution first (every county covered, violations tied to an
 * institution); about 7 % break exactly one course rule on purpose ({@link VIOLATION_KINDS}).
 */

import { addDays } from '../../common/dates';
import {
  CertificateType,
  CourseCategory,
  CourseMode,
  Enrolment,
  InstitutionType,
  TargetGroup,
} from '../../common/enums';
import type { Prng } from '../../common/prng';
import { targetGroupsToText } from '../../courses/course.entity';
import { courseState, type CourseState, type CourseWorld, type Draft } from './course-state';
import { inForce } from './directory';
import { drawStart, futureStart, pastStartIn } from './timeline';
import {
  DATE_2022_50,
  DATE_2022_8,
  GRADED,
  MAX_BOUND_VARIABLES,
  VIOLATION_KINDS,
  VIOLATION_RATE,
  maxDate,
  minDate,
  pad,
  randomDate,
  type County,
  type Entry,
  type Inst,
  type Key,
  type ProjectUnit,
  type Row,
  type ViolationKind,
} from './model';
import { LEVEL_TITLE, PROGRAMME_TARGET_GROUPS, TEXTBOOK_PUBLISHERS } from './names';

export type { CourseWorld } from './course-state';

/** May `inst` run this class without breaking a standing rule? */
function standingOk(x: Inst, start: string, end: string, subsidised: boolean): boolean {
  if (!x.blFrom) return true;
  if (end < x.blFrom) return true;
  if (x.revokedOn) return false;
  if (subsidised) return start >= x.blUntil!;
  return true;
}

function instWeight(s: CourseState, x: Inst, programme: string, key: Key): number {
  let w = {
    TECHNICAL_SCHOOL: 1.5,
    VOCATIONAL_COLLEGE: 1.2,
    PRIVATE_TRAINING_INSTITUTION: 1,
    PUBLIC_TRAINING_BASE: 1,
    HIGH_SKILL_BASE: 1,
    ENTERPRISE_TRAINING_CENTRE: 0.5,
    PROVINCIAL_PROJECT_UNIT: 0,
  }[x.type];
  if (x.type === InstitutionType.HIGH_SKILL_BASE && programme.startsWith('HIGH_SKILL')) w *= 3;
  if (s.world.agencies.soleOwner.get(key.id) === x.id) w *= 8;
  return w;
}

function countyFor(s: CourseState, r: Prng, x: Inst): string {
  const { counties, countyWeights, countiesByPrefecture } = s.world.L;
  const roll = r.float();
  if (x.type === InstitutionType.TECHNICAL_SCHOOL && roll < 0.1) return r.weighted(counties, countyWeights).code;
  if (roll < 0.8) return x.county;
  return r.pick(countiesByPrefecture.get(x.prefecture)!).code;
}

function pickProgramme(s: CourseState, r: Prng, key: Key, x: Inst): string {
  const list = [...key.programmes];
  if (x.type === InstitutionType.ENTERPRISE_TRAINING_CENTRE && !s.world.plan.pairs[key.pair].entre)
    list.push('APPRENTICESHIP', 'APPRENTICESHIP', 'APPRENTICESHIP');
  return r.weighted(
    list,
    list.map((p) => (p === 'SKILLS_UPGRADING' ? 2 : 3)),
  );
}

/** Entries in force on `start` for occupations the institution may teach. */
function entriesFor(s: CourseState, x: Inst, start: string, filter: (e: Entry) => boolean): Entry[] {
  const year = Number(start.slice(0, 4));
  const out: Entry[] = [];
  for (const c of x.scope)
    for (const e of s.world.dir.entriesByYearOcc.get(`${year}|${c}`) ?? [])
      if (inForce(e, start) && filter(e)) out.push(e);
  return out;
}

const isEntreEntry = (s: CourseState, e: Entry) => s.world.plan.pairs[s.world.plan.keys[e.key].pair].entre;

/** Institution first (county coverage, violations tied to an institution). */
function draftFromInstitution(
  s: CourseState,
  r: Prng,
  x: Inst,
  start: string,
  kindWanted: Draft['kind'] | null,
  county: string | null,
  entryFilter: (e: Entry) => boolean = () => true,
): Draft | null {
  const { entreInfo, keys, pairsByOcc } = s.world.plan;
  const { usedKeyIds } = s.world.dir;
  const hasEntre = x.type !== InstitutionType.ENTERPRISE_TRAINING_CENTRE && x.scope.some((c) => entreInfo.has(c));
  const kind: Draft['kind'] = kindWanted ?? (hasEntre && r.chance(0.12) ? 'entre' : r.chance(0.85) ? 'sub' : 'unsub');
  if (kind === 'unsub') {
    const ks = x.scope
      .flatMap((c) => (pairsByOcc.get(c) ?? []).filter((p) => !p.entre).flatMap((p) => p.keys))
      .filter((kid) => usedKeyIds.has(kid));
    if (!ks.length) return null;
    const key = keys[r.pick(ks)];
    return {
      start,
      inst: x,
      county: county ?? countyFor(s, r, x),
      kind,
      key,
      entry: null,
      programme: pickProgramme(s, r, key, x),
    };
  }
  const list = entriesFor(s, x, start, (e) => (kind === 'entre') === isEntreEntry(s, e) && entryFilter(e));
  if (!list.length) return null;
  const entry = r.pick(list);
  const key = keys[entry.key];
  return {
    start,
    inst: x,
    county: county ?? countyFor(s, r, x),
    kind,
    key,
    entry,
    programme: pickProgramme(s, r, key, x),
  };
}

/** Programme first (the usual way: gives each programme its share). */
function draftFromProgramme(
  s: CourseState,
  r: Prng,
  start: string,
  kind: Draft['kind'],
  programmeWanted: string | null,
  entryFilter: (e: Entry) => boolean = () => true,
): Draft | null {
  const { keys } = s.world.plan;
  const programme =
    kind === 'entre' ? 'MALANHUA' : (programmeWanted ?? r.weighted(s.programmeKeys, s.programmeWeightList));
  const year = Number(start.slice(0, 4));
  let key: Key | null = null;
  let entry: Entry | null = null;
  if (kind === 'unsub') {
    const ks = s.keysByProgramme.get(programme);
    if (!ks?.length) return null;
    key = r.pick(ks);
  } else {
    const list = s.entriesByYearProgramme.get(`${year}|${programme}`);
    if (!list?.length) return null;
    for (let i = 0; i < 12 && !entry; i++) {
      const e = r.pick(list);
      if (inForce(e, start) && entryFilter(e)) entry = e;
    }
    if (!entry) return null;
    key = keys[entry.key];
  }
  const candidates = (s.instsByOcc.get(key.occ) ?? [])
    .filter(
      (x) =>
        (programme === 'APPRENTICESHIP') === (x.type === InstitutionType.ENTERPRISE_TRAINING_CENTRE) ||
        (programme !== 'APPRENTICESHIP' && r.chance(0.3)),
    )
    .filter((x) => standingOk(x, start, addDays(start, 120), kind !== 'unsub'));
  if (!candidates.length) return null;
  const inst = r.weighted(
    candidates,
    candidates.map((x) => instWeight(s, x, programme, key!)),
  );
  return { start, inst, county: countyFor(s, r, inst), kind, key, entry, programme };
}

/** A class a provincial project unit contracted in a 州市: one of its occupations, taught there. */
function draftForUnit(s: CourseState, r: Prng, start: string, unit: ProjectUnit, prefecture: string): Draft | null {
  const { keys } = s.world.plan;
  const year = Number(start.slice(0, 4));
  const list = s.world.dir.entries.filter(
    (e) =>
      e.year === year &&
      inForce(e, start) &&
      !isEntreEntry(s, e) &&
      (unit.occs === '*' || unit.occs.has(keys[e.key].occ)),
  );
  if (!list.length) return null;
  const entry = r.pick(list);
  const key = keys[entry.key];
  const able = (s.instsByOcc.get(key.occ) ?? []).filter(
    (x) => x.type !== InstitutionType.ENTERPRISE_TRAINING_CENTRE && standingOk(x, start, addDays(start, 120), true),
  );
  const local = able.filter((x) => x.prefecture === prefecture);
  // Preferably an institution of the 州市; else one from elsewhere teaching there.
  const inst = local.length ? r.pick(local) : able.length ? r.pick(able) : null;
  if (!inst) return null;
  const county =
    inst.prefecture === prefecture ? inst.county : r.pick(s.world.L.countiesByPrefecture.get(prefecture)!).code;
  return {
    start,
    inst,
    county,
    kind: 'sub',
    key,
    entry,
    programme: pickProgramme(s, r, key, inst),
    projectUnit: unit.id,
  };
}

/** Finishes a draft into a course row, or null when the draft breaks a rule it should not. */
function finishCourse(
  s: CourseState,
  r: Prng,
  id: number,
  d: Draft,
  v: ViolationKind | null,
  forced: boolean,
): Row | null {
  const { occByCode, countyByCode, platformIds, programmeId } = s.world.L;
  const { keyAgencies, soleOwner } = s.world.agencies;
  const { addressIn } = s.world.namer;
  const { t } = s.world;
  const { entreInfo } = s.world.plan;
  const { classCounters, projectUnits } = s;
  const { key, inst: x, entry } = d;
  const subsidised = d.kind !== 'unsub';
  const graded = GRADED.has(key.cert);
  const entre = d.kind === 'entre';
  const occ = occByCode.get(key.occ)!;
  const mode = entre
    ? r.weighted([CourseMode.OFFLINE, CourseMode.ONLINE, CourseMode.MIXED], [55, 35, 10])
    : key.cert === CertificateType.SPECIAL_OPERATION
      ? CourseMode.OFFLINE
      : graded
        ? r.weighted([CourseMode.OFFLINE, CourseMode.MIXED, CourseMode.ONLINE], [78, 20, 2])
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
  else if (entre)
    capacity = d.start < DATE_2022_8 ? r.weighted([20, 25, 30, 35], [1, 2, 3, 3]) : r.weighted([20, 25, 30], [1, 2, 3]);
  else capacity = r.weighted([30, 35, 40, 45, 50, 55, 60], [1, 1, 2, 2, 3, 3, 4]);
  // A class starting after today is still enrolling: places left, or (one in ten) full.
  const enrolled =
    v === 'size65' || v === 'entre34'
      ? capacity - r.int(0, 3)
      : d.start <= t.today
        ? capacity - r.int(0, Math.floor(capacity * 0.2))
        : !forced && r.chance(0.1)
          ? capacity
          : r.int(Math.ceil(capacity * 0.2), capacity - 1);
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
  const records = (keyAgencies.get(key.id) ?? []).filter(
    (a) => a.from <= d.start && (a.until === null || a.until >= end),
  );
  let agency: number | null = null;
  let exemption = false;
  if (v === 'ownAgency') {
    if (!records.some((a) => a.agency === x.ownAgency)) return null;
    agency = x.ownAgency;
  } else {
    const others = records.filter((a) => a.agency !== x.ownAgency);
    if (others.length) agency = r.pick(others).agency;
    else if (records.length && soleOwner.get(key.id) === x.id) {
      agency = x.ownAgency;
      exemption = true;
    } else if (graded && d.start >= DATE_2022_8) return null;
  }
  const subsidy = entry?.subsidy ?? 0;
  const groups = ownStaff
    ? [TargetGroup.ENTERPRISE_STAFF]
    : (() => {
        const pool = PROGRAMME_TARGET_GROUPS[d.programme] ?? PROGRAMME_TARGET_GROUPS.SKILLS_UPGRADING;
        return r
          .sample(pool, Math.min(pool.length, r.weighted([1, 2, 3], [5, 3, 1])))
          .sort((a, b) => pool.indexOf(a) - pool.indexOf(b));
      })();
  const info = entre ? entreInfo.get(key.occ)! : null;
  const level = LEVEL_TITLE[key.level];
  const title = info
    ? info.title
    : key.cert === CertificateType.SKILL_LEVEL
      ? `${occ.name}（${level}）培训班`
      : key.cert === CertificateType.VOCATIONAL_QUALIFICATION
        ? `${occ.name}（${level}）职业资格培训班`
        : key.cert === CertificateType.SPECIAL_ABILITY
          ? `${occ.name}专项职业能力培训班`
          : key.cert === CertificateType.SPECIAL_OPERATION
            ? `${occ.name}特种作业培训班`
            : `${occ.name}岗位技能培训班`;
  const textbook = info
    ? info.textbook
    : graded
      ? `《国家职业技能等级认定培训教程·${occ.name}（${level || '基础知识'}）》${r.pick(TEXTBOOK_PUBLISHERS)}`
      : r.chance(0.1)
        ? null
        : `《${occ.name}${key.cert === CertificateType.SPECIAL_OPERATION ? '安全技术培训教材' : '培训教程'}》${r.pick(TEXTBOOK_PUBLISHERS)}`;
  const year = Number(d.start.slice(0, 4));
  const counterKey = `${year}|${d.county}`;
  const seq = (classCounters.get(counterKey) ?? 0) + 1;
  classCounters.set(counterKey, seq);
  const county = countyByCode.get(d.county)!;
  let projectUnit: number | null = d.projectUnit ?? null;
  if (projectUnit === null && v === null && subsidised && !entre && year >= 2022 && r.chance(0.25)) {
    const fit = projectUnits.filter(
      (u) => u.prefectures.has(county.prefecture) && (u.occs === '*' ? r.chance(0.15) : u.occs.has(key.occ)),
    );
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
    address: mode === CourseMode.ONLINE ? null : d.county === x.county && !x.real ? x.address : addressIn(r, county),
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
    // Some bureaus record an enrolment deadline a few days before the start; else it is the day before.
    enrolmentCloses: r.fork('enrolment').chance(0.3) ? addDays(d.start, -r.fork('enrolment-days').int(3, 10)) : null,
    // Cancelled a few days before the start, and never after today.
    cancelledOn: v === null && !forced && r.chance(0.02) ? minDate(addDays(d.start, -r.int(1, 14)), t.today) : null,
    isDemo: true,
  };
}

/** The classes made on purpose before the random ones, one per slot (see {@link forcedSlots}). */
interface ForcedSlots {
  county: County | null;
  programme: string | null;
  school: CourseState['schoolSlots'][number] | null;
  unit: CourseState['unitSlots'][number] | null;
}

/**
 * The first classes visit every county, then every programme, all enrolling now, so that both
 * are always covered today; then each technical school of 附件2 runs one a year, and each
 * provincial project unit one in each of its 州市.
 */
function forcedSlots(s: CourseState, id: number): ForcedSlots {
  const { counties } = s.world.L;
  const { programmeList, schoolSlots, unitSlots } = s;
  const county = id <= counties.length ? counties[id - 1] : null;
  const programme =
    !county && id <= counties.length + programmeList.length ? programmeList[id - counties.length - 1] : null;
  const slot = id - counties.length - programmeList.length - 1;
  const school = slot >= 0 && slot < schoolSlots.length ? schoolSlots[slot] : null;
  const unitSlot = slot - schoolSlots.length;
  const unit = unitSlot >= 0 && unitSlot < unitSlots.length ? unitSlots[unitSlot] : null;
  return { county, programme, school, unit };
}

const yearStart = (y: number) => `${y}-01-04`;
const yearEnd = (y: number) => `${y}-12-15`;

/** A draft for violation kind `v` (or none) starting near `start`, or null when this attempt found none. */
function draftFor(s: CourseState, r: Prng, v: ViolationKind | null, start: string, f: ForcedSlots): Draft | null {
  const { countiesByPrefecture } = s.world.L;
  const { keys } = s.world.plan;
  const { stale2022 } = s.world.dir;
  const { ownAgencyCases } = s.world.agencies;
  const { t } = s.world;
  const { pastEnd } = s;
  let d: Draft | null = null;
  switch (v) {
    case null:
    case 'daily9':
    case 'size65': {
      if (f.county && v === null) {
        const local = [
          ...(s.instsByCounty.get(f.county.code) ?? []),
          ...(countiesByPrefecture.get(f.county.prefecture) ?? []).flatMap((c) => s.instsByCounty.get(c.code) ?? []),
        ];
        const pool = local.filter((x) => !x.blFrom);
        if (!pool.length) break;
        d = draftFromInstitution(s, r, r.pick(pool), start, null, f.county.code);
      } else if (f.programme && v === null) {
        d = draftFromProgramme(
          s,
          r,
          start,
          f.programme === 'MALANHUA' ? 'entre' : r.chance(0.9) ? 'sub' : 'unsub',
          f.programme === 'MALANHUA' ? null : f.programme,
        );
      } else if (f.school) {
        d = draftFromInstitution(s, r, f.school.school, start, 'sub', null);
      } else if (f.unit) {
        d = draftForUnit(s, r, start, f.unit.unit, f.unit.prefecture);
      } else {
        // No edition covers a start beyond the newest year's: such a class is not subsidised.
        const kind =
          start > t.subsidisedHorizon
            ? 'unsub'
            : v !== null
              ? 'sub'
              : r.weighted(['sub', 'entre', 'unsub'] as const, [80, 8, 12]);
        d = draftFromProgramme(s, r, start, kind, null);
      }
      break;
    }
    case 'hours96':
      d = draftFromProgramme(s, r, start, 'sub', null, (e) => GRADED.has(keys[e.key].cert));
      break;
    case 'entre34':
      start = randomDate(r, DATE_2022_8, pastEnd);
      d = draftFromProgramme(s, r, start, 'entre', null);
      break;
    case 'sameTeacher':
      start = randomDate(r, DATE_2022_50, pastEnd);
      d = draftFromProgramme(s, r, start, 'sub', null);
      break;
    case 'ownAgency': {
      start = randomDate(r, DATE_2022_8, pastEnd);
      const c = r.pick(ownAgencyCases);
      d = draftFromInstitution(s, r, c.inst, start, 'sub', null, (e) => e.key === c.key);
      break;
    }
    case 'blacklisted': {
      const x = r.pick(s.blacklistedForViolation);
      const lo = maxDate(x.blFrom!, DATE_2022_8);
      const hi = minDate(addDays(x.blUntil!, -1), pastEnd);
      if (lo > hi) break;
      start = randomDate(r, lo, hi);
      d = draftFromInstitution(s, r, x, start, 'sub', null, (e) => !isEntreEntry(s, e));
      break;
    }
    case 'notInDirectory': {
      const stale = r.pick(stale2022);
      const hi = minDate(yearEnd(2023), pastEnd);
      if (hi < yearStart(2023)) break;
      start = randomDate(r, yearStart(2023), hi);
      const key = keys[stale.key];
      const candidates = (s.instsByOcc.get(key.occ) ?? []).filter((x) =>
        standingOk(x, start, addDays(start, 120), true),
      );
      if (!candidates.length) break;
      const inst = r.pick(candidates);
      d = {
        start,
        inst,
        county: countyFor(s, r, inst),
        kind: 'sub',
        key,
        entry: stale,
        programme: pickProgramme(s, r, key, inst),
      };
      break;
    }
    case 'enterprisePublic':
      d = draftFromInstitution(s, r, r.pick(s.enterprises), start, null, null);
      break;
  }
  return d;
}

/** One class: a violation kind (or none), a draft, a finished row; retried deterministically. */
function makeCourse(s: CourseState, id: number): Row {
  const { stale2022 } = s.world.dir;
  const { ownAgencyCases } = s.world.agencies;
  const { t } = s.world;
  const r = s.courseRng.fork(id);
  let v: ViolationKind | null = r.chance(VIOLATION_RATE) ? r.pick(VIOLATION_KINDS) : null;
  if (v === 'notInDirectory' && !stale2022.length) v = null;
  if (v === 'ownAgency' && !ownAgencyCases.length) v = null;
  if (v === 'blacklisted' && !s.blacklistedForViolation.length) v = null;
  if (v === 'enterprisePublic' && !s.enterprises.length) v = null;
  const f = forcedSlots(s, id);
  const forced = Boolean(f.county || f.programme || f.school || f.unit);
  if (forced) v = null;
  for (let attempt = 0; attempt < 60; attempt++) {
    if (attempt === 40) v = null; // give up the violation rather than loop
    const start =
      f.county || f.programme
        ? futureStart(r, t, true)
        : f.school
          ? pastStartIn(r, t, f.school.year)!
          : f.unit
            ? pastStartIn(r, t, 2022)!
            : drawStart(r, t);
    const d = draftFor(s, r, v, start, f);
    if (!d) continue;
    const row = finishCourse(s, r, id, d, v, forced);
    if (row) return row;
  }
  throw new Error(`demo generator: could not build class ${id}`);
}

/** Returns how many classes to make and the function making class `id` (1-based, deterministic per id). */
export function createCourseMaker(world: CourseWorld): {
  nCourses: number;
  courseChunk: (batchSize: number) => number;
  makeCourse: (id: number) => Row;
} {
  const s = courseState(world);
  const nCourses = Math.max(1, Math.round(3000 * world.scale * world.scale));
  return {
    nCourses,
    courseChunk: (batchSize) => Math.max(1, Math.min(batchSize, Math.floor(MAX_BOUND_VARIABLES / 33))),
    makeCourse: (id) => makeCourse(s, id),
  };
}
