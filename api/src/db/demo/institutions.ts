/**
 * Step 3 of the demo generator: demo training institutions (one in every county first, then
 * by type and weight), their approved scope, and the few that are blacklisted or lose their
 * licence. Also the naming helpers (brands, places, credit codes, addresses) later steps share.
 */

import { standingEvent } from '../../log/log-entries';
import { recordedAt, type DatedEvent } from './notices';
import { completeCreditCode, CREDIT_CODE_CHARSET } from '../../common/credit-code';
import { addDays, addYears } from '../../common/dates';
import { InstitutionType } from '../../common/enums';
import type { Prng } from '../../common/prng';
import { PREFECTURE_STEMS } from '../../regions/region.names';
import type { Directory, DirectoryPlan } from './directory';
import type { Lookups } from './lookups';
import {
  DEMO_INSTITUTION_ID_BASE,
  insertRows,
  maxDate,
  pad,
  randomDate,
  type County,
  type DemoWriter,
  type Inst,
  type Row,
} from './model';
import {
  BLACKLIST_REASONS,
  BRAND_FIRST,
  BRAND_SECOND,
  INDUSTRY_BY_MIDDLE_GROUP,
  STREETS,
  TRADE_BY_MIDDLE_GROUP,
} from './names';

/** Telephone area codes of the 16 州市 (昆明 0871 … 迪庆 0887). */
const AREA_CODES: Readonly<Record<string, string>> = {
  530100: '0871',
  530300: '0874',
  530400: '0877',
  530500: '0875',
  530600: '0870',
  530700: '0888',
  530800: '0879',
  530900: '0883',
  532300: '0878',
  532500: '0873',
  532600: '0876',
  532800: '0691',
  532900: '0872',
  533100: '0692',
  533300: '0886',
  533400: '0887',
};

/**
 * A demo enrolment phone: a landline of the 州市 (8-digit local numbers in Kunming, 7 elsewhere);
 * one in ten publishes none. Never a mobile number, which would be some person's; the site
 * shows these as demo numbers not to be dialled.
 */
function demoPhone(r: Prng, prefecture: string): string | null {
  if (r.chance(0.1)) return null;
  const area = AREA_CODES[prefecture] ?? '0871';
  return `${area}-${r.int(2, 8)}${pad(r.int(0, area === '0871' ? 9_999_999 : 999_999), area === '0871' ? 7 : 6)}`;
}

/** Names, codes and addresses shaped like Yunnan's, unique across institutions and agencies. */
export interface Namer {
  brand(r: Prng): string;
  prefShort(prefecture: string): { stem: string; full: string };
  placeOf(c: County): string;
  creditCode(r: Prng, prefix: string, region: string): string;
  addressIn(r: Prng, c: County): string;
}

/** The naming helpers over the reference regions. */
export function createNamer(L: Lookups): Namer {
  const { prefectureName } = L;
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
      if (!usedCodes.has(code)) {
        usedCodes.add(code);
        return code;
      }
    }
  };
  const addressIn = (r: Prng, c: County) =>
    `${prefectureName.get(c.prefecture)}${c.name}${r.pick(STREETS)}${r.int(1, 399)}号`;
  return { brand, prefShort, placeOf, creditCode, addressIn };
}

