import { pinyinForms } from './pinyin';
import { dayNumber, PROVINCE_CODE, type DocumentShape } from './vocabulary';

/**
 * Plain inputs of the document mappers: what the API gathers from its database for one record.
 * Nothing personal is ever part of them (notice lines are not indexed at all).
 */
export interface RegionRef {
  code: string;
  name: string;
}

export interface CourseSource {
  id: number;
  globalId: string;
  classNumber: string;
  title: string;
  occupation: { code: string; name: string; aliases: readonly string[] };
  certificateType: string;
  level: string;
  category: string;
  mode: string;
  institution: { id: number; name: string; type: string };
  county: RegionRef;
  prefecture: RegionRef;
  startDate: string;
  endDate: string;
  programme: { key: string; name: string };
  targetGroups: readonly string[];
  subsidyPerTrainee: number;
  feeYuan: number;
  acceptsVouchers: boolean;
  /** Places and trainees enrolled: places left decide 报名中 / 已满 before the start. */
  capacity: number;
  /** The last day to enrol (the API's rule: the recorded deadline, else the day before the start). */
  enrolmentCloses: string;
  enrolled: number;
  cancelled: boolean;
  isDemo: boolean;
}

export interface OccupationSource {
  code: string;
  globalId: string;
  name: string;
  aliases: readonly string[];
  groups: readonly string[];
  certificateTypes: readonly string[];
  hasNationalStandard: boolean | null;
  directoryYears: readonly number[];
}

export interface InstitutionSource {
  id: number;
  globalId: string;
  name: string;
  type: string;
  creditCode: string | null;
  county: RegionRef | null;
  prefecture: RegionRef | null;
  blacklistedFrom: string | null;
  blacklistedUntil: string | null;
  licenceRevokedOn: string | null;
  isDemo: boolean;
}

export interface AgencySource {
  id: number;
  globalId: string;
  name: string;
  type: string;
  county: RegionRef | null;
  prefecture: RegionRef | null;
  occupationCodes: readonly string[];
  occupationNames: readonly string[];
  levels: readonly string[];
  alsoTrains: boolean;
  isDemo: boolean;
}

export interface NoticeSource {
  id: number;
  globalId: string;
  number: string;
  title: string;
  bureau: RegionRef;
  prefecture: RegionRef | null;
  publishedOn: string;
  /** Last day of the objection period: the status follows from it and the day of the search. */
  objectionUntil: string;
  withdrawn: boolean;
  totalAmount: number;
  lineCount: number;
  occupationName: string | null;
  /** The training institution of the class (null: no class linked). */
  institution: { id: string; name: string } | null;
  /** Ids of its red flags, e.g. `flag.late-claim`. */
  flags: readonly string[];
  isDemo: boolean;
}

function regionCodes(...regions: (RegionRef | null)[]): string[] {
  const codes = regions.filter((r): r is RegionRef => r != null).map((r) => r.code);
  return [...new Set([...codes, PROVINCE_CODE])];
}

function pinyinOf<P extends string>(
  prefix: P,
  text: string,
): Record<`${P}Pinyin` | `${P}PinyinJoined` | `${P}Initials`, string> {
  const p = pinyinForms(text);
  return {
    [`${prefix}Pinyin`]: p.full,
    [`${prefix}PinyinJoined`]: p.joined,
    [`${prefix}Initials`]: p.initials,
  } as Record<`${P}Pinyin` | `${P}PinyinJoined` | `${P}Initials`, string>;
}

/** A course as indexed. @example toCourseDocument(source).regionCodes // ['530102', '530100', '530000'] */
export function toCourseDocument(c: CourseSource) {
  return {
    id: c.id,
    globalId: c.globalId,
    classNumber: c.classNumber,
    title: c.title,
    occupationCode: c.occupation.code,
    occupationName: c.occupation.name,
    // Code and name in one facet value, so the site's finder can list occupations by name
    // without shipping the classification to the browser.
    occupationLabel: `${c.occupation.code} ${c.occupation.name}`,
    aliases: [...c.occupation.aliases],
    institutionId: c.institution.id,
    institutionName: c.institution.name,
    institutionType: c.institution.type,
    certificateType: c.certificateType,
    level: c.level,
    category: c.category,
    mode: c.mode,
    countyCode: c.county.code,
    countyName: c.county.name,
    prefectureCode: c.prefecture.code,
    prefectureName: c.prefecture.name,
    regionCodes: regionCodes(c.county, c.prefecture),
    startDate: c.startDate,
    endDate: c.endDate,
    startDay: dayNumber(c.startDate),
    // The status (报名中, 进行中, 已结束…) depends on the day of the search, so the index holds
    // only what it is computed from: start, end and enrolment deadline days, places left and
    // cancellation.
    endDay: dayNumber(c.endDate),
    closesDay: dayNumber(c.enrolmentCloses),
    enrolmentCloses: c.enrolmentCloses,
    capacity: c.capacity,
    placesLeft: Math.max(0, c.capacity - c.enrolled),
    startMonth: c.startDate.slice(0, 7),
    programme: c.programme.key,
    programmeName: c.programme.name,
    targetGroups: [...c.targetGroups],
    subsidised: c.subsidyPerTrainee > 0,
    subsidyPerTrainee: c.subsidyPerTrainee,
    feeYuan: c.feeYuan,
    acceptsVouchers: c.acceptsVouchers,
    cancelled: c.cancelled,
    isDemo: c.isDemo,
    aliasesPinyin: c.occupation.aliases.map((a) => pinyinForms(a).joined),
    ...pinyinOf('occupation', c.occupation.name),
    ...pinyinOf('institution', c.institution.name),
  } satisfies DocumentShape<'courses'>;
}

