/**
 * docs/rules.md, made from the code: the rules that are data are read from their tables (the
 * course rule editions, the eligibility conditions as `subsidyConditions` gives them on each
 * edition's first day, the red flags and claim deadlines, the target tables and measures), the
 * others come from the hand-kept entries of rules-doc-entries-courses.ts and -notices.ts; the
 * clauses are always the code's own. Each rule's tests are found by its id (or name) appearing
 * in a test file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { citation, type Clause, DOCUMENTS } from '../common/rule-check';
import { CertificateType, Enrolment, TargetGroup } from '../common/enums';
import { COURSE_RULES, type CourseRuleEdition } from '../courses/course.rules';
import { ELIGIBILITY_RULES, subsidyConditions } from '../courses/eligibility.rules';
import { CLAIM_DEADLINES, CLASS_FLAGS, FLAG_KINDS } from '../subsidies/red-flags.rules';
import { TARGET_MEASURES } from '../targets/target-progress.rules';
import { TARGET_TABLE_SHAPES } from '../targets/target-table.rules';
import type { RuleEntry, RuleSection } from './rules-doc-entries';
import { COURSE_HAND_KEPT_SECTIONS } from './rules-doc-entries-courses';
import { NOTICE_HAND_KEPT_SECTIONS } from './rules-doc-entries-notices';

/** What the doc and its test read the repository for. */
export interface TestFile {
  /** Path relative to the repository root. */
  path: string;
  text: string;
}

const COURSE_FILE = 'api/src/courses/course.rules.ts';
const ELIGIBILITY_FILE = 'api/src/courses/eligibility.rules.ts';
const FLAGS_FILE = 'api/src/subsidies/red-flags.rules.ts';

/** One field of a course rule edition: the rule it feeds and what it says with the edition's value. */
interface CourseField {
  field: Exclude<keyof CourseRuleEdition, 'document' | 'effectiveFrom'>;
  rule: string;
  /** Its clause(s) and wording in an edition; null where the edition does not have it. */
  read: (e: CourseRuleEdition) => { clause: Clause; says: string }[] | null;
}

const cited = (c: { value: number; clause: Clause } | null, says: (n: number) => string) =>
  c ? [{ clause: c.clause, says: says(c.value) }] : null;
const clauseOnly = (c: Clause | null, says: string) => (c ? [{ clause: c, says }] : null);

/** Every field of an edition but its document and date; the test checks none is missing. */
export const COURSE_FIELDS: readonly CourseField[] = [
  {
    field: 'minCertificateHours',
    rule: 'course.min-certificate-hours',
    read: (e) =>
      cited(
        e.minCertificateHours,
        (n) => `A subsidised 职业资格 or 职业技能等级 class has at least ${n} class hours, at every level.`,
      ),
  },
  {
    field: 'maxClassSize',
    rule: 'course.class-size',
    read: (e) => cited(e.maxClassSize, (n) => `At most ${n} trainees in a class, planned and enrolled.`),
  },
  {
    field: 'maxEntrepreneurshipClassSize',
    rule: 'course.class-size',
    read: (e) =>
      cited(e.maxEntrepreneurshipClassSize, (n) => `At most ${n} trainees in an entrepreneurship (创业培训) class.`),
  },
  {
    field: 'maxDailyHours',
    rule: 'course.daily-hours',
    read: (e) => cited(e.maxDailyHours, (n) => `At most ${n} class hours a day.`),
  },
  {
    field: 'maxDailyHoursOnline',
    rule: 'course.daily-hours',
    read: (e) =>
      cited(e.maxDailyHoursOnline, (n) => `Online classes as well: at most ${n} hours of online training a day.`),
  },
  {
    field: 'separateTeachers',
    rule: 'course.separate-teachers',
    read: (e) =>
      clauseOnly(
        e.separateTeachers,
        'A subsidised class declares its theory teacher and its practical teacher, and they are different people.',
      ),
  },
  {
    field: 'examTrainingSeparation',
    rule: 'course.exam-training-separation',
    read: (e) =>
      clauseOnly(
        e.examTrainingSeparation,
        "考培分离: a 职业资格 or 职业技能等级 class names an assessing agency that is not the trainer's own, unless the trainer is Yunnan's only qualified agency and the local bureau approved 考培结合.",
      ),
  },
  {
    field: 'institutionStanding',
    rule: 'course.institution-standing',
    read: (e) =>
      clauseOnly(
        e.institutionStanding,
        'No class after the institution lost its licence; no subsidised class while it is blacklisted, nor one it keeps running after a blacklisting.',
      ),
  },
  {
    field: 'directoryAdmission',
    rule: 'course.directory-admission',
    read: (e) =>
      e.directoryAdmission && [
        {
          clause: e.directoryAdmission.classOpening,
          says: 'No class opens for an occupation without an evaluation agency in Yunnan (and, for 职业资格 and 职业技能等级, a national standard).',
        },
        {
          clause: e.directoryAdmission.directory,
          says: "A subsidised class's occupation, certificate and level are in the directory edition in force on its start date.",
        },
      ],
  },
  {
    field: 'enterpriseOwnStaff',
    rule: 'course.enterprise-own-staff',
    read: (e) =>
      clauseOnly(
        e.enterpriseOwnStaff,
        "An enterprise training centre (企业职工培训中心) trains its own company's staff only.",
      ),
  },
];

