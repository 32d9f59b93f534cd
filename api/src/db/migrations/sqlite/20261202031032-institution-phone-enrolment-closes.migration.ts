import { Migration } from '@mikro-orm/migrations';

// Trimmed by hand to the two new columns: the generator also rebuilt eight unchanged tables
// (its SQLite differ cannot compare foreign keys), which would copy every row for nothing.
// The entities declare both columns last, where SQLite's ADD COLUMN puts them.
export class Migration20261202031032_institution_phone_enrolment_closes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`institution\` add column \`phone\` text null;`);
    this.addSql(`alter table \`course\` add column \`enrolment_closes\` date null;`);
  }

}
