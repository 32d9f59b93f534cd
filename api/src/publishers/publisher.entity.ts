import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Region } from '../regions/region.entity';

/**
 * A bureau that publishes (人社局 of the province, a 州市 or a county), or one of the province's
 * administrators. "谁审批、谁负责、谁监管" (50号 (十八)): a publisher writes only within its region.
 */
@Entity({ tableName: 'publisher' })
export class Publisher {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** The bureau's name as it signs its notices, e.g. 昆明市五华区人力资源和社会保障局. */
  @Property({ type: 'string', length: 128 })
  @Unique()
  name!: string;

  /** The region it answers for: 530000 (province), a 州市 or a county. */
  @ManyToOne(() => Region, { ref: true })
  region!: Ref<Region>;

  /** A provincial administrator: may also read the audit trail and manage records anywhere. */
  @Property({ type: 'boolean' })
  isAdmin!: boolean;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /** Set when the account is closed; its keys stop working. */
  @Property({ type: 'datetime', nullable: true })
  disabledAt?: Date | null;
}

/**
 * An API key of a publisher. The secret is never stored: only its SHA-256 (api-keys.ts);
 * the key's public id (the part before the secret) finds the row.
 */
@Entity({ tableName: 'api_key' })
export class ApiKey {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Publisher, { ref: true })
  publisher!: Ref<Publisher>;

  /** Public id, e.g. `k7q2m9x4ab3c`: shown in lists and the audit trail, useless without the secret. */
  @Property({ type: 'string', length: 32 })
  @Unique()
  keyId!: string;

  /** `sha256$<digest>`, or for a key not used since SHA-256 came in `scrypt$N$r$p$salt$hash` (base64url parts). */
  @Property({ type: 'string', length: 256 })
  secretHash!: string;

  /** What the key is for, e.g. 公示系统对接. */
  @Property({ type: 'string', length: 128, nullable: true })
  label?: string | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  /** The key this one replaced (rotation), if any. */
  @Property({ type: 'string', length: 32, nullable: true })
  replaces?: string | null;

  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: (Date | null) & Opt;
}
