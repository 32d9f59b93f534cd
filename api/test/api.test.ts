import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import { InstitutionStanding } from '../src/common/enums';
import { Institution } from '../src/institutions/institution.entity';
import { toGlobalId } from '../src/graphql/node';
import { standingWhere } from '../src/institutions/institution.filters';
import { institutionStanding } from '../src/institutions/institution.rules';
import { startTestApi, type TestApi } from './helpers';

// One scale-1 database for this file: the acceptance figures of the backbone issue.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ scale: 1 });
});
afterAll(async () => {
  await api?.close();
});

describe('reference data', () => {
  it('has the 16 州市 and 129 county-level units of Yunnan', async () => {
    const { data, errors } = await api.gql(
      '{ p: regions(level: PREFECTURE) { code name } c: regions(level: COUNTY) { code parent { code } } prov: regions(level: PROVINCE) { code name } }',
    );
    expect(errors).toBeUndefined();
    expect(data.p).toHaveLength(16);
    expect(data.p[0]).toEqual({ code: '530100', name: '昆明市' });
    expect(data.c).toHaveLength(129);
    expect(data.prov).toEqual([{ code: '530000', name: '云南省' }]);
    const prefectures = new Set(data.p.map((p: any) => p.code));
    expect(data.c.every((c: any) => prefectures.has(c.parent.code))).toBe(true);
  });

  it('has all 1,639 occupations of the 2022 classification with their groups', async () => {
    const { data } = await api.gql(
      '{ occupations(first: 1, filter: { search: "养老护理员" }) { totalCount nodes { code name groups { code level } } } all: occupations(first: 1) { totalCount } }',
    );
    expect(data.all.totalCount).toBe(1639);
    expect(data.occupations.nodes[0].name).toBe('养老护理员');
    expect(data.occupations.nodes[0].groups.map((g: any) => g.level)).toEqual(['major', 'middle', 'minor']);
  });

  it('reproduces the 2022 annex tables: technical schools 200,000, provincial projects 60,000, entrepreneurship 60,000', async () => {
    const { data } = await api.gql(
      '{ annualTargets(year: 2022) { table unitName metric value unit persons isTotal source region { code } institution { name type } } }',
    );
    const rows: any[] = data.annualTargets;
    const sum = (table: string, metric: string) =>
      rows.filter((r) => r.table === table && r.metric === metric && !r.isTotal).reduce((s, r) => s + r.persons, 0);
    const total = (table: string, metric: string) =>
      rows
        .filter(
          (r) =>
            r.table === table &&
            r.metric === metric &&
            r.isTotal &&
            (r.region?.code ?? '530000') === '530000' &&
            r.unitName !== '全省合计',
        )
        .map((r) => r.persons);
    expect(sum('TECHNICAL_SCHOOL', 'target')).toBe(200_000);
    expect(rows.filter((r) => r.table === 'TECHNICAL_SCHOOL' && !r.isTotal)).toHaveLength(33);
    expect(
      rows
        .filter((r) => r.table === 'TECHNICAL_SCHOOL' && !r.isTotal)
        .every((r) => r.institution?.type === 'TECHNICAL_SCHOOL'),
    ).toBe(true);
    expect(sum('PROVINCIAL_PROJECT', 'persons')).toBe(60_000);
    expect(sum('ENTREPRENEURSHIP', 'total')).toBe(60_000);
    expect(total('ENTREPRENEURSHIP', 'total')).toEqual([60_000]);
    // 附件1: the 16 州市 add up to the province's 60 万人次, and figures keep their printed form.
    expect(sum('PREFECTURE_PLAN', 'total')).toBe(600_000);
    const kunming = rows.find((r) => r.table === 'PREFECTURE_PLAN' && r.unitName === '昆明市' && r.metric === 'total');
    expect(kunming).toMatchObject({ value: '15.50', unit: '万人次', persons: 155_000 });
    expect(kunming.source).toContain('云人社通〔2022〕8号 附件1');
  });

  it('lists the 16 programmes and the 7 online platforms', async () => {
    const { data } = await api.gql('{ programmes { key name target2025 unit } onlinePlatforms { name url } }');
    expect(data.programmes).toHaveLength(16);
    expect(data.programmes.find((p: any) => p.key === 'KANGYANG')).toMatchObject({ target2025: '35', unit: '万人次' });
    expect(data.onlinePlatforms).toHaveLength(7);
  });
});

