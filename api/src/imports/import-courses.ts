/**
 * Importing training classes (开班) as a county or 州市 bureau approves them: one row per class,
 * keyed on the class number (班级编号). A new class goes through the API's approval
 * (`approveCourse`: the year's course rules, the verifiable draw of its assessing agency, audit
 * and search update); a class already approved whose changeable columns differ (dates, address,
 * places, enrolment, teachers) goes through `changeCourse`; one that is the same is left as it
 * is. What approval fixes (institution, occupation, level, county, hours, subsidy, …) is never
 * rewritten by an import: a different value there is refused (cancel the class and approve a new one).
 */
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import {
  CERTIFICATE_TYPE_NAMES,
  COURSE_CATEGORY_NAMES,
  COURSE_MODE_NAMES,
  ENROLMENT_NAMES,
  SKILL_LEVEL_NAMES,
  TARGET_GROUP_NAMES,
  yesNo,
} from '../common/chinese-labels';
import { isIsoDate } from '../common/dates';
import {
  CertificateType,
  CourseCategory,
  CourseMode,
  Enrolment,
  InstitutionType,
  SkillLevel,
  type TargetGroup,
} from '../common/enums';
import { AgencyDraw } from '../courses/agency-draw.entity';
import type { DrawInputs } from '../courses/agency-draw.rules';
import { approveCourse, changeCourse, type CourseChange, type CourseDraft } from '../courses/course-writes';
import { Course, targetGroupsOf } from '../courses/course.entity';
import { ReferenceData } from '../db/reference';
import { findRows, type Row } from '../db/rows';
import { Institution } from '../institutions/institution.entity';
import { Programme } from '../programmes/programme.entity';
import { canWrite, levelOf } from '../publishers/publisher.rules';
import type { Writer } from '../publishers/writer';
import { Region } from '../regions/region.entity';
import type { ImportKind, ImportRun, Planned } from './import-kind';
import { locateColumns, type ColumnSpec, type LocatedColumns, type RowProblem, type Sheet } from './spreadsheet';

const COLUMNS: readonly ColumnSpec[] = [
  { key: 'classNumber', names: ['班级编号', '培训班编号', '班次编号'], required: true },
  { key: 'title', names: ['班级名称', '培训班名称'], required: true },
  { key: 'institution', names: ['培训机构统一社会信用代码', '统一社会信用代码'], required: true },
  { key: 'projectUnit', names: ['省级项目单位'], required: false },
  { key: 'occupationCode', names: ['职业编码', '职业（工种）编码'], required: true },
  { key: 'certificateType', names: ['证书类型', '证书类别'], required: true },
  { key: 'level', names: ['等级', '技能等级'], required: true },
  { key: 'category', names: ['培训类别'], required: false },
  { key: 'county', names: ['培训县区代码', '县区代码'], required: true },
  { key: 'address', names: ['培训地址', '地址'], required: false },
  { key: 'mode', names: ['培训方式'], required: false },
  { key: 'platform', names: ['网络培训平台序号'], required: false },
  { key: 'startDate', names: ['开班日期'], required: true },
  { key: 'endDate', names: ['结业日期'], required: true },
  { key: 'examDate', names: ['考核日期'], required: false },
  { key: 'hoursPerDay', names: ['每日学时', '每日课时'], required: true },
  { key: 'totalHours', names: ['总学时', '学时', '培训课时'], required: true },
  { key: 'capacity', names: ['计划人数', '班额'], required: true },
  { key: 'enrolled', names: ['已报名人数', '报名人数'], required: false },
  { key: 'feeYuan', names: ['收费标准（元）', '收费标准'], required: false },
  { key: 'subsidyPerTrainee', names: ['补贴标准（元）', '补贴标准'], required: true },
  { key: 'targetGroups', names: ['培训对象'], required: false },
  { key: 'programme', names: ['项目', '所属项目'], required: true },
  { key: 'theoryTeacherRef', names: ['理论教师编号'], required: false },
  { key: 'practicalTeacherRef', names: ['实操教师编号'], required: false },
  { key: 'textbook', names: ['教材'], required: false },
  { key: 'soleAgencyExemption', names: ['考培结合'], required: false },
  { key: 'acceptsVouchers', names: ['接受培训券'], required: false },
  { key: 'enrolment', names: ['招生范围'], required: false },
];
const nameOf = (key: string) => COLUMNS.find((c) => c.key === key)?.names[0] ?? '-';

