/**
 * What an importer of one kind of record does: read its columns, plan every row (create,
 * update or unchanged, keyed on the natural key) with every problem found, and apply one planned
 * row through the same write code the API uses.
 */
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import type { Writer } from '../publishers/writer';
import type { ColumnSpec, RowProblem, Sheet } from './spreadsheet';
import type { LogEvent } from '../log/log-entries';

/** What will happen to one row. */
export interface Planned<R> {
  /** Row of the file (the header is row 1). */
  row: number;
  /** The natural key's value. */
  key: string;
  action: 'create' | 'update' | 'unchanged';
  record: R;
}

/** What one import run shares between its rows: the day, and what a kind reads once. */
export interface ImportRun {
  /** Today in China (or the configured day): the day rules and flags are computed for. */
  today: string;
  /**
   * When the run's events are logged as having happened (the disclosure log's `at`): now, or a
   * shipped document's publication for its first-start load.
   */
  at?: Date;
  /**
   * When set, the run's disclosure log entries are kept here instead of appended: the caller
   * appends them in the same transaction, among events it orders (the demo's history).
   */
  deferLog?: LogEvent[];
  /** Per-run memo for a kind (e.g. reference tables read once). */
  memo: Map<string, unknown>;
}

/** One kind of import. */
export interface ImportKind<R> {
  kind: string;
  /** What the rows are, in Chinese, for reports. */
  title: string;
  columns: readonly ColumnSpec[];
  /** The column that identifies a record across imports. */
  naturalKey: string;
  plan(em: EntityManager, writer: Writer, sheet: Sheet): Promise<{ planned: Planned<R>[]; problems: RowProblem[] }>;
  apply(tx: EntityManager, writer: Writer, planned: Planned<R>, run: ImportRun): Promise<RowProblem[]>;
  /** After every row is applied, in the same transaction: work done once for the whole import. */
  finish?(tx: EntityManager, run: ImportRun): Promise<void>;
}
