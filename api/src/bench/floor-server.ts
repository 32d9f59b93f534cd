import http from 'node:http';
import Database from 'better-sqlite3';
import { Cursor } from '@mikro-orm/core';
import { toGlobalId } from '../graphql/node';

/**
 * The floor the API is measured against: a plain Node `http` handler that runs the equivalent
 * hand-written SQL on the same SQLite file and serialises the same JSON. No GraphQL, no ORM.
 * Usage: `node dist/bench/floor-server.js <sqlite file> <port>`.
 */
const [file, port] = process.argv.slice(2);
const db = new Database(file, { readonly: true });
const stmt = db.prepare(`
  select c.id, c.title, c.start_date, c.subsidy_per_trainee, i.name as institution_name, o.code as occupation_code,
         o.name as occupation_name, r.code as region_code, r.name as region_name
  from course c
  join institution i on i.id = c.institution_id
  join occupation o on o.code = c.occupation_code
  join region r on r.code = c.county_code
  order by c.start_date asc, c.id asc
  limit 21`);

http
  .createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const rows = stmt.all() as any[];
      const edges = rows.slice(0, 20).map((r) => ({
        cursor: Cursor.encode([r.start_date, r.id]),
        node: {
          id: toGlobalId('Course', r.id),
          title: r.title,
          startDate: r.start_date,
          subsidyPerTrainee: r.subsidy_per_trainee,
          institution: { name: r.institution_name },
          occupation: { code: r.occupation_code, name: r.occupation_name },
          region: { code: r.region_code, name: r.region_name },
        },
      }));
      const json = JSON.stringify({ data: { courses: { edges } } });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
      res.end(json);
    });
  })
  .listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
