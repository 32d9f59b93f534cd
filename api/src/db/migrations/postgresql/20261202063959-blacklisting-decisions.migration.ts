import { Migration } from '@mikro-orm/migrations';

export class Migration20261202063959_blacklisting_decisions extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "blacklisting" ("id" serial primary key, "institution_id" int not null, "blacklisted_from" date not null, "blacklisted_until" date not null, "reason" varchar(512) null, "document" varchar(128) null, "lifted_on" date null, "lift_document" varchar(128) null, "lift_reason" varchar(512) null, "recorded_at" timestamptz not null);`);
    this.addSql(`create index "blacklisting_institution_id_blacklisted_from_index" on "blacklisting" ("institution_id", "blacklisted_from");`);

    this.addSql(`alter table "blacklisting" add constraint "blacklisting_institution_id_foreign" foreign key ("institution_id") references "institution" ("id") on update cascade;`);

    // Every blacklisting the institutions carried until now becomes a decision on record (recorded
    // when this runs; its end is the recorded one, else three years from its first day, 8号 四(三)).
    this.addSql(`insert into "blacklisting" ("institution_id", "blacklisted_from", "blacklisted_until", "reason", "document", "lifted_on", "lift_document", "lift_reason", "recorded_at") select "id", "blacklisted_from", coalesce("blacklisted_until", ("blacklisted_from" + interval '3 years')::date), "blacklist_reason", "blacklist_document", "blacklist_lifted_on", "blacklist_lift_document", "blacklist_lift_reason", now() from "institution" where "blacklisted_from" is not null order by "id";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "blacklisting" cascade;`);
  }

}
