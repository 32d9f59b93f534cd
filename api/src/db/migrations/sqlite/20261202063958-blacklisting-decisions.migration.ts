import { Migration } from '@mikro-orm/migrations';

// Trimmed by hand to the new table: the generator also rebuilt the unchanged tables (its SQLite
// differ cannot compare foreign keys), which would copy every row for nothing. Every blacklisting
// the institutions carried until now becomes a decision on record (recorded when this runs; its
// end is the recorded one, else three years from its first day, 8号 四(三)).
export class Migration20261202063958_blacklisting_decisions extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`blacklisting\` (\`id\` integer not null primary key autoincrement, \`institution_id\` integer not null, \`blacklisted_from\` date not null, \`blacklisted_until\` date not null, \`reason\` text null, \`document\` text null, \`lifted_on\` date null, \`lift_document\` text null, \`lift_reason\` text null, \`recorded_at\` datetime not null, constraint \`blacklisting_institution_id_foreign\` foreign key(\`institution_id\`) references \`institution\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`blacklisting_institution_id_index\` on \`blacklisting\` (\`institution_id\`);`);
    this.addSql(`create index \`blacklisting_institution_id_blacklisted_from_index\` on \`blacklisting\` (\`institution_id\`, \`blacklisted_from\`);`);
    this.addSql(`insert into \`blacklisting\` (\`institution_id\`, \`blacklisted_from\`, \`blacklisted_until\`, \`reason\`, \`document\`, \`lifted_on\`, \`lift_document\`, \`lift_reason\`, \`recorded_at\`) select \`id\`, \`blacklisted_from\`, coalesce(\`blacklisted_until\`, date(\`blacklisted_from\`, '+3 years')), \`blacklist_reason\`, \`blacklist_document\`, \`blacklist_lifted_on\`, \`blacklist_lift_document\`, \`blacklist_lift_reason\`, cast(strftime('%s', 'now') as integer) * 1000 from \`institution\` where \`blacklisted_from\` is not null order by \`id\`;`);
  }

}
