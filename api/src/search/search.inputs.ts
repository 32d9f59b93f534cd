import { Field, InputType, registerEnumType } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { CertificateType, CourseMode, InstitutionType, SkillLevel, TargetGroup } from '../common/enums';

/** The searchable indexes. */
export enum SearchIndex {
  COURSES = 'courses',
  OCCUPATIONS = 'occupations',
  INSTITUTIONS = 'institutions',
  AGENCIES = 'agencies',
  NOTICES = 'notices',
}
registerEnumType(SearchIndex, {
  name: 'SearchIndex',
  description: 'What to search.',
  valuesConfig: {
    COURSES: { description: 'Training classes' },
    OCCUPATIONS: { description: 'The 2022 classification' },
    INSTITUTIONS: { description: 'Training institutions and project units' },
    AGENCIES: { description: 'Evaluation agencies' },
    NOTICES: { description: 'Subsidy notices (headers only: trainee lines are never indexed)' },
  },
});

/** Facets a search can count. */
export enum SearchFacet {
  PREFECTURE = 'prefectureCode',
  COUNTY = 'countyCode',
  OCCUPATION = 'occupationCode',
  LEVEL = 'level',
  CERTIFICATE_TYPE = 'certificateType',
  MODE = 'mode',
  START_MONTH = 'startMonth',
  PROGRAMME = 'programme',
  TARGET_GROUP = 'targetGroups',
  SUBSIDISED = 'subsidised',
  INSTITUTION_TYPE = 'institutionType',
}
registerEnumType(SearchFacet, {
  name: 'SearchFacet',
  description: 'A facet to count over the hits (courses only).',
  valuesConfig: {
    PREFECTURE: { description: '州市 code' },
    COUNTY: { description: 'County code' },
    OCCUPATION: { description: 'Occupation code' },
    LEVEL: { description: 'Skill level' },
    CERTIFICATE_TYPE: { description: 'Certificate type' },
    MODE: { description: 'Offline, online or mixed' },
    START_MONTH: { description: 'Start month, YYYY-MM' },
    PROGRAMME: { description: 'Programme key' },
    TARGET_GROUP: { description: 'Target group' },
    SUBSIDISED: { description: 'Subsidised or not (`true`/`false`)' },
    INSTITUTION_TYPE: { description: 'Kind of institution' },
  },
});

@InputType({
  description:
    'Narrows a search; the same conditions as the list filters. A condition the chosen index lacks is an error.',
})
export class SearchFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Region code; a 州市 includes its counties (courses, institutions, agencies, notices).',
  })
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'Occupation code (courses, agencies).' })
  occupation?: string | null;

  @Field(() => SkillLevel, { nullable: true, description: 'Skill level (courses, agencies).' })
  level?: SkillLevel | null;

  @Field(() => CertificateType, { nullable: true, description: 'Certificate type (courses, occupations).' })
  certificateType?: CertificateType | null;

  @Field(() => CourseMode, { nullable: true, description: 'Mode (courses).' })
  mode?: CourseMode | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Starting on or after (courses).' })
  startFrom?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Starting on or before (courses).' })
  startTo?: string | null;

  @Field(() => String, { nullable: true, description: 'Programme key (courses).' })
  programme?: string | null;

  @Field(() => TargetGroup, { nullable: true, description: 'Target group (courses).' })
  targetGroup?: TargetGroup | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only subsidised (true) or unsubsidised (false) classes (courses).',
  })
  subsidised?: boolean | null;

  @Field(() => InstitutionType, { nullable: true, description: 'Kind of institution (courses, institutions).' })
  institutionType?: InstitutionType | null;

  @Field(() => Boolean, { nullable: true, description: 'Only demo (true) or only real (false) records.' })
  isDemo?: boolean | null;
}
