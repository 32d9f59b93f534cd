/**
 * A database that is busy or gone, as the API meets and answers it.
 *
 * better-sqlite3 is synchronous: SQLite's own busy handler (its default wait is 5 s) sleeps on
 * the event loop, so one write waiting for another process's lock (an import) stalled every
 * request. Here SQLite waits only a few milliseconds per try, and the waiting between tries is
 * asynchronous, bounded, and ends in a coded, retryable answer (HTTP 503 with `Retry-After`).
 * A PostgreSQL connection that was terminated (`pg_terminate_backend`, a restart) is replaced
 * by the pool; a read on it runs again on a new one (db/postgres.ts), and a write or transaction
 * in flight gets a coded 503 too.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApolloServerPlugin } from '@apollo/server';
import { AbstractSqlDriver, type Configuration } from '@mikro-orm/knex';
import { BetterSqliteConnection, BetterSqliteKnexDialect, BetterSqlitePlatform } from '@mikro-orm/better-sqlite';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../graphql/errors';

/** How long SQLite itself may block the event loop per try, ms (its `busy_timeout`). */
export const SQLITE_BUSY_SLICE_MS = 5;
/** How long a write waits in all for another writer before it is answered DATABASE_BUSY, ms. */
export const BUSY_WAIT_MS = 3_000;
/** Seconds a client is told to wait before trying a busy write again. */
export const RETRY_AFTER_SECONDS = 2;

const BUSY_MESSAGE = `the database is busy with another write (an import, most likely); nothing was written: try again in ${RETRY_AFTER_SECONDS} seconds`;
const GONE_MESSAGE = `the connection to the database was lost during this request; it has been replaced: try again in ${RETRY_AFTER_SECONDS} seconds`;

/** A write that found the database locked for longer than {@link BUSY_WAIT_MS}. */
export class DatabaseBusyError extends Error {
  /** Kept by MikroORM's exception wrapper, which copies own properties. */
  readonly code = 'SQLITE_BUSY';
  constructor(waitedMs: number) {
    super(`${BUSY_MESSAGE} (waited ${waitedMs} ms)`);
    this.name = 'DatabaseBusyError';
  }
}

type Coded = { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; originalError?: unknown };

/** The error and what it wraps (graphql-js, MikroORM and our own wrappers nest them). */
function* chain(error: unknown): Generator<Coded> {
  const seen = new Set<unknown>();
  let e = error as Coded | undefined;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    yield e;
    e = (e.originalError ?? e.cause) as Coded | undefined;
  }
}

/**
 * Whether `error` means another writer holds the lock: SQLite's SQLITE_BUSY (any variant), or
 * PostgreSQL's lock_not_available (55P03), serialization_failure (40001) or deadlock (40P01),
 * all of which succeed when tried again.
 * @example isDatabaseBusy(new DatabaseBusyError(3000)) // true
 */
export function isDatabaseBusy(error: unknown): boolean {
  for (const e of chain(error)) {
    const code = String(e.code ?? '');
    if (code.startsWith('SQLITE_BUSY') || ['55P03', '40001', '40P01'].includes(code)) return true;
  }
  return false;
}

/**
 * Whether `error` means the database connection went away under the statement: PostgreSQL's
 * admin_shutdown family (57P01–57P03, e.g. `pg_terminate_backend`), connection exceptions
 * (class 08) or node-postgres's "Connection terminated" when the socket closed.
 * @example isDatabaseGone({ code: '57P01' }) // true
 */
export function isDatabaseGone(error: unknown): boolean {
  for (const e of chain(error)) {
    const code = String(e.code ?? '');
    if (/^57P0[123]$/.test(code) || /^08\d\d\d$/.test(code) || code === 'ECONNRESET' || code === 'EPIPE') return true;
    // node-postgres says so only in words (knex puts the SQL before them).
    if (/Connection terminated|connection error and is not queryable/.test(String(e.message ?? ''))) return true;
  }
  return false;
}

/**
 * The answer to a busy or lost database, or null for any other error: a retryable
 * DATABASE_BUSY / DATABASE_UNAVAILABLE that names no SQL (the server log keeps the original).
 * @example databaseFault(new DatabaseBusyError(3000), { path: ['publishNotice'] })?.extensions?.code // 'DATABASE_BUSY'
 */
