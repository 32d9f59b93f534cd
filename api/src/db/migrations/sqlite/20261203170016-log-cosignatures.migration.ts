import { Migration } from '@mikro-orm/migrations';

// Trimmed by hand to the new table: the generator also rebuilt the other tables (its SQLite
// differ cannot compare foreign keys), which would copy every row for nothing.
export class Migration20261203170016_log_cosignatures extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`log_cosignature\` (\`size\` bigint not null, \`witness_key\` text not null, \`line\` text not null, \`cosigned_at\` bigint not null, primary key (\`size\`, \`witness_key\`));`);
  }

}