/** The column of a write problem: by its field, else by the rule (the year's rules name no field). */
const RULE_COLUMNS: Record<string, string> = {
  'course.class-size': 'capacity',
  'course.daily-hours': 'hoursPerDay',
  'course.min-certificate-hours': 'totalHours',
  'course.separate-teachers': 'practicalTeacherRef',
  'course.exam-training-separation': 'soleAgencyExemption',
  'course.institution-standing': 'institution',
  'course.directory-admission': 'occupationCode',
  'course.enterprise-own-staff': 'enrolment',
  'course.no-eligible-agency': 'examDate',
  'course.subsidy-standard': 'subsidyPerTrainee',
  'institution.scope': 'occupationCode',
};
const columnOfProblem = (field: string, rule: string) => nameOf(RULE_COLUMNS[rule] ?? field.replace(/^input\./, ''));

/** What may change after approval (CourseChange), with how the stored row spells it. */
const CHANGEABLE = [
  'startDate',
  'endDate',
  'address',
  'capacity',
  'enrolled',
  'theoryTeacherRef',
  'practicalTeacherRef',
] as const;

/** A class as planned: the draft, and for an approved class what changes. */
export interface CourseRecord {
  draft: CourseDraft;
  change: CourseChange | null;
}

export const coursesKind: ImportKind<CourseRecord> = {
  kind: 'courses',
  title: '培训班（开班）',
  columns: COLUMNS,
  naturalKey: 'classNumber',

  async plan(
    em: EntityManager,
    writer: Writer,
    sheet: Sheet,
  ): Promise<{ planned: Planned<CourseRecord>[]; problems: RowProblem[] }> {
    const { cell, problems } = locateColumns(sheet.header, COLUMNS);
    if (problems.length) return { planned: [], problems };
    const known = await loadKnown(em, sheet, cell);
    const seen = new Map<string, number>();
    const planned: Planned<CourseRecord>[] = [];
    for (const [i, r] of sheet.rows.entries()) {
      const row = i + 2;
      const before = problems.length;
      const bad: Bad = (key, rule, message) => {
        problems.push({ row, column: nameOf(key), value: cell(r, key), rule, message });
      };
      const { draft, programmeId } = draftOfRow(known, writer, { cell, r, row, bad, seen });
      if (problems.length > before) continue;
      const current = known.existing.get(draft.classNumber);
      const next = current
        ? planApproved(current, draft, programmeId, known.draws.get(current.id)?.inputsJson ?? null, writer, bad)
        : ({ action: 'create', record: { draft, change: null } } as const);
      if (next) planned.push({ row, key: draft.classNumber, ...next });
    }
    return { planned, problems };
  },

  async apply(tx: EntityManager, writer: Writer, p: Planned<CourseRecord>, run: ImportRun): Promise<RowProblem[]> {
    // The reference tables are the same for every class of one import: read them once.
    let reference = run.memo.get('reference') as ReferenceData | undefined;
    if (!reference) {
      reference = await ReferenceData.load(tx);
      run.memo.set('reference', reference);
    }
    const ctx = { em: tx, today: run.today, reference };
    const r = p.record.change
      ? await changeCourse(ctx, writer, p.record.draft.classNumber, p.record.change)
      : await approveCourse(ctx, writer, p.record.draft);
    return r.ok
      ? []
      : r.problems.map((x) => ({
          row: p.row,
          column: columnOfProblem(x.field, x.rule),
          rule: x.rule,
          message: x.clause ? `${x.message} (${x.clause})` : x.message,
        }));
  },
};

/** The approved class's value of a column that approval fixes, as the file writes it. */
function storedOf(c: Row<Course>, key: string, drawJson: string | null): unknown {
  switch (key) {
    case 'occupationCode':
      return c.occupation;
    case 'targetGroups':
      return c.targetGroupsText;
    case 'programme':
      return c.programme;
    case 'examDate':
      return drawJson ? (JSON.parse(drawJson) as DrawInputs).examDate : null;
    default:
      return (c as Record<string, unknown>)[key] ?? null;
  }
}

