import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, getVariableValues, GraphQLError } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import type { CompiledQuery } from 'graphql-jit';

/**
 * An operation of a document: SEEN_ONCE after its first run (on graphql-js), then compiled, or null
 * when the compiler refused it.
 */
type Compiled = CompiledQuery | null | typeof SEEN_ONCE;
const SEEN_ONCE = Symbol('seen once');

/**
 * graphql-jit's errors are frozen look-alikes of GraphQLError (no `nodes`, read-only properties, no
 * `extensions` unless the original error has some): rebuilt as graphql-js errors, so that Apollo and
 * the error masking (src/schema/errors.ts) treat them as they treat graphql-js's own.
 */
function asGraphQLError(error: Readonly<GraphQLError>): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  if (error.locations) Object.assign(rebuilt, { locations: error.locations });
  return rebuilt;
}

/**
 * Executes operations with graphql-jit: each operation is compiled once into a function that walks
 * its selection without graphql-js's per-field interpretation (on `halls(first: 20)` with nested
 * fields, execution was the largest share of the server's CPU). Compiled operations are kept per
 * parsed document in a WeakMap, so they go when Apollo's document store drops the document.
 * An operation is compiled the second time it runs: a one-off document (a hand-written query, or a
 * client sending ever new ones) runs on graphql-js, which costs it less than compiling would, and
 * cannot make the server compile at will. An operation graphql-jit cannot compile stays on
 * graphql-js.
 *
 * Apollo Server takes a custom executor through its gateway interface (the schema is fixed here, so
 * `load` reports it once); everything else in its request pipeline (parsing, validation, plugins,
 * error formatting) is unchanged.
 */
export function jitExecutor(schema: GraphQLSchema): GatewayInterface {
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();

  const compiledFor = (document: DocumentNode, operationName: string | null): CompiledQuery | null => {
    let operations = compiled.get(document);
    if (!operations) {
      operations = new Map();
      compiled.set(document, operations);
    }
    const key = operationName ?? '';
    let entry = operations.get(key);
    if (entry === undefined) {
      operations.set(key, SEEN_ONCE);
      return null;
    }
    if (entry === SEEN_ONCE) {
      const result = compileQuery(schema, document, operationName ?? undefined, {
        // Leaf values are serialised by the scalars' own serialize, as graphql-js does.
        customJSONSerializer: false,
      });
      entry = isCompiledQuery(result) ? result : null;
      operations.set(key, entry);
    }
    return entry;
  };

  const executor: GatewayExecutor = async (requestContext) => {
    const { document, operation, operationName, context } = requestContext;
    const variables = requestContext.request.variables ?? {};
    // Variables are checked by graphql-js first, so that bad values get its errors (which Apollo
    // answers as BAD_USER_INPUT naming the variable), exactly as without the compiler.
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, {
      maxErrors: 50,
    });
    if (coerced.errors) return { errors: coerced.errors };
    const query = compiledFor(document, operationName);
    if (!query) {
      return execute({ schema, document, contextValue: context, variableValues: variables, operationName });
    }
    const result = await query.query(undefined, context, variables);
    return result.errors?.length ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };

  let listener:
    ((schemaContext: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) | undefined;
  return {
    onSchemaLoadOrUpdate(callback) {
      listener = callback;
      return () => {
        listener = undefined;
      };
    },
    load() {
      listener?.({ apiSchema: schema, coreSupergraphSdl: '' });
      return Promise.resolve({ executor });
    },
    stop: () => Promise.resolve(),
  };
}
