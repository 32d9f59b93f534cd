/**
 * Which pages a partial build writes, from the records the API's change feed (`recordChanges`)
 * names since the pages being served were built. Pure: the builder hands the changes over
 * (config.ts reads them), the catalogue supplies what it knows of every class, and each route's
 * `getStaticPaths` keeps only the pages planned here.
 *
 * Two kinds of page:
 * - a record's own page (a class, an institution, an agency, a notice, an occupation): built
 *   when the record, or a record it shows, changed;
 * - lists and aggregates (the course list, the notice list, `/subsidies/`, the home page…):
 *   rebuilt whole when any record of a type they show changed, because a new or changed record
 *   can move every later item of a list to another page.
 */
import type { introspection } from './queries/graphql-env';

/** What the change feed (`recordChanges`) says changed: the schema's `ChangedRecordType`. */
export type ChangedRecordType = introspection['types']['ChangedRecordType']['enumValues'];

/**
 * The GraphQL type of the records each `ChangedRecordType` names: the plan speaks of records by
 * type. A value the schema adds fails to compile here until it is given its pages.
 */
export const TYPE_OF_CHANGE = {
  COURSE: 'Course',
  INSTITUTION: 'Institution',
  EVALUATION_AGENCY: 'EvaluationAgency',
  OCCUPATION: 'Occupation',
  DIRECTORY_EDITION: 'DirectoryEdition',
  DIRECTORY_ENTRY: 'DirectoryEntry',
  SUBSIDY_NOTICE: 'SubsidyNotice',
  ANNUAL_TARGET: 'AnnualTarget',
  LOG_CHECKPOINT: 'LogCheckpoint',
} as const satisfies Record<ChangedRecordType, string>;

/** A record type with pages, by GraphQL type name. */
export type ChangedType = (typeof TYPE_OF_CHANGE)[ChangedRecordType];

/** Every {@link ChangedType}. */
export const CHANGED_TYPES: readonly ChangedType[] = Object.values(TYPE_OF_CHANGE);

/** The types of the catalogue's records: every {@link ChangedType} but the log's checkpoints (a witness's cosignature). */
const RECORD_TYPES: readonly ChangedType[] = CHANGED_TYPES.filter((t) => t !== 'LogCheckpoint');

/** What changed since the served pages were built: global IDs by record type. */
export type ChangedRecords = Partial<Record<ChangedType, readonly string[]>>;

/**
 * The lists and aggregate pages, and the record types each shows. A list is rebuilt when a record
 * of one of its types changed; `home` and `about` show counts and latest items of everything.
 */
export const LIST_TYPES = {
  home: RECORD_TYPES,
  about: RECORD_TYPES,
  /** /courses/, its later pages, /courses/in/<州市>/: cards show the institution and the subsidy. */
  courses: ['Course', 'Institution', 'Occupation', 'DirectoryEntry', 'DirectoryEdition'],
  /** /institutions/ with its pages, type, standing and 州市 lists, and the blacklist. */
  institutions: ['Institution'],
  /** /agencies/ and its later pages. */
  agencies: ['EvaluationAgency'],
  /** /notices/, its later pages and the feed. */
  notices: ['SubsidyNotice'],
  /** /log/: the disclosure log's latest checkpoint, grown by every logged event. */
  log: [
    'SubsidyNotice',
    'Institution',
    'DirectoryEdition',
    'DirectoryEntry',
    'Course',
    'AnnualTarget',
    'LogCheckpoint',
  ],
  /** /subsidies/ and each year's dashboard: totals by 州市 and institution. */
  subsidies: ['SubsidyNotice', 'Institution'],
  /** /targets/: the 2022 tables and their delivery. */
  targets: ['AnnualTarget', 'SubsidyNotice', 'Institution'],
  /** /directory/ and each edition's page. */
  directory: ['DirectoryEdition', 'DirectoryEntry', 'Occupation'],
  /** /occupations/: each occupation's course count and directory years. */
  occupations: ['Course', 'DirectoryEdition', 'DirectoryEntry', 'Occupation'],
} as const satisfies Record<string, readonly ChangedType[]>;

/** A list or aggregate of {@link LIST_TYPES}. */
export type ListKey = keyof typeof LIST_TYPES;

/** What the build knows of a class: enough to find the pages that show it. */
export interface ClassRef {
  id: string;
  institutionId: string;
  occupationCode: string;
}

