import { ChangeSetType, type EventArgs, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import type { IndexName } from '@skills-yunnan/search';
import { AgencyScope, EvaluationAgency } from '../agencies/agency.entity';
import { Course } from '../courses/course.entity';
import { DirectoryEntry } from '../directory/directory.entity';
import { Institution } from '../institutions/institution.entity';
import { Occupation } from '../occupations/occupation.entity';
import { SubsidyNotice } from '../subsidies/subsidy-notice.entity';
import { AnnualTarget } from '../targets/annual-target.entity';
import { Blacklisting } from '../institutions/blacklisting.entity';
import { SubsidyObjection } from '../subsidies/subsidy-notice.entity';
import { noteChanges, type ChangedType } from '../db/record-changes';
import { SearchOutbox } from './search-outbox.entity';

/** Which records' pages a changed entity touches, for the feed of changed records. */
// biome-ignore lint/complexity/noBannedTypes: keyed by entity constructor, whatever its signature
// biome-ignore lint/suspicious/noExplicitAny: each entry takes its own entity type
const PAGES = new Map<Function, (e: any) => [ChangedType, string | number | undefined][]>([
  [Course, (c: Course) => [['Course', c.id]]],
  [Occupation, (o: Occupation) => [['Occupation', o.code]]],
  [Institution, (i: Institution) => [['Institution', i.id]]],
  [Blacklisting, (b: Blacklisting) => [['Institution', b.institution.id]]],
  [EvaluationAgency, (a: EvaluationAgency) => [['EvaluationAgency', a.id]]],
  [AgencyScope, (s: AgencyScope) => [['EvaluationAgency', s.agency.id]]],
  [
    DirectoryEntry,
    (d: DirectoryEntry) => [
      ['DirectoryEntry', d.id],
      ['Occupation', d.occupation.code],
    ],
  ],
  [SubsidyNotice, (n: SubsidyNotice) => [['SubsidyNotice', n.id]]],
  [SubsidyObjection, (o: SubsidyObjection) => [['SubsidyNotice', o.notice.id]]],
  [AnnualTarget, (t: AnnualTarget) => [['AnnualTarget', t.id]]],
]);

/** Notes the records whose pages a flushed entity touches, in the flush's transaction. */
async function notePages({ entity, em }: EventArgs<object>): Promise<void> {
  for (const [type, key] of PAGES.get(entity.constructor)?.(entity) ?? [])
    if (key !== undefined) await noteChanges(em, type, key);
}

/** Which index a changed entity touches, and the document key. */
// biome-ignore lint/complexity/noBannedTypes: keyed by entity constructor, whatever its signature
// biome-ignore lint/suspicious/noExplicitAny: each entry takes its own entity type
const WATCHED = new Map<Function, (e: any) => [IndexName, string][]>([
  [Course, (c: Course) => [['courses', String(c.id)]]],
  [Occupation, (o: Occupation) => [['occupations', o.code]]],
  [Institution, (i: Institution) => [['institutions', String(i.id)]]],
  [EvaluationAgency, (a: EvaluationAgency) => [['agencies', String(a.id)]]],
  [AgencyScope, (s: AgencyScope) => [['agencies', String(s.agency.id)]]],
  [DirectoryEntry, (d: DirectoryEntry) => [['occupations', d.occupation.code]]],
  [SubsidyNotice, (n: SubsidyNotice) => [['notices', String(n.id)]]],
]);

/**
 * The one place application writes reach search: every flush that creates, changes or deletes
 * an indexed record also queues its document key in `search_outbox`, in the same transaction.
 * Bulk loads (`insertMany`) bypass it on purpose: a full reindex follows them.
 */
export class SearchOutboxSubscriber implements EventSubscriber {
  onFlush({ em, uow }: FlushEventArgs): void {
    const queued = new Set<string>();
    for (const cs of uow.getChangeSets()) {
      const keysOf = WATCHED.get(cs.entity.constructor);
      // Creates are queued by afterCreate, once the database has given the row its id.
      if (!keysOf || cs.type === ChangeSetType.CREATE) continue;
      for (const [indexName, documentKey] of keysOf(cs.entity)) {
        const id = `${indexName}|${documentKey}`;
        if (queued.has(id) || documentKey === 'undefined') continue;
        queued.add(id);
        uow.computeChangeSet(em.create(SearchOutbox, { indexName, documentKey, queuedAt: new Date(), attempts: 0 }));
      }
    }
  }

  /**
   * A created record whose id the database generates: queued once the insert has run, in the
   * flush's own transaction, so the queue row commits (or rolls back) with it.
   */
  async afterCreate(args: EventArgs<object>): Promise<void> {
    await notePages(args);
    const { entity, em } = args;
    const keysOf = WATCHED.get(entity.constructor);
    if (!keysOf) return;
    for (const [indexName, documentKey] of keysOf(entity)) {
      if (documentKey === 'undefined') continue;
      await em.insert(
        SearchOutbox,
        { indexName, documentKey, queuedAt: new Date(), attempts: 0 },
        { ctx: em.getTransactionContext() },
      );
    }
  }

  /** A changed or deleted record: noted for the site, in the flush's transaction. */
  async afterUpdate(args: EventArgs<object>): Promise<void> {
    await notePages(args);
  }

  async afterDelete(args: EventArgs<object>): Promise<void> {
    await notePages(args);
  }
}