describe('courses', () => {
  it('has at least 3,000 classes whose compliance checks both pass and fail', async () => {
    const { data, errors } = await api.gql(
      '{ courses(first: 100) { totalCount nodes { compliance { ruleId passed message clause } } } }',
    );
    expect(errors).toBeUndefined();
    expect(data.courses.totalCount).toBeGreaterThanOrEqual(3000);
    const checks = data.courses.nodes.flatMap((n: any) => n.compliance);
    expect(checks.some((c: any) => c.passed)).toBe(true);
    expect(checks.every((c: any) => c.clause.length > 0 && c.message.length > 0)).toBe(true);
    let failed = checks.filter((c: any) => !c.passed);
    let after: string | null = data.courses.pageInfo?.endCursor ?? null;
    // Demo violations are a small share: page on until one shows up.
    for (let i = 0; failed.length === 0 && i < 30; i++) {
      const next = await api.gql(
        'query($after: String) { courses(first: 100, after: $after) { pageInfo { endCursor } nodes { compliance { passed } } } }',
        { after },
      );
      failed = next.data.courses.nodes.flatMap((n: any) => n.compliance).filter((c: any) => !c.passed);
      after = next.data.courses.pageInfo.endCursor;
    }
    expect(failed.length).toBeGreaterThan(0);
  });

  it('pages with cursors without gaps or repeats', async () => {
    const p1 = await api.gql(
      '{ courses(first: 50) { pageInfo { hasNextPage endCursor } edges { cursor node { id startDate } } } }',
    );
    const p2 = await api.gql(
      'query($a: String) { courses(first: 50, after: $a) { pageInfo { hasPreviousPage } edges { node { id startDate } } } }',
      { a: p1.data.courses.pageInfo.endCursor },
    );
    const both = await api.gql('{ courses(first: 100) { edges { node { id } } } }');
    expect(p1.data.courses.pageInfo.hasNextPage).toBe(true);
    expect([...p1.data.courses.edges, ...p2.data.courses.edges].map((e: any) => e.node.id)).toEqual(
      both.data.courses.edges.map((e: any) => e.node.id),
    );
    const dates = both.data.courses.edges.map((e: any) => e.node);
    expect(dates.map((d: any) => d.startDate)).toEqual([...dates.map((d: any) => d.startDate)].sort());
  });

  it('reads a page after a cursor by searching the index on its sort keys, not scanning from the first row', async () => {
    const first = await api.gql('{ courses(first: 100) { pageInfo { endCursor } } }');
    const knex = (api.orm.em.getConnection() as AbstractSqlConnection).getKnex();
    const sent: { sql: string; bindings: unknown[] }[] = [];
    const listen = (q: { sql: string; bindings: unknown[] }) => sent.push(q);
    knex.on('query', listen);
    const next = await api.gql('query($a: String) { courses(first: 100, after: $a) { nodes { id } } }', {
      a: first.data.courses.pageInfo.endCursor,
    });
    knex.off('query', listen);
    expect(next.data.courses.nodes).toHaveLength(100);
    const page = sent.find((q) => /from [`"]course[`"]/.test(q.sql) && /order by/.test(q.sql));
    expect(page).toBeDefined();
    const sqlite = api.config.database.kind === 'sqlite';
    // knex reports PostgreSQL's statement with $1, $2 …; raw takes ? as on SQLite.
    const sql = page!.sql.replace(/\$\d+/g, '?');
    const plan = (await knex.raw(`explain ${sqlite ? 'query plan ' : ''}${sql}`, page!.bindings as never)) as any;
    const lines: string[] = sqlite ? plan.map((r: any) => r.detail) : plan.rows.map((r: any) => r['QUERY PLAN']);
    // Without the bound on the first key alone, the plan was "SCAN c0 USING INDEX …" (SQLite) or
    // an index scan with no Index Cond (PostgreSQL): every page walked the index from the list's
    // first row to the cursor.
    if (sqlite) expect(lines.join('\n')).toMatch(/SEARCH \S+ USING INDEX \S*start_date\S* \(start_date[<>]\?\)/);
    else expect(lines.join('\n')).toMatch(/Index Cond: \(start_date [<>]= /);
  });

  it('filters by 州市 including its counties, and by occupation, level, mode, dates, programme and target group', async () => {
    const { data } = await api.gql(`{
      km: courses(first: 100, filter: { region: "530100" }) { totalCount nodes { region { code parent { code } } prefecture { code } } }
      all: courses(first: 1) { totalCount }
      f: courses(first: 100, filter: { mode: ONLINE, startFrom: "2022-01-01", startTo: "2022-12-31", subsidised: true }) { totalCount nodes { mode startDate subsidyPerTrainee } }
      k: courses(first: 100, filter: { programme: "KANGYANG", targetGroup: POVERTY_ALLEVIATED }) { totalCount nodes { programme { key } targetGroups } }
    }`);
    expect(data.km.totalCount).toBeGreaterThan(0);
    expect(data.km.totalCount).toBeLessThan(data.all.totalCount);
    expect(data.km.nodes.every((n: any) => n.region.parent.code === '530100' && n.prefecture.code === '530100')).toBe(
      true,
    );
    expect(
      data.f.nodes.every((n: any) => n.mode === 'ONLINE' && n.startDate.startsWith('2022') && n.subsidyPerTrainee > 0),
    ).toBe(true);
    expect(
      data.k.nodes.every((n: any) => n.programme.key === 'KANGYANG' && n.targetGroups.includes('POVERTY_ALLEVIATED')),
    ).toBe(true);
    const county = data.km.nodes[0].region.code;
    const c = await api.gql(
      'query($r: String) { courses(first: 100, filter: { region: $r }) { totalCount nodes { region { code } } } }',
      { r: county },
    );
    expect(c.data.courses.nodes.every((n: any) => n.region.code === county)).toBe(true);
  });

  it('resolves a page of 100 courses with institution, occupation, region and agency in a constant number of SQL statements', async () => {
    const q = (n: number) =>
      `{ courses(first: ${n}) { nodes { title institution { name standing } occupation { name } region { name } assessingAgency { name } programme { name } directoryEntry { minHours } compliance { passed } } } }`;
    api.statements.length = 0;
    const small = await api.gql(q(5));
    const fewStatements = api.statements.length;
    api.statements.length = 0;
    const big = await api.gql(q(100));
    const manyStatements = api.statements.length;
    expect(small.errors).toBeUndefined();
    expect(big.errors).toBeUndefined();
    expect(big.data.courses.nodes).toHaveLength(100);
    expect(manyStatements).toBe(fewStatements);
    expect(manyStatements).toBeLessThanOrEqual(12);
  });

  it('resolves agency draws of a page of courses, and revisions and objections of a page of notices, in a constant number of SQL statements', async () => {
    /** Statements one query runs. */
    const count = async (query: string) => {
      api.statements.length = 0;
      const r = await api.gql(query);
      expect(r.errors).toBeUndefined();
      return api.statements.length;
    };
    const courses = (n: number) => `{ courses(first: ${n}) { nodes { classNumber agencyDraw { seed } } } }`;
    expect(await count(courses(100))).toBe(await count(courses(5)));
    const notices = (n: number) =>
      `{ subsidyNotices(first: ${n}) { nodes { number revisions { revision sha256 } objections { status } } } }`;
    const few = await count(notices(5));
    expect(await count(notices(50))).toBe(few);
    expect(few).toBeLessThanOrEqual(6);
  });

  it('finds a course by global ID and through node(id:)', async () => {
    const { data } = await api.gql('{ courses(first: 1) { nodes { id classNumber } } }');
    const { id, classNumber } = data.courses.nodes[0];
    const one = await api.gql(
      'query($id: ID!) { course(id: $id) { classNumber } node(id: $id) { id ... on Course { classNumber } } }',
      { id },
    );
    expect(one.data.course.classNumber).toBe(classNumber);
    expect(one.data.node).toEqual({ id, classNumber });
  });

  it('reads several records through nodes(ids:) in the order asked, null for what is gone, 1–100 IDs, costed per record', async () => {
    const { data } = await api.gql(
      '{ courses(first: 2) { nodes { id } } occupations(first: 1) { nodes { id code } } }',
    );
    const [a, b] = data.courses.nodes.map((n: { id: string }) => n.id);
    const occupation = data.occupations.nodes[0];
    const gone = toGlobalId('Course', 99_999_999);
    const many = await api.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Occupation { code } } }', {
      ids: [b, gone, occupation.id, a],
    });
    expect(many.errors).toBeUndefined();
    expect(many.data.nodes).toEqual([{ id: b }, null, occupation, { id: a }]);
    // Each record costs as much as `node` would: four of them, four times one.
    const one = await api.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [a] });
    expect(many.extensions.cost.requested - 1).toBe(4 * (one.extensions.cost.requested - 1));
    const none = await api.gql('{ nodes(ids: []) { id } }');
    expect(none.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
    expect(none.errors[0].message).toMatch(/1–100/);
    const tooMany = await api.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array(101).fill(a) });
    expect(tooMany.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
    const bad = await api.gql('{ nodes(ids: ["nonsense"]) { id } }');
    expect(bad.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
  });

  it('compares 2–4 courses in the order given', async () => {
    const { data } = await api.gql('{ courses(first: 5) { nodes { id } } }');
    const ids = data.courses.nodes
      .map((n: any) => n.id)
      .slice(0, 3)
      .reverse();
    const cmp = await api.gql('query($ids: [ID!]!) { compareCourses(ids: $ids) { id } }', { ids });
    expect(cmp.data.compareCourses.map((c: any) => c.id)).toEqual(ids);
    const five = await api.gql('query($ids: [ID!]!) { compareCourses(ids: $ids) { id } }', {
      ids: data.courses.nodes.map((n: any) => n.id),
    });
    expect(five.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
    expect(five.errors[0].message).toContain('ids');
  });
});

