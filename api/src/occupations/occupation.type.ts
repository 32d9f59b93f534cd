import { Field, ObjectType } from 'type-graphql';
import { CertificateType } from '../common/enums';
import { Node, toGlobalId } from '../graphql/node';
import type { Row } from '../db/rows';
import { certificateTypesOf, type Occupation, type OccupationGroup } from './occupation.entity';

@ObjectType('OccupationGroup', {
  description: 'A major (大类), middle (中类) or minor (小类) group of the 2022 national occupational classification.',
})
export class OccupationGroupObject {
  @Field({ description: 'Group code, e.g. `4`, `4-10` or `4-10-01`.' })
  code!: string;

  @Field({ description: 'Group name as published.' })
  name!: string;

  @Field({ description: '`major`, `middle` or `minor`.' })
  level!: string;

  /** Hidden: for the parent resolver. */
  parentCode!: string | null;

  static from(g: Row<OccupationGroup>): OccupationGroupObject {
    return Object.assign(new OccupationGroupObject(), {
      code: g.code,
      name: g.name,
      level: g.level,
      parentCode: g.parent ?? null,
    });
  }
}

@ObjectType('Occupation', {
  implements: Node,
  description: 'A detailed occupation (职业) of 《中华人民共和国职业分类大典（2022年版）》.',
})
export class OccupationObject extends Node {
  @Field({ description: 'Classification code, e.g. `4-10-01-05`: the stable natural key.' })
  code!: string;

  @Field({ description: 'Occupation name as published, e.g. `养老护理员`.' })
  name!: string;

  @Field({ description: 'Major group code (1–8).' })
  majorGroup!: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether a national occupational standard exists (a condition of directory admission, 云人社通〔2022〕50号 (四)); null when not known. See `certificationIsDemo`.',
  })
  hasNationalStandard!: boolean | null;

  @Field(() => [CertificateType], {
    description: 'Certificate types training in this occupation can lead to. See `certificationIsDemo`.',
  })
  certificateTypes!: CertificateType[];

  @Field({
    description:
      'True while `hasNationalStandard` and `certificateTypes` are generated demo values: no official machine-readable list was available.',
  })
  certificationIsDemo!: boolean;

  /** Hidden: the row, for relation resolvers. */
  row!: Row<Occupation>;

  static from(o: Row<Occupation>): OccupationObject {
    return Object.assign(new OccupationObject(), {
      id: toGlobalId('Occupation', o.code),
      code: o.code,
      name: o.name,
      majorGroup: o.majorGroup,
      hasNationalStandard: o.hasNationalStandard ?? null,
      certificateTypes: certificateTypesOf(o.certificateTypesText),
      certificationIsDemo: o.certificationIsDemo,
      row: o,
    });
  }
}