/** The columns approval fixed whose value in the file differs from the approved class. */
function fixedDifferences(
  c: Row<Course>,
  d: CourseDraft,
  programmeId: number | null,
  drawJson: string | null,
): string[] {
  const out: string[] = [];
  const same: [string, unknown, unknown][] = [
    ['title', c.title, d.title.trim()],
    ['institution', c.institution, d.institution],
    ['projectUnit', c.projectUnit ?? null, d.projectUnit],
    ['occupationCode', c.occupation, d.occupationCode],
    ['certificateType', c.certificateType, d.certificateType],
    ['level', c.level, d.level],
    ['category', c.category, d.category],
    ['county', c.county, d.county],
    ['mode', c.mode, d.mode],
    ['platform', c.platform ?? null, d.platform],
    ['hoursPerDay', Number(c.hoursPerDay), d.hoursPerDay],
    ['totalHours', c.totalHours, d.totalHours],
    ['feeYuan', c.feeYuan, d.feeYuan],
    ['subsidyPerTrainee', c.subsidyPerTrainee, d.subsidyPerTrainee],
    ['targetGroups', [...targetGroupsOf(c.targetGroupsText)].sort().join('|'), [...d.targetGroups].sort().join('|')],
    ['programme', c.programme, programmeId],
    ['textbook', c.textbook ?? null, d.textbook],
    ['soleAgencyExemption', Boolean(c.soleAgencyExemption), d.soleAgencyExemption],
    ['acceptsVouchers', Boolean(c.acceptsVouchers), d.acceptsVouchers],
    ['enrolment', c.enrolment, d.enrolment],
  ];
  for (const [key, stored, given] of same) if (stored !== given) out.push(key);
  // The draw was made among the agencies recorded on the assessment day: that day stands too.
  if (d.examDate && drawJson && (JSON.parse(drawJson) as DrawInputs).examDate !== d.examDate) out.push('examDate');
  return out;
}

/** How planning reads a cell: `cell(row, key)` of {@link locateColumns}. */
type Cell = LocatedColumns['cell'];

/** Reports a problem with the current row's column `key`. */
type Bad = (key: string, rule: string, message: string) => void;

/** What planning reads once for the whole file, not once per row. */
interface Known {
  reference: ReferenceData;
  /** Region codes. */
  regions: Set<string>;
  programmes: Row<Programme>[];
  /** The file's institutions by credit code. */
  institutions: Map<string, Row<Institution>>;
  /** Provincial project units: name → id (a real unit before a demo one of the same name). */
  projectUnits: Map<string, number>;
  /** `institutionId|occupationCode` for each occupation the file's institutions may train. */
  trained: Set<string>;
  /** The file's classes already approved, by class number. */
  existing: Map<string, Row<Course>>;
  /** Their agency draws, by course id. */
  draws: Map<number, Row<AgencyDraw>>;
}

/** Reads the reference tables and the file's institutions and approved classes, once per file. */
async function loadKnown(em: EntityManager, sheet: Sheet, cell: Cell): Promise<Known> {
  const reference = await ReferenceData.load(em);
  const regions = new Set((await findRows(em, Region, {})).map((r) => r.code));
  const programmes = await findRows(em, Programme, {});
  const creditCodes = [...new Set(sheet.rows.map((r) => cell(r, 'institution')).filter(Boolean))];
  const institutions = new Map(
    (await findRows(em, Institution, { creditCode: { $in: creditCodes } })).map((i) => [i.creditCode!, i]),
  );
  const projectUnits = new Map<string, number>();
  for (const u of await findRows(
    em,
    Institution,
    { type: InstitutionType.PROVINCIAL_PROJECT_UNIT },
    { isDemo: 'asc', id: 'asc' },
  ))
    if (!projectUnits.has(u.name)) projectUnits.set(u.name, u.id);
  // Which of the file's institutions may train which occupation, read once.
  const trained = new Set<string>();
  if (institutions.size) {
    const ids = [...institutions.values()].map((i) => i.id);
    const rows = (await em
      .getConnection()
      .execute(
        `select institution_id, occupation_code from institution_scope where institution_id in (${ids.map(() => '?').join(', ')})`,
        ids,
        'all',
        em.getTransactionContext(),
      )) as { institution_id: number; occupation_code: string }[];
    for (const r of rows) trained.add(`${Number(r.institution_id)}|${r.occupation_code}`);
  }
  const numbers = [...new Set(sheet.rows.map((r) => cell(r, 'classNumber')).filter(Boolean))];
  const existing = new Map(
    (await findRows(em, Course, { classNumber: { $in: numbers } })).map((c) => [c.classNumber, c]),
  );
  const draws = new Map(
    (existing.size
      ? await findRows(em, AgencyDraw, { course: { $in: [...existing.values()].map((c) => c.id) } })
      : []
    ).map((d) => [Number(d.course), d]),
  );
  return { reference, regions, programmes, institutions, projectUnits, trained, existing, draws };
}

/** One row being read: its cells, its number in the file, where its problems go, the class numbers met so far. */
interface RowAt {
  cell: Cell;
  r: readonly string[];
  row: number;
  bad: Bad;
  /** Class number → the row that first gave it. */
  seen: Map<string, number>;
}

