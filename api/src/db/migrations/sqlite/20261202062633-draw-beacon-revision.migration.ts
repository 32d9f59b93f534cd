import { Migration } from '@mikro-orm/migrations';

// Trimmed by hand to the new column: the generator also rebuilt nine unchanged tables (its
// SQLite differ cannot compare foreign keys), which would copy every row for nothing. The entity
// declares the column last, where SQLite's ADD COLUMN puts it. Draws recorded before this
// migration keep null: they are draw-v1, whose beacon was fixed by printed date.
export class Migration20261202062633_draw_beacon_revision extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`agency_draw\` add column \`beacon_revision_id\` integer null;`);
  }

}
