import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { EntityManager } from '@mikro-orm/core';
import { REPO_ROOT } from '../config';
import { InstitutionType, RegionLevel, TargetTable } from '../common/enums';
import { toPersons } from '../targets/target.rules';
import { prefectureCodeOf } from '../regions/region.names';

/** Folder of the shipped reference CSVs (see data/SOURCES.md). */
export const DATA_DIR = path.join(REPO_ROOT, 'data');

const ANNEX = '云人社通〔2022〕8号';

/** Reads a CSV of the data folder into objects keyed by header. */
export function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(DATA_DIR, file)), { columns: true, skip_empty_lines: true, bom: true, trim: true });
}

/** Stable keys of the 16 programmes of 云政发〔2021〕28号, by their sequence number. */
export const PROGRAMME_KEYS: Readonly<Record<number, string>> = {
  1: 'SKILLS_UPGRADING', 2: 'RURAL_REVITALISATION', 3: 'KANGYANG', 4: 'ECO_GUARDIANS', 5: 'YUNPIN_CRAFTSMEN',
  6: 'MALANHUA', 7: 'GRADUATES', 8: 'APPRENTICESHIP', 9: 'HIGH_SKILL', 10: 'HIGH_SKILL_LEADERS',
  11: 'RURAL_TALENT', 12: 'CULTURE_TOURISM', 13: 'MANAGEMENT', 14: 'DIGITAL', 15: 'ECOMMERCE', 16: 'INTERNATIONAL',
};

/** Ids of the real institution rows: 附件2 technical schools 1–33, 附件4 project units 41–47. */
export const PROJECT_UNIT_ID_BASE = 40;

const PREFECTURE_PLAN_COLUMNS: ReadonlyArray<[string, string]> = [
  ['total', '完成培训人数'],
  ['certificate', '其中:取得职业资格和职业技能等级类别证书人数'],
  ['certificate_high_level', '其中:高级工及以上'],
  ['rural_labour', '含:农村劳动力补贴性培训人数'],
  ['technical_schools', '含:由技工院校承担培训人数'],
  ['apprenticeship', '含:新型学徒制培训人数'],
  ['entrepreneurship', '含:创业培训'],
  ['college_students', '含:大学生职业培训'],
  ['college_skills', '其中:大学生技能培训'],
];

const ENTREPRENEURSHIP_COLUMNS: ReadonlyArray<[string, string]> = [
  ['total', '创业培训目标任务'],
  ['siyb', '其中:SIYB创业培训任务'],
  ['siyb_college', '含大学生SIYB培训任务'],
  ['online', '其中:网络创业培训任务'],
  ['online_college', '含大学生网络创业培训任务'],
  ['online_livestream_pilot', '含网络创业直播培训(试点)'],
];

/** Where a county's or a school's name points in the division table, else the province. */
function regionFromName(name: string, counties: Record<string, string>[]): string {
  const county = counties.find((c) => name.includes(c.name));
  if (county) return county.code;
  return prefectureCodeOf(name) ?? '530000';
}

/**
 * Loads every shipped reference table: divisions, the 2022 classification, programmes, online
 * platforms, the 33 technical schools and 7 provincial project units of the 2022 annexes, and
 * every figure of the 2022 annex tables. Runs inside the caller's transaction.
 */
