import { Entity, PrimaryKeyProp, PrimaryKey, Property } from '@mikro-orm/core';

/** Key–value facts about the dataset itself (what was loaded, when, at which scale and seed). */
@Entity({ tableName: 'dataset_meta' })
export class DatasetMeta {
  [PrimaryKeyProp]?: 'key';

  @PrimaryKey({ type: 'string', length: 64 })
  key!: string;

  @Property({ type: 'text' })
  value!: string;
}
