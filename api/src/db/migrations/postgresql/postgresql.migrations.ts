// Written by `npm run migrations -- create`: every postgresql migration, oldest first. Do not edit by hand.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122063740_initial } from './20261122063740-initial.migration';
import { Migration20261202031032_institution_phone_enrolment_closes } from './20261202031032-institution-phone-enrolment-closes.migration';
import { Migration20261202062633_draw_beacon_revision } from './20261202062633-draw-beacon-revision.migration';
import { Migration20261202063959_blacklisting_decisions } from './20261202063959-blacklisting-decisions.migration';
import { Migration20261202153429_course_county_start } from './20261202153429-course-county-start.migration';
import { Migration20261202175950_foreign_key_indexes } from './20261202175950-foreign-key-indexes.migration';
import { Migration20261202183712_record_changes } from './20261202183712-record-changes.migration';
import { Migration20261203164524_disclosure_log } from './20261203164524-disclosure-log.migration';
import { Migration20261203170016_log_cosignatures } from './20261203170016-log-cosignatures.migration';
import { Migration20261203210500_log_subtree_hashes } from './20261203210500-log-subtree-hashes.migration';

/** The postgresql migrations, oldest first. */
export const POSTGRESQL_MIGRATIONS: MigrationObject[] = [
  { name: '20261122063740-initial', class: Migration20261122063740_initial },
  { name: '20261202031032-institution-phone-enrolment-closes', class: Migration20261202031032_institution_phone_enrolment_closes },
  { name: '20261202062633-draw-beacon-revision', class: Migration20261202062633_draw_beacon_revision },
  { name: '20261202063959-blacklisting-decisions', class: Migration20261202063959_blacklisting_decisions },
  { name: '20261202153429-course-county-start', class: Migration20261202153429_course_county_start },
  { name: '20261202175950-foreign-key-indexes', class: Migration20261202175950_foreign_key_indexes },
  { name: '20261202183712-record-changes', class: Migration20261202183712_record_changes },
  { name: '20261203164524-disclosure-log', class: Migration20261203164524_disclosure_log },
  { name: '20261203170016-log-cosignatures', class: Migration20261203170016_log_cosignatures },
  { name: '20261203210500-log-subtree-hashes', class: Migration20261203210500_log_subtree_hashes },
];
