import { Migration } from '@mikro-orm/migrations';

export class Migration20261122063740_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_entry" ("id" serial primary key, "at" timestamptz not null, "publisher_id" int null, "actor" varchar(160) not null, "key_id" varchar(32) null, "action" varchar(64) not null, "entity_type" varchar(64) not null, "entity_key" varchar(128) not null, "region" varchar(6) null, "before_sha256" varchar(64) null, "after_sha256" varchar(64) null, "summary" varchar(512) not null);`);
    this.addSql(`create index "audit_entry_at_index" on "audit_entry" ("at");`);
    this.addSql(`create index "audit_entry_publisher_id_index" on "audit_entry" ("publisher_id");`);
    this.addSql(`create index "audit_entry_entity_type_entity_key_index" on "audit_entry" ("entity_type", "entity_key");`);

    this.addSql(`create table "dataset_meta" ("key" varchar(64) not null, "value" text not null, constraint "dataset_meta_pkey" primary key ("key"));`);

    this.addSql(`create table "directory_edition" ("year" int not null, "document_number" varchar(128) not null, "title" varchar(256) not null, "published_on" date not null, "is_demo" boolean not null, "source" varchar(256) not null, constraint "directory_edition_pkey" primary key ("year"));`);

    this.addSql(`create table "occupation_group" ("code" varchar(16) not null, "name" varchar(128) not null, "level" varchar(8) not null, "parent_code" varchar(16) null, constraint "occupation_group_pkey" primary key ("code"));`);

    this.addSql(`create table "occupation" ("code" varchar(16) not null, "name" varchar(128) not null, "group_code" varchar(16) not null, "major_group" varchar(2) not null, "has_national_standard" boolean null, "certificate_types_text" varchar(160) not null, "certification_is_demo" boolean not null, constraint "occupation_pkey" primary key ("code"));`);
    this.addSql(`create index "occupation_name_index" on "occupation" ("name");`);

    this.addSql(`create table "directory_entry" ("id" serial primary key, "edition_year" int not null, "occupation_code" varchar(16) not null, "certificate_type" text check ("certificate_type" in ('VOCATIONAL_QUALIFICATION', 'SKILL_LEVEL', 'SPECIAL_ABILITY', 'SPECIAL_OPERATION', 'TRAINING_QUALIFIED')) not null, "level" text check ("level" in ('LEVEL_5', 'LEVEL_4', 'LEVEL_3', 'LEVEL_2', 'LEVEL_1', 'NONE')) not null, "min_hours" int not null, "subsidy_per_trainee" int not null, "is_key_occupation" boolean not null, "effective_from" date not null, "effective_to" date null, "is_demo" boolean not null);`);
    this.addSql(`alter table "directory_entry" add constraint "directory_entry_edition_year_occupation_code_cert_da6da_unique" unique ("edition_year", "occupation_code", "certificate_type", "level", "effective_from");`);

    this.addSql(`create table "online_platform" ("id" int not null, "name" varchar(128) not null, "operator" varchar(128) null, "url" varchar(256) not null, "source" varchar(128) not null, constraint "online_platform_pkey" primary key ("id"));`);

    this.addSql(`create table "programme" ("id" int not null, "key" varchar(32) not null, "group_name" varchar(16) not null, "name" varchar(128) not null, "target2025" varchar(16) not null, "target2021" varchar(16) null, "unit" varchar(32) not null, "lead_units" varchar(256) not null, "source" varchar(128) not null, constraint "programme_pkey" primary key ("id"));`);
    this.addSql(`alter table "programme" add constraint "programme_key_unique" unique ("key");`);

    this.addSql(`create table "region" ("code" varchar(6) not null, "name" varchar(64) not null, "level" text check ("level" in ('PROVINCE', 'PREFECTURE', 'COUNTY')) not null, "parent_code" varchar(6) null, constraint "region_pkey" primary key ("code"));`);
    this.addSql(`create index "region_level_index" on "region" ("level");`);

    this.addSql(`create table "publisher" ("id" serial primary key, "name" varchar(128) not null, "region_code" varchar(6) not null, "is_admin" boolean not null, "created_at" timestamptz not null, "disabled_at" timestamptz null);`);
    this.addSql(`alter table "publisher" add constraint "publisher_name_unique" unique ("name");`);

    this.addSql(`create table "api_key" ("id" serial primary key, "publisher_id" int not null, "key_id" varchar(32) not null, "secret_hash" varchar(256) not null, "label" varchar(128) null, "created_at" timestamptz not null, "revoked_at" timestamptz null, "replaces" varchar(32) null, "last_used_at" timestamptz null);`);
    this.addSql(`alter table "api_key" add constraint "api_key_key_id_unique" unique ("key_id");`);

    this.addSql(`create table "institution" ("id" serial primary key, "name" varchar(128) not null, "type" text check ("type" in ('TECHNICAL_SCHOOL', 'VOCATIONAL_COLLEGE', 'PRIVATE_TRAINING_INSTITUTION', 'ENTERPRISE_TRAINING_CENTRE', 'PUBLIC_TRAINING_BASE', 'HIGH_SKILL_BASE', 'PROVINCIAL_PROJECT_UNIT')) not null, "credit_code" varchar(18) null, "licence_number" varchar(64) null, "region_code" varchar(6) not null, "address" varchar(256) null, "owner_company" varchar(128) null, "blacklisted_from" date null, "blacklisted_until" date null, "blacklist_reason" varchar(512) null, "blacklist_document" varchar(128) null, "blacklist_lifted_on" date null, "blacklist_lift_document" varchar(128) null, "blacklist_lift_reason" varchar(512) null, "licence_revocation_document" varchar(128) null, "licence_revocation_reason" varchar(512) null, "licence_revoked_on" date null, "is_demo" boolean not null, "source" varchar(256) not null);`);
    this.addSql(`create index "institution_name_index" on "institution" ("name");`);
    this.addSql(`create index "institution_type_index" on "institution" ("type");`);
    this.addSql(`alter table "institution" add constraint "institution_credit_code_unique" unique ("credit_code");`);
    this.addSql(`create index "institution_is_demo_index" on "institution" ("is_demo");`);

    this.addSql(`create table "institution_scope" ("institution_id" int not null, "occupation_code" varchar(16) not null, constraint "institution_scope_pkey" primary key ("institution_id", "occupation_code"));`);

    this.addSql(`create table "evaluation_agency" ("id" serial primary key, "name" varchar(128) not null, "type" text check ("type" in ('EMPLOYER', 'SOCIAL_TRAINING_EVALUATOR', 'TECHNICAL_SCHOOL', 'SKILL_APPRAISAL_CENTRE')) not null, "credit_code" varchar(18) null, "region_code" varchar(6) not null, "institution_id" int null, "is_demo" boolean not null, "source" varchar(256) not null);`);
    this.addSql(`create index "evaluation_agency_name_index" on "evaluation_agency" ("name");`);
    this.addSql(`alter table "evaluation_agency" add constraint "evaluation_agency_credit_code_unique" unique ("credit_code");`);

    this.addSql(`create table "agency_scope" ("id" serial primary key, "agency_id" int not null, "occupation_code" varchar(16) not null, "certificate_type" text check ("certificate_type" in ('VOCATIONAL_QUALIFICATION', 'SKILL_LEVEL', 'SPECIAL_ABILITY', 'SPECIAL_OPERATION', 'TRAINING_QUALIFIED')) not null, "level" text check ("level" in ('LEVEL_5', 'LEVEL_4', 'LEVEL_3', 'LEVEL_2', 'LEVEL_1', 'NONE')) not null, "recorded_from" date not null, "recorded_until" date null);`);
    this.addSql(`create index "agency_scope_occupation_code_level_index" on "agency_scope" ("occupation_code", "level");`);

    this.addSql(`create table "agency_fee" ("id" serial primary key, "agency_id" int not null, "level" text check ("level" in ('LEVEL_5', 'LEVEL_4', 'LEVEL_3', 'LEVEL_2', 'LEVEL_1', 'NONE')) not null, "item" varchar(64) not null, "fee_yuan" int not null, "replaced_on" date null);`);

    this.addSql(`create table "course" ("id" serial primary key, "class_number" varchar(32) not null, "title" varchar(160) not null, "institution_id" int not null, "project_unit_id" int null, "directory_entry_id" int null, "occupation_code" varchar(16) not null, "certificate_type" text check ("certificate_type" in ('VOCATIONAL_QUALIFICATION', 'SKILL_LEVEL', 'SPECIAL_ABILITY', 'SPECIAL_OPERATION', 'TRAINING_QUALIFIED')) not null, "level" text check ("level" in ('LEVEL_5', 'LEVEL_4', 'LEVEL_3', 'LEVEL_2', 'LEVEL_1', 'NONE')) not null, "category" text check ("category" in ('SKILLS', 'ENTREPRENEURSHIP')) not null, "county_code" varchar(6) not null, "address" varchar(256) null, "mode" text check ("mode" in ('OFFLINE', 'ONLINE', 'MIXED')) not null, "platform_id" int null, "start_date" date not null, "end_date" date not null, "hours_per_day" double precision not null, "total_hours" int not null, "capacity" int not null, "enrolled" int not null, "fee_yuan" int not null, "subsidy_per_trainee" int not null, "target_groups_text" varchar(256) not null, "programme_id" int not null, "theory_teacher_ref" varchar(32) null, "practical_teacher_ref" varchar(32) null, "textbook" varchar(256) null, "assessing_agency_id" int null, "sole_agency_exemption" boolean not null, "accepts_vouchers" boolean not null, "enrolment" text check ("enrolment" in ('PUBLIC', 'OWN_STAFF')) not null, "cancelled_on" date null, "cancel_reason" varchar(256) null, "is_demo" boolean not null);`);
    this.addSql(`alter table "course" add constraint "course_class_number_unique" unique ("class_number");`);
    this.addSql(`create index "course_is_demo_index" on "course" ("is_demo");`);
    this.addSql(`create index "course_start_date_id_index" on "course" ("start_date", "id");`);

    this.addSql(`create table "agency_draw" ("id" serial primary key, "course_id" int not null, "drawn_on" date not null, "rule" varchar(16) not null, "inputs_json" text not null, "seed" varchar(64) not null, "eligible_count" int not null, "chosen_agency_id" int not null);`);
    this.addSql(`alter table "agency_draw" add constraint "agency_draw_course_id_unique" unique ("course_id");`);

    this.addSql(`create table "annual_target" ("id" serial primary key, "year" int not null, "table" text check ("table" in ('PREFECTURE_PLAN', 'TECHNICAL_SCHOOL', 'PROVINCIAL_PROJECT', 'ENTREPRENEURSHIP')) not null, "seq" int not null, "unit_name" varchar(128) not null, "region_code" varchar(6) null, "institution_id" int null, "metric" varchar(64) not null, "metric_label" varchar(128) not null, "value" varchar(16) not null, "unit" varchar(16) not null, "persons" int not null, "is_total" boolean not null, "source" varchar(128) not null);`);
    this.addSql(`create index "annual_target_year_table_index" on "annual_target" ("year", "table");`);

    this.addSql(`create table "search_outbox" ("id" serial primary key, "index_name" varchar(32) not null, "document_key" varchar(64) not null, "queued_at" timestamptz not null, "attempts" int not null default 0, "last_error" varchar(512) null);`);
    this.addSql(`create index "search_outbox_index_name_document_key_index" on "search_outbox" ("index_name", "document_key");`);

    this.addSql(`create table "subsidy_notice" ("id" serial primary key, "number" varchar(64) not null, "title" varchar(256) not null, "bureau_code" varchar(6) not null, "course_id" int null, "published_on" date not null, "objection_until" date not null, "withdrawn_on" date null, "withdrawn_reason" varchar(512) null, "revision" int not null, "line_count" int not null, "total_amount" int not null, "paid_trainees" int not null, "paid_amount" int not null, "certified_trainees" int not null, "working_days_to_notice" int null, "within_deadline" boolean null, "flag_ids" varchar(512) not null default '', "is_demo" boolean not null);`);
    this.addSql(`alter table "subsidy_notice" add constraint "subsidy_notice_number_unique" unique ("number");`);
    this.addSql(`create index "subsidy_notice_published_on_index" on "subsidy_notice" ("published_on");`);
    this.addSql(`create index "subsidy_notice_objection_until_index" on "subsidy_notice" ("objection_until");`);
    this.addSql(`create index "subsidy_notice_published_on_withdrawn_on_bureau_co_49bc3_index" on "subsidy_notice" ("published_on", "withdrawn_on", "bureau_code", "paid_trainees", "paid_amount", "line_count", "certified_trainees", "working_days_to_notice", "within_deadline", "is_demo", "course_id");`);

    this.addSql(`create table "subsidy_notice_line" ("id" bigserial primary key, "notice_id" int not null, "revision" int not null, "seq" int not null, "masked_name" varchar(32) not null, "masked_id" varchar(18) not null, "occupation_code" varchar(16) not null, "level" text check ("level" in ('LEVEL_5', 'LEVEL_4', 'LEVEL_3', 'LEVEL_2', 'LEVEL_1', 'NONE')) not null, "certificate_number" varchar(64) null, "attendance_rate" double precision not null, "amount" int not null);`);
    this.addSql(`create index "subsidy_notice_line_masked_id_occupation_code_level_index" on "subsidy_notice_line" ("masked_id", "occupation_code", "level");`);
    this.addSql(`create index "subsidy_notice_line_notice_id_revision_seq_index" on "subsidy_notice_line" ("notice_id", "revision", "seq");`);

    this.addSql(`create table "subsidy_notice_revision" ("id" serial primary key, "notice_id" int not null, "revision" int not null, "published_on" date not null, "reason" varchar(512) null, "line_count" int not null, "total_amount" int not null, "sha256" varchar(64) not null, "previous_sha256" varchar(64) null);`);
    this.addSql(`alter table "subsidy_notice_revision" add constraint "subsidy_notice_revision_notice_id_revision_unique" unique ("notice_id", "revision");`);

    this.addSql(`create table "subsidy_objection" ("id" serial primary key, "notice_id" int not null, "line_seq" int null, "received_on" date not null, "summary" varchar(512) not null, "status" text check ("status" in ('RECEIVED', 'UPHELD', 'REJECTED')) not null, "decided_on" date null, "outcome" varchar(512) null);`);

    this.addSql(`alter table "occupation_group" add constraint "occupation_group_parent_code_foreign" foreign key ("parent_code") references "occupation_group" ("code") on update cascade on delete set null;`);

    this.addSql(`alter table "occupation" add constraint "occupation_group_code_foreign" foreign key ("group_code") references "occupation_group" ("code") on update cascade;`);

    this.addSql(`alter table "directory_entry" add constraint "directory_entry_edition_year_foreign" foreign key ("edition_year") references "directory_edition" ("year") on update cascade;`);
    this.addSql(`alter table "directory_entry" add constraint "directory_entry_occupation_code_foreign" foreign key ("occupation_code") references "occupation" ("code") on update cascade;`);

    this.addSql(`alter table "region" add constraint "region_parent_code_foreign" foreign key ("parent_code") references "region" ("code") on update cascade on delete set null;`);

    this.addSql(`alter table "publisher" add constraint "publisher_region_code_foreign" foreign key ("region_code") references "region" ("code") on update cascade;`);

    this.addSql(`alter table "api_key" add constraint "api_key_publisher_id_foreign" foreign key ("publisher_id") references "publisher" ("id") on update cascade;`);

    this.addSql(`alter table "institution" add constraint "institution_region_code_foreign" foreign key ("region_code") references "region" ("code") on update cascade;`);

    this.addSql(`alter table "institution_scope" add constraint "institution_scope_institution_id_foreign" foreign key ("institution_id") references "institution" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "institution_scope" add constraint "institution_scope_occupation_code_foreign" foreign key ("occupation_code") references "occupation" ("code") on update cascade on delete cascade;`);

    this.addSql(`alter table "evaluation_agency" add constraint "evaluation_agency_region_code_foreign" foreign key ("region_code") references "region" ("code") on update cascade;`);
    this.addSql(`alter table "evaluation_agency" add constraint "evaluation_agency_institution_id_foreign" foreign key ("institution_id") references "institution" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "agency_scope" add constraint "agency_scope_agency_id_foreign" foreign key ("agency_id") references "evaluation_agency" ("id") on update cascade;`);
    this.addSql(`alter table "agency_scope" add constraint "agency_scope_occupation_code_foreign" foreign key ("occupation_code") references "occupation" ("code") on update cascade;`);

    this.addSql(`alter table "agency_fee" add constraint "agency_fee_agency_id_foreign" foreign key ("agency_id") references "evaluation_agency" ("id") on update cascade;`);

    this.addSql(`alter table "course" add constraint "course_institution_id_foreign" foreign key ("institution_id") references "institution" ("id") on update cascade;`);
    this.addSql(`alter table "course" add constraint "course_project_unit_id_foreign" foreign key ("project_unit_id") references "institution" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "course" add constraint "course_directory_entry_id_foreign" foreign key ("directory_entry_id") references "directory_entry" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "course" add constraint "course_occupation_code_foreign" foreign key ("occupation_code") references "occupation" ("code") on update cascade;`);
    this.addSql(`alter table "course" add constraint "course_county_code_foreign" foreign key ("county_code") references "region" ("code") on update cascade;`);
    this.addSql(`alter table "course" add constraint "course_platform_id_foreign" foreign key ("platform_id") references "online_platform" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "course" add constraint "course_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade;`);
    this.addSql(`alter table "course" add constraint "course_assessing_agency_id_foreign" foreign key ("assessing_agency_id") references "evaluation_agency" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "agency_draw" add constraint "agency_draw_course_id_foreign" foreign key ("course_id") references "course" ("id") on update cascade;`);
    this.addSql(`alter table "agency_draw" add constraint "agency_draw_chosen_agency_id_foreign" foreign key ("chosen_agency_id") references "evaluation_agency" ("id") on update cascade;`);

    this.addSql(`alter table "annual_target" add constraint "annual_target_region_code_foreign" foreign key ("region_code") references "region" ("code") on update cascade on delete set null;`);
    this.addSql(`alter table "annual_target" add constraint "annual_target_institution_id_foreign" foreign key ("institution_id") references "institution" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "subsidy_notice" add constraint "subsidy_notice_bureau_code_foreign" foreign key ("bureau_code") references "region" ("code") on update cascade;`);
    this.addSql(`alter table "subsidy_notice" add constraint "subsidy_notice_course_id_foreign" foreign key ("course_id") references "course" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "subsidy_notice_line" add constraint "subsidy_notice_line_notice_id_foreign" foreign key ("notice_id") references "subsidy_notice" ("id") on update cascade;`);
    this.addSql(`alter table "subsidy_notice_line" add constraint "subsidy_notice_line_occupation_code_foreign" foreign key ("occupation_code") references "occupation" ("code") on update cascade;`);

    this.addSql(`alter table "subsidy_notice_revision" add constraint "subsidy_notice_revision_notice_id_foreign" foreign key ("notice_id") references "subsidy_notice" ("id") on update cascade;`);

    this.addSql(`alter table "subsidy_objection" add constraint "subsidy_objection_notice_id_foreign" foreign key ("notice_id") references "subsidy_notice" ("id") on update cascade;`);
  }

}
