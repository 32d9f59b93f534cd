/**
 * The site's `graphql()` tag, typed from the checked-in /schema.graphql.
 *
 * `graphql-env.d.ts` beside this file is the schema's introspection as types, written by
 * gql.tada's CLI (`npm run graphql:types -w site`) and checked to be current by
 * `queries.test.ts`. Every document written with this tag has its result and variable types
 * derived from the schema, so a query that asks for a field the API does not have, or reads
 * one it did not ask for, fails the type-check instead of a full build against a running API.
 *
 * Fragments are unmasked (`disableMasking`): the build reads whole records, not per-component
 * slices, so a fragment here is only a selection written once and spread in several documents,
 * and its fields read as the document's own (no `readFragment` needed).
 */
import { initGraphQLTada, type ResultOf } from 'gql.tada';
import type { introspection } from './graphql-env';

export type { ResultOf, VariablesOf } from 'gql.tada';

/**
 * The tag. Custom scalars arrive as JSON strings, so they are typed as such.
 *
 * @example
 * const Q = graphql(`query SiteX { programmes { key name } }`);
 * type X = ResultOf<typeof Q>; // { programmes: { key: string; name: string }[] }
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  disableMasking: true;
  scalars: {
    /** `YYYY-MM-DD`, no time zone (China's calendar day where the API computes one). */
    LocalDate: string;
    /** An RFC 3339 date-time at UTC, e.g. `2026-03-01T02:00:00.000Z`. */
    DateTime: string;
  };
}>();

/** The TypeScript type of a schema enum or scalar, e.g. `SchemaType<'SkillLevel'>`. */
export type SchemaType<Name extends string> = ReturnType<typeof graphql.scalar<Name>>;

// Enums, as in the schema. The i18n files label every value (`enum.<Type>.<VALUE>`).
export type CertificateType = SchemaType<'CertificateType'>;
export type SkillLevel = SchemaType<'SkillLevel'>;
export type CourseMode = SchemaType<'CourseMode'>;
export type CourseStatus = SchemaType<'CourseStatus'>;
export type CourseCategory = SchemaType<'CourseCategory'>;
export type Enrolment = SchemaType<'Enrolment'>;
export type TargetGroup = SchemaType<'TargetGroup'>;
export type InstitutionType = SchemaType<'InstitutionType'>;
export type InstitutionStanding = SchemaType<'InstitutionStanding'>;
export type AgencyType = SchemaType<'AgencyType'>;
export type NoticeStatus = SchemaType<'NoticeStatus'>;
export type EnrolmentStatus = SchemaType<'EnrolmentStatus'>;
export type BlacklistingStatus = SchemaType<'BlacklistingStatus'>;
export type TargetTable = SchemaType<'TargetTable'>;
/** `YYYY-MM-DD`, no time zone. */
export type LocalDate = SchemaType<'LocalDate'>;

/** Who broke which rule, and where the rule is written: shared by courses and institutions. */
export const RuleCheckFields = graphql(`
  fragment SiteRuleCheck on RuleCheck { ruleId passed message messageEn clause documentTitle documentDate }`);
export type RuleCheck = ResultOf<typeof RuleCheckFields>;

/** A blacklisting as the course and institution pages show it. */
export const BlacklistingFields = graphql(`
  fragment SiteBlacklisting on Blacklisting { from until reason }`);
export type Blacklisting = ResultOf<typeof BlacklistingFields>;

/** A count (or rate) shown only about 10 people or more. */
export const SuppressedFields = graphql(`
  fragment SiteSuppressedCount on SuppressedCount { suppressed display displayEn }`);
export type SuppressedCount = ResultOf<typeof SuppressedFields>;
