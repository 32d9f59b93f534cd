import { Migration } from '@mikro-orm/migrations';

export class Migration20261202175950_foreign_key_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "agency_scope_agency_id_index" on "agency_scope" ("agency_id");`);

    this.addSql(`create index "agency_fee_agency_id_index" on "agency_fee" ("agency_id");`);

    this.addSql(`create index "annual_target_institution_id_index" on "annual_target" ("institution_id");`);

    this.addSql(`create index "subsidy_notice_course_id_index" on "subsidy_notice" ("course_id");`);

    this.addSql(`create index "subsidy_objection_notice_id_index" on "subsidy_objection" ("notice_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "agency_fee_agency_id_index";`);

    this.addSql(`drop index "agency_scope_agency_id_index";`);

    this.addSql(`drop index "annual_target_institution_id_index";`);

    this.addSql(`drop index "subsidy_notice_course_id_index";`);

    this.addSql(`drop index "subsidy_objection_notice_id_index";`);
  }

}
