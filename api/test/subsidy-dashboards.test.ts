/**
 * What the subsidy dashboards and institution pages stand on (issue 5, last part): red flags
 * stored with each notice and always equal to the live ones, list filters by flag and
 * institution, institution years, and delivery against the 2022 target tables and the 2021–2025
 * programme targets — each checked against an independent total.
 */
import type { SqlEntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SkillLevel } from '../src/common/enums';
import { publishNotice } from '../src/subsidies/notice-publish';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ scale: 1, today: '2026-11-21' });
});
afterAll(async () => {
  await api?.close();
});

const em = () => api.orm.em.fork() as SqlEntityManager;
const sql = async (text: string, params: unknown[] = []) =>
  (await em().getConnection().execute(text, params)) as Record<string, unknown>[];

describe('stored red flags', () => {
  it('equal the live flags on every flagged notice and on unflagged ones', async () => {
    for (const flagged of [true, false]) {
      const { data, errors } = await api.gql(
        `query($f: Boolean) { subsidyNotices(first: 100, filter: { flagged: $f }) { totalCount nodes { number flagIds redFlags { flagId } } } }`,
        { f: flagged },
      );
      expect(errors).toBeUndefined();
      const nodes = data.subsidyNotices.nodes as {
        number: string;
        flagIds: string[];
        redFlags: { flagId: string }[];
      }[];
      expect(nodes.length).toBeGreaterThan(flagged ? 20 : 50);
      for (const n of nodes) expect(n.flagIds, n.number).toEqual([...new Set(n.redFlags.map((f) => f.flagId))].sort());
    }
  });

  it('are the same for a notice asked alone as in a page of notices, whose flags are computed together', async () => {
    const flags = 'redFlags { flagId message messageEn clause documentTitle lineSeqs }';
    const { data, errors } = await api.gql(
      `{ subsidyNotices(first: 40, filter: { flagged: true }) { nodes { id ${flags} } } }`,
    );
    expect(errors).toBeUndefined();
    const page = data.subsidyNotices.nodes as { id: string; redFlags: unknown[] }[];
    expect(page.length).toBe(40);
    for (const n of page.slice(0, 10)) {
      const alone = await api.gql(`query($id: ID!) { node(id: $id) { ... on SubsidyNotice { ${flags} } } }`, {
        id: n.id,
      });
      expect(alone.data.node.redFlags, n.id).toEqual(n.redFlags);
    }
  });

  it('cover every kind of flag in the demo data, and filter by kind', async () => {
    const { data } = await api.gql('{ redFlagKinds { flagId title basis } }');
    const kinds = data.redFlagKinds as { flagId: string }[];
    expect(kinds.length).toBe(8);
    for (const { flagId } of kinds) {
      const r = await api.gql(
        `query($f: String!) { subsidyNotices(first: 5, filter: { flag: $f }) { totalCount nodes { redFlags { flagId } } } }`,
        { f: flagId },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data.subsidyNotices.totalCount, flagId).toBeGreaterThan(0);
      for (const n of r.data.subsidyNotices.nodes)
        expect(n.redFlags.map((f: { flagId: string }) => f.flagId)).toContain(flagId);
    }
  });

  it('refuse an unknown flag id, naming the field', async () => {
    const { errors } = await api.gql('{ subsidyNotices(first: 1, filter: { flag: "flag.nonsense" }) { totalCount } }');
    expect(errors[0].extensions.field).toBe('filter.flag');
    expect(errors[0].message).toMatch(/redFlagKinds/);
  });

  it('follow a new notice that pays a person already paid: both notices are flagged', async () => {
    const [paid] =
      await sql(`select l.masked_name, l.masked_id, l.occupation_code, l.level, n.id, n.number, n.flag_ids from subsidy_notice_line l
      join subsidy_notice n on n.id = l.notice_id and n.revision = l.revision
      where l.amount > 0 and n.withdrawn_on is null and n.published_on >= '2022-01-01' and n.published_on <= '2022-12-31' and n.flag_ids not like '%paid-twice%'
      order by n.id limit 1`);
    const result = await publishNotice(
      em(),
      {
        number: '（测试）五华人社培公〔2022〕第9001号',
        title: '重复领取核验',
        bureau: '530102',
        publishedOn: '2022-12-20',
      },
      [
        {
          seq: 1,
          maskedName: String(paid.masked_name),
          maskedId: String(paid.masked_id),
          occupationCode: String(paid.occupation_code),
          level: paid.level as SkillLevel,
          certificateNumber: 'S2022530000999001',
          attendanceRate: 0.95,
          amount: 800,
        },
      ],
      { today: '2026-11-21' },
    );
    expect(result.ok).toBe(true);
    const [mine] = await sql('select flag_ids from subsidy_notice where number = ?', [
      '（测试）五华人社培公〔2022〕第9001号',
    ]);
    const [theirs] = await sql('select flag_ids from subsidy_notice where id = ?', [paid.id]);
    expect(mine.flag_ids).toContain('|flag.paid-twice|');
    expect(theirs.flag_ids).toContain('|flag.paid-twice|');
  });
});

