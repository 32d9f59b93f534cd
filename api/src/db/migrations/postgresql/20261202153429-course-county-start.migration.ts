import { Migration } from '@mikro-orm/migrations';

export class Migration20261202153429_course_county_start extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "course_county_code_start_date_id_index" on "course" ("county_code", "start_date", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "course_county_code_start_date_id_index";`);
  }

}
