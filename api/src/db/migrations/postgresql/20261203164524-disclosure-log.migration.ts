import { Migration } from '@mikro-orm/migrations';

export class Migration20261203164524_disclosure_log extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "log_checkpoint" ("size" bigint not null, "root" bytea not null, "note" text not null, "signed_at" timestamptz not null, constraint "log_checkpoint_pkey" primary key ("size"));`);

    this.addSql(`create table "log_entry" ("idx" bigint not null, "kind" varchar(32) not null, "subject" varchar(64) not null, "body" text not null, "leaf_hash" bytea not null, constraint "log_entry_pkey" primary key ("idx"));`);
    this.addSql(`create index "log_entry_subject_index" on "log_entry" ("subject");`);

    this.addSql(`create table "log_hash" ("level" int not null, "idx" bigint not null, "hash" bytea not null, constraint "log_hash_pkey" primary key ("level", "idx"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "log_checkpoint" cascade;`);

    this.addSql(`drop table if exists "log_entry" cascade;`);

    this.addSql(`drop table if exists "log_hash" cascade;`);
  }

}
