import { Migration } from '@mikro-orm/migrations';

export class Migration20261122063739_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_entry\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`publisher_id\` integer null, \`actor\` text not null, \`key_id\` text null, \`action\` text not null, \`entity_type\` text not null, \`entity_key\` text not null, \`region\` text null, \`before_sha256\` text null, \`after_sha256\` text null, \`summary\` text not null);`);
    this.addSql(`create index \`audit_entry_at_index\` on \`audit_entry\` (\`at\`);`);
    this.addSql(`create index \`audit_entry_publisher_id_index\` on \`audit_entry\` (\`publisher_id\`);`);
    this.addSql(`create index \`audit_entry_entity_type_entity_key_index\` on \`audit_entry\` (\`entity_type\`, \`entity_key\`);`);

    this.addSql(`create table \`dataset_meta\` (\`key\` text not null, \`value\` text not null, primary key (\`key\`));`);

    this.addSql(`create table \`directory_edition\` (\`year\` integer not null, \`document_number\` text not null, \`title\` text not null, \`published_on\` date not null, \`is_demo\` integer not null, \`source\` text not null, primary key (\`year\`));`);

    this.addSql(`create table \`occupation_group\` (\`code\` text not null, \`name\` text not null, \`level\` text not null, \`parent_code\` text null, constraint \`occupation_group_parent_code_foreign\` foreign key(\`parent_code\`) references \`occupation_group\`(\`code\`) on delete set null on update cascade, primary key (\`code\`));`);
    this.addSql(`create index \`occupation_group_parent_code_index\` on \`occupation_group\` (\`parent_code\`);`);

    this.addSql(`create table \`occupation\` (\`code\` text not null, \`name\` text not null, \`group_code\` text not null, \`major_group\` text not null, \`has_national_standard\` integer null, \`certificate_types_text\` text not null, \`certification_is_demo\` integer not null, constraint \`occupation_group_code_foreign\` foreign key(\`group_code\`) references \`occupation_group\`(\`code\`) on update cascade, primary key (\`code\`));`);
    this.addSql(`create index \`occupation_name_index\` on \`occupation\` (\`name\`);`);
    this.addSql(`create index \`occupation_group_code_index\` on \`occupation\` (\`group_code\`);`);

    this.addSql(`create table \`directory_entry\` (\`id\` integer not null primary key autoincrement, \`edition_year\` integer not null, \`occupation_code\` text not null, \`certificate_type\` text check (\`certificate_type\` in ('VOCATIONAL_QUALIFICATION', 'SKILL_LEVEL', 'SPECIAL_ABILITY', 'SPECIAL_OPERATION', 'TRAINING_QUALIFIED')) not null, \`level\` text check (\`level\` in ('LEVEL_5', 'LEVEL_4', 'LEVEL_3', 'LEVEL_2', 'LEVEL_1', 'NONE')) not null, \`min_hours\` integer not null, \`subsidy_per_trainee\` integer not null, \`is_key_occupation\` integer not null, \`effective_from\` date not null, \`effective_to\` date null, \`is_demo\` integer not null, constraint \`directory_entry_edition_year_foreign\` foreign key(\`edition_year\`) references \`directory_edition\`(\`year\`) on update cascade, constraint \`directory_entry_occupation_code_foreign\` foreign key(\`occupation_code\`) references \`occupation\`(\`code\`) on update cascade);`);
    this.addSql(`create index \`directory_entry_edition_year_index\` on \`directory_entry\` (\`edition_year\`);`);
    this.addSql(`create index \`directory_entry_occupation_code_index\` on \`directory_entry\` (\`occupation_code\`);`);
    this.addSql(`create unique index \`directory_entry_edition_year_occupation_code_certificate_type_level_effective_from_unique\` on \`directory_entry\` (\`edition_year\`, \`occupation_code\`, \`certificate_type\`, \`level\`, \`effective_from\`);`);

    this.addSql(`create table \`online_platform\` (\`id\` integer not null, \`name\` text not null, \`operator\` text null, \`url\` text not null, \`source\` text not null, primary key (\`id\`));`);

    this.addSql(`create table \`programme\` (\`id\` integer not null, \`key\` text not null, \`group_name\` text not null, \`name\` text not null, \`target2025\` text not null, \`target2021\` text null, \`unit\` text not null, \`lead_units\` text not null, \`source\` text not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`programme_key_unique\` on \`programme\` (\`key\`);`);

    this.addSql(`create table \`region\` (\`code\` text not null, \`name\` text not null, \`level\` text check (\`level\` in ('PROVINCE', 'PREFECTURE', 'COUNTY')) not null, \`parent_code\` text null, constraint \`region_parent_code_foreign\` foreign key(\`parent_code\`) references \`region\`(\`code\`) on delete set null on update cascade, primary key (\`code\`));`);
    this.addSql(`create index \`region_level_index\` on \`region\` (\`level\`);`);
    this.addSql(`create index \`region_parent_code_index\` on \`region\` (\`parent_code\`);`);

    this.addSql(`create table \`publisher\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`region_code\` text not null, \`is_admin\` integer not null, \`created_at\` datetime not null, \`disabled_at\` datetime null, constraint \`publisher_region_code_foreign\` foreign key(\`region_code\`) references \`region\`(\`code\`) on update cascade);`);
    this.addSql(`create unique index \`publisher_name_unique\` on \`publisher\` (\`name\`);`);
    this.addSql(`create index \`publisher_region_code_index\` on \`publisher\` (\`region_code\`);`);

    this.addSql(`create table \`api_key\` (\`id\` integer not null primary key autoincrement, \`publisher_id\` integer not null, \`key_id\` text not null, \`secret_hash\` text not null, \`label\` text null, \`created_at\` datetime not null, \`revoked_at\` datetime null, \`replaces\` text null, \`last_used_at\` datetime null, constraint \`api_key_publisher_id_foreign\` foreign key(\`publisher_id\`) references \`publisher\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`api_key_publisher_id_index\` on \`api_key\` (\`publisher_id\`);`);
    this.addSql(`create unique index \`api_key_key_id_unique\` on \`api_key\` (\`key_id\`);`);

    this.addSql(`create table \`institution\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`type\` text check (\`type\` in ('TECHNICAL_SCHOOL', 'VOCATIONAL_COLLEGE', 'PRIVATE_TRAINING_INSTITUTION', 'ENTERPRISE_TRAINING_CENTRE', 'PUBLIC_TRAINING_BASE', 'HIGH_SKILL_BASE', 'PROVINCIAL_PROJECT_UNIT')) not null, \`credit_code\` text null, \`licence_number\` text null, \`region_code\` text not null, \`address\` text null, \`owner_company\` text null, \`blacklisted_from\` date null, \`blacklisted_until\` date null, \`blacklist_reason\` text null, \`blacklist_document\` text null, \`blacklist_lifted_on\` date null, \`blacklist_lift_document\` text null, \`blacklist_lift_reason\` text null, \`licence_revocation_document\` text null, \`licence_revocation_reason\` text null, \`licence_revoked_on\` date null, \`is_demo\` integer not null, \`source\` text not null, constraint \`institution_region_code_foreign\` foreign key(\`region_code\`) references \`region\`(\`code\`) on update cascade);`);
    this.addSql(`create index \`institution_name_index\` on \`institution\` (\`name\`);`);
    this.addSql(`create index \`institution_type_index\` on \`institution\` (\`type\`);`);
    this.addSql(`create unique index \`institution_credit_code_unique\` on \`institution\` (\`credit_code\`);`);
    this.addSql(`create index \`institution_region_code_index\` on \`institution\` (\`region_code\`);`);
    this.addSql(`create index \`institution_is_demo_index\` on \`institution\` (\`is_demo\`);`);

    this.addSql(`create table \`institution_scope\` (\`institution_id\` integer not null, \`occupation_code\` text not null, constraint \`institution_scope_institution_id_foreign\` foreign key(\`institution_id\`) references \`institution\`(\`id\`) on delete cascade on update cascade, constraint \`institution_scope_occupation_code_foreign\` foreign key(\`occupation_code\`) references \`occupation\`(\`code\`) on delete cascade on update cascade, primary key (\`institution_id\`, \`occupation_code\`));`);
    this.addSql(`create index \`institution_scope_institution_id_index\` on \`institution_scope\` (\`institution_id\`);`);
    this.addSql(`create index \`institution_scope_occupation_code_index\` on \`institution_scope\` (\`occupation_code\`);`);

    this.addSql(`create table \`evaluation_agency\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`type\` text check (\`type\` in ('EMPLOYER', 'SOCIAL_TRAINING_EVALUATOR', 'TECHNICAL_SCHOOL', 'SKILL_APPRAISAL_CENTRE')) not null, \`credit_code\` text null, \`region_code\` text not null, \`institution_id\` integer null, \`is_demo\` integer not null, \`source\` text not null, constraint \`evaluation_agency_region_code_foreign\` foreign key(\`region_code\`) references \`region\`(\`code\`) on update cascade, constraint \`evaluation_agency_institution_id_foreign\` foreign key(\`institution_id\`) references \`institution\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`evaluation_agency_name_index\` on \`evaluation_agency\` (\`name\`);`);
    this.addSql(`create unique index \`evaluation_agency_credit_code_unique\` on \`evaluation_agency\` (\`credit_code\`);`);
    this.addSql(`create index \`evaluation_agency_region_code_index\` on \`evaluation_agency\` (\`region_code\`);`);
    this.addSql(`create index \`evaluation_agency_institution_id_index\` on \`evaluation_agency\` (\`institution_id\`);`);

    this.addSql(`create table \`agency_scope\` (\`id\` integer not null primary key autoincrement, \`agency_id\` integer not null, \`occupation_code\` text not null, \`certificate_type\` text check (\`certificate_type\` in ('VOCATIONAL_QUALIFICATION', 'SKILL_LEVEL', 'SPECIAL_ABILITY', 'SPECIAL_OPERATION', 'TRAINING_QUALIFIED')) not null, \`level\` text check (\`level\` in ('LEVEL_5', 'LEVEL_4', 'LEVEL_3', 'LEVEL_2', 'LEVEL_1', 'NONE')) not null, \`recorded_from\` date not null, \`recorded_until\` date null, constraint \`agency_scope_agency_id_foreign\` foreign key(\`agency_id\`) references \`evaluation_agency\`(\`id\`) on update cascade, constraint \`agency_scope_occupation_code_foreign\` foreign key(\`occupation_code\`) references \`occupation\`(\`code\`) on update cascade);`);
    this.addSql(`create index \`agency_scope_agency_id_index\` on \`agency_scope\` (\`agency_id\`);`);
    this.addSql(`create index \`agency_scope_occupation_code_index\` on \`agency_scope\` (\`occupation_code\`);`);
    this.addSql(`create index \`agency_scope_occupation_code_level_index\` on \`agency_scope\` (\`occupation_code\`, \`level\`);`);

    this.addSql(`create table \`agency_fee\` (\`id\` integer not null primary key autoincrement, \`agency_id\` integer not null, \`level\` text check (\`level\` in ('LEVEL_5', 'LEVEL_4', 'LEVEL_3', 'LEVEL_2', 'LEVEL_1', 'NONE')) not null, \`item\` text not null, \`fee_yuan\` integer not null, \`replaced_on\` date null, constraint \`agency_fee_agency_id_foreign\` foreign key(\`agency_id\`) references \`evaluation_agency\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`agency_fee_agency_id_index\` on \`agency_fee\` (\`agency_id\`);`);

    this.addSql(`create table \`course\` (\`id\` integer not null primary key autoincrement, \`class_number\` text not null, \`title\` text not null, \`institution_id\` integer not null, \`project_unit_id\` integer null, \`directory_entry_id\` integer null, \`occupation_code\` text not null, \`certificate_type\` text check (\`certificate_type\` in ('VOCATIONAL_QUALIFICATION', 'SKILL_LEVEL', 'SPECIAL_ABILITY', 'SPECIAL_OPERATION', 'TRAINING_QUALIFIED')) not null, \`level\` text check (\`level\` in ('LEVEL_5', 'LEVEL_4', 'LEVEL_3', 'LEVEL_2', 'LEVEL_1', 'NONE')) not null, \`category\` text check (\`category\` in ('SKILLS', 'ENTREPRENEURSHIP')) not null, \`county_code\` text not null, \`address\` text null, \`mode\` text check (\`mode\` in ('OFFLINE', 'ONLINE', 'MIXED')) not null, \`platform_id\` integer null, \`start_date\` date not null, \`end_date\` date not null, \`hours_per_day\` double not null, \`total_hours\` integer not null, \`capacity\` integer not null, \`enrolled\` integer not null, \`fee_yuan\` integer not null, \`subsidy_per_trainee\` integer not null, \`target_groups_text\` text not null, \`programme_id\` integer not null, \`theory_teacher_ref\` text null, \`practical_teacher_ref\` text null, \`textbook\` text null, \`assessing_agency_id\` integer null, \`sole_agency_exemption\` integer not null, \`accepts_vouchers\` integer not null, \`enrolment\` text check (\`enrolment\` in ('PUBLIC', 'OWN_STAFF')) not null, \`cancelled_on\` date null, \`cancel_reason\` text null, \`is_demo\` integer not null, constraint \`course_institution_id_foreign\` foreign key(\`institution_id\`) references \`institution\`(\`id\`) on update cascade, constraint \`course_project_unit_id_foreign\` foreign key(\`project_unit_id\`) references \`institution\`(\`id\`) on delete set null on update cascade, constraint \`course_directory_entry_id_foreign\` foreign key(\`directory_entry_id\`) references \`directory_entry\`(\`id\`) on delete set null on update cascade, constraint \`course_occupation_code_foreign\` foreign key(\`occupation_code\`) references \`occupation\`(\`code\`) on update cascade, constraint \`course_county_code_foreign\` foreign key(\`county_code\`) references \`region\`(\`code\`) on update cascade, constraint \`course_platform_id_foreign\` foreign key(\`platform_id\`) references \`online_platform\`(\`id\`) on delete set null on update cascade, constraint \`course_programme_id_foreign\` foreign key(\`programme_id\`) references \`programme\`(\`id\`) on update cascade, constraint \`course_assessing_agency_id_foreign\` foreign key(\`assessing_agency_id\`) references \`evaluation_agency\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create unique index \`course_class_number_unique\` on \`course\` (\`class_number\`);`);
    this.addSql(`create index \`course_institution_id_index\` on \`course\` (\`institution_id\`);`);
    this.addSql(`create index \`course_project_unit_id_index\` on \`course\` (\`project_unit_id\`);`);
    this.addSql(`create index \`course_directory_entry_id_index\` on \`course\` (\`directory_entry_id\`);`);
    this.addSql(`create index \`course_occupation_code_index\` on \`course\` (\`occupation_code\`);`);
    this.addSql(`create index \`course_county_code_index\` on \`course\` (\`county_code\`);`);
    this.addSql(`create index \`course_platform_id_index\` on \`course\` (\`platform_id\`);`);
    this.addSql(`create index \`course_programme_id_index\` on \`course\` (\`programme_id\`);`);
    this.addSql(`create index \`course_assessing_agency_id_index\` on \`course\` (\`assessing_agency_id\`);`);
    this.addSql(`create index \`course_is_demo_index\` on \`course\` (\`is_demo\`);`);
    this.addSql(`create index \`course_start_date_id_index\` on \`course\` (\`start_date\`, \`id\`);`);

    this.addSql(`create table \`agency_draw\` (\`id\` integer not null primary key autoincrement, \`course_id\` integer not null, \`drawn_on\` date not null, \`rule\` text not null, \`inputs_json\` text not null, \`seed\` text not null, \`eligible_count\` integer not null, \`chosen_agency_id\` integer not null, constraint \`agency_draw_course_id_foreign\` foreign key(\`course_id\`) references \`course\`(\`id\`) on update cascade, constraint \`agency_draw_chosen_agency_id_foreign\` foreign key(\`chosen_agency_id\`) references \`evaluation_agency\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`agency_draw_course_id_index\` on \`agency_draw\` (\`course_id\`);`);
    this.addSql(`create unique index \`agency_draw_course_id_unique\` on \`agency_draw\` (\`course_id\`);`);
    this.addSql(`create index \`agency_draw_chosen_agency_id_index\` on \`agency_draw\` (\`chosen_agency_id\`);`);

    this.addSql(`create table \`annual_target\` (\`id\` integer not null primary key autoincrement, \`year\` integer not null, \`table\` text check (\`table\` in ('PREFECTURE_PLAN', 'TECHNICAL_SCHOOL', 'PROVINCIAL_PROJECT', 'ENTREPRENEURSHIP')) not null, \`seq\` integer not null, \`unit_name\` text not null, \`region_code\` text null, \`institution_id\` integer null, \`metric\` text not null, \`metric_label\` text not null, \`value\` text not null, \`unit\` text not null, \`persons\` integer not null, \`is_total\` integer not null, \`source\` text not null, constraint \`annual_target_region_code_foreign\` foreign key(\`region_code\`) references \`region\`(\`code\`) on delete set null on update cascade, constraint \`annual_target_institution_id_foreign\` foreign key(\`institution_id\`) references \`institution\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`annual_target_region_code_index\` on \`annual_target\` (\`region_code\`);`);
    this.addSql(`create index \`annual_target_institution_id_index\` on \`annual_target\` (\`institution_id\`);`);
    this.addSql(`create index \`annual_target_year_table_index\` on \`annual_target\` (\`year\`, \`table\`);`);

    this.addSql(`create table \`search_outbox\` (\`id\` integer not null primary key autoincrement, \`index_name\` text not null, \`document_key\` text not null, \`queued_at\` datetime not null, \`attempts\` integer not null default 0, \`last_error\` text null);`);
    this.addSql(`create index \`search_outbox_index_name_document_key_index\` on \`search_outbox\` (\`index_name\`, \`document_key\`);`);

    this.addSql(`create table \`subsidy_notice\` (\`id\` integer not null primary key autoincrement, \`number\` text not null, \`title\` text not null, \`bureau_code\` text not null, \`course_id\` integer null, \`published_on\` date not null, \`objection_until\` date not null, \`withdrawn_on\` date null, \`withdrawn_reason\` text null, \`revision\` integer not null, \`line_count\` integer not null, \`total_amount\` integer not null, \`paid_trainees\` integer not null, \`paid_amount\` integer not null, \`certified_trainees\` integer not null, \`working_days_to_notice\` integer null, \`within_deadline\` integer null, \`flag_ids\` text not null default '', \`is_demo\` integer not null, constraint \`subsidy_notice_bureau_code_foreign\` foreign key(\`bureau_code\`) references \`region\`(\`code\`) on update cascade, constraint \`subsidy_notice_course_id_foreign\` foreign key(\`course_id\`) references \`course\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create unique index \`subsidy_notice_number_unique\` on \`subsidy_notice\` (\`number\`);`);
    this.addSql(`create index \`subsidy_notice_bureau_code_index\` on \`subsidy_notice\` (\`bureau_code\`);`);
    this.addSql(`create index \`subsidy_notice_course_id_index\` on \`subsidy_notice\` (\`course_id\`);`);
    this.addSql(`create index \`subsidy_notice_published_on_index\` on \`subsidy_notice\` (\`published_on\`);`);
    this.addSql(`create index \`subsidy_notice_objection_until_index\` on \`subsidy_notice\` (\`objection_until\`);`);
    this.addSql(`create index \`subsidy_notice_published_on_withdrawn_on_bureau_code_paid_trainees_paid_amount_line_count_certified_trainees_working_days_to_notice_within_deadline_is_demo_course_id_index\` on \`subsidy_notice\` (\`published_on\`, \`withdrawn_on\`, \`bureau_code\`, \`paid_trainees\`, \`paid_amount\`, \`line_count\`, \`certified_trainees\`, \`working_days_to_notice\`, \`within_deadline\`, \`is_demo\`, \`course_id\`);`);

    this.addSql(`create table \`subsidy_notice_line\` (\`id\` integer not null primary key autoincrement, \`notice_id\` integer not null, \`revision\` integer not null, \`seq\` integer not null, \`masked_name\` text not null, \`masked_id\` text not null, \`occupation_code\` text not null, \`level\` text check (\`level\` in ('LEVEL_5', 'LEVEL_4', 'LEVEL_3', 'LEVEL_2', 'LEVEL_1', 'NONE')) not null, \`certificate_number\` text null, \`attendance_rate\` double not null, \`amount\` integer not null, constraint \`subsidy_notice_line_notice_id_foreign\` foreign key(\`notice_id\`) references \`subsidy_notice\`(\`id\`) on update cascade, constraint \`subsidy_notice_line_occupation_code_foreign\` foreign key(\`occupation_code\`) references \`occupation\`(\`code\`) on update cascade);`);
    this.addSql(`create index \`subsidy_notice_line_notice_id_index\` on \`subsidy_notice_line\` (\`notice_id\`);`);
    this.addSql(`create index \`subsidy_notice_line_occupation_code_index\` on \`subsidy_notice_line\` (\`occupation_code\`);`);
    this.addSql(`create index \`subsidy_notice_line_masked_id_occupation_code_level_index\` on \`subsidy_notice_line\` (\`masked_id\`, \`occupation_code\`, \`level\`);`);
    this.addSql(`create index \`subsidy_notice_line_notice_id_revision_seq_index\` on \`subsidy_notice_line\` (\`notice_id\`, \`revision\`, \`seq\`);`);

    this.addSql(`create table \`subsidy_notice_revision\` (\`id\` integer not null primary key autoincrement, \`notice_id\` integer not null, \`revision\` integer not null, \`published_on\` date not null, \`reason\` text null, \`line_count\` integer not null, \`total_amount\` integer not null, \`sha256\` text not null, \`previous_sha256\` text null, constraint \`subsidy_notice_revision_notice_id_foreign\` foreign key(\`notice_id\`) references \`subsidy_notice\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`subsidy_notice_revision_notice_id_index\` on \`subsidy_notice_revision\` (\`notice_id\`);`);
    this.addSql(`create unique index \`subsidy_notice_revision_notice_id_revision_unique\` on \`subsidy_notice_revision\` (\`notice_id\`, \`revision\`);`);

    this.addSql(`create table \`subsidy_objection\` (\`id\` integer not null primary key autoincrement, \`notice_id\` integer not null, \`line_seq\` integer null, \`received_on\` date not null, \`summary\` text not null, \`status\` text check (\`status\` in ('RECEIVED', 'UPHELD', 'REJECTED')) not null, \`decided_on\` date null, \`outcome\` text null, constraint \`subsidy_objection_notice_id_foreign\` foreign key(\`notice_id\`) references \`subsidy_notice\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`subsidy_objection_notice_id_index\` on \`subsidy_objection\` (\`notice_id\`);`);
  }

}