/** Rows of one table: a rule's row is repeated only when an edition changes what it says or cites. */
function byEdition(
  rows: { rule: string; says: string; basis: readonly (Clause | string)[]; from: string }[],
  file: string,
  code: readonly string[],
): RuleEntry[] {
  const seen = new Set<string>();
  const out: RuleEntry[] = [];
  for (const r of rows) {
    const key = `${r.rule}|${r.says}|${r.basis.map(basisText).join(';')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ rule: r.rule, says: r.says, basis: r.basis, from: r.from, file, code });
  }
  return out;
}

/** The course rules, edition by edition, from `COURSE_RULES`. */
export function courseSection(): RuleSection {
  const rows = COURSE_FIELDS.flatMap((f) =>
    COURSE_RULES.flatMap((e) =>
      (f.read(e) ?? []).map((x) => ({ rule: f.rule, says: x.says, basis: [x.clause], from: e.effectiveFrom })),
    ),
  );
  return {
    title: 'A class: the course rules',
    intro:
      'Every class is checked against the edition in force on its start date (`checkCourse`); a row is repeated where a later document changed the rule or restated it under its own clause. A rule with no row before a date did not exist then.',
    rules: byEdition(rows, COURSE_FILE, ['COURSE_RULES', 'courseRuleEditionFor', 'checkCourse']),
  };
}

/** What each eligibility condition says, whatever the class. */
export const ELIGIBILITY_SAYS: Readonly<Record<string, string>> = {
  'eligibility.subsidised': "The class is subsidised; the amount is the class's, never above the directory standard.",
  'eligibility.institution-standing':
    'The institution is not blacklisted, and has its licence, on any day of the class.',
  'eligibility.target-group': 'The worker belongs to one of the groups the class is for.',
  'eligibility.own-staff': "At an enterprise training centre, the worker is on the company's staff.",
  'eligibility.attendance': 'The worker attends at least 80 % of the class hours.',
  'eligibility.certificate': 'The worker passes the assessment and obtains the certificate (or its number).',
  'eligibility.three-a-year':
    'With this class the worker has at most three subsidised trainings in the calendar year (以工代训 does not count).',
};

/** The subsidy checker's conditions as `subsidyConditions` gives them on each edition's first day. */
export function eligibilitySection(): RuleSection {
  const dates = [...new Set([...COURSE_RULES, ...ELIGIBILITY_RULES].map((e) => e.effectiveFrom))].sort();
  const rows = dates.flatMap((date) =>
    subsidyConditions({
      startDate: date,
      endDate: date,
      certificateType: CertificateType.SKILL_LEVEL,
      targetGroups: [TargetGroup.MIGRANT_WORKERS],
      enrolment: Enrolment.OWN_STAFF,
      ownerCompany: null,
      subsidyPerTrainee: 1,
      directoryStandard: 1,
      institution: { blacklistedFrom: null, blacklistedUntil: null, licenceRevokedOn: null },
    }).conditions.map((c) => {
      const says = ELIGIBILITY_SAYS[c.id];
      if (!says) throw new Error(`eligibility condition ${c.id} has no wording in ELIGIBILITY_SAYS`);
      return { rule: c.id, says, basis: c.clause ? [c.clause] : [], from: date };
    }),
  );
  rows.sort(
    (a, b) =>
      Object.keys(ELIGIBILITY_SAYS).indexOf(a.rule) - Object.keys(ELIGIBILITY_SAYS).indexOf(b.rule) ||
      a.from.localeCompare(b.from),
  );
  return {
    title: 'A worker: would the subsidy be paid?',
    intro:
      "The subsidy checker's conditions for one class (`subsidyConditions`, `checkEligibility`), as the code gives them on the first day of each edition; the site's checker decides the same published conditions. Attendance and the certificate are applied to every class whatever its date, as they are to every notice line.",
    rules: byEdition(rows, ELIGIBILITY_FILE, [
      'ELIGIBILITY_RULES',
      'eligibilityEditionFor',
      'subsidyConditions',
      'decideEligibility',
      'checkEligibility',
      'MAX_SUBSIDISED_TRAININGS_A_YEAR',
    ]),
  };
}

/** The red flags of a notice, from `FLAG_KINDS`, `CLASS_FLAGS` and `CLAIM_DEADLINES`. */
export function redFlagSection(): RuleSection {
  const code = ['noticeRedFlags', 'FLAG_KINDS', 'CLASS_FLAGS', 'CLAIM_DEADLINES', 'claimDeadlineFor'];
  const courseRuleOf = new Map(Object.entries(CLASS_FLAGS).map(([rule, f]) => [f.flagId, rule]));
  const rules = FLAG_KINDS.flatMap((k): RuleEntry[] => {
    if (k.flagId === 'flag.late-claim') {
      return CLAIM_DEADLINES.map((d) => ({
        rule: k.flagId,
        says: `${k.titleEn}: published more than ${d.workingDays} working days after the class ended (${d.whatEn}).`,
        basis: [d.clause],
        from: d.from,
        file: FLAGS_FILE,
        code,
      }));
    }
    const courseRule = courseRuleOf.get(k.flagId);
    const says = courseRule
      ? `${k.titleEn} (${k.title}): the notice's class fails \`${courseRule}\`.`
      : `${k.titleEn} (${k.title}).`;
    return [{ rule: k.flagId, says, basis: [k.basis], from: null, file: FLAGS_FILE, code }];
  });
  return {
    title: 'Red flags on a notice',
    intro:
      'What a journalist or a citizen should look at twice (`noticeRedFlags`). A flag is a signal, not a finding: an objection or an inspection decides.',
    rules,
  };
}

