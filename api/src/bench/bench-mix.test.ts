import { describe, expect, it } from 'vitest';
import { apiQuery, comparableRows, getPath, mixCases, pglQuery, postBody, SINGLE_CASE } from './bench-mix';
import { BENCH_QUERY } from './bench-query';
import { coursesReport, type RunFacts } from './courses-report';
import { caseOf, floorJson, floorStatement } from './floor-sql';

const COUNTIES = Array.from({ length: 16 }, (_, i) => String(530102 + i * 100));

describe('the courses benchmark workloads', () => {
  it('asks the single query the API has always been measured on', () => {
    expect(apiQuery(SINGLE_CASE)).toBe(BENCH_QUERY);
  });

  it('mixes at least 200 distinct requests in every dialect', () => {
    const cases = mixCases(COUNTIES);
    expect(cases.length).toBeGreaterThanOrEqual(200);
    for (const say of [apiQuery, pglQuery, getPath, (c: (typeof cases)[0]) => postBody('floor', c)])
      expect(new Set(cases.map(say)).size).toBe(cases.length);
  });

  it('gives the floor statements as many placeholders as parameters, in both dialects', () => {
    for (const c of [SINGLE_CASE, ...mixCases(COUNTIES)]) {
      const pg = floorStatement(c, 'pg');
      expect(pg.sql.match(/\$\d+/g)?.length).toBe(pg.params.length);
      const lite = floorStatement(c, 'sqlite');
      expect(lite.sql.match(/\?/g)?.length).toBe(lite.params.length);
      expect(lite.params.at(-1)).toBe(c.first + 1);
    }
  });

  it('reads the case a floor request names, and the single query otherwise', () => {
    const c = mixCases(COUNTIES)[7];
    expect(caseOf(postBody('floor', c), SINGLE_CASE)).toEqual(c);
    expect(caseOf(postBody('api', c), SINGLE_CASE)).toEqual(SINGLE_CASE);
    expect(caseOf('not json', SINGLE_CASE)).toEqual(SINGLE_CASE);
  });

  it("compares a floor's answer and PostGraphile's row for row", () => {
    const row = {
      id: 17,
      title: '家政服务员培训班',
      start_date: '2026-01-05',
      subsidy_per_trainee: 900,
      end_date: '2026-01-20',
      capacity: 40,
      enrolled: 12,
      fee_yuan: 1500,
      institution_type: 'TECHNICAL_SCHOOL',
      licence_number: null,
      institution_name: '昆明市技工学校',
      occupation_code: '4-10-01-05',
      occupation_name: '家政服务员',
      region_code: '530102',
      region_name: '五华区',
    };
    const c = { ...SINGLE_CASE, first: 1, detail: true };
    const floor = comparableRows('floor', JSON.parse(floorJson(c, [row, { ...row, id: 18 }])));
    const node = {
      rowId: 17,
      title: row.title,
      startDate: row.start_date,
      subsidyPerTrainee: 900,
      endDate: row.end_date,
      capacity: 40,
      enrolled: 12,
      feeYuan: 1500,
      institutionByInstitutionId: { name: row.institution_name, type: 'TECHNICAL_SCHOOL', licenceNumber: null },
      occupationByOccupationCode: { code: row.occupation_code, name: row.occupation_name },
      regionByCountyCode: { code: '530102', name: '五华区' },
    };
    expect(floor).toHaveLength(1);
    expect(comparableRows('postgraphile', { data: { allCourses: { edges: [{ node }] } } })).toEqual(floor);
    expect(
      comparableRows('postgraphile', { data: { allCourses: { edges: [{ node: { ...node, enrolled: 13 } }] } } }),
    ).not.toEqual(floor);
  });
});

describe('the courses report', () => {
  const facts: RunFacts = {
    date: '2026-12-02',
    machine: '2 × test CPU',
    scale: 1,
    duration: 5,
    rounds: 4,
    warmup: 2,
    connections: [10, 1],
    loadSeconds: { sqlite: 20, pg: 30 },
    postgres: '15',
    peer: '',
    compared: 257,
    byteIdentical: true,
    nginxStatus: 'HIT',
    proxy: { served: 1000, reachedApi: 0 },
    counties: COUNTIES,
  };

  it('is the head of BENCHMARKS.md at scale 1 and one section of its own at another scale', () => {
    expect(coursesReport([], facts)).toMatch(/^# Benchmarks\n/);
    const five = coursesReport([], { ...facts, scale: 5 });
    expect(five).toMatch(/^## `courses` at scale 5\n/);
    // replaceSection replaces up to the next `## ` heading: the section must hold no other.
    expect(five.match(/^## /gm)).toHaveLength(1);
  });

  it('says which goal a run missed', () => {
    const md = coursesReport([], { ...facts, proxy: { served: 1000, reachedApi: 3 } });
    expect(md).toContain('3 reached the API');
    expect(md).toMatch(/served without the API.*\*\*not met\*\*/);
    expect(md).toContain('API ≥ 1.2 × PostGraphile: **not measured**');
  });
});