export function databaseFault(error: unknown, formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  const code = isDatabaseBusy(error)
    ? ErrorCode.DATABASE_BUSY
    : isDatabaseGone(error)
      ? ErrorCode.DATABASE_UNAVAILABLE
      : null;
  if (!code) return null;
  const message = code === ErrorCode.DATABASE_BUSY ? BUSY_MESSAGE : GONE_MESSAGE;
  return {
    message,
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code, retryAfterSeconds: RETRY_AFTER_SECONDS },
  };
}

/**
 * Throws `error` as a coded GraphQL error with HTTP 503 when it is a busy or lost database, else
 * as it is: for code that runs outside an operation (Apollo's context), where
 * {@link databaseFaultPlugin} cannot set the status.
 * @example const rows = await findRows(em, ApiKey, { keyId }).catch(rethrowDatabaseFault);
 */
export function rethrowDatabaseFault(error: unknown): never {
  const fault = databaseFault(error, {} as GraphQLFormattedError);
  if (!fault) throw error;
  throw new GraphQLError(fault.message, {
    originalError: error instanceof Error ? error : undefined,
    extensions: {
      ...fault.extensions,
      http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
    },
  });
}

/**
 * Answers an operation that met a busy or lost database with HTTP 503 and `Retry-After` (the
 * error itself is coded by `formatError` through {@link databaseFault}).
 * @example new ApolloServer({ schema, plugins: [databaseFaultPlugin()] })
 */
export function databaseFaultPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          if (
            !errors.some(
              (e) =>
                e.extensions?.code === ErrorCode.DATABASE_BUSY || e.extensions?.code === ErrorCode.DATABASE_UNAVAILABLE,
            )
          )
            return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}

/** One SQL statement as knex hands it to the dialect. */
type KnexQuery = { sql: string; [k: string]: unknown };
/** The better-sqlite3 connection, as far as it is used here. */
type RawConnection = { inTransaction: boolean; prepare(sql: string): unknown };
/** A better-sqlite3 statement, as far as it is used here. */
type Statement = {
  reader: boolean;
  raw(on: boolean): Statement;
  columns(): { name: string }[];
  all(bindings: unknown[]): unknown[][];
};

/**
 * A function making one row object from one row array, for a statement's columns: an object
 * literal with the columns in order (a later column of the same name wins, as in better-sqlite3's
 * own objects). better-sqlite3 builds each row object in C++ one property at a time, which for a
 * table of 35 columns costs twice reading arrays and building them here (measured).
 */
function rowMaker(columns: readonly string[]): (values: unknown[]) => Record<string, unknown> {
  const fields = columns.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ');
  return new Function('v', `return { ${fields} };`) as (values: unknown[]) => Record<string, unknown>;
}

const rowMakers = new WeakMap<object, (values: unknown[]) => Record<string, unknown>>();

/**
 * The rows of a reading statement, as objects keyed by column name (what knex expects).
 * @example readRows(db.prepare('select 1 as one'), []) // [{ one: 1 }]
 */
export function readRows(statement: Statement, bindings: unknown[]): Record<string, unknown>[] {
  let make = rowMakers.get(statement);
  if (!make) {
    make = rowMaker(statement.columns().map((c) => c.name));
    rowMakers.set(statement, make);
  }
  return statement.raw(true).all(bindings).map(make);
}

/**
 * Prepared statements kept per connection, by SQL text. Reads with bound parameters
 * (`db/rows.ts`) repeat the same few texts, and preparing one costs more than running it
 * (about 6 % of a simple list request, measured).
 */
export const STATEMENTS_PER_CONNECTION = 256;

/**
 * Makes `connection.prepare` hand back the statement it prepared before for the same text,
 * keeping the {@link STATEMENTS_PER_CONNECTION} most recently used. knex only runs a statement
 * to its end (`all` or `run`), so sharing one between calls is safe.
 * @example keepStatements(db); db.prepare('select 1') === db.prepare('select 1') // true
 */
export function keepStatements(connection: RawConnection): void {
  const prepare = connection.prepare.bind(connection);
  const kept = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    let statement = kept.get(sql);
    if (statement) kept.delete(sql);
    else statement = prepare(sql);
    kept.set(sql, statement);
    if (kept.size > STATEMENTS_PER_CONNECTION) kept.delete(kept.keys().next().value as string);
    return statement;
  };
}

