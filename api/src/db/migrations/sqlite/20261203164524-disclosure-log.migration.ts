import { Migration } from '@mikro-orm/migrations';

// Trimmed by hand to the new tables: the generator also rebuilt the other tables (its SQLite
// differ cannot compare foreign keys), which would copy every row for nothing.
export class Migration20261203164524_disclosure_log extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`log_checkpoint\` (\`size\` bigint not null, \`root\` blob not null, \`note\` text not null, \`signed_at\` datetime not null, primary key (\`size\`));`);
    this.addSql(`create table \`log_entry\` (\`idx\` bigint not null, \`kind\` text not null, \`subject\` text not null, \`body\` text not null, \`leaf_hash\` blob not null, primary key (\`idx\`));`);
    this.addSql(`create index \`log_entry_subject_index\` on \`log_entry\` (\`subject\`);`);
    this.addSql(`create table \`log_hash\` (\`level\` integer not null, \`idx\` bigint not null, \`hash\` blob not null, primary key (\`level\`, \`idx\`));`);
  }

}
