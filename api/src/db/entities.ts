import { AgencyFee, AgencyScope, EvaluationAgency } from '../agencies/agency.entity';
import { Course } from '../courses/course.entity';
import { DirectoryEdition, DirectoryEntry } from '../directory/directory.entity';
import { Institution } from '../institutions/institution.entity';
import { Blacklisting } from '../institutions/blacklisting.entity';
import { Occupation, OccupationGroup } from '../occupations/occupation.entity';
import { OnlinePlatform } from '../platforms/platform.entity';
import { Programme } from '../programmes/programme.entity';
import { Region } from '../regions/region.entity';
import {
  SubsidyNotice,
  SubsidyNoticeLine,
  SubsidyNoticeRevision,
  SubsidyObjection,
} from '../subsidies/subsidy-notice.entity';
import { AnnualTarget } from '../targets/annual-target.entity';
import { DatasetMeta } from './meta.entity';
import { SearchOutbox } from '../search/search-outbox.entity';
import { RecordChange } from '../changes/record-change.entity';
import { LogCheckpoint, LogCosignature, LogEntry, LogHash } from '../log/log-entry.entity';
import { ApiKey, Publisher } from '../publishers/publisher.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AgencyDraw } from '../courses/agency-draw.entity';

/** Every entity, listed explicitly so discovery needs no file globbing (works from src and dist). */
export const ENTITIES = [
  Region,
  OccupationGroup,
  Occupation,
  DirectoryEdition,
  DirectoryEntry,
  Institution,
  Blacklisting,
  EvaluationAgency,
  AgencyScope,
  AgencyFee,
  Programme,
  OnlinePlatform,
  Course,
  SubsidyNotice,
  SubsidyNoticeLine,
  SubsidyNoticeRevision,
  SubsidyObjection,
  AnnualTarget,
  DatasetMeta,
  SearchOutbox,
  RecordChange,
  LogEntry,
  LogHash,
  LogCheckpoint,
  LogCosignature,
  Publisher,
  ApiKey,
  AuditEntry,
  AgencyDraw,
];
