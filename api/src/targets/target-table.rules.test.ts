import { describe, expect, it } from 'vitest';
import { TargetTable } from '../common/enums';
import {
  checkTargetDraft,
  checkTotals,
  inUnit,
  isTotalFigure,
  metricOf,
  tableOfTitle,
  titleYear,
  type TargetDraft,
} from './target-table.rules';
import { toPersons } from './target.rules';

const draft: TargetDraft = {
  year: 2022,
  table: TargetTable.PREFECTURE_PLAN,
  seq: 1,
  unitName: '昆明市',
  region: '530100',
  institution: null,
  metric: 'total',
  metricLabel: '完成培训人数',
  value: '15.50',
  unit: '万人次',
  isTotal: false,
  source: '云人社通〔2022〕8号 附件1 云南省2022年职业培训任务计划表',
};
const fig = (
  table: TargetTable,
  region: string | null,
  unitName: string,
  metric: string,
  value: string,
  unit: string,
) => ({ table, region, unitName, metric, value, unit, persons: toPersons(value, unit) });

describe('target tables (8号 附件1, 2, 4, 5)', () => {
  it('finds a table by its printed title, with or without the province and the year', () => {
    expect(tableOfTitle('云南省2022年职业培训任务计划表')).toBe(TargetTable.PREFECTURE_PLAN);
    expect(tableOfTitle('技工院校2022年职业培训任务计划表')).toBe(TargetTable.TECHNICAL_SCHOOL);
    expect(tableOfTitle('2022年省级项目职业培训计划表')).toBe(TargetTable.PROVINCIAL_PROJECT);
    expect(tableOfTitle('创业培训任务计划表')).toBe(TargetTable.ENTREPRENEURSHIP);
    expect(tableOfTitle('ENTREPRENEURSHIP')).toBe(TargetTable.ENTREPRENEURSHIP);
    expect(tableOfTitle('云南省推荐使用的网络培训平台机构名单')).toBeNull();
    expect(titleYear('2022年创业培训任务计划表')).toBe(2022);
  });

  it('reads column headings with full-width punctuation', () => {
    expect(metricOf(TargetTable.PREFECTURE_PLAN, '其中：高级工及以上')).toEqual({
      key: 'certificate_high_level',
      label: '其中:高级工及以上',
    });
    expect(metricOf(TargetTable.ENTREPRENEURSHIP, '含网络创业直播培训（试点）')?.key).toBe('online_livestream_pilot');
    expect(metricOf(TargetTable.TECHNICAL_SCHOOL, '完成培训人数')).toBeNull();
  });

  it("marks the province's row, 合计 rows and 附件4's 全省合计 column as totals", () => {
    expect(isTotalFigure(TargetTable.PREFECTURE_PLAN, { region: '530000', unitName: '全省' })).toBe(true);
    expect(isTotalFigure(TargetTable.PREFECTURE_PLAN, { region: '530100', unitName: '昆明市' })).toBe(false);
    expect(isTotalFigure(TargetTable.TECHNICAL_SCHOOL, { region: null, unitName: '合计' })).toBe(true);
    expect(isTotalFigure(TargetTable.PROVINCIAL_PROJECT, { region: '530100', unitName: '全省合计' })).toBe(true);
    expect(
      isTotalFigure(TargetTable.PROVINCIAL_PROJECT, { region: '530000', unitName: '一心堂药业集团有限公司' }),
    ).toBe(true);
  });

  it('checks a figure: unit of the table, published number of whole persons, 州市 code, total rows', () => {
    expect(checkTargetDraft(draft)).toEqual([]);
    expect(checkTargetDraft({ ...draft, unit: '人' }).map((p) => [p.rule, p.clause])).toEqual([
      ['target.unit', '云人社通〔2022〕8号 附件1'],
      ['target.value', null],
    ]);
    expect(checkTargetDraft({ ...draft, value: '15', unit: '人' }).map((p) => p.rule)).toEqual(['target.unit']);
    expect(checkTargetDraft({ ...draft, value: '-1' }).map((p) => p.rule)).toEqual(['target.value']);
    expect(checkTargetDraft({ ...draft, value: '0.123456' }).map((p) => p.rule)).toEqual(['target.value']);
    expect(checkTargetDraft({ ...draft, region: '530102' }).map((p) => p.rule)).toEqual(['target.region']);
    expect(checkTargetDraft({ ...draft, region: null }).map((p) => p.rule)).toEqual(['target.region']);
    expect(checkTargetDraft({ ...draft, unitName: '合计' }).map((p) => p.rule)).toEqual(['target.total-row']);
    expect(checkTargetDraft({ ...draft, metric: 'siyb' }).map((p) => p.rule)).toEqual(['target.metric']);
    expect(checkTargetDraft({ ...draft, table: 'ANNEX_3' as TargetTable }).map((p) => p.rule)).toEqual([
      'target.table',
    ]);
  });

  it("checks a figure's year, place in the table, unit name and source", () => {
    expect(checkTargetDraft({ ...draft, year: 2020, seq: -1, unitName: ' ', source: '' }).map((p) => p.rule)).toEqual([
      'target.year',
      'target.seq',
      'target.unit-name',
      'target.source',
    ]);
    expect(
      checkTargetDraft({ ...draft, unitName: '昆'.repeat(129), source: '8'.repeat(129) }).map((p) => p.rule),
    ).toEqual(['target.unit-name', 'target.source']);
  });

  it("checks totals down the columns and across 附件4's rows, in whole persons", () => {
    const P = TargetTable.PREFECTURE_PLAN;
    const ok = [
      fig(P, '530000', '全省', 'college_skills', '0.85', '万人次'),
      fig(P, '530100', '昆明市', 'college_skills', '0.28', '万人次'),
      fig(P, '530300', '曲靖市', 'college_skills', '0.57', '万人次'),
    ];
    expect(checkTotals(ok)).toEqual([]);
    const off = checkTotals([...ok.slice(0, 2), fig(P, '530300', '曲靖市', 'college_skills', '0.56', '万人次')]);
    expect(off.map((m) => [m.total.unitName, m.sum, m.difference])).toEqual([['全省', 8400, 100]]);
    const J = TargetTable.PROVINCIAL_PROJECT;
    const across = checkTotals([
      fig(J, '530100', '甲', 'persons', '100', '人次'),
      fig(J, '530100', '乙', 'persons', '50', '人次'),
      fig(J, '530100', '全省合计', 'persons', '160', '人次'),
    ]);
    expect(across.map((m) => [m.total.unitName, m.difference])).toEqual([['全省合计', 10]]);
    expect(checkTotals([fig(P, '530000', '全省', 'total', '60', '万人次')])).toEqual([]);
  });

  it("writes persons back in the table's unit", () => {
    expect(inUnit(100, '万人次')).toBe('0.01');
    expect(inUnit(-500, '万人')).toBe('-0.05');
    expect(inUnit(95000, '万人次')).toBe('9.5');
    expect(inUnit(17240, '人次')).toBe('17240');
  });
});
