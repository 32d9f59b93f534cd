import type { MikroORM } from '@mikro-orm/core';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, MIGRATIONS_TABLE, migrateDatabase, schemaDifference } from '../src/db/migrations';
import { databaseTree } from '../src/db/log-store';
import { openOrm } from '../src/db/orm';
import { inclusionProof, leafHash, rootOf, treeRoot, verifyInclusion } from '../src/log/merkle';
import { onPostgres } from '../src/db/postgres';
import { prepareDatabase } from '../src/db/seed';
import { createTestDatabase, type TestDatabase } from './helpers';

// Runs on SQLite, and on PostgreSQL with DATABASE_URL (npm run test:pg, .ci/run).
const opened: { orm: MikroORM; db: TestDatabase }[] = [];
afterEach(async () => {
  for (const { orm, db } of opened.splice(0)) {
    await orm.close(true);
    await db.drop();
  }
});

async function emptyDatabase() {
  const db = await createTestDatabase();
  const orm = await openOrm(db.config);
  opened.push({ orm, db });
  return { orm, kind: db.config.kind };
}

const count = async (orm: MikroORM, table: string) =>
  Number(
    ((await orm.em.getConnection().execute(`select count(*) as n from ${table}`)) as { n: number | string }[])[0].n,
  );

describe('migrations', () => {
  it('run up from an empty database to exactly the tables the entities describe', async () => {
    const { orm, kind } = await emptyDatabase();
    const { applied, legacy } = await migrateDatabase(orm);
    expect(applied).toEqual(MIGRATIONS[kind].map((m) => m.name));
    expect(legacy).toBeNull();
    // An entity changed without a migration fails here: write one with `npm run migrations -- create <name>`.
    expect(await schemaDifference(orm)).toEqual([]);
    expect((await orm.getMigrator().getPendingMigrations()).length).toBe(0);
    // A second run has nothing to do.
    expect((await migrateDatabase(orm)).applied).toEqual([]);
  });

  it('are recorded by the load, which a restart leaves alone', async () => {
    const { orm, kind } = await emptyDatabase();
    const first = await prepareDatabase(orm, { scale: 0, seed: 1, today: '2026-11-22' });
    expect(first.loaded).toBe(true);
    expect(first.meta['schema.migration']).toBe(MIGRATIONS[kind].at(-1)!.name);
    const regions = await count(orm, 'region');
    const again = await prepareDatabase(orm, { scale: 0, seed: 1, today: '2026-11-22' });
    expect(again.loaded).toBe(false);
    expect(await count(orm, 'region')).toBe(regions);
  });

  it("adopt a database made before migrations that holds publishers' records, keeping every row", async () => {
    const { orm, kind } = await emptyDatabase();
    // What the versions before migrations did: the tables of the first migration, without its record.
    await orm.getMigrator().up({ to: MIGRATIONS[kind][0].name });
    await orm.em.getConnection().execute(`drop table ${MIGRATIONS_TABLE}`);
    await orm.em
      .getConnection()
      .execute(`insert into dataset_meta (key, value) values ('loaded.at', '2026-11-01T00:00:00Z')`);
    await orm.em
      .getConnection()
      .execute(`insert into region (code, name, level, parent_code) values ('530000', '云南省', 'PROVINCE', null)`);
    const yes = onPostgres(orm) ? 'true' : '1';
    await orm.em
      .getConnection()
      .execute(
        `insert into publisher (name, region_code, is_admin, created_at) values ('云南省人力资源和社会保障厅', '530000', ${yes}, '2026-11-01T00:00:00Z')`,
      );
    const report = await migrateDatabase(orm);
    expect(report.legacy).toBe('adopted');
    // The first migration is recorded as run, the later ones run, and the tables end as the entities describe.
    expect(report.applied).toEqual(MIGRATIONS[kind].slice(1).map((m) => m.name));
    expect(await count(orm, 'publisher')).toBe(1);
    expect(await count(orm, MIGRATIONS_TABLE)).toBe(MIGRATIONS[kind].length);
    expect(await schemaDifference(orm)).toEqual([]);
  });

  it('rebuild a database made before migrations that holds only loaded data', async () => {
    const { orm, kind } = await emptyDatabase();
    await orm.getSchemaGenerator().createSchema();
    await orm.em
      .getConnection()
      .execute(`insert into dataset_meta (key, value) values ('loaded.at', '2026-11-01T00:00:00Z')`);
    const report = await migrateDatabase(orm);
    expect(report.legacy).toBe('rebuilt');
    expect(report.applied).toEqual(MIGRATIONS[kind].map((m) => m.name));
    expect(await count(orm, 'dataset_meta')).toBe(0);
  });

  it("refuse a database made before migrations whose tables differ when it holds publishers' records", async () => {
    const { orm } = await emptyDatabase();
    await orm.getSchemaGenerator().createSchema();
    await orm.em
      .getConnection()
      .execute(`insert into dataset_meta (key, value) values ('loaded.at', '2026-11-01T00:00:00Z')`);
    await orm.em
      .getConnection()
      .execute(
        `insert into audit_entry (at, actor, action, entity_type, entity_key, summary) values ('2026-11-01T00:00:00Z', 'cli', 'publisher.create', 'Publisher', '1', 'x')`,
      );
    // An older layout: a column this version has, missing.
    await orm.em.getConnection().execute(`alter table institution drop column blacklist_document`);
    await expect(migrateDatabase(orm)).rejects.toThrow(/holds records written by publishers .* tables differ/);
    expect(await count(orm, 'audit_entry')).toBe(1);
  });

  it('carry every blacklisting an institution held into the decisions on record, with its document', async () => {
    const { orm, kind } = await emptyDatabase();
    const before = MIGRATIONS[kind].findIndex((m) => m.name.endsWith('-blacklisting-decisions'));
    await orm.getMigrator().up({ to: MIGRATIONS[kind][before - 1].name });
    const sql = (q: string) => orm.em.getConnection().execute(q);
    await sql(`insert into region (code, name, level, parent_code) values ('530000', '云南省', 'PROVINCE', null)`);
    await sql(
      `insert into region (code, name, level, parent_code) values ('530100', '昆明市', 'PREFECTURE', '530000')`,
    );
    const no = kind === 'postgresql' ? 'false' : '0';
    await sql(`insert into institution (name, type, region_code, blacklisted_from, blacklisted_until, blacklist_reason, blacklist_document, is_demo, source)
      values ('甲培训学校', 'PRIVATE_TRAINING_INSTITUTION', '530100', '2024-03-01', null, '虚报培训人数', '昆人社发〔2024〕5号', ${no}, 'test'),
             ('乙培训学校', 'PRIVATE_TRAINING_INSTITUTION', '530100', '2023-01-10', '2024-02-01', '虚假宣传', '昆人社发〔2023〕2号', ${no}, 'test'),
             ('丙培训学校', 'PRIVATE_TRAINING_INSTITUTION', '530100', null, null, null, null, ${no}, 'test')`);
    await migrateDatabase(orm);
    const rows = (await sql(
      `select i.name, b.blacklisted_from, b.blacklisted_until, b.document from blacklisting b join institution i on i.id = b.institution_id order by b.blacklisted_from`,
    )) as Record<string, unknown>[];
    const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
    expect(rows.map((r) => [r.name, day(r.blacklisted_from), day(r.blacklisted_until), r.document])).toEqual([
      ['乙培训学校', '2023-01-10', '2024-02-01', '昆人社发〔2023〕2号'],
      ['甲培训学校', '2024-03-01', '2027-03-01', '昆人社发〔2024〕5号'],
    ]);
  });

  it('keep the hash of every complete subtree of a log written when only the tile levels were kept', async () => {
    const { orm, kind } = await emptyDatabase();
    const at = MIGRATIONS[kind].findIndex((m) => m.name.endsWith('-log-subtree-hashes'));
    await orm.getMigrator().up({ to: MIGRATIONS[kind][at - 1].name });
    const sql = (q: string, params: unknown[] = []) => orm.em.getConnection().execute(q, params);
    const size = 600;
    const leaves = Array.from({ length: size }, (_, i) => leafHash(Buffer.from(`{"entry":${i}}`)));
    for (let i = 0; i < size; i += 100)
      await sql(
        `insert into log_entry (idx, kind, subject, body, leaf_hash) values ${leaves
          .slice(i, i + 100)
          .map(() => '(?, ?, ?, ?, ?)')
          .join(', ')}`,
        leaves.slice(i, i + 100).flatMap((h, k) => [i + k, 'notice.revision', 's', `{"entry":${i + k}}`, h]),
      );
    // What the earlier version kept: the roots of the two full tiles, at tile level 1.
    for (const t of [0, 1])
      await sql('insert into log_hash (level, idx, hash) values (?, ?, ?)', [
        1,
        t,
        rootOf(leaves.slice(t * 256, t * 256 + 256)),
      ]);
    await migrateDatabase(orm);
    expect(await schemaDifference(orm)).toEqual([]);
    // One row per complete subtree above the leaves: 600 leaves make 300 + 150 + … = 600 − popcount(600).
    expect(await count(orm, 'log_hash')).toBe(size - 4);
    const reader = databaseTree(orm.em.fork());
    const root = await treeRoot(reader, size);
    expect(root.equals(rootOf(leaves))).toBe(true);
    for (const index of [0, 255, 256, 511, 599])
      expect(verifyInclusion(leaves[index], index, size, await inclusionProof(reader, index, size), root)).toBe(true);
    expect((await reader.hashes(1, 0, 2)).map((h) => h.toString('hex'))).toEqual(
      [0, 1].map((t) => rootOf(leaves.slice(t * 256, t * 256 + 256)).toString('hex')),
    );
  });
});