/** Every section, in the order the page prints them. */
export function ruleSections(): RuleSection[] {
  const [institutions, directory, classDay] = COURSE_HAND_KEPT_SECTIONS;
  const [notices, ...rest] = NOTICE_HAND_KEPT_SECTIONS;
  return [courseSection(), eligibilitySection(), institutions, directory, classDay, notices, redFlagSection(), ...rest];
}

/** The clause text of a basis item. */
function basisText(b: Clause | string): string {
  return typeof b === 'string' ? b : citation(b);
}

/** Every `*.test.ts` under api/src and api/test, except this page's own test (it names rules to plant them). */
export function readTestFiles(repo: string): TestFile[] {
  const out: TestFile[] = [];
  const walk = (dir: string) => {
    for (const d of fs.readdirSync(path.join(repo, dir), { withFileTypes: true })) {
      const rel = `${dir}/${d.name}`;
      if (d.isDirectory()) walk(rel);
      else if (d.name.endsWith('.test.ts') && !d.name.startsWith('rules-doc'))
        out.push({ path: rel, text: fs.readFileSync(path.join(repo, rel), 'utf8') });
    }
  };
  walk('api/src');
  walk('api/test');
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * The test files that mention `rule` as a whole word (`line.seq` is not found in `line.seq-unique`),
 * the one beside the rule's file first.
 * @example testsFor({ rule: 'subsidy.attendance', file: 'api/src/subsidies/subsidy.rules.ts' }, files) // ['api/src/subsidies/subsidy.rules.test.ts']
 */
export function testsFor(entry: Pick<RuleEntry, 'rule' | 'file'>, files: readonly TestFile[]): string[] {
  const word = new RegExp(`(?<![A-Za-z0-9_.-])${entry.rule.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_-])`);
  const beside = entry.file.replace(/\.ts$/, '.test.ts');
  return files
    .filter((f) => word.test(f.text))
    .map((f) => f.path)
    .sort((a, b) => Number(b === beside) - Number(a === beside) || a.localeCompare(b));
}

/** The rules no test file mentions, as `section: rule`. */
export function rulesWithoutTests(sections: readonly RuleSection[], files: readonly TestFile[]): string[] {
  return sections.flatMap((s) =>
    s.rules.filter((r) => testsFor(r, files).length === 0).map((r) => `${s.title}: ${r.rule}`),
  );
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const link = (file: string, label = path.posix.basename(file)) => `[${label}](../${file})`;
const testLabel = (file: string) =>
  file.startsWith('api/test/') ? file.slice('api/'.length) : path.posix.basename(file);

function ruleTable(s: RuleSection, files: readonly TestFile[]): string[] {
  const rows = s.rules.map((r) => {
    const tests = testsFor(r, files);
    return `| \`${r.rule}\` | ${cell(r.says)} | ${cell(r.basis.map(basisText).join('; ') || "— (the catalogue's own)")} | ${r.from ?? 'always'} | ${link(r.file)} | ${tests.map((t) => link(t, testLabel(t))).join(', ') || '**none**'} |`;
  });
  return [
    `## ${s.title}`,
    '',
    s.intro,
    '',
    '| rule | what it says | clause | from | source | tests |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ];
}

/** The target tables as printed and how each column is measured, from their data. */
function targetData(): string[] {
  const shapes = Object.values(TARGET_TABLE_SHAPES).map(
    (t) =>
      `| \`${t.table}\` | ${t.title} | ${t.unit} | ${t.metrics.map((m) => `\`${m.key}\``).join(', ')} | ${citation(t.clause)} |`,
  );
  const where = (w: object) =>
    Object.entries(w)
      .map(([k, v]) => (v === true ? `\`${k}\`` : `\`${k}\` ${[v].flat().join(', ')}`))
      .join('; ') || 'every class';
  const measures = Object.entries(TARGET_MEASURES).map(
    ([column, m]) =>
      `| \`${column}\` | ${m.measured ? `${m.count}: ${where(m.where)}` : 'not measured'} | ${cell(m.basisEn)} |`,
  );
  return [
    'The target tables (`TARGET_TABLE_SHAPES`, [target-table.rules.ts](../api/src/targets/target-table.rules.ts)):',
    '',
    '| table | title as printed | unit | columns | clause |',
    '|---|---|---|---|---|',
    ...shapes,
    '',
    'How each column is measured from the notices (`TARGET_MEASURES`, [target-progress.rules.ts](../api/src/targets/target-progress.rules.ts)):',
    '',
    '| column | counted | basis |',
    '|---|---|---|',
    ...measures,
    '',
  ];
}