/** Readers of a row's cells that report a cell they cannot read and return a placeholder. */
function cellReaders({ cell, r, bad }: RowAt) {
  const named = <T>(
    key: string,
    names: Readonly<Record<string, T>>,
    fallback: T | null,
    rule: string,
    listed: string,
  ): T => {
    const v = cell(r, key);
    if (!v && fallback !== null) return fallback;
    const hit = names[v];
    if (hit === undefined) bad(key, rule, `must be ${listed}`);
    return hit ?? fallback ?? (Object.values(names)[0] as T);
  };
  const whole = (key: string, fallback: number | null, rule: string, message: string) => {
    const v = cell(r, key);
    if (!v && fallback !== null) return fallback;
    if (!/^\d+$/.test(v)) bad(key, rule, message);
    return /^\d+$/.test(v) ? Number(v) : NaN;
  };
  const flag = (key: string) => {
    const v = yesNo(cell(r, key));
    if (v === null) bad(key, 'file.yes-no', 'must be 是 or 否');
    return v ?? false;
  };
  return { named, whole, flag };
}

/**
 * Reads one row into a course draft, reporting every cell that does not read or does not match
 * what is known (institution, project unit, occupation and the institution's scope, county and
 * the writer's regions, programme, platform); the draft is meaningful only if nothing was reported.
 */