/** What the planner is told besides the changes, by the catalogue. */
export interface PlanInput {
  changed: ChangedRecords;
  /** Every class. */
  classes: readonly ClassRef[];
  /** The class of each changed notice (by notice ID), as the API has it now. */
  noticeClass: ReadonlyMap<string, string>;
  /** The notices of each changed class (by class ID): their pages show the class. */
  classNotices: ReadonlyMap<string, readonly string[]>;
  /** The code of each changed occupation (by occupation ID). */
  occupationCode: ReadonlyMap<string, string>;
  /** The institution each evaluation agency also trains as, if any (by agency ID): its page names it. */
  agencyInstitution: ReadonlyMap<string, string>;
}

/** The pages a partial build writes: record pages by ID (occupations by code), lists by key. */
export interface PagePlan {
  lists: ReadonlySet<ListKey>;
  courses: ReadonlySet<string>;
  institutions: ReadonlySet<string>;
  agencies: ReadonlySet<string>;
  notices: ReadonlySet<string>;
  occupations: ReadonlySet<string>;
  /** Every institution page: the target tables shown on them changed. */
  allInstitutions: boolean;
}

/** The lists that show a record of any of the changed types. */
export function listsToBuild(changed: ChangedRecords): Set<ListKey> {
  const types = new Set(CHANGED_TYPES.filter((t) => (changed[t]?.length ?? 0) > 0));
  const lists = new Set<ListKey>();
  for (const [key, shown] of Object.entries(LIST_TYPES) as [ListKey, readonly ChangedType[]][])
    if (shown.some((t) => types.has(t))) lists.add(key);
  return lists;
}

/**
 * The pages that show the changed records:
 * - a class: its page, its institution's and its occupation's (they list it), its notices' pages;
 * - an institution: its page, its classes' pages (they show its standing) and their occupations'
 *   (their cards show it);
 * - a notice: its page, its class's institution's page (subsidies by year) and that institution's
 *   classes' pages (the institution's outcomes);
 * - an occupation (its directory entries changed): its page and its classes' pages (the subsidy);
 * - an agency: its page, and an institution's changes the page of the agency that trains as it;
 * - a target figure: every institution's page.
 * @example planPages({ changed: { SubsidyNotice: [id] }, classes, noticeClass, classNotices, occupationCode, agencyInstitution }).notices // Set { id }
 */
export function planPages(input: PlanInput): PagePlan {
  const { changed, classes } = input;
  const byId = new Map(classes.map((c) => [c.id, c]));
  const changedInstitutions = new Set(changed.Institution ?? []);
  // Occupations whose directory entries changed: the subsidy shown on their classes did too.
  const directoryOccupations = new Set<string>();
  for (const id of changed.Occupation ?? []) {
    const code = input.occupationCode.get(id);
    if (code) directoryOccupations.add(code);
  }
  const institutions = new Set(changedInstitutions);
  const occupations = new Set(directoryOccupations);
  const courses = new Set<string>();
  const notices = new Set(changed.SubsidyNotice ?? []);
  for (const id of changed.Course ?? []) {
    courses.add(id);
    for (const n of input.classNotices.get(id) ?? []) notices.add(n);
    const c = byId.get(id);
    if (c) {
      institutions.add(c.institutionId);
      occupations.add(c.occupationCode);
    }
  }
  // Institutions whose classes' pages change with them: their standing or their outcomes did.
  const withClasses = new Set(changedInstitutions);
  for (const id of changed.SubsidyNotice ?? []) {
    const c = byId.get(input.noticeClass.get(id) ?? '');
    if (c) {
      institutions.add(c.institutionId);
      withClasses.add(c.institutionId);
    }
  }
  for (const c of classes) {
    if (withClasses.has(c.institutionId) || directoryOccupations.has(c.occupationCode)) courses.add(c.id);
    // An occupation's page lists cards that show the institution's standing.
    if (changedInstitutions.has(c.institutionId)) occupations.add(c.occupationCode);
  }
  const agencies = new Set(changed.EvaluationAgency ?? []);
  for (const [agency, institution] of input.agencyInstitution)
    if (changedInstitutions.has(institution)) agencies.add(agency);
  return {
    lists: listsToBuild(changed),
    courses,
    institutions,
    agencies,
    notices,
    occupations,
    allInstitutions: (changed.AnnualTarget?.length ?? 0) > 0,
  };
}