/**
 * The whole page. Deterministic: the same code and tests give the same bytes.
 * @example fs.writeFileSync('docs/rules.md', renderRulesDoc(readTestFiles(repo)))
 */
export function renderRulesDoc(files: readonly TestFile[]): string {
  const documents = Object.values(DOCUMENTS).map((d) => `| ${d.number} | ${d.title} | ${d.issuedOn} |`);
  const out = [
    '# The rules the code implements',
    '',
    '<!-- Generated by `npm run docs:rules` (api/src/cli/rules-doc.ts) from the rule tables and the hand-kept entries of',
    '     api/src/cli/rules-doc-entries.ts. Do not edit by hand: api/test/rules-doc.test.ts fails when this page is stale. -->',
    '',
    'Every rule of the catalogue, in plain words, with the clause it comes from, the day it applies from, the file that',
    'implements it and the tests that name it. Rules are pure functions in `api/src/<domain>/*.rules.ts`; where a rule is',
    'data (the course rule editions, the eligibility conditions, the red flags and claim deadlines, the target tables)',
    'this page is read from that data, so it cannot disagree with the code. "From" is the first day of the edition that',
    'sets a row; "always" means the code applies the rule whatever the date. A rule\'s tests are the test files that',
    'mention its id or name; `api/test/rules-doc.test.ts` fails when a rule has none, when an export of a rules module is',
    'neither listed here nor named as a helper, or when this page is stale.',
    '',
    'The documents cited:',
    '',
    '| number | title | issued |',
    '|---|---|---|',
    ...documents,
    '',
  ];
  const sections = ruleSections();
  for (const s of sections) {
    out.push(...ruleTable(s, files));
    if (s.title.startsWith('Targets')) out.push(...targetData());
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
