import fs from 'node:fs';
import path from 'node:path';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { INDEX_NAMES, type SearchService } from '@skills-yunnan/search';
import { findPersonalData } from '../common/personal-data';

/** Where personal data was found: a table column, an index or a file, and how often. Never the value. */
export interface ScanFinding {
  where: string;
  kind: 'resident-id' | 'known-value';
  count: number;
}

/** What a scan looked at. */
export interface ScanReport {
  looked: { rows: number; documents: number; files: number };
  findings: ScanFinding[];
}

const ROWS_PER_QUERY = 20_000;
const TEXT_FILES = /\.(html|json|xml|csv|txt|log|js|md)$/i;

function tally(out: Map<string, ScanFinding>, where: string, text: string, known: readonly string[]): void {
  for (const hit of findPersonalData(text, known)) {
    const key = `${where}|${hit.kind}`;
    const f = out.get(key) ?? { where, kind: hit.kind, count: 0 };
    f.count += 1;
    out.set(key, f);
  }
}

/**
 * Every text column of every table, read in batches: whole resident ID numbers and the `known`
 * raw values (e.g. what a test imported) must appear nowhere.
 * @example (await scanDatabase(em)).findings // [] when nothing personal is stored whole
 */
export async function scanDatabase(em: EntityManager, known: readonly string[] = []): Promise<ScanReport> {
  const out = new Map<string, ScanFinding>();
  let rows = 0;
  const conn = em.getConnection();
  for (const meta of Object.values(em.getMetadata().getAll())) {
    if (meta.abstract || meta.embeddable || !meta.tableName) continue;
    const columns = Object.values(meta.properties)
      .filter(
        (p) =>
          p.fieldNames?.length === 1 &&
          ['string', 'text'].includes(String(p.type).toLowerCase()) &&
          p.persist !== false,
      )
      .map((p) => p.fieldNames[0]);
    if (columns.length === 0) continue;
    const list = columns.map((c) => em.getPlatform().quoteIdentifier(c)).join(', ');
    for (let offset = 0; ; offset += ROWS_PER_QUERY) {
      const batch: Record<string, unknown>[] = await conn.execute(
        `select ${list} from ${em.getPlatform().quoteIdentifier(meta.tableName)} limit ${ROWS_PER_QUERY} offset ${offset}`,
      );
      for (const row of batch)
        for (const c of columns)
          if (typeof row[c] === 'string') tally(out, `database ${meta.tableName}.${c}`, row[c] as string, known);
      rows += batch.length;
      if (batch.length < ROWS_PER_QUERY) break;
    }
  }
  return { looked: { rows, documents: 0, files: 0 }, findings: [...out.values()] };
}

/** Every document of every public search index. */
export async function scanSearch(service: SearchService, known: readonly string[] = []): Promise<ScanReport> {
  const out = new Map<string, ScanFinding>();
  let documents = 0;
  const existing = new Set((await service.client.getIndexes({ limit: 1000 })).results.map((i) => i.uid));
  for (const name of INDEX_NAMES) {
    if (!existing.has(name)) continue;
    for (let offset = 0; ; offset += 1000) {
      const page = await service.client.index(name).getDocuments({ limit: 1000, offset });
      for (const doc of page.results) tally(out, `search index ${name}`, JSON.stringify(doc), known);
      documents += page.results.length;
      if (page.results.length < 1000) break;
    }
  }
  return { looked: { rows: 0, documents, files: 0 }, findings: [...out.values()] };
}

/** Every text file under `dir` (a built site, exports, logs). */
export function scanFiles(dir: string, known: readonly string[] = []): ScanReport {
  const out = new Map<string, ScanFinding>();
  let files = 0;
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) walk(path.join(p, name));
    } else if (TEXT_FILES.test(p)) {
      files += 1;
      tally(out, `file ${path.relative(dir, p) || path.basename(p)}`, fs.readFileSync(p, 'utf8'), known);
    }
  };
  walk(dir);
  return { looked: { rows: 0, documents: 0, files }, findings: [...out.values()] };
}

/** Adds reports up. */
export function mergeReports(...reports: ScanReport[]): ScanReport {
  return {
    looked: reports.reduce(
      (a, r) => ({
        rows: a.rows + r.looked.rows,
        documents: a.documents + r.looked.documents,
        files: a.files + r.looked.files,
      }),
      { rows: 0, documents: 0, files: 0 },
    ),
    findings: reports.flatMap((r) => r.findings),
  };
}
