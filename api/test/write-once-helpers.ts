/**
 * What the write-once tests share (write-once.test.ts: notices; write-once-registers.test.ts: the
 * draw, blacklistings and the other writes): a scale-0 database of the file's own with a bureau's
 * key, the province's key, a training institution with three agencies for its occupation and an
 * institution to blacklist; an API over it with the write limits raised; and the firing of many
 * copies of one write at once.
 */
import type { SqlEntityManager } from '@mikro-orm/knex';
import request from 'supertest';
import { afterAll, beforeAll, expect } from 'vitest';
import { AgencyScope, EvaluationAgency } from '../src/agencies/agency.entity';
import { Institution } from '../src/institutions/institution.entity';
import { newApiKey } from '../src/publishers/api-keys';
import { ApiKey, Publisher } from '../src/publishers/publisher.entity';
import { createApi } from '../src/server';
import { startTestApi, type TestApi } from './helpers';

/** How many copies of one write are fired at once. */
export const COPIES = 8;
const TODAY = '2026-11-21';

/** GB 11643 check digit appended to 17 digits. */
function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}
/** Line `i` of a notice, paying `amount` 元. */
export const line = (i: number, amount = 1000) => ({
  seq: i + 1,
  name: ['李建国', '王芳', '赵小明'][i],
  idNumber: residentId(`53010219900101${123 + i}`),
  occupationCode: '4-10-01-05',
  level: 'LEVEL_5',
  certificateNumber: null,
  attendanceRate: 0.9,
  amount,
});

export const PUBLISH =
  'mutation($input: PublishNoticeInput!) { publishNotice(input: $input) { notice { number } problems { field rule message } } }';
export const WITHDRAW =
  'mutation($n: String!, $reason: String!) { withdrawNotice(number: $n, on: "2026-11-20", reason: $reason) { notice { status withdrawnOn } problems { field rule message } } }';
export const CORRECT =
  'mutation($input: CorrectNoticeInput!) { correctNotice(input: $input) { notice { revision } problems { field rule message } } }';
export const RECORD =
  'mutation($input: RecordObjectionInput!) { recordObjection(input: $input) { objection { id } problems { field rule message } } }';
export const DECIDE =
  'mutation($input: DecideObjectionInput!) { decideObjection(input: $input) { objection { status } problems { field rule message } } }';

/** Splits answers into the one that took effect and the rules that refused the others. */
export function outcome(bodies: any[], field: string, value: string) {
  for (const b of bodies) expect(b.errors, JSON.stringify(b.errors)).toBeUndefined();
  const won = bodies.filter((b) => b.data[field][value] !== null);
  const refused = bodies
    .filter((b) => b.data[field][value] === null)
    .flatMap((b) => b.data[field].problems.map((p: { rule: string }) => p.rule));
  return { won, refused };
}

/** The file's fixtures, set before its tests. */
export interface WriteOnceFixtures {
  api: TestApi;
  /** The API over the database with the fixtures (built after them: it loads its reference data once). */
  http: TestApi['http'];
  /** The 五华区 bureau's key. */
  key: string;
  /** The province's key, for the writes only the province makes. */
  provinceKey: string;
  /** The training institution of the classes the tests approve, and their occupation (one with a national standard). */
  institutionId: number;
  courseOccupation: string;
  /** An institution the tests blacklist. */
  barredId: number;
}

/** A write-once test file's fixtures and the helpers over them. */
export interface WriteOnce {
  /** Read inside tests: filled before them. */
  readonly env: WriteOnceFixtures;
  em(): SqlEntityManager;
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Audit entries of `action` whose entity key starts with `entityKey`. */
  auditCount(action: string, entityKey: string): Promise<number>;
  /** POSTs one GraphQL operation with a key (the bureau's by default); status and body. */
  as(query: string, variables: Record<string, unknown>, withKey?: string): Promise<{ status: number; body: any }>;
  /** Fires `n` copies (or `n` variants) of a write at once and waits for every answer. */
  fire(n: number, query: string, variables: (i: number) => Record<string, unknown>, withKey?: string): Promise<any[]>;
  /** Publishes a three-line notice of 1,000 元 a line; its number. */
  publish(suffix: string): Promise<string>;
}

/**
 * For a write-once test file: its database, fixtures and API before its tests, removed after them.
 * @example const { env, fire } = withWriteOnce(); it('…', async () => { await fire(COPIES, PUBLISH, …); });
 */
