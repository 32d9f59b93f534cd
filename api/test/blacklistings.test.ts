/**
 * The published blacklist (`blacklistings`): the SQL filter agrees with the status rule on every
 * institution and several days, current ones come first, pagination walks the whole list, and
 * a lifted bar and a revoked licence read back with their documents. Records are found at test
 * time, whatever the demo generator made blacklisted on the day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlacklistingStatus } from '../src/common/enums';
import { Institution } from '../src/institutions/institution.entity';
import { blacklistingWhere } from '../src/institutions/institution.filters';
import { blacklistingStatus } from '../src/institutions/blacklisting.rules';
import { toGlobalId } from '../src/graphql/node';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ scale: 1, today: '2026-11-21' });
});
afterAll(async () => {
  await api?.close();
});

const NODE = 'from until status reason document liftedOn liftDocument liftReason institution { id name standing }';

/** Every blacklisting the API lists for `filter`, page after page of `first`. */
async function walk(filter: string, first: number): Promise<any[]> {
  const out: any[] = [];
  let after: string | null = null;
  for (;;) {
    const { data, errors }: { data: any; errors?: unknown } = await api.gql(
      `query($after: String) { blacklistings(first: ${first}, after: $after${filter ? `, filter: ${filter}` : ''}) { totalCount pageInfo { hasNextPage endCursor } nodes { ${NODE} } } }`,
      { after },
    );
    expect(errors).toBeUndefined();
    out.push(...data.blacklistings.nodes);
    if (!data.blacklistings.pageInfo.hasNextPage) return out;
    after = data.blacklistings.pageInfo.endCursor;
  }
}

