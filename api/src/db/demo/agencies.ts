/**
 * Step 4 of the demo generator: evaluation agencies (some belonging to training institutions),
 * their recorded scope per occupation × certificate × level with dates, the few pairs only one
 * agency covers (the sole-agency exemption of 8号 三(十)), and their fee schedules (50号 (十二)).
 */

import { AgencyType, InstitutionType, SkillLevel } from '../../common/enums';
import type { Prng } from '../../common/prng';
import type { Directory, DirectoryPlan } from './directory';
import type { Namer } from './institutions';
import type { Lookups } from './lookups';
import {
  GRADED,
  LEVELS_DOWN,
  LEVEL_RANK,
  insertRows,
  randomDate,
  type Agency,
  type AgencyRecord,
  type DemoWriter,
  type Inst,
  type Pair,
  type Row,
} from './model';
import { addDays, addYears } from '../../common/dates';
import { INDUSTRY_BY_MIDDLE_GROUP } from './names';

/** The agencies and what the class step needs of them. */
export interface Agencies {
  agencies: Agency[];
  /** Key id → the agencies recorded for it, with dates. */
  keyAgencies: Map<number, AgencyRecord[]>;
  scopeRows: Row[];
  /** Key id → institution id owning its only agency. */
  soleOwner: Map<number, number>;
  /** The (institution, key) pairs where an institution could assess its own class: `ownAgency`. */
  ownAgencyCases: Array<{ inst: Inst; key: number }>;
}

/** Step 4: the agencies and their scope (not yet written). Marks sole-agency pairs on the plan. */
export function makeAgencies(
  L: Lookups,
  plan: DirectoryPlan,
  dir: Directory,
  insts: Inst[],
  namer: Namer,
  root: Prng,
  scale: number,
  today: string,
): Agencies {
  const { pairsByOcc } = plan;
  const { usedPairs } = dir;
  const instById = new Map(insts.map((x) => [x.id, x]));
  const agRng = root.fork('agencies');
  const nAg = Math.max(3, Math.round(100 * scale));
  const agencies = makeAgencyList(L, insts, namer, agRng, nAg);
  const { keyAgencies, scopeRows } = makeScope(plan, usedPairs, agencies, instById, agRng, scale, today);
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
          if (
            keyAgencies.get(kid)?.some((a) => a.agency === inst.ownAgency && a.until === null && a.from <= '2021-01-01')
          )
            ownAgencyCases.push({ inst, key: kid });
        }
      }
    }
  }
  return { agencies, keyAgencies, scopeRows, soleOwner, ownAgencyCases };
}

/**
 * The agency list: about 30% belong to training institutions (weighted by institution type,
 * placed at random slots), the rest are independent with invented names and credit codes.
 * Sets `ownAgency` on the owning institutions. Draws from `agRng.fork('list')` and one fork per agency.
 */
function makeAgencyList(L: Lookups, insts: Inst[], namer: Namer, agRng: Prng, nAg: number): Agency[] {
  const { counties, countyByCode, countyWeights, seatOf } = L;
  const { brand, prefShort, creditCode } = namer;
  const agencies: Agency[] = [];
  const r = agRng.fork('list');
  const ownerTypeWeight: Partial<Record<InstitutionType, number>> = {
    TECHNICAL_SCHOOL: 4,
    ENTERPRISE_TRAINING_CENTRE: 2,
    VOCATIONAL_COLLEGE: 2,
    HIGH_SKILL_BASE: 2,
    PRIVATE_TRAINING_INSTITUTION: 1,
  };
  const ownerPool = insts.filter((x) => !x.blFrom && ownerTypeWeight[x.type]);
  const nOwned = Math.min(ownerPool.length, Math.round(nAg * 0.3));
  const owners: Inst[] = [];
  {
    const pool = [...ownerPool];
    while (owners.length < nOwned && pool.length) {
      const pick = r.weighted(
        pool,
        pool.map((x) => ownerTypeWeight[x.type]!),
      );
      owners.push(pick);
      pool.splice(pool.indexOf(pick), 1);
    }
  }
  const ownedSlots = new Set(
    r.sample(
      Array.from({ length: nAg }, (_, i) => i),
      owners.length,
    ),
  );
  let ownerPos = 0;
  const agencyNames = new Set<string>();
  for (let i = 0; i < nAg; i++) {
    const ar = agRng.fork(`agency/${i + 1}`);
    const id = i + 1;
    if (ownedSlots.has(i)) {
      const inst = owners[ownerPos++];
      const type =
        inst.type === InstitutionType.TECHNICAL_SCHOOL
          ? AgencyType.TECHNICAL_SCHOOL
          : inst.type === InstitutionType.ENTERPRISE_TRAINING_CENTRE
            ? AgencyType.EMPLOYER
            : AgencyType.SOCIAL_TRAINING_EVALUATOR;
      const name =
        type === AgencyType.EMPLOYER ? `${inst.ownerCompany}职业技能等级认定中心` : `${inst.name}职业技能等级认定站`;
      agencyNames.add(name);
      inst.ownAgency = id;
      agencies.push({
        id,
        name,
        type,
        region: inst.county,
        institution: inst.id,
        creditCode: inst.creditCode,
        pairs: new Set(),
      });
      continue;
    }
    const type = ar.weighted(
      [AgencyType.SKILL_APPRAISAL_CENTRE, AgencyType.SOCIAL_TRAINING_EVALUATOR, AgencyType.EMPLOYER],
      [35, 45, 20],
    );
    let county = ar.weighted(counties, countyWeights);
    if (ar.chance(0.6)) county = countyByCode.get(seatOf.get(county.prefecture)!)!;
    const { stem } = prefShort(county.prefecture);
    let name = '';
    do {
      const b = brand(ar);
      name =
        type === AgencyType.SKILL_APPRAISAL_CENTRE
          ? `${stem}${b}职业技能鉴定所`
          : type === AgencyType.SOCIAL_TRAINING_EVALUATOR
            ? `云南${b}职业技能评价有限公司`
            : `${stem}${b}${ar.pick(Object.values(INDUSTRY_BY_MIDDLE_GROUP))}有限公司`;
    } while (agencyNames.has(name));
    agencyNames.add(name);
    const prefix =
      type === AgencyType.SKILL_APPRAISAL_CENTRE ? '12' : type === AgencyType.EMPLOYER ? '91' : ar.pick(['91', '52']);
    agencies.push({
      id,
      name,
      type,
      region: county.code,
      institution: null,
      creditCode: creditCode(ar, prefix, county.code),
      pairs: new Set(),
    });
  }
  return agencies;
}

