// biome-ignore-all lint/suspicious/noExplicitAny: one path reads the five indexes' entities, each of its own type
import path from 'node:path';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import {
  aliasesByOccupation,
  readColloquialTerms,
  toAgencyDocument,
  toCourseDocument,
  toInstitutionDocument,
  toNoticeDocument,
  toOccupationDocument,
  type ColloquialTerm,
  type DocumentBatches,
  type IndexName,
  type RegionRef,
} from '@skills-yunnan/search';
import fs from 'node:fs';
import { AgencyScope, EvaluationAgency } from '../agencies/agency.entity';
import { enrolmentClosesOn } from '../courses/course-status.rules';
import { Course, targetGroupsOf } from '../courses/course.entity';
import { DATA_DIR } from '../db/reference-data';
import { DirectoryEntry } from '../directory/directory.entity';
import { toGlobalId } from '../graphql/node';
import type { ReferenceData } from '../db/reference';
import { findRows, type Row } from '../db/rows';
import { Institution } from '../institutions/institution.entity';
import { certificateTypesOf, Occupation } from '../occupations/occupation.entity';
import type { RegionTree } from '../regions/region.tree';
import { SubsidyNotice } from '../subsidies/subsidy-notice.entity';
import { parseFlagIds } from '../subsidies/red-flags.rules';

/** The curated colloquial terms (data/colloquial-occupations.csv); none when the file is absent. */
export const COLLOQUIAL_FILE = path.join(DATA_DIR, 'colloquial-occupations.csv');

export function loadColloquialTerms(file = COLLOQUIAL_FILE): ColloquialTerm[] {
  return fs.existsSync(file) ? readColloquialTerms(file) : [];
}

const BATCH = 1000;

/** Every row of `entity`, in id order, a batch at a time (never the whole table in memory). */
async function* batches<E extends { id: number }>(em: EntityManager, entity: new () => E): AsyncGenerator<Row<E>[]> {
  let last = 0;
  for (;;) {
    const rows = await findRows(em, entity, { id: { $gt: last } } as any, { id: 'asc' } as any, BATCH);
    if (rows.length === 0) return;
    yield rows;
    last = (rows[rows.length - 1] as any).id;
  }
}

/** What the document builders need besides the rows. */
export interface SourceContext {
  em: EntityManager;
  regions: RegionTree;
  reference: ReferenceData;
  terms: readonly ColloquialTerm[];
}

function regionRefs(
  regions: RegionTree,
  code: string | null,
): { county: RegionRef | null; prefecture: RegionRef | null } {
  const r = code ? regions.get(code) : undefined;
  if (!r || r.level === 'PROVINCE') return { county: null, prefecture: null };
  if (r.level === 'PREFECTURE') return { county: null, prefecture: { code: r.code, name: r.name } };
  const p = regions.get(r.parentCode!)!;
  return { county: { code: r.code, name: r.name }, prefecture: { code: p.code, name: p.name } };
}

/** Turns a batch of rows of one index's entity into documents. */
type Mapper = (rows: any[]) => Promise<object[]>;

