/**
 * Limits on the shape of a document, checked while validating: nesting depth and aliases, by
 * GraphQL Armor's rules (which, unlike graphql-depth-limit, stop at fragment cycles: those are
 * left to graphql's own NoFragmentCyclesRule to report). The token limit is graphql's own
 * parser option (`parseOptions.maxTokens` in server.ts).
 */
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { ErrorCode } from './errors';

/** Limits of {@link limitRules}. */
export interface DocumentLimits {
  /** Deepest nesting of fields, top-level fields being depth 0 (`QUERY_DEPTH_LIMIT`, default 12). */
  depth: number;
  /** Most aliases in one operation, fragments included (`QUERY_ALIAS_LIMIT`, default 30). */
  aliases: number;
}

/** The number Armor found, from its message ("… limit of 6 exceeded, found 7."). */
const found = (e: GraphQLError) => Number(/found (\d+)/.exec(e.message)?.[1] ?? NaN);

/** Reports in our words instead of throwing (a throw inside validation would end as a 500). */
const report = (message: (n: number) => string) => (context: ValidationContext | null, e: GraphQLError) =>
  context?.reportError(
    new GraphQLError(message(found(e)), { extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } }),
  );

/**
 * The validation rules for Apollo's `validationRules`.
 * @example new ApolloServer({ schema, validationRules: limitRules({ depth: 12, aliases: 30 }) })
 */
export function limitRules(limits: DocumentLimits): ValidationRule[] {
  return [
    // Armor counts the top-level fields as depth 1; QUERY_DEPTH_LIMIT counts them as 0 (as graphql-depth-limit did).
    maxDepthRule({
      n: limits.depth + 1,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [
        report(
          (n) =>
            `the operation nests ${n - 1} levels deep, which exceeds maximum operation depth of ${limits.depth}: ask for fewer nested objects`,
        ),
      ],
    }),
    // __typename too (Armor lets it through by default): a thousand of anything costs time to answer.
    maxAliasesRule({
      n: limits.aliases,
      allowList: [],
      propagateOnRejection: false,
      onReject: [
        report(
          (n) =>
            `the operation has ${n} aliases, more than the limit of ${limits.aliases}: send several smaller operations`,
        ),
      ],
    }),
  ];
}