export function withWriteOnce(): WriteOnce {
  const env = {} as WriteOnceFixtures;
  let stopApi: () => Promise<void> = async () => undefined;
  const em = () => env.api.orm.em.fork() as SqlEntityManager;
  const rows = async <T>(sql: string, params: unknown[] = []) =>
    (await em().getConnection().execute(sql, params)) as T[];
  const as = async (query: string, variables: Record<string, unknown>, withKey = env.key) => {
    const res = await env.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${withKey}`)
      .send({ query, variables });
    return { status: res.status, body: res.body };
  };
  const fire = async (
    n: number,
    query: string,
    variables: (i: number) => Record<string, unknown>,
    withKey = env.key,
  ) => {
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => as(query, variables(i), withKey)));
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
    return answers.map((a) => a.body);
  };
  beforeAll(async () => {
    env.api = await startTestApi({ scale: 0, today: TODAY });
    // A bureau and its key, written as the publishers command writes them.
    const fork = em();
    const publisherId = Number(
      await fork.insert(Publisher, {
        name: '昆明市五华区人力资源和社会保障局',
        region: '530102',
        isAdmin: false,
        createdAt: new Date(),
      }),
    );
    const k = newApiKey();
    await fork.insert(ApiKey, {
      publisher: publisherId,
      keyId: k.keyId,
      secretHash: k.secretHash,
      label: 'write-once',
      createdAt: new Date(),
    });
    env.key = k.key;
    const provinceId = Number(
      await fork.insert(Publisher, {
        name: '云南省人力资源和社会保障厅',
        region: '530000',
        isAdmin: true,
        createdAt: new Date(),
      }),
    );
    const pk = newApiKey();
    await fork.insert(ApiKey, {
      publisher: provinceId,
      keyId: pk.keyId,
      secretHash: pk.secretHash,
      label: 'write-once',
      createdAt: new Date(),
    });
    env.provinceKey = pk.key;
    // A training institution in 五华区 and three agencies recorded for its occupation: the draw's records.
    // The reference data alone leaves national standards unknown: this file's occupation has one.
    env.courseOccupation = '4-10-01-05';
    await fork
      .getConnection()
      .execute('update occupation set has_national_standard = ? where code = ?', [
        env.api.config.database.kind === 'postgresql' ? true : 1,
        env.courseOccupation,
      ]);
    env.institutionId = Number(
      await fork.insert(Institution, {
        name: '昆明市五华区并发测试职业培训学校',
        type: 'PRIVATE_TRAINING_INSTITUTION',
        region: '530102',
        isDemo: false,
        source: 'write-once test',
      } as never),
    );
    await fork
      .getConnection()
      .execute('insert into institution_scope (institution_id, occupation_code) values (?, ?)', [
        env.institutionId,
        env.courseOccupation,
      ]);
    env.barredId = Number(
      await fork.insert(Institution, {
        name: '昆明市五华区黑名单测试职业培训学校',
        type: 'PRIVATE_TRAINING_INSTITUTION',
        region: '530102',
        isDemo: false,
        source: 'write-once test',
      } as never),
    );
    for (const n of [1, 2, 3]) {
      const agency = Number(
        await fork.insert(EvaluationAgency, {
          name: `并发测试评价机构${n}`,
          type: 'SOCIAL_TRAINING_EVALUATOR',
          region: '530100',
          isDemo: false,
          source: 'write-once test',
        } as never),
      );
      await fork.insert(AgencyScope, {
        agency,
        occupation: env.courseOccupation,
        certificateType: 'SKILL_LEVEL',
        level: 'LEVEL_5',
        recordedFrom: '2020-01-01',
        recordedUntil: null,
      } as never);
    }
    // Many writes from one key and address in a minute: the write limits are not what is tested here.
    const built = await createApi(
      env.api.orm,
      { ...env.api.config, rateLimits: { ...env.api.config.rateLimits, writesPerKey: 10_000, writesPerIp: 10_000 } },
      null,
    );
    env.http = request(built.httpServer);
    stopApi = () => built.apollo.stop();
  }, 120_000);
  afterAll(async () => {
    await stopApi();
    await env.api?.close();
  });
  return {
    env,
    em,
    rows,
    as,
    fire,
    auditCount: async (action, entityKey) =>
      Number(
        (
          await rows<{ n: number | string }>(
            'select count(*) as n from audit_entry where action = ? and entity_key like ?',
            [action, `${entityKey}%`],
          )
        )[0].n,
      ),
    async publish(suffix) {
      const number = `（并发测试）五华人社培公〔2026〕第${suffix}号`;
      const [r] = await fire(1, PUBLISH, () => ({
        input: {
          number,
          title: '关于并发测试培训班培训补贴人员名单的公示',
          bureau: '530102',
          publishedOn: '2026-11-16',
          lines: [0, 1, 2].map((i) => line(i)),
        },
      }));
      expect(r.data.publishNotice.problems).toEqual([]);
      return number;
    },
  };
}