/** Which entity feeds which index, and how its rows become documents. */
function mappers(ctx: SourceContext): Record<IndexName, { entity: new () => object; key: string; map: Mapper }> {
  const { em, regions, reference } = ctx;
  const aliases = aliasesByOccupation(ctx.terms);
  return {
    courses: {
      entity: Course,
      key: 'id',
      async map(rows: Row<Course>[]) {
        const institutions = new Map(
          (await findRows(em, Institution, { id: { $in: [...new Set(rows.map((r) => r.institution))] } })).map((i) => [
            i.id,
            i,
          ]),
        );
        return rows.map((c) => {
          const occupation = reference.occupation(c.occupation)!;
          const programme = reference.programme(c.programme)!;
          const inst = institutions.get(c.institution)!;
          const { county, prefecture } = regionRefs(regions, c.county);
          return toCourseDocument({
            id: c.id,
            globalId: toGlobalId('Course', c.id),
            classNumber: c.classNumber,
            title: c.title,
            occupation: { code: occupation.code, name: occupation.name, aliases: aliases.get(occupation.code) ?? [] },
            certificateType: c.certificateType,
            level: c.level,
            category: c.category,
            mode: c.mode,
            institution: { id: inst.id, name: inst.name, type: inst.type },
            county: county!,
            prefecture: prefecture!,
            startDate: c.startDate,
            endDate: c.endDate,
            programme: { key: programme.key, name: programme.name },
            targetGroups: targetGroupsOf(c.targetGroupsText),
            subsidyPerTrainee: c.subsidyPerTrainee,
            feeYuan: c.feeYuan,
            acceptsVouchers: c.acceptsVouchers,
            capacity: c.capacity,
            enrolled: c.enrolled,
            cancelled: c.cancelledOn != null,
            isDemo: c.isDemo,
            enrolmentCloses: enrolmentClosesOn({ startDate: c.startDate, enrolmentCloses: c.enrolmentCloses ?? null })
              .date,
          });
        });
      },
    },
    occupations: {
      entity: Occupation,
      key: 'code',
      async map(rows: Row<Occupation>[]) {
        const entries = await findRows(em, DirectoryEntry, { occupation: { $in: rows.map((o) => o.code) } });
        const years = new Map<string, Set<number>>();
        for (const e of entries) years.set(e.occupation, (years.get(e.occupation) ?? new Set()).add(e.edition));
        return rows.map((o) => {
          const minor = reference.occupationGroup(o.group);
          const middle = minor?.parent ? reference.occupationGroup(minor.parent) : undefined;
          const major = middle?.parent ? reference.occupationGroup(middle.parent) : undefined;
          return toOccupationDocument({
            code: o.code,
            globalId: toGlobalId('Occupation', o.code),
            name: o.name,
            aliases: aliases.get(o.code) ?? [],
            groups: [major?.name, middle?.name, minor?.name].filter((g): g is string => Boolean(g)),
            certificateTypes: certificateTypesOf(o.certificateTypesText),
            hasNationalStandard: o.hasNationalStandard ?? null,
            directoryYears: [...(years.get(o.code) ?? [])].sort(),
          });
        });
      },
    },
    institutions: {
      entity: Institution,
      key: 'id',
      async map(rows: Row<Institution>[]) {
        return rows.map((i) =>
          toInstitutionDocument({
            id: i.id,
            globalId: toGlobalId('Institution', i.id),
            name: i.name,
            type: i.type,
            creditCode: i.creditCode ?? null,
            ...regionRefs(regions, i.region),
            blacklistedFrom: i.blacklistedFrom ?? null,
            blacklistedUntil: i.blacklistedUntil ?? null,
            licenceRevokedOn: i.licenceRevokedOn ?? null,
            isDemo: i.isDemo,
          }),
        );
      },
    },
    agencies: {
      entity: EvaluationAgency,
      key: 'id',
      async map(rows: Row<EvaluationAgency>[]) {
        const scope = await findRows(em, AgencyScope, { agency: { $in: rows.map((a) => a.id) } });
        return rows.map((a) => {
          const mine = scope.filter((s) => s.agency === a.id);
          const codes = [...new Set(mine.map((s) => s.occupation))];
          return toAgencyDocument({
            id: a.id,
            globalId: toGlobalId('EvaluationAgency', a.id),
            name: a.name,
            type: a.type,
            ...regionRefs(regions, a.region),
            occupationCodes: codes,
            occupationNames: codes.map((c) => reference.occupation(c)?.name ?? c),
            levels: [...new Set(mine.map((s) => s.level))],
            alsoTrains: a.institution != null,
            isDemo: a.isDemo,
          });
        });
      },
    },
    notices: {
      entity: SubsidyNotice,
      key: 'id',
      async map(rows: Row<SubsidyNotice>[]) {
        const courseIds = rows.map((n) => n.course).filter((c): c is number => c != null);
        const courses = new Map((await findRows(em, Course, { id: { $in: courseIds } })).map((c) => [c.id, c]));
        const institutions = new Map(
          (
            await findRows(em, Institution, {
              id: { $in: [...new Set([...courses.values()].map((c) => c.institution))] },
            })
          ).map((i) => [i.id, i]),
        );
        return rows.map((n) => {
          const { county, prefecture } = regionRefs(regions, n.bureau);
          const bureau = county ?? prefecture ?? { code: '530000', name: '云南省' };
          const course = n.course != null ? courses.get(n.course) : undefined;
          return toNoticeDocument({
            id: n.id,
            globalId: toGlobalId('SubsidyNotice', n.id),
            number: n.number,
            title: n.title,
            bureau,
            prefecture,
            publishedOn: n.publishedOn,
            objectionUntil: n.objectionUntil,
            withdrawn: n.withdrawnOn != null,
            totalAmount: n.totalAmount,
            lineCount: n.lineCount,
            occupationName: course ? (reference.occupation(course.occupation)?.name ?? null) : null,
            institution:
              course && institutions.has(course.institution)
                ? {
                    id: toGlobalId('Institution', course.institution),
                    name: institutions.get(course.institution)!.name,
                  }
                : null,
            flags: parseFlagIds(n.flagIds),
            isDemo: n.isDemo,
          });
        });
      },
    },
  };
}

/**
 * The documents of every index, read from the database in batches and mapped by the pure
 * `to…Document` functions of the search workspace. Nothing personal is read: notice lines are
 * never touched.
 */
export function documentSources(ctx: SourceContext): Record<IndexName, DocumentBatches> {
  const m = mappers(ctx);
  const all = (index: IndexName): DocumentBatches =>
    async function* () {
      const { entity, key, map } = m[index];
      if (key === 'id') {
        for await (const rows of batches(ctx.em, entity as new () => { id: number })) yield map(rows);
        return;
      }
      const rows = await findRows(ctx.em, entity as any, {}, { [key]: 'asc' } as any);
      for (let i = 0; i < rows.length; i += BATCH) yield map(rows.slice(i, i + BATCH));
    };
  return {
    courses: all('courses'),
    occupations: all('occupations'),
    institutions: all('institutions'),
    agencies: all('agencies'),
    notices: all('notices'),
  };
}

/**
 * The current documents of some records of one index, and the keys that no longer exist (to be
 * removed from the index).
 */
export async function documentsFor(
  ctx: SourceContext,
  index: IndexName,
  keys: readonly (string | number)[],
): Promise<{ documents: object[]; missing: (string | number)[] }> {
  const { entity, key, map } = mappers(ctx)[index];
  const typed = key === 'id' ? keys.map(Number) : keys.map(String);
  const rows = await findRows(ctx.em, entity as any, { [key]: { $in: typed } } as any);
  const found = new Set(rows.map((r: any) => r[key]));
  return { documents: await map(rows), missing: typed.filter((k) => !found.has(k)) };
}
