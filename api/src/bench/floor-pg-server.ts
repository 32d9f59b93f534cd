import crypto from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { SINGLE_CASE } from './bench-mix';
import { caseOf, floorJson, floorStatement, type FloorRow } from './floor-sql';

/**
 * The floor on PostgreSQL: a plain Node `http` handler that runs one hand-written SQL statement
 * (a named, prepared statement per shape) with `pg` on a pool of 10 connections and serialises
 * the same JSON as the SQLite floor. No GraphQL, no ORM.
 * Usage: `node dist/bench/floor-pg-server.js <postgres url> <port>`.
 */
const [url, port] = process.argv.slice(2);
// Dates as the text PostgreSQL sends ('2026-11-21'), as this API answers them, not JS Dates.
pg.types.setTypeParser(1082, (v: string) => v);
const pool = new pg.Pool({ connectionString: url, max: 10 });
const names = new Map<string, string>();
// Gone with the benchmark that forked it, however it ended.
process.on('disconnect', () => process.exit(0));

http
  .createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      try {
        const c = caseOf(body, SINGLE_CASE);
        const { sql, params } = floorStatement(c, 'pg');
        let name = names.get(sql);
        if (!name) {
          name = `floor_${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
          names.set(sql, name);
        }
        const { rows } = await pool.query<FloorRow>({ name, text: sql, values: params });
        const json = floorJson(c, rows);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
        res.end(json);
      } catch (e) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(e));
      }
    });
  })
  .listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
