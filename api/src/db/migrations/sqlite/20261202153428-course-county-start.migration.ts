import { Migration } from '@mikro-orm/migrations';

// Trimmed by hand to the new index: the generator also rebuilt nine unchanged tables (its
// SQLite differ cannot compare foreign keys), which would copy every row for nothing.
export class Migration20261202153428_course_county_start extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index \`course_county_code_start_date_id_index\` on \`course\` (\`county_code\`, \`start_date\`, \`id\`);`);
  }

}
