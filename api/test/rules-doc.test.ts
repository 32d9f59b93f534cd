/**
 * docs/rules.md is the page the code makes now, every rule on it has a test that names it, and
 * nothing a rules module implements is missing from it: every rule id a `*.rules.ts` file
 * reports is on the page, and every export is either on it or named as a helper. Planted rules
 * show each check catches what it is for.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { NOT_RULES, type RuleSection } from '../src/cli/rules-doc-entries';
import {
  COURSE_FIELDS,
  ELIGIBILITY_SAYS,
  readTestFiles,
  renderRulesDoc,
  ruleSections,
  rulesWithoutTests,
  testsFor,
} from '../src/cli/rules-doc-render';
import { checkCourse, COURSE_RULES } from '../src/courses/course.rules';
import { facts } from '../src/courses/course.rules.fixture';
import { CLASS_FLAGS } from '../src/subsidies/red-flags.rules';

const REPO = path.resolve(__dirname, '../..');
const files = readTestFiles(REPO);
const sections = ruleSections();
const listed = new Set(sections.flatMap((s) => s.rules.map((r) => r.rule)));

/** The rules modules, relative to the repository root. */
const RULES_FILES = fs
  .readdirSync(path.join(REPO, 'api/src'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    fs
      .readdirSync(path.join(REPO, 'api/src', d.name))
      .filter((f) => f.endsWith('.rules.ts'))
      .map((f) => `api/src/${d.name}/${f}`),
  )
  .sort();

/** The string literals of a source that look like rule ids (`course.class-size`), comments left out. */
function ruleIdsIn(source: string): string[] {
  const found = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (
      (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) &&
      !ts.isImportDeclaration(n.parent) &&
      /^[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$/.test(n.text)
    )
      found.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(ts.createSourceFile('rules.ts', source, ts.ScriptTarget.Latest, true));
  return [...found].sort();
}

/** The rule ids of `sources` that `page` does not list. */
const missingIds = (sources: Record<string, string>, page: ReadonlySet<string>) =>
  Object.entries(sources).flatMap(([file, text]) =>
    ruleIdsIn(text)
      .filter((id) => !page.has(id))
      .map((id) => `${file}: ${id}`),
  );

/** The exports of `modules` that no entry of `on` names for its file and that are not helpers. */
function unaccounted(modules: Record<string, readonly string[]>, on: readonly RuleSection[]): string[] {
  const named = new Set(on.flatMap((s) => s.rules.flatMap((r) => r.code.map((c) => `${r.file}#${c}`))));
  return Object.entries(modules).flatMap(([file, names]) =>
    names.filter((n) => !named.has(`${file}#${n}`) && !(n in NOT_RULES)).map((n) => `${file}#${n}`),
  );
}

describe('docs/rules.md', () => {
  it('is the page the code makes now (run `npm run docs:rules` after changing a rule)', () => {
    const onDisk = fs.readFileSync(path.join(REPO, 'docs/rules.md'), 'utf8');
    expect(onDisk).toBe(renderRulesDoc(files));
  });

  it('lists every rule with a test file that names it', () => {
    expect(rulesWithoutTests(sections, files)).toEqual([]);
    for (const s of sections) for (const r of s.rules) expect(testsFor(r, files)[0], r.rule).toMatch(/\.test\.ts$/);
  });

  it('reports a planted rule that no test names, and finds a rule only as a whole word', () => {
    const planted: RuleSection = {
      title: 'planted',
      intro: '',
      rules: [
        {
          rule: 'course.planted-without-test',
          says: 'x',
          basis: [],
          from: null,
          file: 'api/src/courses/course.rules.ts',
          code: [],
        },
      ],
    };
    expect(rulesWithoutTests([planted], files)).toEqual(['planted: course.planted-without-test']);
    const withTest = [
      ...files,
      { path: 'api/test/planted.test.ts', text: "expect(p.rule).toBe('course.planted-without-test');" },
    ];
    expect(rulesWithoutTests([planted], withTest)).toEqual([]);
    // `line.seq` is not named by a test that names only `line.seq-unique`.
    const line = { rule: 'line.seq', file: 'api/src/subsidies/notice-import.rules.ts' };
    expect(testsFor(line, [{ path: 'api/test/x.test.ts', text: "'3|序号|line.seq-unique'" }])).toEqual([]);
    expect(testsFor(line, [{ path: 'api/test/x.test.ts', text: "'2|序号|line.seq'" }])).toEqual(['api/test/x.test.ts']);
  });

  it('lists every rule id a rules module reports, and reports a planted one', () => {
    const sources = Object.fromEntries(RULES_FILES.map((f) => [f, fs.readFileSync(path.join(REPO, f), 'utf8')]));
    expect(RULES_FILES.length).toBeGreaterThan(15);
    expect(missingIds(sources, listed)).toEqual([]);
    const planted = {
      'api/src/courses/planted.rules.ts':
        "/** 'course.in-a-comment' is not a rule. */\nexport const check = () => ({ ruleId: 'course.planted', passed: true });\n",
    };
    expect(missingIds(planted, listed)).toEqual(['api/src/courses/planted.rules.ts: course.planted']);
  });

  it('accounts for every export of every rules module, and reports a planted one', async () => {
    const modules: Record<string, string[]> = {};
    for (const f of RULES_FILES) modules[f] = Object.keys(await import(path.join(REPO, f)));
    expect(unaccounted(modules, sections)).toEqual([]);
    expect(
      unaccounted(
        {
          ...modules,
          'api/src/courses/course.rules.ts': [...modules['api/src/courses/course.rules.ts'], 'checkPlanted'],
        },
        sections,
      ),
    ).toEqual(['api/src/courses/course.rules.ts#checkPlanted']);
    // A helper named on purpose is no rule, but a stale one is caught.
    for (const helper of Object.keys(NOT_RULES))
      expect(
        Object.values(modules).some((names) => names.includes(helper)),
        helper,
      ).toBe(true);
  });

  it('reads every field of the course rule editions, and lists exactly the rules checkCourse applies in each', () => {
    const fields = Object.keys(COURSE_RULES[0])
      .filter((k) => k !== 'document' && k !== 'effectiveFrom')
      .sort();
    expect([...new Set(COURSE_FIELDS.map((f) => f.field))].sort()).toEqual(fields);
    for (const e of COURSE_RULES) {
      const applied = new Set(
        checkCourse(facts({ startDate: e.effectiveFrom, endDate: e.effectiveFrom }), e.effectiveFrom).map(
          (c) => c.ruleId,
        ),
      );
      const documented = new Set(COURSE_FIELDS.filter((f) => f.read(e) !== null).map((f) => f.rule));
      expect([...documented].sort(), e.effectiveFrom).toEqual([...applied].sort());
    }
  });

  it('words every eligibility condition and ties every class flag to a listed course rule', () => {
    const conditions = sections.find((s) => s.title.startsWith('A worker'))!.rules.map((r) => r.rule);
    expect([...new Set(conditions)].sort()).toEqual(Object.keys(ELIGIBILITY_SAYS).sort());
    for (const rule of Object.keys(CLASS_FLAGS)) expect(listed.has(rule), rule).toBe(true);
  });
});
