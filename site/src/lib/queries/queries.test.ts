// Every document the site sends is valid against /schema.graphql, and the schema's types that
// gql.tada reads (graphql-env.d.ts) are those of the schema as checked in: a query that drifts
// from the API fails here, in a second, instead of in a full build against a running API.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, buildSchema, parse, validate, type DocumentNode } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { documentText } from '../api';
import * as queries from './index';

const here = dirname(fileURLToPath(import.meta.url));
const siteDir = join(here, '../../..');
const schemaPath = join(siteDir, '../schema.graphql');
const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'site-queries-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function isDocument(value: unknown): value is DocumentNode {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === Kind.DOCUMENT;
}

/** The exported typed operations (fragments alone are not sent), as the wire text. */
const typed = Object.values(queries)
  .filter(isDocument)
  .filter((d) => d.definitions.some((def) => def.kind === Kind.OPERATION_DEFINITION))
  .map(documentText);

/** The documents whose aliases are built at run time, for inputs like the real ones. */
const dynamic = [
  queries.subsidyYearsText([2021, 2022, 2023, 2024, 2025, 2026]),
  // The 16 州市 of Yunnan (the codes' shape is all that matters here).
  queries.topInstitutionsText(Array.from({ length: 16 }, (_, i) => String(5301 + i))),
  queries.subsidyFlagsText(['NOTICE_LATE', 'LINE_DUPLICATE_ID']),
];

const sent = [...typed, ...dynamic];

function operationName(text: string): string {
  const def = parse(text).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return def?.kind === Kind.OPERATION_DEFINITION ? (def.name?.value ?? '') : '';
}

// The API's default QUERY_TOKEN_LIMIT: a document longer than that is refused before validation.
const API_TOKEN_LIMIT = 1000;

function errorsOf(text: string): string[] {
  return validate(schema, parse(text, { maxTokens: API_TOKEN_LIMIT })).map((e) => e.message);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : /\.(ts|astro)$/.test(e.name) && !e.name.endsWith('.d.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('the site queries against /schema.graphql', () => {
  it('covers every operation written in the query modules', () => {
    const written = new Set(
      readdirSync(here)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
        .map((f) => readFileSync(join(here, f), 'utf8').replace(/^\s*(\*|\/\/|\/\*\*).*$/gm, ''))
        .flatMap((text) => [...text.matchAll(/`\s*query\s+(\w+)/g)].map((m) => m[1])),
    );
    expect(written.size).toBeGreaterThan(20);
    expect(new Set(sent.map(operationName))).toEqual(written);
  });

  it('sends queries only from the query modules', () => {
    const senders = sourceFiles(join(siteDir, 'src'))
      .filter((f) => !f.startsWith(here))
      .filter((f) =>
        /import\s*\{[^}]*\bquery(All|Text)?\b[^}]*\}\s*from\s*'[./]*(lib\/)?api'/.test(readFileSync(f, 'utf8')),
      )
      .map((f) => relative(siteDir, f));
    expect(senders).toEqual([]);
  });

  it.each(sent.map((text) => [operationName(text), text]))('%s is valid', (_name, text) => {
    expect(errorsOf(text)).toEqual([]);
  });

  it('fails a planted document that asks for a field the schema does not have', () => {
    const planted = `query SitePlanted { courses(first: 1) { nodes { id seatsLeftToday } } }`;
    const errors = errorsOf(planted);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Cannot query field "seatsLeftToday" on type "Course"\./);
  });
});

/** Runs gql.tada's CLI (`gql-tada generate-output`) for a tsconfig; returns what it wrote. */
function generate(tsconfig: string, output: string): string {
  const cli = join(dirname(createRequire(import.meta.url).resolve('gql.tada')), '../bin/cli.js');
  execFileSync(process.execPath, [cli, 'generate-output', '--tsconfig', tsconfig, '--output', output], {
    stdio: 'pipe',
  });
  return readFileSync(output, 'utf8');
}

describe('graphql-env.d.ts', () => {
  it('is what gql.tada generates from the schema as checked in', () => {
    const fresh = generate(join(siteDir, 'tsconfig.json'), join(scratch, 'graphql-env.d.ts'));
    expect(fresh).toEqual(readFileSync(join(here, 'graphql-env.d.ts'), 'utf8'));
  }, 60_000);

  it('differs once the schema gains a field, so a stale file is caught', () => {
    const changed = readFileSync(schemaPath, 'utf8').replace(
      'type Course implements Node {',
      'type Course implements Node {\n  seatsLeftToday: Int!\n',
    );
    writeFileSync(join(scratch, 'schema.graphql'), changed);
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          plugins: [{ name: '@0no-co/graphqlsp', schema: './schema.graphql', tadaOutputLocation: './out.d.ts' }],
        },
      }),
    );
    const fresh = generate(join(scratch, 'tsconfig.json'), join(scratch, 'planted.d.ts'));
    expect(fresh).not.toEqual(readFileSync(join(here, 'graphql-env.d.ts'), 'utf8'));
    expect(fresh).toContain("'seatsLeftToday'");
  }, 60_000);
});
