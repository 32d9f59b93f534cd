import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { AgencyScope } from '../agencies/agency.entity';
import { CertificateType } from '../common/enums';
import { Course } from '../courses/course.entity';
import { findRows, RowLoaders } from './rows';

/** Per-request batch loaders: rows by key and by parent, plus aggregates. */
export class Loaders extends RowLoaders {
  constructor(em: EntityManager) {
    super(em);
  }

  /**
   * How many agencies are recorded in the province for an occupation × level on a date
   * (key `code|level|date`): one grouped query for a whole page of courses.
   */
  agenciesInProvince() {
    return this.memo<string, number>('agenciesInProvince', async (keys) => {
      const parsed = keys.map((k) => k.split('|'));
      const rows = await findRows(this.em, AgencyScope, { occupation: { $in: [...new Set(parsed.map((p) => p[0]))] } });
      // By occupation and level first: a page of keys against every row was quadratic in a bulk pass.
      const scopes = new Map<string, typeof rows>();
      for (const r of rows) {
        const key = `${r.occupation}|${r.level}`;
        const scope = scopes.get(key);
        if (scope) scope.push(r);
        else scopes.set(key, [r]);
      }
      return parsed.map(([code, level, date]) => {
        const agencies = new Set<number>();
        for (const r of scopes.get(`${code}|${level}`) ?? []) {
          if (r.recordedFrom <= date && (!r.recordedUntil || r.recordedUntil >= date)) agencies.add(r.agency);
        }
        return agencies.size;
      });
    });
  }

  /** Planned places (capacity) of the classes a provincial project unit contracted in `year`, in all and in graded-certificate classes. */
  projectPlan(year: number) {
    return this.memo<number, { certificateClassTrainees: number; totalTrainees: number }>(
      `projectPlan:${year}`,
      async (ids) => {
        const rows = await findRows(this.em, Course, {
          projectUnit: { $in: [...new Set(ids)] },
          startDate: { $gte: `${year}-01-01`, $lte: `${year}-12-31` },
          cancelledOn: null,
        });
        return ids.map((id) => {
          const mine = rows.filter((r) => r.projectUnit === id);
          return {
            totalTrainees: mine.reduce((s, r) => s + r.capacity, 0),
            certificateClassTrainees: mine
              .filter((r) => GRADED.has(r.certificateType))
              .reduce((s, r) => s + r.capacity, 0),
          };
        });
      },
    );
  }
}

/** Graded certificates: the 等级证书类 of 附件4. */
const GRADED = new Set<string>([CertificateType.VOCATIONAL_QUALIFICATION, CertificateType.SKILL_LEVEL]);

/** Builds fresh loaders for one request (caches must not outlive it). */
export function createLoaders(em: EntityManager): Loaders {
  return new Loaders(em);
}