/**
 * Runs `attempt` again while SQLite answers busy, sleeping (without blocking the event loop)
 * 5, 10, 20 … up to 250 ms between tries, for at most `waitMs` in all.
 * @throws DatabaseBusyError when the lock was not had within `waitMs`.
 * @example await whileBusy(() => stmt.run(), 3000)
 */
export async function whileBusy<T>(attempt: () => Promise<T>, waitMs = BUSY_WAIT_MS): Promise<T> {
  const started = Date.now();
  for (let pause = SQLITE_BUSY_SLICE_MS; ; pause = Math.min(pause * 2, 250)) {
    try {
      return await attempt();
    } catch (e) {
      if (!isDatabaseBusy(e)) throw e;
      const waited = Date.now() - started;
      if (waited >= waitMs) throw new DatabaseBusyError(waited);
      await sleep(Math.min(pause, waitMs - waited));
    }
  }
}

/**
 * The better-sqlite3 dialect that keeps prepared statements (see {@link keepStatements}), with
 * the two changes that make a busy database cheap to wait for:
 * a transaction takes the write lock when it begins (`BEGIN IMMEDIATE`), so the only statements
 * that can meet a busy database are ones that wrote nothing yet (BEGIN, a statement outside a
 * transaction, COMMIT) and are safe to try again; and trying again is done by {@link whileBusy}.
 */
class BusyAwareDialect extends BetterSqliteKnexDialect {
  async acquireRawConnection(): Promise<RawConnection> {
    const connection = (await super.acquireRawConnection()) as RawConnection;
    keepStatements(connection);
    return connection;
  }

  // biome-ignore lint/suspicious/noExplicitAny: knex's dialect internals are untyped
  transaction(...args: any[]): any {
    // biome-ignore lint/suspicious/noExplicitAny: the same
    const trx = (BetterSqliteKnexDialect.prototype as any).transaction.apply(this, args);
    // knex's own BEGIN swallows a failure and hands out a finished transaction ("Transaction
    // query already complete"); run through the client, a failed BEGIN rejects with its cause.
    // Replaced before the transaction acquires its connection, which is asynchronous.
    trx.begin = (conn: RawConnection) => trx.trxClient.query(conn, 'BEGIN IMMEDIATE;');
    return trx;
  }

  async _query(connection: RawConnection, obj: KnexQuery): Promise<unknown> {
    const retryable = !connection.inTransaction || /^COMMIT;?$/i.test(obj.sql.trim());
    const run = () => this.runQuery(connection, obj);
    return retryable ? whileBusy(run) : run();
  }

  /** knex's own `_query`, but reading rows through {@link readRows}. */
  private async runQuery(connection: RawConnection, obj: KnexQuery): Promise<unknown> {
    const statement = connection.prepare(obj.sql) as Statement;
    if (!statement.reader)
      // biome-ignore lint/suspicious/noExplicitAny: knex's dialect internals are untyped
      return (BetterSqliteKnexDialect.prototype as any)._query.call(this, connection, obj);
    // biome-ignore lint/suspicious/noExplicitAny: the same
    obj.response = readRows(statement, (this as any)._formatBindings(obj.bindings));
    return obj;
  }
}

class BusyAwareConnection extends BetterSqliteConnection {
  override createKnex(): void {
    // knex takes a dialect class where MikroORM's signature says string.
    this.client = this.createKnexClient(BusyAwareDialect as unknown as string);
    this.connected = true;
  }
}

/**
 * MikroORM's better-sqlite driver whose writes wait for a busy database without blocking the
 * event loop (see {@link BusyAwareDialect}). Set the connection's `busy_timeout` to
 * {@link SQLITE_BUSY_SLICE_MS} in the pool's `afterCreate`.
 * @example MikroORM.init({ driver: BusyAwareSqliteDriver, dbName: 'catalogue.sqlite' })
 */
export class BusyAwareSqliteDriver extends AbstractSqlDriver<BusyAwareConnection> {
  constructor(config: Configuration) {
    super(config, new BetterSqlitePlatform(), BusyAwareConnection, ['knex', 'better-sqlite3']);
  }
}
