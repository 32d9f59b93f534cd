import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One of the seven recommended online training platforms (云人社通〔2022〕8号 附件3). */
@Entity({ tableName: 'online_platform' })
export class OnlinePlatform {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Property({ type: 'string', length: 128 })
  name!: string;

  @Property({ type: 'string', length: 128, nullable: true })
  operator?: string | null;

  @Property({ type: 'string', length: 256 })
  url!: string;

  @Property({ type: 'string', length: 128 })
  source!: string;
}
