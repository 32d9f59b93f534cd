import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Change } from '@graphql-inspector/core';
import { checkSchema, latestRelease } from '../common/schema-changes';
import { REPO_ROOT } from '../config';
import { failureLine, UsageError } from './cli-errors';

const USAGE = `Usage: npm run schema:check -w api [-- --schema <file>] [-- --changelog <file>]

Compares schema.graphql with the latest release named in CHANGELOG.md (api/schema-releases/<x.y.z>.graphql),
prints every change with its criticality and fails (status 1) when one breaks the policy at the top of
CHANGELOG.md: breaking changes only remove what the release deprecated, and Unreleased lists every change.
  --schema <file>     the schema to check instead of schema.graphql (e.g. a copy being edited)
  --changelog <file>  the changelog to read instead of CHANGELOG.md`;

/** A file the user named (or ours by default), refused in the user's words when it is missing. */
function readText(file: string, what: string): string {
  if (!fs.existsSync(file)) throw new UsageError(`${what} not found: ${shown(file)}`);
  return fs.readFileSync(file, 'utf8');
}

/** A file as the user knows it: relative to the repository when inside it. */
function shown(file: string): string {
  const relative = path.relative(REPO_ROOT, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** One line per change; the widest level name sets the column so paths line up. */
function changeLine(c: Change): string {
  return `  ${c.criticality.level.padEnd(12)}  ${c.path ?? c.type}: ${c.message}`;
}

/** `npm run schema:check`: schema.graphql against its last release, under the CHANGELOG's policy. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { schema: { type: 'string' }, changelog: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return void console.log(USAGE);
  const changelog = readText(path.resolve(values.changelog ?? path.join(REPO_ROOT, 'CHANGELOG.md')), 'changelog');
  const version = latestRelease(changelog);
  if (!version) throw new UsageError('CHANGELOG.md names no release (a `## [x.y.z] - date` heading)');
  const releaseFile = path.join(REPO_ROOT, 'api', 'schema-releases', `${version}.graphql`);
  const schemaFile = path.resolve(values.schema ?? path.join(REPO_ROOT, 'schema.graphql'));
  const { changes, problems } = await checkSchema(
    readText(releaseFile, `release ${version}`),
    readText(schemaFile, 'schema'),
    changelog,
  );
  console.log(`[schema:check] ${shown(schemaFile)} against release ${version}: ${changes.length} change(s)`);
  for (const c of changes) console.log(changeLine(c));
  if (!problems.length) return void console.log('[schema:check] no problems: the changes keep to the policy');
  console.error(`[schema:check] ${problems.length} problem(s):`);
  for (const p of problems) console.error(`  ✗ ${p}`);
  process.exitCode = 1;
}

main().catch((e) => {
  console.error(`[schema:check] failed: ${failureLine(e)}`);
  process.exit(2);
});
