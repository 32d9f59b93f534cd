/**
 * Step 0 of the demo generator: the reference rows it builds on (regions, the 2022
 * classification, programmes, platforms, provincial project units), read once into small maps.
 */

import { InstitutionType } from '../../common/enums';
import { PROGRAMME_KEYS } from '../reference-data';
import type { County, DemoWriter, Occ } from './model';

/** The reference data as the generator looks it up. */
export interface Lookups {
  prefectureName: Map<string, string>;
  counties: County[];
  /** County-level code of each 州市's seat (its first listed unit). */
  seatOf: Map<string, string>;
  countyByCode: Map<string, County>;
  countiesByPrefecture: Map<string, County[]>;
  countyWeights: number[];
  occs: Occ[];
  occByCode: Map<string, Occ>;
  occByName: Map<string, Occ>;
  /** Codes of the named occupations; a name missing from the classification is skipped. */
  codesOf(names: readonly string[]): string[];
  programmeId: Map<string, number>;
  platformIds: number[];
  unitRows: { id: number; name: string }[];
  /** The 33 technical schools of 附件2 (real rows): id, name and region (county, 州市 or the province). */
  schoolRows: { id: number; name: string; region: string }[];
}

/** Reads the reference rows the demo hangs off. */
export async function loadLookups(w: DemoWriter): Promise<Lookups> {
  const regionRows = await w.query<{ code: string; name: string; level: string; parent_code: string | null }>(
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
    counties.push({
      code: r.code,
      name: r.name,
      prefecture: r.parent_code,
      weight: (seat ? 3 : 1) * (r.parent_code === '530100' ? 1.6 : 1),
    });
  }
  const countiesByPrefecture = new Map<string, County[]>();
  for (const c of counties)
    (countiesByPrefecture.get(c.prefecture) ?? countiesByPrefecture.set(c.prefecture, []).get(c.prefecture)!).push(c);

  const occRows = await w.query<{ code: string; name: string; major_group: string }>(
    'select code, name, major_group from occupation order by code',
  );
  const occs: Occ[] = occRows.map((o) => ({
    code: o.code,
    name: o.name,
    major: String(o.major_group),
    middle: o.code.split('-').slice(0, 2).join('-'),
  }));
  const occByName = new Map(occs.map((o) => [o.name, o]));

  const programmeRows = await w.query<{ id: number; key: string }>('select id, key from programme order by id');
  const programmeId = new Map(programmeRows.map((p) => [p.key, Number(p.id)]));
  for (const [id, key] of Object.entries(PROGRAMME_KEYS)) if (!programmeId.has(key)) programmeId.set(key, Number(id));
  return {
    prefectureName,
    counties,
    seatOf,
    countiesByPrefecture,
    countyByCode: new Map(counties.map((c) => [c.code, c])),
    countyWeights: counties.map((c) => c.weight),
    occs,
    occByName,
    occByCode: new Map(occs.map((o) => [o.code, o])),
    codesOf: (names) => names.map((n) => occByName.get(n)?.code).filter((c): c is string => Boolean(c)),
    programmeId,
    platformIds: (await w.query<{ id: number }>('select id from online_platform order by id')).map((p) => Number(p.id)),
    unitRows: await w.query<{ id: number; name: string }>(
      `select id, name from institution where type = '${InstitutionType.PROVINCIAL_PROJECT_UNIT}' order by id`,
    ),
    schoolRows: (
      await w.query<{ id: number; name: string; region_code: string }>(
        `select id, name, region_code from institution where type = '${InstitutionType.TECHNICAL_SCHOOL}' and is_demo = false order by id`,
      )
    ).map((x) => ({ id: Number(x.id), name: x.name, region: x.region_code })),
  };
}
