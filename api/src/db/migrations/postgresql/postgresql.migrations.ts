// Written by `npm run migrations -- create`: every postgresql migration, oldest first. Do not edit by hand.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122063740_initial } from './20261122063740-initial.migration';

/** The postgresql migrations, oldest first. */
export const POSTGRESQL_MIGRATIONS: MigrationObject[] = [
  { name: '20261122063740-initial', class: Migration20261122063740_initial },
];
