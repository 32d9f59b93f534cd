import { Migration } from '@mikro-orm/migrations';
import { rebuildSubtrees } from '../../log-store';

// Written by hand: log_hash kept the tile levels' hashes by tile level; it now keeps every
// complete subtree by its height (so a proof is one query), made again from the leaf hashes.
export class Migration20261203210500_log_subtree_hashes extends Migration {

  override async up(): Promise<void> {
    // Made anew rather than renamed: SQLite would keep the renamed column's quoting in the
    // table's definition, which then differs from the one the entities make.
    await this.execute('drop table `log_hash`;');
    await this.execute(
      'create table `log_hash` (`height` integer not null, `idx` bigint not null, `hash` blob not null, primary key (`height`, `idx`));',
    );
    await rebuildSubtrees((sql, params) => this.execute(sql, params));
  }

}