/** An occupation as indexed; its id is the classification code. */
export function toOccupationDocument(o: OccupationSource) {
  return {
    id: o.code,
    globalId: o.globalId,
    code: o.code,
    name: o.name,
    aliases: [...o.aliases],
    groups: [...o.groups],
    majorGroup: o.code.split('-')[0],
    certificateTypes: [...o.certificateTypes],
    hasNationalStandard: o.hasNationalStandard,
    directoryYears: [...o.directoryYears],
    inDirectory: o.directoryYears.length > 0,
    aliasesPinyin: o.aliases.map((a) => pinyinForms(a).joined),
    ...pinyinOf('name', o.name),
  } satisfies DocumentShape<'occupations'>;
}

/** An institution as indexed. */
export function toInstitutionDocument(i: InstitutionSource) {
  return {
    id: i.id,
    globalId: i.globalId,
    name: i.name,
    type: i.type,
    creditCode: i.creditCode,
    countyName: i.county?.name ?? null,
    prefectureName: i.prefecture?.name ?? null,
    regionCodes: regionCodes(i.county, i.prefecture),
    blacklistedFromDay: i.blacklistedFrom ? dayNumber(i.blacklistedFrom) : null,
    blacklistedUntilDay: i.blacklistedUntil ? dayNumber(i.blacklistedUntil) : null,
    licenceRevokedDay: i.licenceRevokedOn ? dayNumber(i.licenceRevokedOn) : null,
    isDemo: i.isDemo,
    ...pinyinOf('name', i.name),
  } satisfies DocumentShape<'institutions'>;
}

/** An evaluation agency as indexed. */
export function toAgencyDocument(a: AgencySource) {
  return {
    id: a.id,
    globalId: a.globalId,
    name: a.name,
    type: a.type,
    countyName: a.county?.name ?? null,
    prefectureName: a.prefecture?.name ?? null,
    regionCodes: regionCodes(a.county, a.prefecture),
    occupationCodes: [...a.occupationCodes],
    occupationNames: [...a.occupationNames],
    levels: [...a.levels],
    alsoTrains: a.alsoTrains,
    isDemo: a.isDemo,
    ...pinyinOf('name', a.name),
  } satisfies DocumentShape<'agencies'>;
}

/** A subsidy notice as indexed: its header only, never its trainee lines. */
export function toNoticeDocument(n: NoticeSource) {
  return {
    id: n.id,
    globalId: n.globalId,
    number: n.number,
    title: n.title,
    bureauName: n.bureau.name,
    regionCodes: regionCodes(n.bureau, n.prefecture),
    publishedOn: n.publishedOn,
    publishedDay: dayNumber(n.publishedOn),
    objectionUntil: n.objectionUntil,
    objectionUntilDay: dayNumber(n.objectionUntil),
    withdrawn: n.withdrawn,
    totalAmount: n.totalAmount,
    lineCount: n.lineCount,
    occupationName: n.occupationName,
    institutionId: n.institution?.id ?? null,
    institutionName: n.institution?.name ?? null,
    /** `id name`, one facet value that carries its own label. */
    institutionLabel: n.institution ? `${n.institution.id} ${n.institution.name}` : null,
    flags: [...n.flags],
    flagged: n.flags.length > 0,
    isDemo: n.isDemo,
  } satisfies DocumentShape<'notices'>;
}

export type CourseDocument = ReturnType<typeof toCourseDocument>;
export type OccupationDocument = ReturnType<typeof toOccupationDocument>;
export type InstitutionDocument = ReturnType<typeof toInstitutionDocument>;
export type AgencyDocument = ReturnType<typeof toAgencyDocument>;
export type NoticeDocument = ReturnType<typeof toNoticeDocument>;