/** Step 3: the demo institutions (not yet written). */
export function makeInstitutions(
  L: Lookups,
  plan: DirectoryPlan,
  dir: Directory,
  namer: Namer,
  root: Prng,
  scale: number,
  today: string,
): Inst[] {
  const { counties, countyByCode, countyWeights, occByCode, seatOf } = L;
  const { entreInfo } = plan;
  const { usedOccs } = dir;
  const { brand, prefShort, placeOf, creditCode, addressIn } = namer;
  const instRng = root.fork('institutions');
  const nInst = Math.max(1, Math.round(600 * scale));
  const insts: Inst[] = [];
  const usedNames = new Set<string>();
  const middleGroups = new Map<string, string[]>();
  for (const code of usedOccs) {
    const m = occByCode.get(code)!.middle;
    (middleGroups.get(m) ?? middleGroups.set(m, []).get(m)!).push(code);
  }
  const middleKeys = [...middleGroups.keys()].sort();
  const middleWeights = middleKeys.map((m) => Math.sqrt(middleGroups.get(m)!.length));
  const industryMiddles = middleKeys.filter((m) => INDUSTRY_BY_MIDDLE_GROUP[m]);
  const entreCodes = [...entreInfo.keys()].filter((c) => usedOccs.includes(c));
  const typeList = [
    InstitutionType.PRIVATE_TRAINING_INSTITUTION,
    InstitutionType.ENTERPRISE_TRAINING_CENTRE,
    InstitutionType.VOCATIONAL_COLLEGE,
    InstitutionType.TECHNICAL_SCHOOL,
    InstitutionType.PUBLIC_TRAINING_BASE,
    InstitutionType.HIGH_SKILL_BASE,
  ];
  const typeWeights = [52, 15, 9, 8, 10, 6];
  for (let i = 0; i < nInst; i++) {
    const r = instRng.fork(i + 1);
    const id = DEMO_INSTITUTION_ID_BASE + i + 1;
    // The first 129 are one per county (private schools and public bases), so every county has one.
    const anchor = i < counties.length;
    const type = anchor
      ? r.weighted([InstitutionType.PRIVATE_TRAINING_INSTITUTION, InstitutionType.PUBLIC_TRAINING_BASE], [4, 1])
      : r.weighted(typeList, typeWeights);
    const seatOnly =
      type === InstitutionType.VOCATIONAL_COLLEGE ||
      type === InstitutionType.TECHNICAL_SCHOOL ||
      type === InstitutionType.HIGH_SKILL_BASE;
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
        case InstitutionType.PRIVATE_TRAINING_INSTITUTION:
          name = `${placeOf(county)}${b}${r.chance(0.7) ? trade : ''}职业技能培训学校`;
          break;
        case InstitutionType.ENTERPRISE_TRAINING_CENTRE:
          ownerCompany = `${stem}${b}${INDUSTRY_BY_MIDDLE_GROUP[focus] ?? '实业'}有限公司`;
          name = `${ownerCompany}职工培训中心`;
          break;
        case InstitutionType.VOCATIONAL_COLLEGE:
          name = r.chance(0.4) ? `${stem}${b}职业学院` : `${placeOf(county)}${b}中等职业学校`;
          break;
        case InstitutionType.TECHNICAL_SCHOOL:
          name = `${full}${b}技工学校`;
          break;
        case InstitutionType.PUBLIC_TRAINING_BASE:
          name =
            tries === 0
              ? `${placeOf(county)}${trade || '综合'}公共实训基地`
              : `${placeOf(county)}${b}${trade}公共实训基地`;
          break;
        default:
          name = `${full}${b}${trade}高技能人才培养基地`;
      }
      if (!usedNames.has(name)) break;
    }
    usedNames.add(name);
    // Scope: mostly the focus trades, some others, entrepreneurship for many private schools.
    const size =
      type === InstitutionType.TECHNICAL_SCHOOL || type === InstitutionType.VOCATIONAL_COLLEGE
        ? r.int(15, 30)
        : type === InstitutionType.ENTERPRISE_TRAINING_CENTRE
          ? r.int(5, 12)
          : r.int(5, 22);
    const scope = new Set<string>();
    const focusOccs = [...new Set([...middleGroups.get(focus)!, ...middleGroups.get(focus2)!])];
    for (const c of r.sample(focusOccs, Math.min(focusOccs.length, Math.ceil(size * 0.6)))) scope.add(c);
    const wantsEntre =
      type !== InstitutionType.ENTERPRISE_TRAINING_CENTRE &&
      r.chance(
        type === InstitutionType.PRIVATE_TRAINING_INSTITUTION || type === InstitutionType.PUBLIC_TRAINING_BASE
          ? 0.35
          : 0.15,
      );
    if (wantsEntre) for (const c of entreCodes) if (c === entreCodes[0] || r.chance(0.5)) scope.add(c);
    while (scope.size < size) scope.add(r.pick(usedOccs));
    const prefix = {
      PRIVATE_TRAINING_INSTITUTION: '52',
      ENTERPRISE_TRAINING_CENTRE: '91',
      VOCATIONAL_COLLEGE: '12',
      TECHNICAL_SCHOOL: r.chance(0.5) ? '12' : '52',
      PUBLIC_TRAINING_BASE: '12',
      HIGH_SKILL_BASE: r.chance(0.5) ? '12' : '91',
      PROVINCIAL_PROJECT_UNIT: '91',
    }[type];
    insts.push({
      id,
      name,
      type,
      county: county.code,
      prefecture: county.prefecture,
      address: addressIn(r, county),
      ownerCompany,
      creditCode: creditCode(r, prefix, county.code),
      licence:
        type === InstitutionType.PRIVATE_TRAINING_INSTITUTION ||
        (type === InstitutionType.TECHNICAL_SCHOOL && prefix === '52')
          ? `人社民${county.code}${pad(r.int(1, 9_999_999), 7)}号`
          : null,
      scope: [...scope].sort(),
      blFrom: null,
      blUntil: null,
      revokedOn: null,
      ownAgency: null,
      teacherBase: r.int(1, 99_000 - 40),
      teachers: r.int(4, 24),
      phone: demoPhone(instRng.fork(`phone/${id}`), county.prefecture),
    });
  }
  ensureCoverage(insts, usedOccs, instRng);
  markStanding(insts, counties.length, namer, instRng, today);
  return insts;
}

