/**
 * Compiled execution: each validated operation is compiled once by graphql-jit into a plain
 * function and run as that function afterwards, instead of graphql-js walking the document
 * again for every request. Apollo Server keeps everything else (parsing, validation, plugins,
 * limits, errors, caching): the compiled function is handed to it through its gateway
 * interface, the documented way to replace its executor.
 *
 * Operations graphql-jit will not compile (it says why in errors of its own) run on graphql-js,
 * so an answer never depends on the executor; `api/test/compiled-execution.test.ts` compares the
 * two byte for byte.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  execute,
  GraphQLError,
  printSchema,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
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

  function compiled(document: DocumentNode, operationName: string | undefined): CompiledQuery | null {
    let byName = known.get(document);
    if (!byName) {
      byName = new Map();
      known.set(document, byName);
    }
    const key = operationName ?? '';
    if (!byName.has(key)) {
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
    const fn = compiled(rc.document, operationName);
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
