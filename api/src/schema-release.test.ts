/**
 * The checked-in schema against its last release, under the policy of CHANGELOG.md: the same
 * check as `npm run schema:check -w api`, so that `npm test` refuses a change clients were not told of.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSchema, latestRelease } from './common/schema-changes';
import { REPO_ROOT } from './config';

const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');

describe('schema.graphql against its last release', () => {
  it('keeps to the CHANGELOG policy', async () => {
    const changelog = read('CHANGELOG.md');
    const version = latestRelease(changelog);
    expect(version, 'CHANGELOG.md names no release (## [x.y.z] - date)').not.toBeNull();
    const { changes, problems } = await checkSchema(
      read(`api/schema-releases/${version}.graphql`),
      read('schema.graphql'),
      changelog,
    );
    const help = [
      `schema.graphql against api/schema-releases/${version}.graphql:`,
      ...problems.map((p) => `  ✗ ${p}`),
      `${changes.length} change(s) in all; list each under Unreleased in CHANGELOG.md by its path, and deprecate before removing.`,
      'npm run build -w api && npm run schema:check -w api prints every change.',
    ].join('\n');
    expect(problems, help).toEqual([]);
  });
});
