import { Migration } from '@mikro-orm/migrations';

export class Migration20261203170016_log_cosignatures extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "log_cosignature" ("size" bigint not null, "witness_key" varchar(200) not null, "line" text not null, "cosigned_at" bigint not null, constraint "log_cosignature_pkey" primary key ("size", "witness_key"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "log_cosignature" cascade;`);
  }

}
