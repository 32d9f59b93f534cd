import 'reflect-metadata';
import './graphql/enums';
import path from 'node:path';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { EvaluationAgencyResolver, AgencyScopeResolver } from './agencies/agency.resolver';
import { REPO_ROOT } from './config';
import { CourseResolver } from './courses/course.resolver';
import { CourseJourneyResolver } from './courses/course-journey.resolver';
import { DirectoryEditionResolver, DirectoryEntryResolver } from './directory/directory.resolver';
import { InstitutionResolver } from './institutions/institution.resolver';
import { OccupationResolver } from './occupations/occupation.resolver';
import { OnlinePlatformResolver } from './platforms/platform.resolver';
import { ProgrammeResolver } from './programmes/programme.resolver';
import { RegionResolver } from './regions/region.resolver';
import {
  SubsidyNoticeLineResolver,
  SubsidyNoticeResolver,
  SubsidyNoticeRevisionResolver,
} from './subsidies/subsidy.resolver';
import { SubsidyTotalsResolver } from './subsidies/subsidy-totals.resolver';
import { InstitutionSubsidiesResolver } from './subsidies/institution-subsidies.resolver';
import { PublisherResolver } from './publishers/publisher.resolver';
import { AuditResolver } from './audit/audit.resolver';
import { NoticeWriteResolver } from './subsidies/notice-writes.resolver';
import { InstitutionWriteResolver } from './institutions/institution-writes.resolver';
import { CourseWriteResolver } from './courses/course-writes.resolver';
import { DirectoryWriteResolver } from './directory/directory-writes.resolver';
import { AgencyWriteResolver } from './agencies/agency-writes.resolver';
import type { Context } from './context';
import { authChecker } from './graphql/auth-checker';
import { ProgrammeDeliveryResolver, TargetDeliveryResolver } from './targets/target-progress.resolver';
import { NoticeChangeResolver } from './subsidies/notice-changes.resolver';
import { RecordChangeResolver } from './changes/record-change.resolver';
import { AnnualTargetResolver } from './targets/annual-target.resolver';
import { NodeResolver } from './node.resolver';
import { SearchHitResolver, SearchResolver } from './search/search.resolver';
import { BlacklistingResolver } from './institutions/blacklisting.resolver';
import {
  DisclosureLogResolver,
  LogCheckpointResolver,
  LogEntryResolver,
  NoticeLogResolver,
  RevisionLogResolver,
} from './log/log.resolver';

/** The checked-in public contract. */
export const SCHEMA_FILE = path.join(REPO_ROOT, 'schema.graphql');

const RESOLVERS = [
  NodeResolver,
  DisclosureLogResolver,
  LogCheckpointResolver,
  LogEntryResolver,
  NoticeLogResolver,
  RevisionLogResolver,
  RegionResolver,
  OccupationResolver,
  DirectoryEditionResolver,
  DirectoryEntryResolver,
  InstitutionResolver,
  EvaluationAgencyResolver,
  AgencyScopeResolver,
  CourseResolver,
  CourseJourneyResolver,
  SubsidyNoticeResolver,
  SubsidyNoticeLineResolver,
  SubsidyNoticeRevisionResolver,
  SubsidyTotalsResolver,
  NoticeChangeResolver,
  RecordChangeResolver,
  PublisherResolver,
  AuditResolver,
  NoticeWriteResolver,
  InstitutionWriteResolver,
  CourseWriteResolver,
  DirectoryWriteResolver,
  AgencyWriteResolver,
  AnnualTargetResolver,
  TargetDeliveryResolver,
  ProgrammeResolver,
  ProgrammeDeliveryResolver,
  InstitutionSubsidiesResolver,
  OnlinePlatformResolver,
  SearchResolver,
  SearchHitResolver,
  BlacklistingResolver,
] as const;

/**
 * Makes each mutation start with loaders that forget what they cached: mutations of one document
 * run in turn, and the payload of the second must not show rows as the first one's read them.
 * Only the mutation fields are wrapped, so reads pay nothing.
 */
function freshLoadersForMutations(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve!;
    field.resolve = (root, args, context: Context, info) => {
      context.loaders.clearAll();
      return resolve(root, args, context, info);
    };
  }
}

let built: Promise<GraphQLSchema> | undefined;

/** Builds the schema once per process (type-graphql metadata is global). */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers: RESOLVERS, validate: false, authChecker }).then((schema) => {
    // type-graphql has no option for the root type's description.
    schema.getQueryType()!.description =
      'Entry points of the Skills Yunnan open training catalogue (技能云南开放培训目录). Lists are Relay connections of at most 100 items a page.';
    schema.getMutationType()!.description =
      "Writes by publishers (bureaus) with an API key (`Authorization: Bearer sy_…`), each within the key's region (云人社通〔2022〕50号 (十八)). A write returns every problem at once and then changes nothing; every write is in the audit trail.";
    freshLoadersForMutations(schema);
    return schema;
  });
  return built;
}

/** The schema as SDL, sorted so the file diffs cleanly. */
export async function printPublicSchema(): Promise<string> {
  const header =
    '# The public contract of the Skills Yunnan open training catalogue API.\n# Emitted from the code by `npm run schema`; a test fails when this file and the code differ.\n\n';
  return `${header + printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