describe('an institution year by year', () => {
  it('sums what subsidyTotals sums for it, and counts its flags from its notices', async () => {
    const [top] = (
      await api.gql(
        '{ subsidyTotals(year: 2022, groupBy: INSTITUTION) { key trainees amount notices certified listed } }',
      )
    ).data.subsidyTotals;
    const { data, errors } = await api.gql(
      `query($id: ID!) { node(id: $id) { ... on Institution { name subsidyYears { year notices trainees amount certified listed flaggedNotices flags { flagId title notices } } } } }`,
      { id: top.key },
    );
    expect(errors).toBeUndefined();
    const y2022 = data.node.subsidyYears.find((y: { year: number }) => y.year === 2022);
    expect(y2022).toMatchObject({
      notices: top.notices,
      trainees: top.trainees,
      amount: top.amount,
      certified: top.certified,
      listed: top.listed,
    });
    const listed = await api.gql(
      `query($id: ID!) { subsidyNotices(first: 100, filter: { institution: $id, publishedFrom: "2022-01-01", publishedTo: "2022-12-31", status: CLOSED, flagged: true }) { totalCount } }`,
      { id: top.key },
    );
    expect(y2022.flaggedNotices).toBe(listed.data.subsidyNotices.totalCount);
    for (const f of y2022.flags) expect(f.notices).toBeLessThanOrEqual(y2022.flaggedNotices);
  });
});

describe('delivery against the 2022 targets', () => {
  it('附件1 total of each 州市 is the subsidised trainees of its notices', async () => {
    const totals = new Map(
      (
        (await api.gql('{ subsidyTotals(year: 2022, groupBy: PREFECTURE) { key trainees } }')).data.subsidyTotals as {
          key: string;
          trainees: number;
        }[]
      ).map((t) => [t.key, t.trainees]),
    );
    const { data, errors } = await api.gql(
      '{ annualTargets(year: 2022, table: PREFECTURE_PLAN) { metric persons isTotal region { code } delivery { measured delivered share basis } } }',
    );
    expect(errors).toBeUndefined();
    const rows = data.annualTargets as {
      metric: string;
      persons: number;
      isTotal: boolean;
      region: { code: string };
      delivery: { measured: boolean; delivered: number | null; share: number | null; basis: string };
    }[];
    for (const r of rows.filter((x) => x.metric === 'total' && !x.isTotal)) {
      expect(r.delivery.delivered, r.region.code).toBe(totals.get(r.region.code) ?? 0);
      expect(r.delivery.share).toBeCloseTo(r.delivery.delivered! / r.persons, 10);
    }
    const province = rows.find((x) => x.metric === 'total' && x.isTotal)!;
    expect(province.delivery.delivered).toBe(
      [...totals.entries()].filter(([k]) => k !== '530000').reduce((s, [, v]) => s + v, 0) +
        (totals.get('530000') ?? 0),
    );
    const rural = rows.find((x) => x.metric === 'rural_labour')!;
    expect(rural.delivery).toMatchObject({ measured: false, delivered: null });
    expect(rural.delivery.basis).toMatch(/农村劳动力/);
  });

  it('附件2 schools add up to the table total; 附件4 and 附件5 are measured', async () => {
    const { data } = await api.gql(
      '{ t2: annualTargets(year: 2022, table: TECHNICAL_SCHOOL) { isTotal delivery { delivered } } t4: annualTargets(year: 2022, table: PROVINCIAL_PROJECT) { isTotal delivery { measured delivered } } t5: annualTargets(year: 2022, table: ENTREPRENEURSHIP) { metric delivery { measured delivered } } }',
    );
    const schools = data.t2
      .filter((r: { isTotal: boolean }) => !r.isTotal)
      .reduce((s: number, r: { delivery: { delivered: number } }) => s + r.delivery.delivered, 0);
    const total = data.t2.find((r: { isTotal: boolean }) => r.isTotal).delivery.delivered;
    // The demo classes belong to demo institutions, so the 33 real schools of 附件2 have none;
    // the table's total row counts every technical school's classes.
    expect(total).toBeGreaterThan(0);
    expect(total).toBeGreaterThanOrEqual(schools);
    expect(data.t4.every((r: { delivery: { measured: boolean } }) => r.delivery.measured)).toBe(true);
    expect(
      data.t5
        .filter((r: { metric: string }) => r.metric === 'total')
        .some((r: { delivery: { delivered: number } }) => r.delivery.delivered > 0),
    ).toBe(true);
  });

  it('programme deliveries add up to every subsidised trainee of the year in a class', async () => {
    const { data, errors } = await api.gql(
      '{ programmes { key unit delivery(year: 2022) { measured inYear sinceStart target2025Persons shareOf2025 shareOf2021 } } subsidyTotals(year: 2022, groupBy: PROGRAMME) { trainees } }',
    );
    expect(errors).toBeUndefined();
    const all = data.subsidyTotals.reduce((s: number, t: { trainees: number }) => s + t.trainees, 0);
    expect(data.programmes.reduce((s: number, p: { delivery: { inYear: number } }) => s + p.delivery.inYear, 0)).toBe(
      all,
    );
    for (const p of data.programmes) {
      expect(p.delivery.sinceStart).toBeGreaterThanOrEqual(p.delivery.inYear);
      expect(p.delivery.shareOf2021).toBeNull();
      if (p.delivery.measured)
        expect(p.delivery.shareOf2025).toBeCloseTo(p.delivery.sinceStart / p.delivery.target2025Persons, 10);
    }
    expect(data.programmes.find((p: { unit: string }) => p.unit.startsWith('名')).delivery.measured).toBe(false);
    const { errors: bad } = await api.gql('{ programmes { delivery(year: 2019) { inYear } } }');
    expect(bad[0].extensions.field).toBe('year');
  });
});
