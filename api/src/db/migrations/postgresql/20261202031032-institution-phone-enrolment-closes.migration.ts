import { Migration } from '@mikro-orm/migrations';

export class Migration20261202031032_institution_phone_enrolment_closes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "institution" add column "phone" varchar(32) null;`);

    this.addSql(`alter table "course" add column "enrolment_closes" date null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "course" drop column "enrolment_closes";`);

    this.addSql(`alter table "institution" drop column "phone";`);
  }

}