/** Every directory occupation is taught by at least three institutions (draws from `instRng.fork('coverage')`). */
function ensureCoverage(insts: Inst[], usedOccs: string[], instRng: Prng): void {
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

/**
 * Blacklisted (≈3 %) and, of those, licence revoked (≈1 %): never the county anchors (the first
 * `nAnchors`). Half are barred today (decided within the last three years, 8号 四(三)), half have
 * served their three years, where today leaves room for both. Draws from `instRng.fork('standing')`.
 */
function markStanding(insts: Inst[], nAnchors: number, namer: Namer, instRng: Prng, today: string): void {
  const { prefShort } = namer;
  const r = instRng.fork('standing');
  const candidates = insts.filter(
    (x, i) =>
      i >= nAnchors &&
      [
        InstitutionType.PRIVATE_TRAINING_INSTITUTION,
        InstitutionType.ENTERPRISE_TRAINING_CENTRE,
        InstitutionType.HIGH_SKILL_BASE,
      ].includes(x.type),
  );
  const nBlack = Math.min(candidates.length, Math.max(1, Math.round(insts.length * 0.03)));
  const black = r.sample(candidates, nBlack);
  const nRevoked = Math.max(1, Math.round(insts.length * 0.01));
  const endedBy = addDays(addYears(today, -3), -1);
  let revoked = 0;
  black.forEach((inst, i) => {
    const ended = i % 2 === 1 && endedBy >= '2021-01-01';
    inst.blFrom = ended
      ? randomDate(r, '2021-01-01', endedBy)
      : randomDate(r, maxDate('2021-01-01', addDays(endedBy, 2)), addDays(today, -20));
    inst.blUntil = addYears(inst.blFrom, 3);
    const { stem } = prefShort(inst.prefecture);
    inst.blDocument = `（演示）${stem}人社发〔${inst.blFrom.slice(0, 4)}〕${r.int(10, 199)}号`;
    if (revoked < nRevoked && inst.type === InstitutionType.PRIVATE_TRAINING_INSTITUTION) {
      inst.revokedOn = addDays(inst.blFrom, r.int(0, 60));
      if (inst.revokedOn > today) inst.revokedOn = today;
      inst.revocationDocument = `（演示）${stem}人社发〔${inst.revokedOn.slice(0, 4)}〕${r.int(200, 399)}号`;
      revoked++;
    }
  });
}

/** Writes the institutions and their scope; returns the counts. */
/** The reason given for an institution's blacklisting (drawn from its own stream: the same seed, the same reason). */
function blacklistReason(root: Prng, x: Inst): string | null {
  return x.blFrom ? root.fork('institutions').fork(`reason/${x.id}`).pick(BLACKLIST_REASONS) : null;
}

const REVOCATION_REASON = '以欺诈手段骗取培训补贴，情节严重，吊销办学许可证（演示数据）';

/**
 * The disclosure log's entries of the demo institutions' standing decisions (blacklistings and
 * licence revocations), each dated on its first day.
 */
export function standingEvents(insts: readonly Inst[], root: Prng): DatedEvent[] {
  const events: DatedEvent[] = [];
  for (const x of insts) {
    const ref = { institution: x.creditCode ?? x.name, name: x.name, region: x.county };
    if (x.blFrom)
      events.push({
        on: x.blFrom,
        event: standingEvent('institution.blacklisted', ref, {
          from: x.blFrom,
          until: x.blUntil ?? undefined,
          document: x.blDocument ?? '',
          reason: blacklistReason(root, x) ?? '',
          at: recordedAt(x.blFrom),
        }),
      });
    if (x.revokedOn)
      events.push({
        on: x.revokedOn,
        event: standingEvent('institution.licence-revocation', ref, {
          on: x.revokedOn,
          document: x.revocationDocument ?? '',
          reason: REVOCATION_REASON,
          at: recordedAt(x.revokedOn),
        }),
      });
  }
  return events;
}

export async function writeInstitutions(
  w: DemoWriter,
  insts: Inst[],
  root: Prng,
  source: string,
): Promise<Record<string, number>> {
  const reasonOf = (x: Inst) => blacklistReason(root, x);
  await insertRows(
    w,
    'Institution',
    insts.map((x) => ({
      id: x.id,
      name: x.name,
      type: x.type,
      creditCode: x.creditCode,
      licenceNumber: x.licence,
      region: x.county,
      address: x.address,
      ownerCompany: x.ownerCompany,
      phone: x.phone ?? null,
      blacklistedFrom: x.blFrom,
      blacklistedUntil: x.blUntil,
      blacklistReason: reasonOf(x),
      blacklistDocument: x.blDocument ?? null,
      licenceRevokedOn: x.revokedOn,
      licenceRevocationDocument: x.revocationDocument ?? null,
      licenceRevocationReason: x.revokedOn ? REVOCATION_REASON : null,
      isDemo: true,
      source,
    })),
  );
  // Each blacklisting is also a decision on record of its own (institutions/blacklisting.entity),
  // recorded on its first day so that the same seed gives the same rows.
  const barred = insts.filter((x) => x.blFrom);
  await insertRows(
    w,
    'Blacklisting',
    barred.map((x) => ({
      institution: x.id,
      from: x.blFrom,
      until: x.blUntil,
      reason: reasonOf(x),
      document: x.blDocument ?? null,
      liftedOn: null,
      liftDocument: null,
      liftReason: null,
      recordedAt: new Date(`${x.blFrom}T00:00:00Z`),
    })),
  );
  {
    const meta = w.em.getMetadata();
    const scopeProp = meta.get('Institution').properties.scope as unknown as {
      pivotEntity: string;
      joinColumns: string[];
      inverseJoinColumns: string[];
    };
    const pivot = meta.find(scopeProp.pivotEntity)!;
    const ownerProp = pivot.props.find((p) => p.fieldNames?.[0] === scopeProp.joinColumns[0])!.name;
    const inverseProp = pivot.props.find((p) => p.fieldNames?.[0] === scopeProp.inverseJoinColumns[0])!.name;
    const rows: Row[] = [];
    for (const x of insts) for (const c of x.scope) rows.push({ [ownerProp]: x.id, [inverseProp]: c });
    await insertRows(w, pivot.className, rows);
    return { institutions: insts.length, institutionScope: rows.length, blacklistings: barred.length };
  }
}

/**
 * The real technical schools of 附件2 as trainers of demo classes, so that delivery against
 * their 2022 targets shows per school. Only the classes are written (labelled demo); the
 * schools' rows stay as the annex has them: no scope, address or agency is invented for them.
 * A school whose row names only its 州市 (or only the province) teaches at that 州市's seat (or
 * Kunming's); technical schools may train anywhere in the province (8号 三(二)).
 */
export function realSchoolTrainers(L: Lookups, plan: DirectoryPlan, dir: Directory, root: Prng): Inst[] {
  const graded = dir.usedOccs.filter((c) => (plan.pairsByOcc.get(c) ?? []).some((p) => !p.entre));
  return L.schoolRows.map((row) => {
    const r = root.fork(`schools/${row.id}`);
    const county =
      L.countyByCode.get(row.region) ?? L.countyByCode.get(L.seatOf.get(row.region) ?? L.seatOf.get('530100')!)!;
    return {
      id: row.id,
      name: row.name,
      type: InstitutionType.TECHNICAL_SCHOOL,
      county: county.code,
      prefecture: county.prefecture,
      address: '',
      ownerCompany: null,
      creditCode: '',
      licence: null,
      scope: r.sample(graded, Math.min(graded.length, 24)).sort(),
      blFrom: null,
      blUntil: null,
      revokedOn: null,
      ownAgency: null,
      teacherBase: r.int(1, 99_000 - 40),
      teachers: r.int(8, 30),
      real: true,
    };
  });
}
