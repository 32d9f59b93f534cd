/**
 * The PostgreSQL driver the API runs on: MikroORM's, with one change. A pooled connection the
 * server ended (`pg_terminate_backend`, a failover, an idle timeout on a proxy) is noticed by
 * node-postgres only when its socket says so; a read handed that connection before then failed,
 * although nothing about it was wrong. Here a read outside a transaction that meets a lost
 * connection is run once more on a new one. Writes and anything inside a transaction are not:
 * whether they took effect is unknown, so they still fail with a coded, retryable 503 (busy.ts).
 */
import type { Configuration, MikroORM } from '@mikro-orm/core';
import { AbstractSqlDriver, PostgreSqlKnexDialect } from '@mikro-orm/knex';
import { PostgreSqlConnection, PostgreSqlDriver, PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { isDatabaseGone } from './busy';

/** A node-postgres client as knex holds it: `__knexTxId` is set while it runs a transaction. */
type PooledClient = { __knexTxId?: string };
/** One SQL statement as knex hands it to the dialect. */
type KnexQuery = { sql: string; [k: string]: unknown };

/**
 * Whether `sql` only reads, so running it twice is the same as once: a plain `select` (not
 * `select … for update`, which takes locks, and not a `with` that may hold a write).
 * @example isPlainRead('select 1') // true
 * @example isPlainRead('select * from t for update') // false
 */
export function isPlainRead(sql: string): boolean {
  return /^\s*select\b/i.test(sql) && !/\bfor\s+(no\s+key\s+)?(update|share)\b/i.test(sql);
}

class ReconnectingDialect extends PostgreSqlKnexDialect {
  declare acquireRawConnection: () => Promise<PooledClient>;
  declare destroyRawConnection: (connection: PooledClient) => Promise<void>;

  async _query(connection: PooledClient, obj: KnexQuery): Promise<unknown> {
    // biome-ignore lint/suspicious/noExplicitAny: knex's dialect internals are untyped
    const run = (c: PooledClient) => (PostgreSqlKnexDialect.prototype as any)._query.call(this, c, obj);
    try {
      return await run(connection);
    } catch (e) {
      if (connection.__knexTxId || !isDatabaseGone(e) || !isPlainRead(obj.sql)) throw e;
      // Not from the pool: its other idle connections may have been ended with this one and
      // not know it yet. The lost one is marked disposed; the pool drops it when it comes back.
      const fresh = await this.acquireRawConnection();
      try {
        return await run(fresh);
      } finally {
        await this.destroyRawConnection(fresh).catch(() => undefined);
      }
    }
  }
}

class ReconnectingConnection extends PostgreSqlConnection {
  override createKnex(): void {
    // The same as MikroORM's, with the dialect above (knex takes a class where the type says string).
    this.client = this.createKnexClient(ReconnectingDialect as unknown as string);
    (this.client.client as unknown as { ormConfig: unknown }).ormConfig = this.config;
    this.connected = true;
  }
}

/**
 * MikroORM's PostgreSQL driver whose reads survive a connection the server ended (see the top
 * of this file).
 * @example MikroORM.init({ driver: ReconnectingPostgreSqlDriver, clientUrl: 'postgres://…' })
 */
export class ReconnectingPostgreSqlDriver extends AbstractSqlDriver<ReconnectingConnection> {
  constructor(config: Configuration) {
    super(config, new PostgreSqlPlatform(), ReconnectingConnection, ['knex', 'pg']);
  }
}

/**
 * Whether `orm` runs on PostgreSQL (else on SQLite).
 * @example if (onPostgres(orm)) await em.execute('set local …')
 */
export function onPostgres(orm: Pick<MikroORM, 'config'>): boolean {
  const driver = orm.config.get('driver') as unknown;
  return [PostgreSqlDriver, ReconnectingPostgreSqlDriver].some(
    (pg) => driver === pg || (typeof driver === 'function' && driver.prototype instanceof pg),
  );
}
