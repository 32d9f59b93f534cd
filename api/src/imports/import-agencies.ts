/**
 * Importing evaluation agencies and their recorded scope from a bureau's table: one row per
 * occupation × certificate × level an agency is recorded for, the agency's own columns repeated
 * on each of its rows. Keyed on the credit code (the agency) and occupation + level (a record):
 * a record already current is left as it is, a new one is added, nothing is rewritten.
 */
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { createAgency, recordAgencyScope } from '../agencies/agency-writes';
import { AgencyScope, EvaluationAgency } from '../agencies/agency.entity';
import { validateCreditCode } from '../common/credit-code';
import { isIsoDate } from '../common/dates';
import { AgencyType, CertificateType, SkillLevel } from '../common/enums';
import { findRows } from '../db/rows';
import { CERTIFICATE_TYPE_NAMES, SKILL_LEVEL_NAMES } from '../common/chinese-labels';
import type { Writer } from '../publishers/writer';
import type { ImportKind, Planned } from './import-kind';
import { locateColumns, type ColumnSpec, type RowProblem, type Sheet } from './spreadsheet';

const COLUMNS: readonly ColumnSpec[] = [
  { key: 'name', names: ['机构名称', '评价机构名称'], required: true },
  { key: 'type', names: ['机构类型', '类型'], required: true },
  { key: 'creditCode', names: ['统一社会信用代码', '信用代码'], required: true },
  { key: 'region', names: ['所在地区代码', '行政区划代码'], required: true },
  { key: 'occupation', names: ['职业（工种）编码', '职业编码'], required: true },
  { key: 'certificate', names: ['证书类型', '证书类别'], required: true },
  { key: 'level', names: ['等级', '技能等级'], required: true },
  { key: 'from', names: ['备案日期', '备案起始日期'], required: true },
];
const TYPES: Record<string, AgencyType> = {
  用人单位评价组织: AgencyType.EMPLOYER,
  社会培训评价组织: AgencyType.SOCIAL_TRAINING_EVALUATOR,
  技工院校: AgencyType.TECHNICAL_SCHOOL,
  职业技能鉴定机构: AgencyType.SKILL_APPRAISAL_CENTRE,
  ...Object.fromEntries(Object.values(AgencyType).map((t) => [t, t])),
};

/** One agency of the file with the records to add. */
export interface AgencyRecord {
  existingId: number | null;
  agency: { name: string; type: AgencyType; creditCode: string; region: string };
  scopes: {
    occupationCode: string;
    certificateType: CertificateType;
    level: SkillLevel;
    recordedFrom: string;
    row: number;
  }[];
}

export const agenciesKind: ImportKind<AgencyRecord> = {
  kind: 'agencies',
  title: '评价机构及备案职业',
  columns: COLUMNS,
  naturalKey: 'creditCode (+ occupation + level)',

  async plan(
    em: EntityManager,
    _writer: Writer,
    sheet: Sheet,
  ): Promise<{ planned: Planned<AgencyRecord>[]; problems: RowProblem[] }> {
    const { cell, problems } = locateColumns(sheet.header, COLUMNS);
    if (problems.length) return { planned: [], problems };
    const groups = new Map<string, { first: number; record: AgencyRecord }>();
    const seen = new Map<string, number>();
    for (const [i, r] of sheet.rows.entries()) {
      const row = i + 2;
      const bad = (key: string, rule: string, message: string) =>
        problems.push({
          row,
          column: COLUMNS.find((c) => c.key === key)!.names[0],
          value: cell(r, key),
          rule,
          message,
        });
      const creditCode = cell(r, 'creditCode');
      const v = validateCreditCode(creditCode);
      if (!v.valid) bad('creditCode', 'institution.credit-code', `not a valid unified social credit code: ${v.reason}`);
      const type = TYPES[cell(r, 'type')];
      if (!type) bad('type', 'agency.type', 'must be 用人单位评价组织, 社会培训评价组织, 技工院校 or 职业技能鉴定机构');
      const certificateType = CERTIFICATE_TYPE_NAMES[cell(r, 'certificate')];
      if (!certificateType)
        bad(
          'certificate',
          'agency.certificate',
          'must be 职业资格证书, 职业技能等级证书, 专项职业能力证书, 特种作业证书 or 培训合格证书',
        );
      const level = SKILL_LEVEL_NAMES[cell(r, 'level')];
      if (!level) bad('level', 'agency.level', 'must be 五级, 四级, 三级, 二级, 一级 or 无');
      if (!isIsoDate(cell(r, 'from'))) bad('from', 'agency.date', 'must be a YYYY-MM-DD date');
      const key = `${creditCode}|${cell(r, 'occupation')}|${level}`;
      if (seen.has(key)) bad('occupation', 'file.duplicate-key', `the same record as row ${seen.get(key)}`);
      seen.set(key, row);
      const agency = {
        name: cell(r, 'name'),
        type: type ?? AgencyType.SOCIAL_TRAINING_EVALUATOR,
        creditCode,
        region: cell(r, 'region'),
      };
      const g = groups.get(creditCode) ?? { first: row, record: { existingId: null, agency, scopes: [] } };
      if (
        g.first !== row &&
        (g.record.agency.name !== agency.name ||
          g.record.agency.region !== agency.region ||
          g.record.agency.type !== agency.type)
      ) {
        bad('name', 'file.agency-header', `the agency's columns differ from row ${g.first}`);
      }
      g.record.scopes.push({
        occupationCode: cell(r, 'occupation'),
        certificateType: certificateType ?? CertificateType.SKILL_LEVEL,
        level: level ?? SkillLevel.NONE,
        recordedFrom: cell(r, 'from'),
        row,
      });
      groups.set(creditCode, g);
    }
    const planned: Planned<AgencyRecord>[] = [];
    for (const [creditCode, g] of groups) {
      const [existing] = creditCode ? await findRows(em, EvaluationAgency, { creditCode }) : [];
      const current = existing ? await findRows(em, AgencyScope, { agency: existing.id, recordedUntil: null }) : [];
      const scopes = g.record.scopes.filter(
        (s) =>
          !current.some(
            (c) => c.occupation === s.occupationCode && c.level === s.level && c.certificateType === s.certificateType,
          ),
      );
      planned.push({
        row: g.first,
        key: creditCode,
        action: !existing ? 'create' : scopes.length ? 'update' : 'unchanged',
        record: { ...g.record, existingId: existing?.id ?? null, scopes },
      });
    }
    return { planned, problems };
  },

  async apply(tx: EntityManager, writer: Writer, p: Planned<AgencyRecord>): Promise<RowProblem[]> {
    // The API's own writes: scope checks, overlap rules, audit and search outbox.
    let id = p.record.existingId;
    if (id == null) {
      const created = await createAgency(tx, writer, { ...p.record.agency, institution: null });
      if (!created.ok)
        return created.problems.map((x) => ({ row: p.row, column: x.field, rule: x.rule, message: x.message }));
      id = created.agency.id;
    }
    for (const s of p.record.scopes) {
      const r = await recordAgencyScope(tx, writer, id, s);
      if (!r.ok) return r.problems.map((x) => ({ row: s.row, column: x.field, rule: x.rule, message: x.message }));
    }
    return [];
  },
};