function draftOfRow(known: Known, writer: Writer, at: RowAt): { draft: CourseDraft; programmeId: number | null } {
  const { cell, r, row, bad, seen } = at;
  const { named, whole, flag } = cellReaders(at);
  const { reference, institutions, projectUnits, trained, regions, programmes } = known;
  const classNumber = cell(r, 'classNumber');
  if (!/^[A-Za-z0-9-]{4,32}$/.test(classNumber))
    bad('classNumber', 'course.class-number', '4–32 letters, digits and dashes, e.g. KB2026-530102-00001');
  else if (seen.has(classNumber))
    bad('classNumber', 'file.duplicate-key', `the same class as row ${seen.get(classNumber)}`);
  else seen.set(classNumber, row);
  const institution = institutions.get(cell(r, 'institution'));
  if (!institution)
    bad(
      'institution',
      'course.institution',
      'no institution is registered under this credit code (institutions import first)',
    );
  const projectUnitName = cell(r, 'projectUnit');
  const projectUnit = projectUnitName ? (projectUnits.get(projectUnitName) ?? null) : null;
  if (projectUnitName && projectUnit === null)
    bad('projectUnit', 'course.project-unit', 'not a provincial project unit of 8号 附件4 (its name as registered)');
  const occupationCode = cell(r, 'occupationCode');
  if (!reference.occupation(occupationCode))
    bad('occupationCode', 'course.occupation', 'not an occupation code of the 2022 classification, e.g. 4-10-01-05');
  else if (institution && !trained.has(`${institution.id}|${occupationCode}`))
    bad('occupationCode', 'institution.scope', `${institution.name} is not approved to train ${occupationCode}`);
  const certificateType = named(
    'certificateType',
    CERTIFICATE_TYPE_NAMES,
    null,
    'course.certificate',
    '职业资格证书, 职业技能等级证书, 专项职业能力证书, 特种作业证书 or 培训合格证书',
  );
  const level = named('level', SKILL_LEVEL_NAMES, null, 'course.level', '五级, 四级, 三级, 二级, 一级 or 无');
  const category = named(
    'category',
    COURSE_CATEGORY_NAMES,
    CourseCategory.SKILLS,
    'course.category',
    '技能培训 or 创业培训',
  );
  const mode = named('mode', COURSE_MODE_NAMES, CourseMode.OFFLINE, 'course.mode', '线下, 线上 or 线上线下结合');
  const enrolment = named('enrolment', ENROLMENT_NAMES, Enrolment.PUBLIC, 'course.enrolment', '面向社会 or 本企业职工');
  const county = cell(r, 'county');
  if (!regions.has(county) || levelOf(county) !== 'COUNTY')
    bad('county', 'course.county', 'the county-level region where the class is held (GB/T 2260), e.g. 530102');
  else {
    const scope = canWrite(writer, county);
    if (!scope.allowed) bad('county', 'scope.region', scope.messageEn);
  }
  const programme = programmes.find((p) => p.key === cell(r, 'programme') || p.name === cell(r, 'programme'));
  if (!programme)
    bad('programme', 'course.programme', 'a programme of 云政发〔2021〕28号 by its key (e.g. KANGYANG) or name');
  const platform = cell(r, 'platform')
    ? whole('platform', null, 'course.platform', 'the sequence number of a recommended platform (8号 附件3), 1–7')
    : null;
  if (platform !== null && !Number.isNaN(platform) && !reference.platform(platform))
    bad('platform', 'course.platform', 'not a recommended platform of 8号 附件3 (1–7)');
  for (const key of ['startDate', 'endDate', 'examDate'])
    if ((key !== 'examDate' || cell(r, key)) && !isIsoDate(cell(r, key)))
      bad(key, 'course.date', 'must be a YYYY-MM-DD date');
  const hoursPerDay = /^\d+(\.\d+)?$/.test(cell(r, 'hoursPerDay')) ? Number(cell(r, 'hoursPerDay')) : NaN;
  if (!(hoursPerDay > 0))
    bad('hoursPerDay', 'course.hours', 'class hours per teaching day, a positive number such as 6 or 7.5');
  const groups = cell(r, 'targetGroups')
    .split(/[;；、,，\s]+/)
    .filter(Boolean);
  const unknownGroups = groups.filter((g) => !TARGET_GROUP_NAMES[g]);
  if (unknownGroups.length)
    bad(
      'targetGroups',
      'course.target-group',
      `not a target group: ${unknownGroups.join('、')} (one of ${Object.keys(TARGET_GROUP_NAMES)
        .filter((k) => /\p{Script=Han}/u.test(k))
        .join('、')})`,
    );
  const draft: CourseDraft = {
    classNumber,
    title: cell(r, 'title'),
    institution: institution?.id ?? 0,
    projectUnit,
    occupationCode,
    certificateType: certificateType ?? CertificateType.SKILL_LEVEL,
    level: level ?? SkillLevel.NONE,
    category,
    county,
    address: cell(r, 'address') || null,
    mode,
    platform,
    startDate: cell(r, 'startDate'),
    endDate: cell(r, 'endDate'),
    examDate: cell(r, 'examDate') || null,
    hoursPerDay,
    totalHours: whole('totalHours', null, 'course.hours', 'whole class hours'),
    capacity: whole('capacity', null, 'course.capacity', 'a whole number of places'),
    enrolled: whole('enrolled', 0, 'course.enrolled', 'a whole number of trainees, 0 or more'),
    feeYuan: whole('feeYuan', 0, 'course.fee', 'whole 元, 0 or more'),
    subsidyPerTrainee: whole('subsidyPerTrainee', null, 'course.subsidy', 'whole 元, 0 or more'),
    targetGroups: [...new Set(groups.map((g) => TARGET_GROUP_NAMES[g]).filter(Boolean))] as TargetGroup[],
    programmeKey: programme?.key ?? cell(r, 'programme'),
    theoryTeacherRef: cell(r, 'theoryTeacherRef') || null,
    practicalTeacherRef: cell(r, 'practicalTeacherRef') || null,
    textbook: cell(r, 'textbook') || null,
    soleAgencyExemption: flag('soleAgencyExemption'),
    acceptsVouchers: flag('acceptsVouchers'),
    enrolment,
  };
  return { draft, programmeId: programme?.id ?? null };
}

/**
 * What happens to a row whose class is already approved: the writer must answer for its county
 * as it stands, and only what changeCourse may change can differ. Null (with the problems
 * reported) when the row is refused.
 */
function planApproved(
  current: Row<Course>,
  draft: CourseDraft,
  programmeId: number | null,
  drawJson: string | null,
  writer: Writer,
  bad: Bad,
): Pick<Planned<CourseRecord>, 'action' | 'record'> | null {
  const scope = canWrite(writer, current.county);
  if (!scope.allowed) {
    bad(
      'classNumber',
      'scope.region',
      `the class ${draft.classNumber} is held in ${current.county}: ${scope.messageEn}`,
    );
    return null;
  }
  const fixed = fixedDifferences(current, draft, programmeId, drawJson);
  for (const key of fixed)
    bad(
      key,
      'course.fixed-at-approval',
      `differs from the approved class (${String(storedOf(current, key, drawJson) ?? '')}): what approval fixed is not changed by an import; cancel the class and approve a new one`,
    );
  if (fixed.length) return null;
  const change: CourseChange = {};
  for (const key of CHANGEABLE)
    if ((current[key] ?? null) !== draft[key]) (change as Record<string, unknown>)[key] = draft[key];
  return { action: Object.keys(change).length ? 'update' : 'unchanged', record: { draft, change } };
}
