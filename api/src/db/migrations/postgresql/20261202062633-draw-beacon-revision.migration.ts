import { Migration } from '@mikro-orm/migrations';

export class Migration20261202062633_draw_beacon_revision extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "agency_draw" add column "beacon_revision_id" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "agency_draw" drop column "beacon_revision_id";`);
  }

}