describe('blacklistings (云人社通〔2022〕8号 四(三), published per 50号 (十七))', () => {
  it('filters by status in SQL exactly as the status rule decides it, on today and on each first day', async () => {
    const em = api.orm.em.fork();
    const all = await em.find(Institution, {});
    const blacklisted = all.filter((i) => i.blacklistedFrom);
    expect(blacklisted.length, 'the demo has blacklistings').toBeGreaterThan(0);
    // The first days make some bars current whatever today the demo was made for.
    const days = [api.config.fixedToday!, ...blacklisted.slice(0, 5).map((i) => i.blacklistedFrom!)];
    let currentSeen = 0;
    for (const day of days) {
      for (const status of [...Object.values(BlacklistingStatus), null]) {
        const bySql = (await em.find(Institution, blacklistingWhere(status, day)))
          .map((i) => i.id)
          .sort((a, b) => a - b);
        const byRule = blacklisted
          .filter((i) => {
            const s = blacklistingStatus(
              { from: i.blacklistedFrom!, until: i.blacklistedUntil ?? null, liftedOn: i.blacklistLiftedOn ?? null },
              day,
            );
            return status === null ? s !== null : s === status;
          })
          .map((i) => i.id)
          .sort((a, b) => a - b);
        expect(bySql, `${status} on ${day}`).toEqual(byRule);
        if (status === BlacklistingStatus.CURRENT) currentSeen += bySql.length;
      }
    }
    expect(currentSeen, 'some bar is current on its first day').toBeGreaterThan(0);
  });

  it('lists every blacklisting in force, current ones first, each group by its end, latest first, across pages', async () => {
    const em = api.orm.em.fork();
    const today = api.config.fixedToday!;
    const expected = (await em.find(Institution, { blacklistedFrom: { $ne: null, $lte: today } })).map((i) =>
      toGlobalId('Institution', i.id),
    );
    const listed = await walk('', 7);
    expect(listed.map((b) => b.institution.id).sort()).toEqual([...expected].sort());
    const { data } = await api.gql('{ blacklistings(first: 1) { totalCount } }');
    expect(data.blacklistings.totalCount).toBe(expected.length);
    const rank = (b: any) => (b.status === 'CURRENT' ? 0 : 1);
    for (let i = 1; i < listed.length; i++) {
      const [a, b] = [listed[i - 1], listed[i]];
      expect(
        rank(a) < rank(b) || (rank(a) === rank(b) && a.until >= b.until),
        `${a.until} ${a.status} before ${b.until} ${b.status}`,
      ).toBe(true);
    }
    for (const b of listed) {
      expect(b.status).toBe(b.until > today ? 'CURRENT' : b.liftedOn ? 'LIFTED' : 'ENDED');
      if (b.status === 'CURRENT') expect(['BLACKLISTED', 'LICENCE_REVOKED']).toContain(b.institution.standing);
    }
    const current = await walk('{ status: CURRENT }', 100);
    expect(current.length).toBe(listed.filter((b) => b.status === 'CURRENT').length);
    const { data: standing } = await api.gql(
      '{ institutions(first: 1, filter: { standing: BLACKLISTED }) { totalCount } }',
    );
    expect(current.filter((b) => b.institution.standing === 'BLACKLISTED').length).toBe(
      standing.institutions.totalCount,
    );
  });

  it('narrows by region and demo, and names the field of a bad region', async () => {
    const all = await walk('', 100);
    const { data: first } = await api.gql(
      '{ blacklistings(first: 1) { nodes { institution { region { code level parent { code } } } } } }',
    );
    const region = first.blacklistings.nodes[0].institution.region;
    const prefecture: string = region.level === 'COUNTY' ? region.parent.code : region.code;
    const inPrefecture = await walk(`{ region: "${prefecture}" }`, 100);
    expect(inPrefecture.length).toBeGreaterThan(0);
    expect(inPrefecture.length).toBeLessThanOrEqual(all.length);
    const { data } = await api.gql(
      `{ institutions(first: 1, filter: { region: "${prefecture}" }) { totalCount } demo: blacklistings(first: 1, filter: { isDemo: false }) { totalCount } }`,
    );
    expect(data.institutions.totalCount).toBeGreaterThanOrEqual(inPrefecture.length);
    expect(data.demo.totalCount).toBe(0);
    const bad = await api.gql('{ blacklistings(filter: { region: "999999" }) { totalCount } }');
    expect(bad.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.region' });
  });

  it('reads back a bar lifted early (LIFTED, with its document) and a revoked licence with its document and reason (50号 (十九))', async () => {
    const em = api.orm.em.fork();
    const [lifted, revoked] = await em.find(
      Institution,
      { blacklistedFrom: null, licenceRevokedOn: null },
      { limit: 2, orderBy: { id: 'asc' } },
    );
    await em.nativeUpdate(
      Institution,
      { id: lifted.id },
      {
        blacklistedFrom: '2025-03-01',
        blacklistedUntil: '2025-09-01',
        blacklistReason: '虚报培训人数（测试）',
        blacklistDocument: '测人社发〔2025〕1号',
        blacklistLiftedOn: '2025-09-01',
        blacklistLiftDocument: '测人社发〔2025〕9号',
        blacklistLiftReason: '经复核整改到位（测试）',
      },
    );
    await em.nativeUpdate(
      Institution,
      { id: revoked.id },
      {
        licenceRevokedOn: '2026-01-05',
        licenceRevocationDocument: '测人社发〔2026〕2号',
        licenceRevocationReason: '伪造培训记录（测试）',
      },
    );
    const { data } = await api.gql(`{ l: blacklistings(first: 100, filter: { status: LIFTED }) { nodes { ${NODE} } }
      r: institution(id: "${toGlobalId('Institution', revoked.id)}") { standing licenceRevokedOn licenceRevocation { on document reason } blacklisting { from } } }`);
    expect(data.l.nodes.find((b: any) => b.institution.id === toGlobalId('Institution', lifted.id))).toMatchObject({
      from: '2025-03-01',
      until: '2025-09-01',
      status: 'LIFTED',
      liftedOn: '2025-09-01',
      liftDocument: '测人社发〔2025〕9号',
      liftReason: '经复核整改到位（测试）',
      institution: { standing: 'GOOD' },
    });
    expect(data.r).toEqual({
      standing: 'LICENCE_REVOKED',
      licenceRevokedOn: '2026-01-05',
      licenceRevocation: { on: '2026-01-05', document: '测人社发〔2026〕2号', reason: '伪造培训记录（测试）' },
      blacklisting: null,
    });
  });
});
