/**
 * Importing the subsidised directory from the province's table: one row per occupation ×
 * certificate × level of a year's edition, keyed on those four. An entry already in force with
 * the same figures is left as it is; one in force with other figures is refused (take it out
 * with `endDirectoryEntry` first: an entry is never rewritten).
 */
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { CertificateType, SkillLevel } from '../common/enums';
import { addDirectoryEntry, type EntryDraft } from '../directory/directory-writes';
import { DirectoryEntry } from '../directory/directory.entity';
import { findRows } from '../db/rows';
import { CERTIFICATE_TYPE_NAMES, SKILL_LEVEL_NAMES } from '../common/chinese-labels';
import type { Writer } from '../publishers/writer';
import type { ImportKind, Planned } from './import-kind';
import { locateColumns, type ColumnSpec, type RowProblem, type Sheet } from './spreadsheet';

const COLUMNS: readonly ColumnSpec[] = [
  { key: 'year', names: ['年度', '目录年度'], required: true },
  { key: 'occupation', names: ['职业（工种）编码', '职业编码'], required: true },
  { key: 'certificate', names: ['证书类型', '证书类别'], required: true },
  { key: 'level', names: ['等级', '技能等级'], required: true },
  { key: 'minHours', names: ['最低课时', '培训课时'], required: true },
  { key: 'subsidy', names: ['补贴标准（元）', '补贴标准', '补贴金额（元）'], required: true },
  { key: 'key', names: ['重点职业', '是否重点职业'], required: false },
  { key: 'from', names: ['生效日期', '执行日期'], required: true },
];

export const directoryKind: ImportKind<EntryDraft> = {
  kind: 'directory',
  title: '培训补贴工种目录',
  columns: COLUMNS,
  naturalKey: 'year+occupation+certificate+level',

  async plan(
    em: EntityManager,
    _writer: Writer,
    sheet: Sheet,
  ): Promise<{ planned: Planned<EntryDraft>[]; problems: RowProblem[] }> {
    const { cell, problems } = locateColumns(sheet.header, COLUMNS);
    if (problems.length) return { planned: [], problems };
    const seen = new Map<string, number>();
    const planned: Planned<EntryDraft>[] = [];
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
      const certificateType = CERTIFICATE_TYPE_NAMES[cell(r, 'certificate')];
      const level = SKILL_LEVEL_NAMES[cell(r, 'level')];
      if (!certificateType)
        bad(
          'certificate',
          'directory.certificate',
          'must be 职业资格证书, 职业技能等级证书, 专项职业能力证书, 特种作业证书 or 培训合格证书',
        );
      if (!level) bad('level', 'directory.level', 'must be 五级, 四级, 三级, 二级, 一级 or 无');
      const numeric = (key: string) => (/^\d+$/.test(cell(r, key)) ? Number(cell(r, key)) : NaN);
      const draft: EntryDraft = {
        year: numeric('year'),
        occupationCode: cell(r, 'occupation'),
        certificateType: certificateType ?? CertificateType.SKILL_LEVEL,
        level: level ?? SkillLevel.NONE,
        minHours: numeric('minHours'),
        subsidyPerTrainee: numeric('subsidy'),
        isKeyOccupation: ['是', 'Y', 'yes', 'true', '1'].includes(cell(r, 'key')),
        effectiveFrom: cell(r, 'from'),
      };
      if (Number.isNaN(draft.year)) bad('year', 'directory.year', 'a year such as 2027');
      if (Number.isNaN(draft.minHours)) bad('minHours', 'directory.hours', 'whole class hours');
      if (Number.isNaN(draft.subsidyPerTrainee)) bad('subsidy', 'directory.subsidy', 'whole 元');
      const key = `${draft.year}|${draft.occupationCode}|${draft.certificateType}|${draft.level}`;
      if (seen.has(key)) {
        bad('occupation', 'file.duplicate-key', `the same entry as row ${seen.get(key)}`);
        continue;
      }
      seen.set(key, row);
      const [current] = Number.isNaN(draft.year)
        ? []
        : await findRows(em, DirectoryEntry, {
            edition: draft.year,
            occupation: draft.occupationCode,
            certificateType: draft.certificateType,
            level: draft.level,
            effectiveTo: null,
          });
      let action: Planned<EntryDraft>['action'] = 'create';
      if (current) {
        const same =
          current.minHours === draft.minHours &&
          current.subsidyPerTrainee === draft.subsidyPerTrainee &&
          current.effectiveFrom === draft.effectiveFrom &&
          current.isKeyOccupation === draft.isKeyOccupation;
        if (same) action = 'unchanged';
        else
          bad(
            'occupation',
            'directory.entry-unique',
            'in force with other figures: take it out (endDirectoryEntry) before admitting it again',
          );
      }
      planned.push({ row, key, action, record: draft });
    }
    return { planned, problems };
  },

  async apply(tx: EntityManager, writer: Writer, p: Planned<EntryDraft>): Promise<RowProblem[]> {
    // The same write the API makes, with its admission rules and scope (province only).
    const r = await addDirectoryEntry(tx, writer, p.record);
    return r.ok ? [] : r.problems.map((x) => ({ row: p.row, column: x.field, rule: x.rule, message: x.message }));
  },
};
