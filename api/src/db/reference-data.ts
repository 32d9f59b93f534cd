import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { EntityManager } from '@mikro-orm/core';
import { REPO_ROOT } from '../config';
import { InstitutionType, RegionLevel, TargetTable } from '../common/enums';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { targetsKind } from '../imports/import-targets';
import { runImportSheet } from '../imports/run-import';
import { readSheet } from '../imports/spreadsheet';
import { SERVER_WRITER, type Writer } from '../publishers/writer';
import { tableOfTitle, TOTAL_UNIT_NAMES } from '../targets/target-table.rules';
import { prefectureCodeOf } from '../regions/region.names';
import type { LogEvent } from '../log/log-entries';

/** Folder of the shipped reference CSVs (see data/SOURCES.md). */
export const DATA_DIR = path.join(REPO_ROOT, 'data');

const ANNEX = '云人社通〔2022〕8号';

/**
 * When the annex tables became public: the notice's 印发 date (2022年2月11日, seed 001), at 09:00
 * in Beijing. The disclosure log records the shipped figures as published then, before anything
 * the catalogue records later.
 */
const ANNEX_PUBLISHED_AT = new Date('2022-02-11T09:00:00+08:00');

/** Reads a CSV of the data folder into objects keyed by header. */
export function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(DATA_DIR, file)), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    trim: true,
  });
}

/** Stable keys of the 16 programmes of 云政发〔2021〕28号, by their sequence number. */
export const PROGRAMME_KEYS: Readonly<Record<number, string>> = {
  1: 'SKILLS_UPGRADING',
  2: 'RURAL_REVITALISATION',
  3: 'KANGYANG',
  4: 'ECO_GUARDIANS',
  5: 'YUNPIN_CRAFTSMEN',
  6: 'MALANHUA',
  7: 'GRADUATES',
  8: 'APPRENTICESHIP',
  9: 'HIGH_SKILL',
  10: 'HIGH_SKILL_LEADERS',
  11: 'RURAL_TALENT',
  12: 'CULTURE_TOURISM',
  13: 'MANAGEMENT',
  14: 'DIGITAL',
  15: 'ECOMMERCE',
  16: 'INTERNATIONAL',
};

/** Ids of the real institution rows: 附件2 technical schools 1–33, 附件4 project units 41–47. */
export const PROJECT_UNIT_ID_BASE = 40;

/** The shipped 2022 target tables (附件1, 2, 4, 5) in the targets import's format. */
export const TARGETS_2022_FILE = 'targets-2022.csv';

/** The operator's writer for the first-start load, as its audit entries name it. */
/** The writer the first start's load records in the audit trail: what a database holding only loaded data has in it. */
export const REFERENCE_WRITER: Writer = { ...SERVER_WRITER, name: 'cli:reference-data' };

/** Where a county's or a school's name points in the division table, else the province. */
function regionFromName(name: string, counties: Record<string, string>[]): string {
  const county = counties.find((c) => name.includes(c.name));
  if (county) return county.code;
  return prefectureCodeOf(name) ?? '530000';
}

/**
 * Loads every shipped reference table: divisions, the 2022 classification, programmes, online
 * platforms, the 33 technical schools and 7 provincial project units of the 2022 annexes, and
 * every figure of the 2022 annex tables (through the targets import). Runs inside the caller's
 * transaction; `today` (default: the host's date) is the import's day, which targets do not use.
 * The figures' disclosure log entries are appended, or kept in `deferLog` for a caller that
 * appends them among later-made events of earlier days (the demo's history).
 * @example await orm.em.fork().transactional((em) => loadReferenceData(em));
 */
