import { Entity, PrimaryKeyProp, Enum, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { CertificateType, SkillLevel } from '../common/enums';
import { Occupation } from '../occupations/occupation.entity';

/** One year's subsidised occupation directory (年度培训补贴工种目录). */
@Entity({ tableName: 'directory_edition' })
export class DirectoryEdition {
  [PrimaryKeyProp]?: 'year';

  @PrimaryKey({ type: 'integer', autoincrement: false })
  year!: number;

  /** Issuing document number as printed. */
  @Property({ type: 'string', length: 128 })
  documentNumber!: string;

  @Property({ type: 'string', length: 256 })
  title!: string;

  @Property({ type: 'date' })
  publishedOn!: string;

  @Property({ type: 'boolean' })
  isDemo!: boolean;

  @Property({ type: 'string', length: 256 })
  source!: string;
}

/** An occupation × certificate type × level admitted to a directory edition. */
@Entity({ tableName: 'directory_entry' })
@Unique({ properties: ['edition', 'occupation', 'certificateType', 'level', 'effectiveFrom'] })
export class DirectoryEntry {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => DirectoryEdition, { ref: true })
  edition!: Ref<DirectoryEdition>;

  @ManyToOne(() => Occupation, { ref: true })
  occupation!: Ref<Occupation>;

  @Enum({ items: () => CertificateType })
  certificateType!: CertificateType;

  @Enum({ items: () => SkillLevel })
  level!: SkillLevel;

  /** Minimum class hours (课时). */
  @Property({ type: 'integer' })
  minHours!: number;

  /** Subsidy standard per trainee, whole 元. */
  @Property({ type: 'integer' })
  subsidyPerTrainee!: number;

  /** In the province's key occupation guidance (重点培训职业(工种)指引). */
  @Property({ type: 'boolean' })
  isKeyOccupation!: boolean;

  /** First day in force; later than the edition's start for mid-year additions (动态增补). */
  @Property({ type: 'date' })
  effectiveFrom!: string;

  /** Last day in force, inclusive; null while in force. */
  @Property({ type: 'date', nullable: true })
  effectiveTo?: string | null;

  @Property({ type: 'boolean' })
  isDemo!: boolean;
}
