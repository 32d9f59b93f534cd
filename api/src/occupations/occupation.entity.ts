import { Entity, PrimaryKeyProp, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { CertificateType } from '../common/enums';

/** A major (大类), middle (中类) or minor (小类) group of the 2022 classification. */
@Entity({ tableName: 'occupation_group' })
export class OccupationGroup {
  [PrimaryKeyProp]?: 'code';

  /** e.g. `4`, `4-10`, `4-10-01`. */
  @PrimaryKey({ type: 'string', length: 16 })
  code!: string;

  @Property({ type: 'string', length: 128 })
  name!: string;

  /** `major`, `middle` or `minor`. */
  @Property({ type: 'string', length: 8 })
  level!: 'major' | 'middle' | 'minor';

  @ManyToOne(() => OccupationGroup, { ref: true, nullable: true })
  parent?: Ref<OccupationGroup> | null;
}

/** One of the 1,639 detailed occupations of 《中华人民共和国职业分类大典（2022年版）》. */
@Entity({ tableName: 'occupation' })
export class Occupation {
  [PrimaryKeyProp]?: 'code';

  /** e.g. `4-10-01-05`. */
  @PrimaryKey({ type: 'string', length: 16 })
  code!: string;

  @Property({ type: 'string', length: 128 })
  @Index()
  name!: string;

  /** The minor group (小类), e.g. `4-10-01`. */
  @ManyToOne(() => OccupationGroup, { ref: true })
  group!: Ref<OccupationGroup>;

  /** Major group code (1–8). */
  @Property({ type: 'string', length: 2 })
  majorGroup!: string;

  /** Whether a national occupational standard exists; null while not known (no official list was loaded). */
  @Property({ type: 'boolean', nullable: true })
  hasNationalStandard?: boolean | null;

  /** Certificate types the occupation can lead to, `|`-separated (portable, no array columns). */
  @Property({ type: 'string', length: 160 })
  certificateTypesText!: string;

  /** True while the certification facts above are generated demo values, not an official list. */
  @Property({ type: 'boolean' })
  certificationIsDemo!: boolean;
}

/** The certificate types of `certificateTypesText`. @example certificateTypesOf('SKILL_LEVEL|SPECIAL_ABILITY') */
export function certificateTypesOf(text: string): CertificateType[] {
  return text ? (text.split('|') as CertificateType[]) : [];
}
