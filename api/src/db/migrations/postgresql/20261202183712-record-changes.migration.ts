import { Migration } from '@mikro-orm/migrations';

export class Migration20261202183712_record_changes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "record_change" ("id" serial primary key, "txid" bigint not null, "at" timestamptz not null, "record_type" varchar(32) not null, "record_key" varchar(64) not null);`);
    this.addSql(`create index "record_change_txid_id_index" on "record_change" ("txid", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "record_change" cascade;`);
  }

}
