/**
 * The class step's world (what step 5 of the demo generator reads), the draft a class starts as,
 * and the indexes and counters built from the world once before the first class. Kept apart from
 * `courses.ts`, which draws the classes, so that each stays readable (and under 600 lines).
 */

import { addDays } from '../../common/dates';
import { InstitutionType, TargetTable } from '../../common/enums';
import type { Prng } from '../../common/prng';
import { tableOfTitle } from '../../targets/target-table.rules';
import { PROGRAMME_KEYS, readCsv, TARGETS_2022_FILE } from '../reference-data';
import type { Agencies } from './agencies';
import type { Directory, DirectoryPlan } from './directory';
import type { Namer } from './institutions';
import type { Lookups } from './lookups';
import { DATE_2022_8, addTo, type Entry, type Inst, type Key, type ProjectUnit } from './model';
import { PROGRAMME_WEIGHTS, PROJECT_UNIT_OCCUPATIONS } from './names';
import { pastRange, type Timeline } from './timeline';

/** Everything the class step reads. */
export interface CourseWorld {
  L: Lookups;
  plan: DirectoryPlan;
  dir: Directory;
  insts: Inst[];
  agencies: Agencies;
  namer: Namer;
  /** The 33 technical schools of 附件2, running demo classes (see {@link realSchoolTrainers}). */
  schools: Inst[];
  root: Prng;
  scale: number;
  t: Timeline;
}

/** A class before its details are drawn: where, who, which directory entry, which programme. */
export interface Draft {
  start: string;
  inst: Inst;
  county: string;
  kind: 'entre' | 'sub' | 'unsub';
  key: Key;
  entry: Entry | null;
  programme: string;
  projectUnit?: number;
}

/** The world and the indexes and counters the class step builds from it once, before the first class. */
export interface CourseState {
  world: CourseWorld;
  /** The day before today: the last day a finished class may end on. */
  pastEnd: string;
  instsByOcc: Map<string, Inst[]>;
  instsByCounty: Map<string, Inst[]>;
  programmeKeys: string[];
  programmeWeightList: number[];
  entriesByYearProgramme: Map<string, Entry[]>;
  keysByProgramme: Map<string, Key[]>;
  projectUnits: ProjectUnit[];
  blacklistedForViolation: Inst[];
  enterprises: Inst[];
  /** Classes numbered so far per year and county (the class number's sequence). */
  classCounters: Map<string, number>;
  courseRng: Prng;
  programmeList: string[];
  unitSlots: { unit: ProjectUnit; prefecture: string }[];
  schoolSlots: { school: Inst; year: number }[];
}

/** Institutions by occupation of their scope and by county; the occupations enterprise centres teach. */
function indexInstitutions(insts: Inst[]) {
  const instsByOcc = new Map<string, Inst[]>();
  for (const x of insts) for (const c of x.scope) (instsByOcc.get(c) ?? instsByOcc.set(c, []).get(c)!).push(x);
  const instsByCounty = new Map<string, Inst[]>();
  for (const x of insts) (instsByCounty.get(x.county) ?? instsByCounty.set(x.county, []).get(x.county)!).push(x);
  const enterpriseOccs = new Set(
    insts.filter((x) => x.type === InstitutionType.ENTERPRISE_TRAINING_CENTRE).flatMap((x) => x.scope),
  );
  return { instsByOcc, instsByCounty, enterpriseOccs };
}

/** Directory entries by year and programme, and the keys in use by programme (apprenticeships: enterprise occupations). */
function indexProgrammes(plan: DirectoryPlan, dir: Directory, enterpriseOccs: ReadonlySet<string>) {
  const { keys, pairs } = plan;
  const { entries, usedKeyIds } = dir;
  const entriesByYearProgramme = new Map<string, Entry[]>();
  const keysByProgramme = new Map<string, Key[]>();
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
  return { entriesByYearProgramme, keysByProgramme };
}

/** The provincial project units, each with its occupations and the 州市 附件4 gives it a figure in. */
function readProjectUnits(L: Lookups): ProjectUnit[] {
  const { codesOf, unitRows } = L;
  const projectUnits: ProjectUnit[] = [];
  // 附件4's cells (州市 × project unit) from the shipped target tables.
  const cells = readCsv(TARGETS_2022_FILE).filter((row) => tableOfTitle(row['表']) === TargetTable.PROVINCIAL_PROJECT);
  for (const u of unitRows) {
    const spec = PROJECT_UNIT_OCCUPATIONS.find((s) => u.name.includes(s.nameContains));
    if (!spec) continue;
    const prefectures = new Set(
      cells
        .filter((row) => row['单位'] === u.name && row['州市代码'] !== '530000' && Number(row['数值']) > 0)
        .map((row) => row['州市代码']),
    );
    projectUnits.push({
      id: Number(u.id),
      occs: spec.occupations === '*' ? '*' : new Set(codesOf(spec.occupations)),
      prefectures,
    });
  }
  return projectUnits;
}

/**
 * Builds the indexes once; the PRNG streams are forks by name, so building them draws nothing.
 * @param world everything the class step reads.
 * @returns the state every class draws from; `classCounters` starts empty.
 * @example const s = courseState({ L, plan, dir, insts, agencies, namer, schools, root, scale, t });
 */
export function courseState(world: CourseWorld): CourseState {
  const { insts, root, t, schools } = world;
  const { instsByOcc, instsByCounty, enterpriseOccs } = indexInstitutions(insts);
  const programmeKeys = Object.keys(PROGRAMME_WEIGHTS);
  const programmeWeightList = programmeKeys.map((k) => PROGRAMME_WEIGHTS[k]);
  const { entriesByYearProgramme, keysByProgramme } = indexProgrammes(world.plan, world.dir, enterpriseOccs);
  const projectUnits = readProjectUnits(world.L);
  const blacklistedForViolation = insts.filter(
    (x) => x.blFrom && !x.revokedOn && x.blFrom <= addDays(t.today, -30) && x.blUntil! > DATE_2022_8,
  );
  const enterprises = insts.filter((x) => x.type === InstitutionType.ENTERPRISE_TRAINING_CENTRE && !x.blFrom);
  return {
    world,
    pastEnd: addDays(t.today, -1),
    instsByOcc,
    instsByCounty,
    programmeKeys,
    programmeWeightList,
    entriesByYearProgramme,
    keysByProgramme,
    projectUnits,
    blacklistedForViolation,
    enterprises,
    classCounters: new Map<string, number>(),
    courseRng: root.fork('courses'),
    programmeList: Object.values(PROGRAMME_KEYS),
    // One 2022 class contracted by each provincial project unit in each 州市 附件4 gives it a figure.
    unitSlots: projectUnits.flatMap((unit) => [...unit.prefectures].sort().map((prefecture) => ({ unit, prefecture }))),
    schoolSlots: schools.flatMap((school) =>
      t.years
        .filter((y) => y <= Number(t.today.slice(0, 4)) && pastRange(t, y) !== null)
        .map((year) => ({ school, year })),
    ),
  };
}