export async function loadReferenceData(
  em: EntityManager,
  today: string = new Date().toISOString().slice(0, 10),
  deferLog?: LogEvent[],
): Promise<Record<string, number>> {
  const regions = readCsv('yunnan-divisions.csv');
  const levelOf: Record<string, RegionLevel> = {
    province: RegionLevel.PROVINCE,
    prefecture: RegionLevel.PREFECTURE,
    county: RegionLevel.COUNTY,
  };
  await em.insertMany(
    'Region',
    regions.map((r) => ({ code: r.code, name: r.name, level: levelOf[r.level], parent: r.parent_code || null })),
  );

  const groups = readCsv('occupation-groups.csv');
  await em.insertMany(
    'OccupationGroup',
    groups.map((g) => ({ code: g.code, name: g.name, level: g.level, parent: g.parent_code || null })),
  );
  const occupations = readCsv('occupations.csv');
  // Certification facts are unknown until the demo generator (or an official import) sets them.
  await em.insertMany(
    'Occupation',
    occupations.map((o) => ({
      code: o.code,
      name: o.name,
      group: o.code.split('-').slice(0, 3).join('-'),
      majorGroup: o.major_group,
      hasNationalStandard: null,
      certificateTypesText: '',
      certificationIsDemo: false,
    })),
  );

  const programmes = readCsv('programmes-2021-2025.csv');
  await em.insertMany(
    'Programme',
    programmes.map((p) => ({
      id: Number(p.seq),
      key: PROGRAMME_KEYS[Number(p.seq)],
      groupName: p.group,
      name: p.name,
      target2025: p.target_2025,
      target2021: p.target_2021 || null,
      unit: p.unit,
      leadUnits: p.lead_units,
      source: '云政发〔2021〕28号 二(一)–(二)',
    })),
  );

  const platforms = readCsv('online-platforms.csv');
  await em.insertMany(
    'OnlinePlatform',
    platforms.map((p) => ({
      id: Number(p.seq),
      name: p.name,
      operator: p.operator || null,
      url: p.url,
      source: `${ANNEX} 附件3`,
    })),
  );

  // The schools of 附件2 (ids 1–33, their printed 序号) and the project units of 附件4 (ids 41–47,
  // in the order of its columns) are read from the shipped target tables, their only source.
  const counties = regions.filter((r) => r.level === 'county');
  const targetRows = readCsv(TARGETS_2022_FILE);
  const unitsOf = (table: TargetTable) =>
    targetRows.filter((r) => tableOfTitle(r['表']) === table && !TOTAL_UNIT_NAMES.has(r['单位']));
  const schools = unitsOf(TargetTable.TECHNICAL_SCHOOL).map((r) => ({ seq: Number(r['序号']), name: r['单位'] }));
  await em.insertMany(
    'Institution',
    schools.map((s) => ({
      id: s.seq,
      name: s.name,
      type: InstitutionType.TECHNICAL_SCHOOL,
      region: regionFromName(s.name, counties),
      isDemo: false,
      source: `${ANNEX} 附件2 (region read from the name; province where the name names none)`,
    })),
  );
  const unitNames = [...new Set(unitsOf(TargetTable.PROVINCIAL_PROJECT).map((r) => r['单位']))];
  await em.insertMany(
    'Institution',
    unitNames.map((name, i) => ({
      id: PROJECT_UNIT_ID_BASE + i + 1,
      name,
      type: InstitutionType.PROVINCIAL_PROJECT_UNIT,
      region: '530000',
      isDemo: false,
      source: `${ANNEX} 附件4`,
    })),
  );

  // Every figure of the 2022 annexes through the targets import: the checks and the writes a
  // province's file gets (totals, units, audit), so there is one way targets enter the catalogue.
  const sql = em as unknown as SqlEntityManager;
  const report = await runImportSheet(
    sql,
    REFERENCE_WRITER,
    targetsKind,
    await readSheet(path.join(DATA_DIR, TARGETS_2022_FILE)),
    TARGETS_2022_FILE,
    { today, at: ANNEX_PUBLISHED_AT, deferLog },
  );
  if (!report.applied) {
    throw new Error(
      `data/${TARGETS_2022_FILE} does not import: ${report.problems
        .slice(0, 5)
        .map((p) => `row ${p.row}, ${p.column}: ${p.rule}: ${p.message}`)
        .join('; ')}`,
    );
  }

  return {
    regions: regions.length,
    occupationGroups: groups.length,
    occupations: occupations.length,
    programmes: programmes.length,
    onlinePlatforms: platforms.length,
    realInstitutions: schools.length + unitNames.length,
    annualTargets: report.create,
  };
}
