/**
 * The public contract (`schema.graphql`) against its last release (`api/schema-releases/<x.y.z>.graphql`)
 * and CHANGELOG.md: clients built on a release keep working unless a change was announced the way
 * the CHANGELOG's policy says — deprecated in a release first, then removed, and every change
 * listed under Unreleased. Pure: texts in, problems out; the caller reads the files.
 */
import { type Change, ChangeType, CriticalityLevel, diff } from '@graphql-inspector/core';
import {
  buildSchema,
  getNamedType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';

/** The comparison of the current schema with a release. */
export interface SchemaCheck {
  /** The release compared against, from the CHANGELOG's first version heading. */
  version: string;
  /** Every difference graphql-inspector finds, breaking or not. */
  changes: Change[];
  /** What must be fixed before the change may be merged; empty when none. */
  problems: string[];
}

// Removals a client can have been warned of: the four places GraphQL allows @deprecated on.
const DEPRECATABLE_REMOVALS = new Set<string>([
  ChangeType.FieldRemoved,
  ChangeType.EnumValueRemoved,
  ChangeType.InputFieldRemoved,
  ChangeType.FieldArgumentRemoved,
]);

/**
 * The latest released version: the first `## [x.y.z]` heading of the CHANGELOG (Keep a Changelog
 * lists releases newest first), or null before the first release.
 * @example latestRelease('## [Unreleased]\n\n## [0.2.0] - 2027-01-10\n\n## [0.1.0] - 2026-12-04\n') // '0.2.0'
 */
export function latestRelease(changelog: string): string | null {
  return /^## \[(\d+\.\d+\.\d+)\]/m.exec(changelog)?.[1] ?? null;
}

/**
 * The text of the CHANGELOG's `## [Unreleased]` section, up to the next `## ` heading; empty
 * when there is none.
 * @example unreleasedSection('## [Unreleased]\n\n- Added `Query.x`.\n\n## [0.1.0]\n') // '\n- Added `Query.x`.\n'
 */
export function unreleasedSection(changelog: string): string {
  const lines = changelog.split(/\r?\n/);
  const start = lines.findIndex((l) => /^## \[Unreleased\]/i.test(l));
  if (start < 0) return '';
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => l.startsWith('## '));
  return (end < 0 ? rest : rest.slice(0, end)).join('\n');
}

/**
 * Compares the current SDL with the released one under the CHANGELOG's policy.
 * @example const { changes, problems } = await checkSchema(releasedSdl, currentSdl, changelog);
 */
export async function checkSchema(releasedSdl: string, currentSdl: string, changelog: string): Promise<SchemaCheck> {
  const released = buildSchema(releasedSdl);
  const changes = await diff(released, buildSchema(currentSdl));
  const version = latestRelease(changelog) ?? 'the last release';
  const unreleased = unreleasedSection(changelog);
  const problems = changes.flatMap((c) => breakingProblem(c, released, unreleased, version) ?? []);
  if (changes.length > 0 && !/^\s*[-*+]\s+\S/m.test(unreleased)) {
    problems.push(
      `schema.graphql differs from release ${version} but CHANGELOG.md's Unreleased section lists no change`,
    );
  }
  return { version, changes, problems };
}

/**
 * The problems only: an empty list means the current schema may be merged.
 * @example await schemaProblems(sdl, sdl.replace('type Query {', 'type Query {\n  x: Int'), changelog)
 * // ["schema.graphql differs from release 0.1.0 but CHANGELOG.md's Unreleased section lists no change"]
 */
export async function schemaProblems(releasedSdl: string, currentSdl: string, changelog: string): Promise<string[]> {
  return (await checkSchema(releasedSdl, currentSdl, changelog)).problems;
}

/** The line a problem of a breaking change reads, or null when the change keeps to the policy. */
function breakingProblem(change: Change, released: GraphQLSchema, unreleased: string, version: string): string | null {
  if (change.criticality.level !== CriticalityLevel.Breaking) return null;
  const path = change.path ?? '';
  const broken: string[] = [];
  const announced = announcedRule(change, released, version);
  if (announced) broken.push(announced);
  if (!mentions(unreleased, path)) broken.push('not listed under Unreleased in CHANGELOG.md');
  return broken.length > 0 ? `${path || change.type}: ${change.message} — ${broken.join('; ')}` : null;
}

/** Why the release did not announce this breaking change, or null when it did. */
function announcedRule(change: Change, released: GraphQLSchema, version: string): string | null {
  const path = change.path ?? '';
  if (DEPRECATABLE_REMOVALS.has(change.type)) {
    return deprecationAt(released, path) != null ? null : `removed without being deprecated in ${version}`;
  }
  if (change.type === ChangeType.TypeRemoved) {
    // A type leaves the printed schema with the last field that returns it, so removing a
    // deprecated field may take its type along: allowed when nothing else could reach it.
    return onlyDeprecatedUses(released, path)
      ? null
      : `removed while ${version} still reaches it through something not deprecated`;
  }
  return `changed incompatibly: only what ${version} marked @deprecated may go; add a replacement beside it and deprecate this instead`;
}

/**
 * The deprecation reason in `schema` of a field (`Type.field`), argument (`Type.field.arg`),
 * input field (`Input.field`) or enum value (`Enum.VALUE`); null or undefined when not deprecated.
 */
function deprecationAt(schema: GraphQLSchema, path: string): string | null | undefined {
  const [typeName, member, argName] = path.split('.');
  const type = schema.getType(typeName);
  if (isEnumType(type)) return type.getValue(member)?.deprecationReason;
  if (isInputObjectType(type)) return type.getFields()[member]?.deprecationReason;
  if (!isObjectType(type) && !isInterfaceType(type)) return undefined;
  const field = type.getFields()[member];
  return argName === undefined
    ? field?.deprecationReason
    : field?.args.find((a) => a.name === argName)?.deprecationReason;
}

/**
 * Whether every use of a type in `schema` is deprecated (fields, arguments, input fields), and
 * nothing that cannot be deprecated uses it (union membership, interfaces, root types).
 */
function onlyDeprecatedUses(schema: GraphQLSchema, typeName: string): boolean {
  const type = schema.getType(typeName);
  if (!type || !removableAlone(schema, type)) return false;
  let uses = 0;
  for (const other of Object.values(schema.getTypeMap())) {
    if (isUnionType(other) && other.getTypes().includes(type as GraphQLObjectType)) return false;
    if (
      isInterfaceType(type) &&
      (isObjectType(other) || isInterfaceType(other)) &&
      other.getInterfaces().includes(type)
    ) {
      return false;
    }
    for (const member of membersOf(other)) {
      if (getNamedType(member.type) !== type) continue;
      if (member.deprecationReason == null) return false;
      uses++;
    }
  }
  return uses > 0;
}

// A root type, or a type a client may name in a fragment through an interface it implements,
// stays reachable whatever is deprecated.
function removableAlone(schema: GraphQLSchema, type: GraphQLNamedType): boolean {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  if (roots.includes(type as GraphQLObjectType)) return false;
  return !((isObjectType(type) || isInterfaceType(type)) && type.getInterfaces().length > 0);
}

/** Every place a type can be used in `type`: its fields, their arguments, its input fields. */
function membersOf(type: GraphQLNamedType): { type: GraphQLType; deprecationReason?: string | null }[] {
  if (isInputObjectType(type)) return Object.values(type.getFields());
  if (!isObjectType(type) && !isInterfaceType(type)) return [];
  // An argument goes with its field, so a deprecated field's arguments count as deprecated too.
  return Object.values(type.getFields()).flatMap((f) => [
    f,
    ...f.args.map((a) => ({ type: a.type, deprecationReason: a.deprecationReason ?? f.deprecationReason })),
  ]);
}

// A path counts only as a whole: `Query.old` is not mentioned by `Query.oldField`.
function mentions(text: string, path: string): boolean {
  if (!path) return false;
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.])${escaped}(?!\\w)`).test(text);
}
