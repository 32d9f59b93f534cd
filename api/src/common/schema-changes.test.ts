import { describe, expect, it } from 'vitest';
import { checkSchema, latestRelease, schemaProblems, unreleasedSection } from './schema-changes';

const RELEASED = `
type Query {
  course(id: ID!): Course
  courses(first: Int): [Course!]!
  oldCourses: [Course!]! @deprecated(reason: "Use courses.")
  legacy: LegacyReport @deprecated(reason: "Gone in 1.0.")
}

type Course {
  id: ID!
  title: String!
  level: Level
}

enum Level {
  ONE
  TWO
  FIVE @deprecated(reason: "No longer awarded.")
}

type LegacyReport {
  total: Int
}
`;

/** A CHANGELOG whose Unreleased section holds `entries` (bullet lines), released as 0.1.0. */
function changelog(...entries: string[]): string {
  return [
    '# Changelog',
    '',
    '## [Unreleased]',
    '',
    'List each change to `schema.graphql` here.',
    '',
    ...entries,
    '',
    '## [0.1.0] - 2026-12-04',
    '',
    '- First release.',
    '',
  ].join('\n');
}

describe('schemaProblems', () => {
  it('finds nothing when the schema is the release', async () => {
    expect(await schemaProblems(RELEASED, RELEASED, changelog())).toEqual([]);
  });

  it('refuses an added field while Unreleased lists no change', async () => {
    const current = RELEASED.replace('  title: String!', '  title: String!\n  hours: Int');
    expect(await schemaProblems(RELEASED, current, changelog())).toEqual([
      "schema.graphql differs from release 0.1.0 but CHANGELOG.md's Unreleased section lists no change",
    ]);
  });

  it('accepts an added field listed under Unreleased', async () => {
    const current = RELEASED.replace('  title: String!', '  title: String!\n  hours: Int');
    expect(await schemaProblems(RELEASED, current, changelog('### Added', '', '- `Course.hours`.'))).toEqual([]);
  });

  it('refuses removing a field that was not deprecated, even when listed', async () => {
    const current = RELEASED.replace('  title: String!\n', '');
    const problems = await schemaProblems(RELEASED, current, changelog('- Removed `Course.title`.'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Course\.title: .*removed without being deprecated in 0\.1\.0$/);
  });

  it('accepts removing a deprecated field listed under Unreleased', async () => {
    const current = RELEASED.replace(/ {2}oldCourses.*\n/, '');
    expect(await schemaProblems(RELEASED, current, changelog('- Removed `Query.oldCourses`.'))).toEqual([]);
  });

  it('refuses removing a deprecated field not listed, a longer path not counting as a mention', async () => {
    const current = RELEASED.replace(/ {2}oldCourses.*\n/, '');
    const problems = await schemaProblems(RELEASED, current, changelog('- Added `Query.oldCoursesCount`.'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Query\.oldCourses: .*— not listed under Unreleased in CHANGELOG\.md$/);
  });

  it('names both rules when a removal was neither deprecated nor listed', async () => {
    const current = RELEASED.replace('  TWO\n', '');
    const problems = await schemaProblems(RELEASED, current, changelog('- Something else.'));
    expect(problems).toEqual([
      expect.stringMatching(
        /^Level\.TWO: .*removed without being deprecated in 0\.1\.0; not listed under Unreleased in CHANGELOG\.md$/,
      ),
    ]);
  });

  it('accepts removing a deprecated enum value listed under Unreleased', async () => {
    const current = RELEASED.replace(/ {2}FIVE.*\n/, '');
    expect(await schemaProblems(RELEASED, current, changelog('- Removed `Level.FIVE`.'))).toEqual([]);
  });

  it('refuses a changed argument type, even when listed', async () => {
    const current = RELEASED.replace('course(id: ID!)', 'course(id: Int!)');
    const problems = await schemaProblems(RELEASED, current, changelog('- Changed `Query.course.id` to Int.'));
    expect(problems).toEqual([expect.stringMatching(/^Query\.course\.id: .*changed incompatibly/)]);
  });

  it('accepts a type that leaves with the deprecated field that alone returned it', async () => {
    const current = RELEASED.replace(/ {2}legacy.*\n/, '').replace(/type LegacyReport \{[^}]*\}\n/, '');
    const listed = changelog('- Removed `Query.legacy` and its type `LegacyReport`.');
    expect(await schemaProblems(RELEASED, current, listed)).toEqual([]);
  });

  it('refuses removing a type still returned by a field that was not deprecated', async () => {
    const released = RELEASED.replace('  level: Level\n', '  level: Level\n  report: LegacyReport\n');
    const current = RELEASED.replace(/ {2}legacy.*\n/, '').replace(/type LegacyReport \{[^}]*\}\n/, '');
    const listed = changelog('- Removed `Query.legacy`, `Course.report` and `LegacyReport`.');
    const problems = await schemaProblems(released, current, listed);
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Course\.report: .*removed without being deprecated in 0\.1\.0$/),
        expect.stringMatching(/^LegacyReport: .*removed while 0\.1\.0 still reaches it/),
      ]),
    );
  });
});

describe('checkSchema', () => {
  it('returns every change with its criticality beside the problems', async () => {
    const current = RELEASED.replace('  title: String!', '  title: String!\n  hours: Int');
    const check = await checkSchema(RELEASED, current, changelog('- Added `Course.hours`.'));
    expect(check.version).toBe('0.1.0');
    expect(check.changes.map((c) => [c.path, c.criticality.level])).toEqual([['Course.hours', 'NON_BREAKING']]);
    expect(check.problems).toEqual([]);
  });
});

describe('latestRelease', () => {
  it('is the first version heading, Unreleased and older releases aside', () => {
    const text = '## [Unreleased]\n\n- x\n\n## [1.2.0] - 2027-03-01\n\n## [1.1.10] - 2027-01-02\n';
    expect(latestRelease(text)).toBe('1.2.0');
  });

  it('is null before the first release', () => {
    expect(latestRelease('# Changelog\n\n## [Unreleased]\n')).toBeNull();
  });
});

describe('unreleasedSection', () => {
  it('ends at the next release heading and is empty without the section', () => {
    expect(unreleasedSection(changelog('- `Query.x`.'))).toContain('- `Query.x`.');
    expect(unreleasedSection(changelog('- `Query.x`.'))).not.toContain('First release');
    expect(unreleasedSection('## [0.1.0]\n- a\n')).toBe('');
  });
});
