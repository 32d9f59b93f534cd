/**
 * The benchmark's PostgreSQL database: created fresh for the run on the machine's server
 * (`BENCH_PG_URL`, default postgres://postgres@127.0.0.1:5432/postgres), loaded with the same
 * demo data as the SQLite file, `VACUUM ANALYZE`d, and dropped at the end.
 */
import pg from 'pg';
import { openOrm } from '../db/orm';
import { prepareDatabase, type PrepareOptions } from '../db/seed';

/**
 * The URL of a database named `name` on the server of `adminUrl`.
 * @example databaseUrl('postgres://postgres@127.0.0.1:5432/postgres', 'b') // 'postgres://postgres@127.0.0.1:5432/b'
 */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(adminUrl: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates the database `name` (dropping a leftover of an interrupted run), loads it and
 * refreshes its statistics and visibility map.
 * @example const url = await createBenchDatabase(adminUrl, 'skills_bench_1', { scale: 1, seed: 20220211 });
 */
export async function createBenchDatabase(adminUrl: string, name: string, opts: PrepareOptions): Promise<string> {
  await admin(adminUrl, async (c) => {
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(`create database ${name}`);
  });
  const url = databaseUrl(adminUrl, name);
  const orm = await openOrm({ kind: 'postgresql', url });
  try {
    await prepareDatabase(orm, opts);
  } finally {
    await orm.close();
  }
  // After a bulk load: fresh statistics for the planner, and a visibility map for index-only scans.
  await admin(url, (c) => c.query('vacuum analyze'));
  return url;
}

/**
 * Drops the benchmark's database.
 * @example await dropBenchDatabase(adminUrl, 'skills_bench_1');
 */
export async function dropBenchDatabase(adminUrl: string, name: string): Promise<void> {
  await admin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
}