export async function loadReferenceData(em: EntityManager): Promise<Record<string, number>> {
  const regions = readCsv('yunnan-divisions.csv');
  const levelOf: Record<string, RegionLevel> = { province: RegionLevel.PROVINCE, prefecture: RegionLevel.PREFECTURE, county: RegionLevel.COUNTY };
  await em.insertMany('Region', regions.map((r) => ({ code: r.code, name: r.name, level: levelOf[r.level], parent: r.parent_code || null })));

  const groups = readCsv('occupation-groups.csv');
  await em.insertMany('OccupationGroup', groups.map((g) => ({ code: g.code, name: g.name, level: g.level, parent: g.parent_code || null })));
  const occupations = readCsv('occupations.csv');
  // Certification facts are unknown until the demo generator (or an official import) sets them.
  await em.insertMany('Occupation', occupations.map((o) => ({
    code: o.code, name: o.name, group: o.code.split('-').slice(0, 3).join('-'), majorGroup: o.major_group,
    hasNationalStandard: null, certificateTypesText: '', certificationIsDemo: false,
  })));

  const programmes = readCsv('programmes-2021-2025.csv');
  await em.insertMany('Programme', programmes.map((p) => ({
    id: Number(p.seq), key: PROGRAMME_KEYS[Number(p.seq)], groupName: p.group, name: p.name, target2025: p.target_2025,
    target2021: p.target_2021 || null, unit: p.unit, leadUnits: p.lead_units, source: '云政发〔2021〕28号 二(一)–(二)',
  })));

  const platforms = readCsv('online-platforms.csv');
  await em.insertMany('OnlinePlatform', platforms.map((p) => ({
    id: Number(p.seq), name: p.name, operator: p.operator || null, url: p.url, source: `${ANNEX} 附件3`,
  })));

  const counties = regions.filter((r) => r.level === 'county');
  const schools = readCsv('technical-schools-2022.csv');
  await em.insertMany('Institution', schools.map((s) => ({
    id: Number(s.seq), name: s.name, type: InstitutionType.TECHNICAL_SCHOOL, region: regionFromName(s.name, counties),
    isDemo: false, source: `${ANNEX} 附件2 (region read from the name; province where the name names none)`,
  })));
  const projectTable = readCsv('provincial-projects-2022.csv');
  const unitNames = Object.keys(projectTable[0]).filter((k) => !['prefecture_code', 'prefecture', 'total'].includes(k));
  await em.insertMany('Institution', unitNames.map((name, i) => ({
    id: PROJECT_UNIT_ID_BASE + i + 1, name, type: InstitutionType.PROVINCIAL_PROJECT_UNIT, region: '530000',
    isDemo: false, source: `${ANNEX} 附件4`,
  })));

  const targets: Record<string, unknown>[] = [];
  const add = (t: { table: TargetTable; seq: number; unitName: string; region: string | null; institution?: number | null; metric: string; metricLabel: string; value: string; unit: string; isTotal: boolean; annex: string }) =>
    targets.push({ year: 2022, table: t.table, seq: t.seq, unitName: t.unitName, region: t.region, institution: t.institution ?? null,
      metric: t.metric, metricLabel: t.metricLabel, value: t.value, unit: t.unit, persons: toPersons(t.value, t.unit), isTotal: t.isTotal,
      source: `${ANNEX} ${t.annex}` });

  readCsv('targets-2022-prefecture.csv').forEach((row, i) => {
    for (const [metric, label] of PREFECTURE_PLAN_COLUMNS) {
      add({ table: TargetTable.PREFECTURE_PLAN, seq: i, unitName: row.prefecture, region: row.prefecture_code, metric, metricLabel: label,
        value: row[metric], unit: '万人次', isTotal: row.prefecture_code === '530000', annex: '附件1 云南省2022年职业培训任务计划表' });
    }
  });
  schools.forEach((s) => add({ table: TargetTable.TECHNICAL_SCHOOL, seq: Number(s.seq), unitName: s.name, region: null, institution: Number(s.seq),
    metric: 'target', metricLabel: '目标任务', value: s.target_10k, unit: '万人', isTotal: false, annex: '附件2 技工院校2022年职业培训任务计划表' }));
  add({ table: TargetTable.TECHNICAL_SCHOOL, seq: schools.length + 1, unitName: '合计', region: null, metric: 'target', metricLabel: '目标任务',
    value: '20', unit: '万人', isTotal: true, annex: '附件2 技工院校2022年职业培训任务计划表' });
  projectTable.forEach((row, i) => {
    const rowTotal = row.prefecture_code === '530000';
    unitNames.forEach((unit, j) => add({ table: TargetTable.PROVINCIAL_PROJECT, seq: i * 10 + j, unitName: unit, region: row.prefecture_code,
      institution: PROJECT_UNIT_ID_BASE + j + 1, metric: 'persons', metricLabel: '人数', value: row[unit], unit: '人次', isTotal: rowTotal,
      annex: '附件4 2022年省级项目职业培训计划表' }));
    add({ table: TargetTable.PROVINCIAL_PROJECT, seq: i * 10 + 9, unitName: '全省合计', region: row.prefecture_code, metric: 'persons',
      metricLabel: '人数', value: row.total, unit: '人次', isTotal: true, annex: '附件4 2022年省级项目职业培训计划表' });
  });
  readCsv('entrepreneurship-2022.csv').forEach((row, i) => {
    for (const [metric, label] of ENTREPRENEURSHIP_COLUMNS) {
      add({ table: TargetTable.ENTREPRENEURSHIP, seq: i, unitName: row.prefecture, region: row.prefecture_code, metric, metricLabel: label,
        value: row[metric], unit: '人', isTotal: !row.seq, annex: '附件5 2022年创业培训任务计划表' });
    }
  });
  await em.insertMany('AnnualTarget', targets.map((t, i) => ({ id: i + 1, ...t })));

  return {
    regions: regions.length, occupationGroups: groups.length, occupations: occupations.length, programmes: programmes.length,
    onlinePlatforms: platforms.length, realInstitutions: schools.length + unitNames.length, annualTargets: targets.length,
  };
}
