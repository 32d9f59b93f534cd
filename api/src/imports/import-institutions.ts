/**
 * Importing institutions from a bureau's table: one row per institution, keyed on the unified
 * social credit code (a re-import updates what changed and leaves the rest).
 */
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { InstitutionType } from '../common/enums';
import { validatePhone } from '../common/phone';
import { findRows } from '../db/rows';
import { createInstitution, updateInstitution } from '../institutions/institution-writes';
import { Institution } from '../institutions/institution.entity';
import { checkInstitutionDraft, type InstitutionDraft } from '../institutions/institution.rules';
import { Occupation } from '../occupations/occupation.entity';
import { canWrite, levelOf } from '../publishers/publisher.rules';
import type { Writer } from '../publishers/writer';
import { Region } from '../regions/region.entity';
import type { ImportKind, Planned } from './import-kind';
import { locateColumns, type ColumnSpec, type RowProblem, type Sheet } from './spreadsheet';

const COLUMNS: readonly ColumnSpec[] = [
  { key: 'name', names: ['机构名称', '名称', '单位名称'], required: true },
  { key: 'type', names: ['机构类型', '类型'], required: true },
  { key: 'creditCode', names: ['统一社会信用代码', '信用代码'], required: true },
  { key: 'licence', names: ['办学许可证号', '许可证号'], required: false },
  { key: 'region', names: ['所在地区代码', '行政区划代码', '地区代码'], required: true },
  { key: 'address', names: ['地址', '办学地址'], required: false },
  { key: 'ownerCompany', names: ['所属企业'], required: false },
  { key: 'phone', names: ['报名电话', '联系电话', '电话'], required: false },
  { key: 'scope', names: ['培训职业（工种）编码', '职业编码', '培训职业编码'], required: true },
];

/** The types as bureaus write them. */
const TYPES: Record<string, InstitutionType> = {
  技工院校: InstitutionType.TECHNICAL_SCHOOL,
  技工学校: InstitutionType.TECHNICAL_SCHOOL,
  技师学院: InstitutionType.TECHNICAL_SCHOOL,
  职业院校: InstitutionType.VOCATIONAL_COLLEGE,
  民办职业培训机构: InstitutionType.PRIVATE_TRAINING_INSTITUTION,
  职业培训学校: InstitutionType.PRIVATE_TRAINING_INSTITUTION,
  企业职工培训中心: InstitutionType.ENTERPRISE_TRAINING_CENTRE,
  公共实训基地: InstitutionType.PUBLIC_TRAINING_BASE,
  高技能人才培养基地: InstitutionType.HIGH_SKILL_BASE,
  省级项目单位: InstitutionType.PROVINCIAL_PROJECT_UNIT,
  ...Object.fromEntries(Object.values(InstitutionType).map((t) => [t, t])),
};

/** The phone as it will be stored, so an unchanged number in another spelling is not an update. */
function normalisedPhone(cellText: string): string | null {
  if (!cellText) return null;
  const p = validatePhone(cellText);
  return p.valid ? p.normalized : cellText;
}

/** The record as compared on re-import. */
const sameRecord = (a: InstitutionDraft, b: InstitutionDraft) =>
  JSON.stringify({ ...a, scope: [...a.scope].sort() }) === JSON.stringify({ ...b, scope: [...b.scope].sort() });

