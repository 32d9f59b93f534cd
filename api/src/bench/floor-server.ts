import http from 'node:http';
import Database from 'better-sqlite3';
import { SINGLE_CASE } from './bench-mix';
import { caseOf, floorJson, floorStatement, type FloorRow } from './floor-sql';

/**
 * The floor on SQLite the API is measured against: a plain Node `http` handler that runs one
 * hand-written SQL statement (prepared once per shape) on the same SQLite file and serialises
 * the same JSON. No GraphQL, no ORM.
 * Usage: `node dist/bench/floor-server.js <sqlite file> <port>`.
 */
const [file, port] = process.argv.slice(2);
const db = new Database(file, { readonly: true });
// Gone with the benchmark that forked it, however it ended.
process.on('disconnect', () => process.exit(0));
const statements = new Map<string, Database.Statement>();

http
  .createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const c = caseOf(body, SINGLE_CASE);
      const { sql, params } = floorStatement(c, 'sqlite');
      let stmt = statements.get(sql);
      if (!stmt) {
        stmt = db.prepare(sql);
        statements.set(sql, stmt);
      }
      const json = floorJson(c, stmt.all(...params) as FloorRow[]);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
      res.end(json);
    });
  })
  .listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
