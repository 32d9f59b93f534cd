/**
 * What the floors run: for each case one hand-written SQL statement and one `JSON.stringify`
 * of the same JSON this API answers. No GraphQL, no ORM: the least a server can do per request.
 */
import { Cursor } from '@mikro-orm/core';
import { toGlobalId } from '../graphql/node';
import type { BenchCase } from './bench-mix';

/**
 * The statement of a case, with `?` placeholders (SQLite) or `$1` (PostgreSQL), and its parameters.
 * @example floorStatement({ county: '530102', first: 5, desc: false, detail: false }, 'pg').params // ['530102', 6]
 */
export function floorStatement(c: BenchCase, dialect: 'sqlite' | 'pg'): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return dialect === 'pg' ? `$${params.length}` : '?';
  };
  const where = c.county ? `where c.county_code = ${p(c.county)}` : '';
  const dir = c.desc ? 'desc' : 'asc';
  const detail = c.detail
    ? ', c.end_date, c.capacity, c.enrolled, c.fee_yuan, i.type as institution_type, i.licence_number'
    : '';
  const sql = `select c.id, c.title, c.start_date, c.subsidy_per_trainee${detail}, i.name as institution_name,
         o.code as occupation_code, o.name as occupation_name, r.code as region_code, r.name as region_name
  from course c
  join institution i on i.id = c.institution_id
  join occupation o on o.code = c.occupation_code
  join region r on r.code = c.county_code
  ${where}
  order by c.start_date ${dir}, c.id ${dir}
  limit ${p(c.first + 1)}`;
  return { sql, params };
}

/** A row of {@link floorStatement}'s answer. */
interface FloorRow {
  id: number;
  title: string;
  start_date: string;
  subsidy_per_trainee: number;
  end_date?: string;
  capacity?: number;
  enrolled?: number;
  fee_yuan?: number;
  institution_type?: string;
  licence_number?: string | null;
  institution_name: string;
  occupation_code: string;
  occupation_name: string;
  region_code: string;
  region_name: string;
}

/**
 * The JSON answer of a case from its rows, field for field in the order this API writes them.
 * @example floorJson(SINGLE_CASE, rows) // '{"data":{"courses":{"edges":[…]}}}'
 */
export function floorJson(c: BenchCase, rows: FloorRow[]): string {
  const edges = rows.slice(0, c.first).map((r) => ({
    cursor: Cursor.encode([r.start_date, r.id]),
    node: {
      id: toGlobalId('Course', r.id),
      title: r.title,
      startDate: r.start_date,
      subsidyPerTrainee: r.subsidy_per_trainee,
      ...(c.detail ? { endDate: r.end_date, capacity: r.capacity, enrolled: r.enrolled, feeYuan: r.fee_yuan } : {}),
      institution: c.detail
        ? { name: r.institution_name, type: r.institution_type, licenceNumber: r.licence_number ?? null }
        : { name: r.institution_name },
      occupation: { code: r.occupation_code, name: r.occupation_name },
      region: { code: r.region_code, name: r.region_name },
    },
  }));
  return JSON.stringify({ data: { courses: { edges } } });
}

/**
 * The case a floor request names (`{"floor": {…}}`), or the single query's for any other body.
 * @example caseOf('{"floor":{"county":null,"first":20,"desc":false,"detail":false}}').first // 20
 */
export function caseOf(body: string, fallback: BenchCase): BenchCase {
  if (!body) return fallback;
  try {
    const parsed = JSON.parse(body) as { floor?: BenchCase };
    return parsed.floor ?? fallback;
  } catch {
    return fallback;
  }
}

export type { FloorRow };