export const institutionsKind: ImportKind<InstitutionDraft & { existingId: number | null }> = {
  kind: 'institutions',
  title: '培训机构',
  columns: COLUMNS,
  naturalKey: 'creditCode',

  async plan(
    em: EntityManager,
    writer: Writer,
    sheet: Sheet,
  ): Promise<{ planned: Planned<InstitutionDraft & { existingId: number | null }>[]; problems: RowProblem[] }> {
    const { cell, index, problems } = locateColumns(sheet.header, COLUMNS);
    // Without a phone column a re-import leaves the recorded phones alone.
    const hasPhone = index.phone >= 0;
    if (problems.length) return { planned: [], problems };
    const regions = new Set((await findRows(em, Region, {})).map((r) => r.code));
    const occupations = new Set((await findRows(em, Occupation, {})).map((o) => o.code));
    const codes = sheet.rows.map((r) => cell(r, 'creditCode')).filter(Boolean);
    const existing = new Map(
      (await findRows(em, Institution, { creditCode: { $in: codes } })).map((i) => [i.creditCode!, i]),
    );
    const scopes = new Map<number, string[]>();
    if (existing.size) {
      const rows = (await em.getConnection().execute(
        `select institution_id, occupation_code from institution_scope where institution_id in (${[...existing.values()].map(() => '?').join(', ')})`,
        [...existing.values()].map((i) => i.id),
      )) as { institution_id: number; occupation_code: string }[];
      for (const r of rows)
        scopes.set(Number(r.institution_id), [...(scopes.get(Number(r.institution_id)) ?? []), r.occupation_code]);
    }
    const seen = new Map<string, number>();
    const planned: Planned<InstitutionDraft & { existingId: number | null }>[] = [];
    sheet.rows.forEach((r, i) => {
      const row = i + 2;
      const bad = (key: string, rule: string, message: string) =>
        problems.push({
          row,
          column: COLUMNS.find((c) => c.key === key)!.names[0],
          value: cell(r, key),
          rule,
          message,
        });
      const type = TYPES[cell(r, 'type')];
      if (!type)
        bad(
          'type',
          'institution.type',
          `must be one of ${Object.keys(TYPES)
            .filter((k) => /\p{Script=Han}/u.test(k))
            .join('、')}`,
        );
      const creditCode = cell(r, 'creditCode');
      if (!creditCode)
        bad('creditCode', 'institution.credit-code', 'the credit code is the key of an import: required');
      else if (seen.has(creditCode))
        bad('creditCode', 'file.duplicate-key', `the same institution as row ${seen.get(creditCode)}`);
      else seen.set(creditCode, row);
      const draft: InstitutionDraft = {
        name: cell(r, 'name'),
        type: type ?? InstitutionType.PRIVATE_TRAINING_INSTITUTION,
        creditCode: creditCode || null,
        licenceNumber: cell(r, 'licence') || null,
        region: cell(r, 'region'),
        address: cell(r, 'address') || null,
        ownerCompany: cell(r, 'ownerCompany') || null,
        ...(hasPhone ? { phone: normalisedPhone(cell(r, 'phone')) } : {}),
        scope: [
          ...new Set(
            cell(r, 'scope')
              .split(/[;；、,，\s]+/)
              .filter(Boolean),
          ),
        ],
      };
      const found = creditCode ? existing.get(creditCode) : undefined;
      for (const p of checkInstitutionDraft(draft, {
        regionLevel: regions.has(draft.region) ? levelOf(draft.region) : null,
        creditCodeTaken: false,
        unknownOccupations: draft.scope.filter((c) => !occupations.has(c)),
      }))
        bad(p.field === 'licenceNumber' ? 'licence' : p.field, p.rule, p.message);
      if (regions.has(draft.region)) {
        const scope = canWrite(writer, draft.region);
        if (!scope.allowed) bad('region', 'scope.region', scope.messageEn);
      }
      if (found && !canWrite(writer, found.region).allowed)
        bad(
          'creditCode',
          'scope.region',
          `the institution registered under this code is in ${found.region}, outside the importer's region`,
        );
      const current: InstitutionDraft | null = found
        ? {
            name: found.name,
            type: found.type,
            creditCode: found.creditCode ?? null,
            licenceNumber: found.licenceNumber ?? null,
            region: found.region,
            address: found.address ?? null,
            ownerCompany: found.ownerCompany ?? null,
            ...(hasPhone ? { phone: found.phone ?? null } : {}),
            scope: scopes.get(found.id) ?? [],
          }
        : null;
      planned.push({
        row,
        key: creditCode,
        action: !current ? 'create' : sameRecord(current, draft) ? 'unchanged' : 'update',
        record: { ...draft, existingId: found?.id ?? null },
      });
    });
    return { planned, problems };
  },

  async apply(
    tx: EntityManager,
    writer: Writer,
    p: Planned<InstitutionDraft & { existingId: number | null }>,
  ): Promise<RowProblem[]> {
    // Registering and changing records needs no day or shared reference data.
    const { existingId, ...draft } = p.record;
    const r =
      existingId == null
        ? await createInstitution(tx, writer, draft)
        : await updateInstitution(tx, writer, existingId, draft);
    return r.ok ? [] : r.problems.map((x) => ({ row: p.row, column: x.field, rule: x.rule, message: x.message }));
  },
};
