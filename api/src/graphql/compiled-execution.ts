/**
 * Compiled execution: each validated operation is compiled once by graphql-jit into a plain
 * function and run as that function afterwards, instead of graphql-js walking the document
 * again for every request. Apollo Server keeps everything else (parsing, validation, plugins,
 * limits, errors, caching): the compiled function is handed to it through its gateway
 * interface, the documented way to replace its executor.
 *
 * Mutations, operations graphql-jit would answer differently (see {@link compilable}) and those
 * it will not compile run on graphql-js, so an answer never depends on the executor;
 * `api/test/compiled-execution.test.ts` compares the two byte for byte.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  execute,
  getNamedType,
  GraphQLError,
  isInputObjectType,
  isNonNullType,
  Kind,
  printSchema,
  typeFromAST,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLInputObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * A field error as graphql-js makes it (graphql's `locatedError`): graphql-jit's own error class
 * leaves `extensions` out when the resolver threw a plain Error (a busy database, a bug), and the
 * plugins and `formatError` read the code from there.
 */
function asGraphQLError(e: GraphQLError): GraphQLError {
  const original = e.originalError ?? undefined;
  const error = new GraphQLError(e.message, { path: e.path, originalError: original, extensions: e.extensions });
  (error as { locations?: GraphQLError['locations'] }).locations = e.locations;
  return error;
}

/** Whether an input type holds, at any depth, a non-null field with a default (`enrolled: Int! = 0`). */
function hasRequiredDefault(type: GraphQLInputObjectType, seen = new Set<GraphQLInputObjectType>()): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  return Object.values(type.getFields()).some((field) => {
    if (isNonNullType(field.type) && field.defaultValue !== undefined) return true;
    const named = getNamedType(field.type);
    return isInputObjectType(named) && hasRequiredDefault(named, seen);
  });
}

/**
 * Whether graphql-jit runs `operation` exactly as graphql-js does. Not a mutation: writes are
 * rare, and stay on the reference implementation. Not an operation with a non-null variable
 * that has a default, or whose variables hold a non-null input field with a default: graphql-jit
 * 0.8.9 refuses either when it is left out, where graphql-js takes its default.
 * @example compilable(schema, parse('{ regions { code } }').definitions[0]) // true
 */
export function compilable(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'query') return false;
  return !(operation.variableDefinitions ?? []).some((v) => {
    // `$v: Boolean! = false` left out: graphql-jit says it was not provided, graphql-js takes the default.
    if (v.type.kind === Kind.NON_NULL_TYPE && v.defaultValue) return true;
    const named = getNamedType(typeFromAST(schema, v.type as never));
    return isInputObjectType(named) && hasRequiredDefault(named);
  });
}

/** What a document compiled to, per operation name: a function, or null when graphql-js must run it. */
type Compiled = Map<string, CompiledQuery | null>;

/**
 * The executor: compiled functions are remembered per parsed document, and Apollo hands the same
 * parsed document back for a repeated query from its bounded store, so what is kept here is
 * bounded by that store (a WeakMap lets a document and its functions go together).
 * @example const run = compiledExecutor(schema); await run({ document, request, context, operationName })
 */
export function compiledExecutor(schema: GraphQLSchema): GatewayExecutor {
  const known = new WeakMap<DocumentNode, Compiled>();

  function compiled(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    operationName: string | undefined,
  ): CompiledQuery | null {
    let byName = known.get(document);
    if (!byName) {
      byName = new Map();
      known.set(document, byName);
    }
    const key = operationName ?? '';
    if (!byName.has(key)) {
      if (!compilable(schema, operation)) {
        byName.set(key, null);
        return null;
      }
      const result = compileQuery(schema, document, operationName, {
        // Stack traces of field errors cost time to capture and never reach a client.
        disablingCapturingStackErrors: true,
      });
      byName.set(key, isCompiledQuery(result) ? result : null);
    }
    return byName.get(key) ?? null;
  }

  return async (rc) => {
    const operationName = rc.request.operationName ?? undefined;
    // No operation to run (several without a name, or a name not in the document): graphql-js says so.
    const fn = rc.operation ? compiled(rc.document, rc.operation, operationName) : null;
    if (fn) {
      const result = (await fn.query(undefined, rc.context, rc.request.variables ?? {})) as ExecutionResult;
      return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
    }
    return execute({
      schema,
      document: rc.document,
      contextValue: rc.context,
      variableValues: rc.request.variables,
      operationName,
    });
  };
}

/**
 * The schema and compiled executor as Apollo Server's `gateway` option: Apollo takes the schema
 * from it and runs every operation it has validated through the executor.
 * @example new ApolloServer({ gateway: compiledExecutionGateway(schema), … })
 */
export function compiledExecutionGateway(schema: GraphQLSchema): GatewayInterface {
  const listeners = new Set<Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0]>();
  return {
    onSchemaLoadOrUpdate(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    async load() {
      // Told once: the schema is built in code and never changes while the process runs.
      const sdl = printSchema(schema);
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl: sdl });
      return { executor: compiledExecutor(schema) };
    },
    async stop() {
      listeners.clear();
    },
  };
}
