/**
 * GraphQL spans (tracing on only; see tracing.ts): one span per operation, from the start of
 * Apollo's request pipeline to the answer, with execution run inside it; and one span per root
 * field (Query, Mutation): the fields whose resolvers call a service and so do the I/O. Nested
 * fields get none: they are read from the parent's object or from per-request DataLoaders, whose
 * batched MongoDB commands already have spans of their own; a span per list item would be noise.
 */
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { defaultFieldResolver, isObjectType } from 'graphql';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { KIND, endSpan, failSpan, startSpan, withSpan } from './tracing.js';
import type { Span } from './tracing.js';

/**
 * Wraps the resolvers of the schema's root fields (in place) so that each call runs in a span named
 * `Query.articles`, ended when its value (or promise) settles. Call only when tracing is on.
 */
export function traceRootResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root || !isObjectType(root)) continue;
    for (const field of Object.values(root.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      const name = `${root.name}.${field.name}`;
      field.resolve = (source, args, context, info) => {
        const span = startSpan(name, KIND.INTERNAL, {
          'graphql.field.name': field.name,
          'graphql.field.path': info.path.key.toString(),
        });
        return withSpan(span, () => settled(span, () => resolve(source, args, context, info)));
      };
    }
  }
  return schema;
}

/** Ends `span` when what `work` returns settles (at once for a plain value). */
function settled(span: Span | undefined, work: () => unknown): unknown {
  let value: unknown;
  try {
    value = work();
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
  if (value instanceof Promise) {
    return value.then(
      (result: unknown) => {
        endSpan(span);
        return result;
      },
      (error: unknown) => {
        endSpan(span, error);
        throw error;
      },
    );
  }
  endSpan(span);
  return value;
}

/** The operation spans of requests under way, by their context (see `operationSpans`). */
export interface OperationSpans<TContext extends object> {
  /** Starts the span of a request (child of the HTTP request's span). */
  start(context: TContext): void;
  /** Names it once the operation is known: `query SearchArticles`. */
  name(context: TContext, type: string | undefined, operationName: string | null | undefined): void;
  /** Ends it; `errorCodes` non-empty marks it failed. */
  end(context: TContext, errorCodes: readonly string[]): void;
  /** The gateway, with execution run inside the request's operation span. */
  around(gateway: GatewayInterface): GatewayInterface;
}

/** Operation spans kept by request context (Apollo hooks are told the context, not a span). */
export function operationSpans<TContext extends object>(): OperationSpans<TContext> {
  const spans = new WeakMap<TContext, Span>();
  return {
    start(context) {
      const span = startSpan('graphql', KIND.INTERNAL);
      if (span) spans.set(context, span);
    },
    name(context, type, operationName) {
      const span = spans.get(context);
      if (!span) return;
      span.updateName(operationName ? `${type ?? 'operation'} ${operationName}` : (type ?? 'graphql'));
      if (type) span.setAttribute('graphql.operation.type', type);
      if (operationName) span.setAttribute('graphql.operation.name', operationName);
    },
    end(context, errorCodes) {
      const span = spans.get(context);
      if (!span) return;
      spans.delete(context);
      if (errorCodes.length > 0) {
        span.setAttribute('graphql.error.codes', [...errorCodes]);
        failSpan(span, new Error(errorCodes[0]));
      }
      span.end();
    },
    around(gateway) {
      return {
        ...gateway,
        onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
        stop: () => gateway.stop(),
        load: async (options) => {
          const { executor } = await gateway.load(options);
          if (!executor) return { executor };
          return {
            executor: (requestContext) =>
              withSpan(spans.get(requestContext.context as TContext), () => executor(requestContext)),
          };
        },
      };
    },
  };
}
