/**
 * What the publishing tests share (publishing.test.ts: keys and notices; publishing-registers.test.ts:
 * institutions, classes, the directory and agencies): a scale-1 API of the file's own, four
 * publishers and their keys made with the `publishers` command, and GraphQL sent with a key.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll } from 'vitest';
import type { Observers } from '../src/server';
import { startTestApi, withSearchApi, type TestApi, type TestSearch } from './helpers';

const CLI = path.resolve(__dirname, '..', 'dist', 'cli', 'publishers.js');

/** GB 11643 check digit for 17 digits. */
function withCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** Resident identity numbers valid under GB 11643 (check digits computed whatever was typed). */
export const PEOPLE = [
  { name: '李建国', idNumber: '530102199001011234' },
  { name: '王芳', idNumber: '53010219920315002X' },
  { name: '赵小明', idNumber: '530103198807070016' },
].map((p) => ({ ...p, idNumber: withCheckDigit(p.idNumber.slice(0, 17)) }));

/** Line `i` of a notice (one of {@link PEOPLE}), with `over` changed. */
export const line = (i: number, over: Record<string, unknown> = {}) => ({
  seq: i + 1,
  ...PEOPLE[i],
  occupationCode: '4-10-01-05',
  level: 'LEVEL_5',
  certificateNumber: `S20265300000000${i}`,
  attendanceRate: 0.9,
  amount: 1200,
  ...over,
});
export const PUBLISH = `mutation($input: PublishNoticeInput!) { publishNotice(input: $input) { notice { id number status lineCount totalAmount revision lines(first: 10) { nodes { seq maskedName maskedId } } } problems { field rule message } } }`;
/** The variables of {@link PUBLISH} for a notice of `bureau` (three lines by default). */
export const notice = (number: string, bureau: string, lines = [0, 1, 2].map((i) => line(i))) => ({
  input: { number, title: '关于测试培训班培训补贴人员名单的公示', bureau, publishedOn: '2026-11-16', lines },
});

/** The keys of the four publishers: 五华区, 盘龙区, 昆明市 and the province's administrator. */
export type Keys = Record<'wuhua' | 'panlong' | 'kunming' | 'admin', string>;

/** A test file's API (with its own Meilisearch when asked), its publishers' keys, and helpers over them. */
export interface Publishing {
  /** Read inside tests: set before them. */
  readonly env: { readonly api: TestApi; readonly search?: TestSearch };
  /** Filled before the tests. */
  readonly keys: Keys;
  /** Runs the publishers command against the file's database; its output. */
  publishers(...args: string[]): string;
  /** POSTs GraphQL with a key (or none); status and body. */
  as(key: string | null, query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: any }>;
  em(): SqlEntityManager;
  /** Rows in `table`. */
  count(table: string): Promise<number>;
}

/** The publisher id the `publishers create` command printed. */
export const idOf = (out: string) => /^publisher (\d+):/m.exec(out)![1];
/** The key the `publishers key-create` (or `key-rotate`) command printed. */
export const keyOf = (out: string) => /^(sy_[a-z0-9]{12}_[\w-]{43})$/m.exec(out)![1];

/**
 * For a publishing test file: before its tests, a scale-1 API (and a Meilisearch of its own with
 * `search`) and four publishers with a key each; after them, all removed.
 * @example const { env, keys, as } = withPublishing({ search: false });
 */
export function withPublishing(opts: { search: boolean; env?: NodeJS.ProcessEnv; observers?: Observers }): Publishing {
  const env: { api: TestApi; search?: TestSearch } = opts.search ? withSearchApi() : ({} as { api: TestApi });
  if (!opts.search) {
    beforeAll(async () => {
      env.api = await startTestApi({ scale: 1, env: opts.env, observers: opts.observers });
    });
    afterAll(async () => {
      await env.api?.close();
    });
  }
  const keys: Keys = { wuhua: '', panlong: '', kunming: '', admin: '' };
  const publishers = (...args: string[]) => {
    const db = env.api.config.database;
    const dbEnv = { ...process.env, DATABASE_URL: db.kind === 'postgresql' ? db.url : `sqlite:${db.file}` };
    const run = spawnSync(process.execPath, [CLI, ...args], { env: dbEnv, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`publishers ${args.join(' ')} failed: ${run.stderr}`);
    return run.stdout;
  };
  beforeAll(async () => {
    keys.wuhua = keyOf(
      publishers(
        'key-create',
        '--publisher',
        idOf(publishers('create', '--name', '昆明市五华区人力资源和社会保障局', '--region', '530102')),
      ),
    );
    keys.panlong = keyOf(
      publishers(
        'key-create',
        '--publisher',
        idOf(publishers('create', '--name', '昆明市盘龙区人力资源和社会保障局', '--region', '530103')),
      ),
    );
    keys.kunming = keyOf(
      publishers(
        'key-create',
        '--publisher',
        idOf(publishers('create', '--name', '昆明市人力资源和社会保障局', '--region', '530100')),
      ),
    );
    keys.admin = keyOf(
      publishers(
        'key-create',
        '--publisher',
        idOf(publishers('create', '--name', '云南省人力资源和社会保障厅（管理员）', '--region', '530000', '--admin')),
        '--label',
        '测试',
      ),
    );
  }, 60_000);
  const em = () => env.api.orm.em.fork() as SqlEntityManager;
  return {
    env,
    keys,
    publishers,
    async as(key, query, variables = {}) {
      const req = env.api.http.post('/graphql').set('content-type', 'application/json');
      if (key) req.set('authorization', `Bearer ${key}`);
      const res = await req.send({ query, variables });
      return { status: res.status, body: res.body };
    },
    em,
    count: async (table) =>
      Number(((await em().getConnection().execute(`select count(*) as n from ${table}`)) as { n: number }[])[0].n),
  };
}
