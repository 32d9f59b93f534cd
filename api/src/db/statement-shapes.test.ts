import { beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetShapes, statementFor, type BoundStatement } from './statement-shapes';

/** A stand-in for the QueryBuilder: binds the values it is given, in the order given. */
const writer = (sql: string, bindings: unknown[]) => vi.fn((): BoundStatement => ({ sql, bindings }));

/** The database the reads are on (any object stands for one). */
const DB = {};

beforeEach(() => forgetShapes());

describe('statementFor', () => {
  it('writes a shape once and binds the next filter of that shape to it', () => {
    const first = writer('select … where id in (?, ?)', [1, 2]);
    expect(statementFor({ database: DB, entity: 'Course', where: { id: { $in: [1, 2] } } }, first)).toEqual(first());
    const second = writer('never used', []);
    expect(statementFor({ database: DB, entity: 'Course', where: { id: { $in: [7, 9] } } }, second)).toEqual({
      sql: 'select … where id in (?, ?)',
      bindings: [7, 9],
    });
    expect(second).not.toHaveBeenCalled();
  });

  it('binds the limit last, and tells a list of another length, a null or another entity apart', () => {
    const w = writer('select … limit ?', ['a', 21]);
    statementFor({ database: DB, entity: 'Course', where: { title: 'a' }, limit: 21 }, w);
    expect(statementFor({ database: DB, entity: 'Course', where: { title: 'b' }, limit: 5 }, w).bindings).toEqual([
      'b',
      5,
    ]);
    expect(w).toHaveBeenCalledTimes(1);
    for (const other of [
      { database: DB, entity: 'Course', where: { title: null }, limit: 5 },
      { database: DB, entity: 'Course', where: { title: 'b' } },
      { database: DB, entity: 'Institution', where: { title: 'b' }, limit: 5 },
      { database: DB, entity: 'Course', where: { title: 'b' }, limit: 5, orderBy: { id: 'asc' } },
    ]) {
      const fresh = writer('other', []);
      statementFor(other, fresh);
      expect(fresh, JSON.stringify(other)).toHaveBeenCalledTimes(1);
    }
  });

  it('keeps the shapes of two databases apart (each has its own SQL dialect)', () => {
    const sqlite = writer('select `c0`.* where `id` = ?', [1]);
    statementFor({ database: DB, entity: 'Course', where: { id: 1 } }, sqlite);
    const pg = writer('select "c0".* where "id" = ?', [2]);
    expect(statementFor({ database: {}, entity: 'Course', where: { id: 2 } }, pg).sql).toBe(
      'select "c0".* where "id" = ?',
    );
    expect(pg).toHaveBeenCalledTimes(1);
  });

  it('never remembers a shape whose statement binds the values in another order', () => {
    const swapped = writer('select … where b = ? and a = ?', ['y', 'x']);
    for (let i = 0; i < 3; i++) statementFor({ database: DB, entity: 'Course', where: { a: 'x', b: 'y' } }, swapped);
    expect(swapped).toHaveBeenCalledTimes(3);
  });

  it('judges a shape only on different values, which cannot match by accident', () => {
    const read = (a: string, b: string) => ({ database: DB, entity: 'Course', where: { a, b } });
    const same = writer('select … where a = ? and b = ?', ['x', 'x']);
    statementFor(read('x', 'x'), same);
    statementFor(read('x', 'x'), same);
    expect(same).toHaveBeenCalledTimes(2);
    statementFor(read('x', 'y'), writer('select … where a = ? and b = ?', ['x', 'y']));
    const later = writer('never used', []);
    expect(statementFor(read('p', 'q'), later).bindings).toEqual(['p', 'q']);
    expect(later).not.toHaveBeenCalled();
  });

  it('writes every time a filter holding dates, booleans or other objects', () => {
    for (const where of [{ on: new Date(0) }, { isDemo: true }, { n: 1n }, { x: new (class Raw {})() }]) {
      const w = writer('select …', []);
      statementFor({ database: DB, entity: 'Course', where }, w);
      statementFor({ database: DB, entity: 'Course', where }, w);
      expect(w).toHaveBeenCalledTimes(2);
    }
  });
});
