/**
 * What the demo generator's steps share: the shapes of the small in-memory lookups, the
 * constants of the rules the demo respects or breaks on purpose, and the batch writer.
 */

import type { EntityManager } from '@mikro-orm/core';
import { addDays, daysInclusive } from '../../common/dates';
import { AgencyType, CertificateType, InstitutionType, SkillLevel } from '../../common/enums';
import type { Prng } from '../../common/prng';
import type { LogEvent } from '../../log/log-entries';

/** Options of {@link generateDemoData}. */
export interface DemoOptions {
  /** 1 = 600 institutions, 100 agencies, 3,000 classes; classes grow with the square of the scale. */
  scale: number;
  /** Any safe integer; the same seed gives the same data. */
  seed: number;
  /** The day the demo is made for (`YYYY-MM-DD`, from 2023-01-01): classes, notices and standings are placed around it. */
  today: string;
  /** Called after every batch written (and once per small step). */
  onProgress?: (step: string, done: number, total: number) => void;
  /**
   * Log entries of earlier loads in the same transaction, kept to be appended in day order with
   * the demo's own (the 2022 annex figures, published 2022-02-11).
   */
  priorLog?: readonly LogEvent[];
  /** Rows per INSERT (default 1,000), lowered automatically to stay under {@link MAX_BOUND_VARIABLES}. */
  batchSize?: number;
}

/** First id of demo institutions (1–33 and 41–47 are the real rows of the 2022 annexes). */
export const DEMO_INSTITUTION_ID_BASE = 1000;

/** Bound variables per statement: SQLite allows 32,766; stay clearly below. */
export const MAX_BOUND_VARIABLES = 30_000;

/**
 * The deliberate rule breaches, each confined to one rule id of `checkCourse`:
 * - `hours96` — a subsidised certificate class of 96 class hours (course.min-certificate-hours)
 * - `daily9` — 9 class hours a day (course.daily-hours)
 * - `size65` — 65 places in a skills class (course.class-size)
 * - `entre34` — an entrepreneurship class of 34 after 2022-02-11 (course.class-size)
 * - `sameTeacher` — the same theory and practical teacher after 2022-11-05 (course.separate-teachers)
 * - `ownAgency` — assessed by the trainer's own agency without the exemption (course.exam-training-separation)
 * - `blacklisted` — a subsidised class inside the institution's three barred years (course.institution-standing)
 * - `notInDirectory` — a 2023 subsidised class claimed under a 2022 entry dropped from the 2023 edition (course.directory-admission)
 * - `enterprisePublic` — an enterprise training centre enrolling the public (course.enterprise-own-staff)
 */
export const VIOLATION_KINDS = [
  'hours96',
  'daily9',
  'size65',
  'entre34',
  'sameTeacher',
  'ownAgency',
  'blacklisted',
  'notInDirectory',
  'enterprisePublic',
] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

/** Share of classes that break one rule on purpose. */
export const VIOLATION_RATE = 0.08;

/** 云人社通〔2022〕8号 and 50号: the days their rules start. */
export const DATE_2022_8 = '2022-02-11';
export const DATE_2022_50 = '2022-11-05';

export const GRADED: ReadonlySet<CertificateType> = new Set([
  CertificateType.VOCATIONAL_QUALIFICATION,
  CertificateType.SKILL_LEVEL,
]);
export const LEVELS_DOWN: readonly SkillLevel[] = [
  SkillLevel.LEVEL_5,
  SkillLevel.LEVEL_4,
  SkillLevel.LEVEL_3,
  SkillLevel.LEVEL_2,
  SkillLevel.LEVEL_1,
];
export const LEVEL_RANK: Readonly<Record<SkillLevel, number>> = {
  [SkillLevel.LEVEL_5]: 0,
  [SkillLevel.LEVEL_4]: 1,
  [SkillLevel.LEVEL_3]: 2,
  [SkillLevel.LEVEL_2]: 3,
  [SkillLevel.LEVEL_1]: 4,
  [SkillLevel.NONE]: 0,
};
export const LEVEL_DIGIT: Readonly<Record<SkillLevel, string>> = {
  [SkillLevel.LEVEL_5]: '5',
  [SkillLevel.LEVEL_4]: '4',
  [SkillLevel.LEVEL_3]: '3',
  [SkillLevel.LEVEL_2]: '2',
  [SkillLevel.LEVEL_1]: '1',
  [SkillLevel.NONE]: '0',
};

export interface Occ {
  code: string;
  name: string;
  major: string;
  middle: string;
}
export interface County {
  code: string;
  name: string;
  prefecture: string;
  weight: number;
}
/** An occupation × certificate type with the levels the demo directory uses. */
export interface Pair {
  id: number;
  occ: string;
  cert: CertificateType;
  levels: SkillLevel[];
  keys: number[];
  sole: boolean;
  entre: boolean;
}
/** An occupation × certificate type × level. */
export interface Key {
  id: number;
  pair: number;
  occ: string;
  cert: CertificateType;
  level: SkillLevel;
  programmes: string[];
}
export interface Entry {
  id: number;
  year: number;
  key: number;
  minHours: number;
  subsidy: number;
  isKey: boolean;
  from: string;
  to: string;
}
export interface Inst {
  id: number;
  name: string;
  type: InstitutionType;
  county: string;
  prefecture: string;
  address: string;
  ownerCompany: string | null;
  creditCode: string;
  licence: string | null;
  scope: string[];
  blFrom: string | null;
  blUntil: string | null;
  revokedOn: string | null;
  ownAgency: number | null;
  teacherBase: number;
  teachers: number;
  /** Enrolment phone (a demo number in the 州市's format) or null when none is published. */
  phone?: string | null;
  /** The blacklisting's and the revocation's decision documents (demo numbers). */
  blDocument?: string | null;
  revocationDocument?: string | null;
  /** A real row of the 2022 annexes running demo classes: nothing of it is written by the generator. */
  real?: boolean;
}
export interface AgencyRecord {
  agency: number;
  from: string;
  until: string | null;
}
export interface Agency {
  id: number;
  name: string;
  type: AgencyType;
  region: string;
  institution: number | null;
  creditCode: string;
  pairs: Set<number>;
}
export interface ProjectUnit {
  id: number;
  occs: ReadonlySet<string> | '*';
  prefectures: ReadonlySet<string>;
}

export type Row = Record<string, unknown>;

export const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const maxDate = (a: string, b: string) => (a > b ? a : b);
export const minDate = (a: string, b: string) => (a < b ? a : b);
/** Appends `v` to the list under `k`, creating it. */
export const addTo = <K, T>(m: Map<K, T[]>, k: K, v: T) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);

/** A uniformly random day in `[from, to]`. */
export function randomDate(r: Prng, from: string, to: string): string {
  return addDays(from, r.int(0, daysInclusive(from, to) - 1));
}

/** The transaction-bound writer every step uses. */
export interface DemoWriter {
  em: EntityManager;
  batchSize: number;
  /** Rows of a plain SQL read inside the generator's transaction. */
  query<T>(sql: string): Promise<T[]>;
}

/** Inserts rows in statements small enough for SQLite's bound-variable limit. */
export async function insertRows(w: DemoWriter, entity: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).length;
  const per = Math.max(1, Math.min(w.batchSize, Math.floor(MAX_BOUND_VARIABLES / columns)));
  for (let i = 0; i < rows.length; i += per) await w.em.insertMany(entity, rows.slice(i, i + per) as Row[]);
}