describe('institutions and agencies', () => {
  it('has ≥ 600 institutions incl. the 33 real technical schools, and ≥ 100 agencies', async () => {
    const { data } = await api.gql(`{ all: institutions(first: 1) { totalCount }
      real: institutions(first: 100, filter: { type: TECHNICAL_SCHOOL, isDemo: false }) { totalCount nodes { name isDemo source region { code } } }
      agencies: evaluationAgencies(first: 3) { totalCount nodes { name alsoTrains scope { occupation { code } level } fees { item feeYuan } region { name } } } }`);
    expect(data.all.totalCount).toBeGreaterThanOrEqual(600);
    expect(data.real.totalCount).toBe(33);
    expect(data.real.nodes[0]).toMatchObject({ name: '云南技师学院', isDemo: false });
    expect(data.real.nodes.find((n: any) => n.name === '楚雄技师学院').region.code).toBe('532300');
    expect(data.agencies.totalCount).toBeGreaterThanOrEqual(100);
    expect(data.agencies.nodes[0].scope.length).toBeGreaterThan(0);
  });

  it('filters by standing in SQL exactly as the standing rule decides it', async () => {
    const em = api.orm.em.fork();
    const today = api.config.fixedToday!;
    const all = await em.find(Institution, {});
    for (const standing of Object.values(InstitutionStanding)) {
      const bySql = (await em.find(Institution, standingWhere(standing, today))).map((i) => i.id).sort((a, b) => a - b);
      const byRule = all
        .filter(
          (i) =>
            institutionStanding(
              {
                blacklistedFrom: i.blacklistedFrom ?? null,
                blacklistedUntil: i.blacklistedUntil ?? null,
                licenceRevokedOn: i.licenceRevokedOn ?? null,
              },
              today,
            ) === standing,
        )
        .map((i) => i.id)
        .sort((a, b) => a - b);
      expect(bySql).toEqual(byRule);
    }
    const { data } = await api.gql(
      '{ institutions(first: 5, filter: { standing: BLACKLISTED }) { totalCount nodes { standing blacklisting { from until reason } } } }',
    );
    expect(data.institutions.nodes.every((n: any) => n.standing === 'BLACKLISTED' && n.blacklisting.reason)).toBe(true);
  });

  it('rejects a malformed credit code naming the field and the GB 32100-2015 rule', async () => {
    const r = await api.gql('{ institutions(filter: { creditCode: "91530100MA6K0000X0" }) { totalCount } }');
    expect(r.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.creditCode' });
    expect(r.errors[0].message).toContain('GB 32100-2015');
  });
});

describe('subsidy notices', () => {
  it('lists notices with masked lines only', async () => {
    const { data, errors } = await api.gql(
      '{ subsidyNotices(first: 3) { totalCount nodes { number bureau { name } lineCount totalAmount lines(first: 100) { totalCount nodes { maskedName maskedId amount eligible } } } } }',
    );
    expect(errors).toBeUndefined();
    expect(data.subsidyNotices.totalCount).toBeGreaterThan(0);
    const n = data.subsidyNotices.nodes[0];
    expect(n.lines.totalCount).toBe(n.lineCount);
    for (const l of n.lines.nodes) {
      expect(l.maskedName).toMatch(/\*/);
      expect(l.maskedId).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
  });
});

describe('errors and limits', () => {
  it('rejects first > 100 with BAD_USER_INPUT naming first', async () => {
    const r = await api.gql('{ courses(first: 101) { totalCount } }');
    expect(r.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(r.errors[0].extensions.stacktrace).toBeUndefined();
  });

  it('answers an unknown course id with NOT_FOUND, a malformed one with BAD_USER_INPUT, and node() with null', async () => {
    const unknown = await api.gql('query($id: ID!) { course(id: $id) { id } }', {
      id: toGlobalId('Course', 99_999_999),
    });
    expect(unknown.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const bad = await api.gql('{ course(id: "nonsense") { id } }');
    expect(bad.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const node = await api.gql('query($id: ID!) { node(id: $id) { id } }', { id: toGlobalId('Course', 99_999_999) });
    expect(node.data.node).toBeNull();
    const region = await api.gql('{ courses(filter: { region: "110000" }) { totalCount } }');
    expect(region.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.region' });
  });

  it('rejects an over-expensive query before running it and reports the cost of every query', async () => {
    const ok = await api.gql('{ courses(first: 10) { nodes { title } } }');
    expect(ok.extensions.cost.requested).toBeGreaterThan(0);
    // 100 notices × 100 lines each: 10,000 rows in one request.
    const r = await api.gql(
      '{ subsidyNotices(first: 100) { nodes { lines(first: 100) { nodes { occupation { name } } } } } }',
    );
    expect(r.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(r.data).toBeUndefined();
  });

  it('serves queries over GET but never mutations, with CSRF prevention on', async () => {
    const res = await api.http
      .get('/graphql')
      .query({ query: '{ programmes { key } }' })
      .set('accept', 'application/json')
      .set('apollo-require-preflight', 'true');
    expect(res.status).toBe(200);
    expect(res.body.data.programmes).toHaveLength(16);
    const csrf = await api.http.get('/graphql').query({ query: '{ programmes { key } }' });
    expect(csrf.status).toBe(400);
  });
});

describe('HTTP', () => {
  it('serves an offline GraphQL IDE at /graphql from local files', async () => {
    const page = await api.http.get('/graphql').set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/ide/graphiql.min.js');
    expect(page.text).not.toMatch(/https?:\/\//);
    for (const asset of [
      'graphiql.min.js',
      'graphiql.min.css',
      'react.production.min.js',
      'react-dom.production.min.js',
      'init.js',
    ]) {
      const res = await api.http.get(`/ide/${asset}`);
      expect(res.status, asset).toBe(200);
    }
  });

  it('reports health with the database and the dataset', async () => {
    const res = await api.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.database.status).toBe('ok');
    expect(Number(res.body.dataset['count.occupations'])).toBe(1639);
  });
});

describe('more lists', () => {
  it('orders notices by total amount and checks project units against the 60 % rule', async () => {
    const { data } = await api.gql(`{ n: subsidyNotices(first: 5, orderBy: TOTAL_AMOUNT_DESC) { nodes { totalAmount } }
      u: institutions(first: 10, filter: { type: PROVINCIAL_PROJECT_UNIT }) { totalCount nodes { name isDemo compliance { ruleId passed clause } } } }`);
    const amounts = data.n.nodes.map((n: any) => n.totalAmount);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(data.u.totalCount).toBe(7);
    for (const unit of data.u.nodes) {
      expect(unit.isDemo).toBe(false);
      expect(unit.compliance.find((c: any) => c.ruleId === 'project.certificate-share').clause).toContain('附件4');
    }
  });

  it('lists directory editions and pages through an edition with filters', async () => {
    const { data, errors } = await api.gql(`{ directoryEditions { year isDemo }
      directory(year: 2022) { documentNumber entries(first: 5, filter: { keyOnly: true }) { totalCount nodes { occupation { name } minHours subsidyPerTrainee isKeyOccupation effectiveFrom } } } }`);
    expect(errors).toBeUndefined();
    // Newest first: an edition a year from 2021 to the demo's day (2026-11-21), next year's not yet approved.
    expect(data.directoryEditions.map((e: any) => e.year)).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
    expect(data.directory.entries.totalCount).toBeGreaterThan(0);
    expect(
      data.directory.entries.nodes.every((e: any) => e.isKeyOccupation && e.effectiveFrom.startsWith('2022')),
    ).toBe(true);
    const none = await api.gql('{ directory(year: 1999) { year } }');
    expect(none.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'year' });
  });

  it('filters agencies by occupation and level without repeating rows', async () => {
    const { data } = await api.gql(
      '{ courses(first: 1, filter: { certificateType: SKILL_LEVEL }) { nodes { occupation { code } level } } }',
    );
    const { code } = data.courses.nodes[0].occupation;
    const { level } = data.courses.nodes[0];
    const r = await api.gql(
      'query($o: String, $l: SkillLevel) { evaluationAgencies(first: 100, filter: { occupation: $o, level: $l }) { totalCount nodes { id scope { occupation { code } level } } } }',
      { o: code, l: level },
    );
    const ids = r.data.evaluationAgencies.nodes.map((n: any) => n.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    expect(r.data.evaluationAgencies.totalCount).toBe(ids.length);
    expect(
      r.data.evaluationAgencies.nodes.every((n: any) =>
        n.scope.some((s: any) => s.occupation.code === code && s.level === level),
      ),
    ).toBe(true);
  });
});
