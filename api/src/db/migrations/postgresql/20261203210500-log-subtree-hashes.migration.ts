import { Migration } from '@mikro-orm/migrations';
import { rebuildSubtrees } from '../../log-store';

// Written by hand: log_hash kept the tile levels' hashes by tile level; it now keeps every
// complete subtree by its height (so a proof is one query), made again from the leaf hashes.
export class Migration20261203210500_log_subtree_hashes extends Migration {

  override async up(): Promise<void> {
    await this.execute(`alter table "log_hash" rename column "level" to "height";`);
    await rebuildSubtrees((sql, params) => this.execute(sql, params));
  }

}
