import { Migration } from '@mikro-orm/migrations';

// Trimmed by hand to the new table: the generator also rebuilt the other tables (its SQLite
// differ cannot compare foreign keys), which would copy every row for nothing.
export class Migration20261202183711_record_changes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`record_change\` (\`id\` integer not null primary key autoincrement, \`txid\` bigint not null, \`at\` datetime not null, \`record_type\` text not null, \`record_key\` text not null);`);
    this.addSql(`create index \`record_change_txid_id_index\` on \`record_change\` (\`txid\`, \`id\`);`);
  }

}