/**
 * The recorded scope: every directory pair by two or more agencies with full records, a few by
 * exactly one (an agency of a training institution: the sole-agency exemption of 8号 三(十)),
 * marked `sole` on the plan's pairs. Draws from `agRng.fork('scope')` and its per-pair forks.
 */
function makeScope(
  plan: DirectoryPlan,
  usedPairs: Pair[],
  agencies: Agency[],
  instById: Map<number, Inst>,
  agRng: Prng,
  scale: number,
  today: string,
): { keyAgencies: Map<number, AgencyRecord[]>; scopeRows: Row[] } {
  const { coreSet, keys } = plan;
  const keyAgencies = new Map<number, AgencyRecord[]>();
  const scopeRows: Row[] = [];
  const r = agRng.fork('scope');
  const ownedAgencies = agencies.filter((a) => a.institution !== null);
  const soleCandidates = usedPairs.filter(
    (p) =>
      GRADED.has(p.cert) &&
      !p.entre &&
      !coreSet.has(p.occ) &&
      ownedAgencies.some((a) => instById.get(a.institution!)!.scope.includes(p.occ)),
  );
  const nSole = Math.min(soleCandidates.length, Math.max(2, Math.round(usedPairs.length * 0.03)));
  for (const p of r.sample(soleCandidates, nSole)) p.sole = true;
  const record = (a: Agency, p: Pair, from: string, until: string | null, levels: readonly SkillLevel[]) => {
    a.pairs.add(p.id);
    for (const kid of p.keys) {
      const k = keys[kid];
      if (!levels.includes(k.level)) continue;
      (keyAgencies.get(kid) ?? keyAgencies.set(kid, []).get(kid)!).push({ agency: a.id, from, until });
      scopeRows.push({
        agency: a.id,
        occupation: k.occ,
        certificateType: k.cert,
        level: k.level,
        recordedFrom: from,
        recordedUntil: until,
      });
    }
  };
  const fullFrom = (pr: Prng) => randomDate(pr, '2017-01-01', '2020-11-30');
  const kMax = Math.min(agencies.length, 3 + Math.ceil(scale));
  for (const p of usedPairs) {
    const pr = r.fork(`pair/${p.occ}/${p.cert}`);
    if (p.sole) {
      const owner = pr.pick(ownedAgencies.filter((a) => instById.get(a.institution!)!.scope.includes(p.occ)));
      record(owner, p, fullFrom(pr), null, p.levels);
      continue;
    }
    const weights = agencies.map((a) =>
      a.institution === null
        ? a.type === AgencyType.EMPLOYER
          ? 0.5
          : 1
        : instById.get(a.institution)!.scope.includes(p.occ)
          ? 3
          : 0.3,
    );
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
      if (i < 2) {
        record(a, p, fullFrom(pr), null, p.levels);
        return;
      }
      // Recorded since 2019, up to two months ago; a few records run for one or two years only
      // (ended, or ending after today): the two full records above keep every pair covered today.
      const from = randomDate(pr, '2019-01-01', addDays(today, -60));
      const until = pr.chance(0.15) ? randomDate(pr, addYears(from, 1), addYears(from, 2)) : null;
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
  return { keyAgencies, scopeRows };
}

/** Writes the agencies, their scope and fees; returns the counts. */
export async function writeAgencies(
  w: DemoWriter,
  plan: DirectoryPlan,
  a: Agencies,
  root: Prng,
  source: string,
): Promise<Record<string, number>> {
  const { agencies, scopeRows } = a;
  const { pairs } = plan;
  const agRng = root.fork('agencies');
  await insertRows(
    w,
    'EvaluationAgency',
    agencies.map((a) => ({
      id: a.id,
      name: a.name,
      type: a.type,
      creditCode: a.creditCode,
      region: a.region,
      institution: a.institution,
      isDemo: true,
      source,
    })),
  );
  await insertRows(
    w,
    'AgencyScope',
    scopeRows.map((s, i) => ({ id: i + 1, ...s })),
  );
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
        feeRows.push({
          agency: a.id,
          level,
          item: '实操考核',
          feeYuan: Math.round((r.int(15, 28) * 10 * f) / 10) * 10,
        });
      }
    }
    await insertRows(
      w,
      'AgencyFee',
      feeRows.map((f, i) => ({ id: i + 1, ...f })),
    );
    return { agencies: agencies.length, agencyScope: scopeRows.length, agencyFees: feeRows.length };
  }
}
