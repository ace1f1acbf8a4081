/**
 * Operation limits: what one GraphQL request may ask for, checked before anything runs.
 *
 * The parser stops at MAX_TOKENS (Apollo's parseOptions), so every later step sees a bounded
 * document. After validation, `operationLimitsPlugin` walks the chosen operation once, with the
 * request's variables and every argument default, computing depth, aliases, directives,
 * introspection and a cost; each fragment is analysed once and its result reused wherever it is
 * spread, so a fan-out of fragments costs as much to check as it is long, not as it expands.
 *
 * Cost model (stated in the README and the schema description of Query): every field costs 1
 * (search and geo fields more, see FIELD_COSTS); a field's selection is multiplied by the page size
 * it asks for (`first`, `last`, `limit`, or the number of `ids`, defaults included).
 *
 * A measure is kept per operation and set of size values (`measured`), so a repeated operation is
 * not walked again. (One file past 350 lines: the walk and its memo share the size arguments.)
 */
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getNamedType,
  isCompositeType,
  isNonNullType,
  valueFromAST,
} from 'graphql';
import type {
  DocumentNode,
  GraphQLArgument,
  ValueNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { appError, ErrorCode } from '../errors.js';
import type { MessageId } from '../i18n/messages.js';
import { toGraphQLError } from './errors.js';
import { DEFAULT_PAGE_SIZE } from './paging.js';

/** Lexical tokens a document may have (the parser gives up beyond it: GRAPHQL_PARSE_FAILED). */
export const MAX_TOKENS = 3_000;
/** Characters a `query` document may have (refused with 413 before parsing). */
export const MAX_QUERY_LENGTH = 50_000;
/** Nested fields, introspection not counted (the deepest useful query today is about 6). */
export const MAX_DEPTH = 10;
/** Nested fields inside `__schema` / `__type` (GraphiQL's introspection query needs 13). */
export const MAX_INTROSPECTION_DEPTH = 15;
/** Aliased fields per operation, fragments expanded. */
export const MAX_ALIASES = 30;
/** `__schema` fields per operation, fragments expanded. */
export const MAX_SCHEMA_FIELDS = 1;
/** Directives per operation, fragments expanded. */
export const MAX_DIRECTIVES = 20;
/** Total cost per operation (see the cost model above). */
export const MAX_COST = 5_000;
/** Ids `nodes(ids:)` accepts at once. */
export const MAX_NODE_IDS = 100;

/** Fields dearer than 1: they query the search engine, scan or aggregate. */
const FIELD_COSTS: Readonly<Record<string, number>> = {
  'Query.searchArticles': 50,
  'Query.nearbyHalls': 20,
  'Query.whereCanI': 20,
  'Query.coverage': 50,
  'Query.searchInsights': 20,
  'Query.__schema': 100,
  'Query.__type': 10,
};
const PAGE_SIZE_ARGUMENTS = ['first', 'last', 'limit'] as const;
/** The arguments a field's size is read from: the measure depends on no other argument. */
const SIZE_ARGUMENTS: ReadonlySet<string> = new Set(['ids', ...PAGE_SIZE_ARGUMENTS]);

/**
 * One argument's value as graphql-js's getArgumentValues gives it (its default when absent or given
 * a variable the request lacks).
 * @throws when the value is missing or invalid, as getArgumentValues does.
 */
function argumentValue(
  definition: GraphQLArgument,
  node: FieldNode,
  variables: Record<string, unknown>,
): unknown {
  const given = node.arguments?.find((argument) => argument.name.value === definition.name);
  const absent = () => {
    if (definition.defaultValue !== undefined) return definition.defaultValue;
    if (isNonNullType(definition.type)) throw new Error(`${definition.name} is required`);
    return undefined;
  };
  if (!given) return absent();
  if (given.value.kind === Kind.VARIABLE) {
    const name = given.value.name.value;
    if (!Object.prototype.hasOwnProperty.call(variables, name)) return absent();
    if (variables[name] == null && isNonNullType(definition.type)) {
      throw new Error(`${definition.name} must not be null`);
    }
  }
  const value = valueFromAST(given.value, definition.type, variables);
  if (value === undefined) throw new Error(`${definition.name} is invalid`);
  return value;
}

/** What an operation (or one fragment of it) asks for, fragments expanded. */
interface Measure {
  depth: number;
  introspectionDepth: number;
  aliases: number;
  directives: number;
  schemaFields: number;
  cost: number;
}

const EMPTY: Measure = {
  depth: 0,
  introspectionDepth: 0,
  aliases: 0,
  directives: 0,
  schemaFields: 0,
  cost: 0,
};

function add(a: Measure, b: Measure): Measure {
  return {
    depth: Math.max(a.depth, b.depth),
    introspectionDepth: Math.max(a.introspectionDepth, b.introspectionDepth),
    aliases: a.aliases + b.aliases,
    directives: a.directives + b.directives,
    schemaFields: a.schemaFields + b.schemaFields,
    cost: a.cost + b.cost,
  };
}

/** Measures one operation of a validated document. Never throws; unknown fields count as 1. */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Measure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const memo = new Map<string, Measure>();
  const inProgress = new Set<string>();

  const pageSize = (field: GraphQLField<unknown, unknown>, node: FieldNode): number => {
    const values: Record<string, unknown> = {};
    try {
      for (const name of SIZE_ARGUMENTS) {
        const definition = field.args.find((arg) => arg.name === name);
        if (definition) values[name] = argumentValue(definition, node, variables);
      }
    } catch {
      return 1; // invalid arguments fail in execution with their own error
    }
    const ids = values['ids'];
    if (Array.isArray(ids)) return Math.max(1, ids.length);
    for (const name of PAGE_SIZE_ARGUMENTS) {
      const value = values[name];
      if (typeof value === 'number' && Number.isFinite(value)) return Math.max(1, value);
    }
    // A connection asked for without first or last gets the default page.
    return field.args.some((arg) => arg.name === 'first') ? DEFAULT_PAGE_SIZE : 1;
  };

  const measureSelections = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType | undefined,
    inIntrospection: boolean,
  ): Measure => {
    let total = EMPTY;
    for (const selection of selectionSet.selections) {
      const directives = selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        total = add(total, measureField(selection, parent, inIntrospection));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parent;
        const type = condition && isCompositeType(condition) ? condition : parent;
        total = add(total, measureSelections(selection.selectionSet, type, inIntrospection));
      } else {
        total = add(total, measureFragment(selection.name.value, inIntrospection));
      }
      total = { ...total, directives: total.directives + directives };
    }
    return total;
  };

  const measureFragment = (name: string, inIntrospection: boolean): Measure => {
    const key = `${inIntrospection ? 'i' : 'a'}:${name}`;
    const known = memo.get(key);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(key)) return EMPTY; // unknown or cyclic: validation refuses it
    inProgress.add(key);
    const condition = schema.getType(fragment.typeCondition.name.value);
    const measured = measureSelections(
      fragment.selectionSet,
      condition && isCompositeType(condition) ? condition : undefined,
      inIntrospection,
    );
    const withOwn = { ...measured, directives: measured.directives + (fragment.directives?.length ?? 0) };
    inProgress.delete(key);
    memo.set(key, withOwn);
    return withOwn;
  };

  const measureField = (
    node: FieldNode,
    parent: GraphQLCompositeType | undefined,
    inIntrospection: boolean,
  ): Measure => {
    const name = node.name.value;
    const introspection = inIntrospection || name === '__schema' || name === '__type';
    const fieldDef = parent && 'getFields' in parent ? parent.getFields()[name] : undefined;
    const fieldType = fieldDef ? getNamedType(fieldDef.type) : undefined;
    const below = node.selectionSet
      ? measureSelections(
          node.selectionSet,
          fieldType && isCompositeType(fieldType) ? fieldType : undefined,
          introspection,
        )
      : EMPTY;
    const own = (parent ? FIELD_COSTS[`${parent.name}.${name}`] : undefined) ?? 1;
    const size = fieldDef ? pageSize(fieldDef, node) : 1;
    return {
      depth: introspection || name === '__typename' ? below.depth : below.depth + 1,
      introspectionDepth: introspection ? below.introspectionDepth + 1 : below.introspectionDepth,
      aliases: below.aliases + (node.alias ? 1 : 0),
      directives: below.directives,
      schemaFields: below.schemaFields + (name === '__schema' ? 1 : 0),
      cost: own + size * below.cost,
    };
  };

  const root =
    operation.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : operation.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const measured = measureSelections(operation.selectionSet, root ?? undefined, false);
  return { ...measured, directives: measured.directives + (operation.directives?.length ?? 0) };
}

/** The first limit `measure` exceeds, as the error the client gets; undefined when within every limit. */
export function limitError(measure: Measure): GraphQLError | undefined {
  // The messages are catalogue entries (src/i18n/messages.ts), so a new limit cannot lack its Chinese.
  const checks: Array<[keyof Measure, number, MessageId]> = [
    ['depth', MAX_DEPTH, 'limit.depth'],
    ['introspectionDepth', MAX_INTROSPECTION_DEPTH, 'limit.introspectionDepth'],
    ['aliases', MAX_ALIASES, 'limit.aliases'],
    ['schemaFields', MAX_SCHEMA_FIELDS, 'limit.schemaFields'],
    ['directives', MAX_DIRECTIVES, 'limit.directives'],
    ['cost', MAX_COST, 'limit.cost'],
  ];
  for (const [limit, max, id] of checks) {
    const actual = measure[limit];
    if (actual > max) {
      const shown = Number.isFinite(actual) && actual < 1e15 ? String(actual) : 'more than 10^15';
      const error = appError(
        ErrorCode.QUERY_TOO_COMPLEX,
        id,
        { actual: shown, max },
        { limit, max, ...(Number.isFinite(actual) && actual < 1e15 ? { actual } : {}) },
      );
      return toGraphQLError(error);
    }
  }
  return undefined;
}

/**
 * Refuses an operation over any limit with QUERY_TOO_COMPLEX (HTTP 400) after validation and
 * before execution.
 */
export function operationLimitsPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: (requestContext) => {
          const error = operationLimitError(requestContext);
          return error ? Promise.reject(error) : Promise.resolve();
        },
      }),
  };
}

/**
 * The error that refuses a resolved operation (QUERY_TOO_COMPLEX over a limit, BAD_REQUEST for an
 * operation type the schema lacks); undefined when it may run. What `operationLimitsPlugin` checks.
 */
export function operationLimitError(requestContext: {
  operation?: OperationDefinitionNode | undefined;
  document: DocumentNode;
  schema: GraphQLSchema;
  request: { variables?: Record<string, unknown> | undefined };
}): GraphQLError | undefined {
  const { operation, document, schema } = requestContext;
  if (!operation) return undefined;
  const root =
    operation.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : operation.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) {
    return new GraphQLError(`This API has no ${operation.operation} operations.`, {
      extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
    });
  }
  return limitError(measured(schema, document, operation, requestContext.request.variables ?? {}));
}

/** Measures of one operation, by the values of the variables its sizes read (see `measured`). */
interface MeasureMemo {
  /** The variables given to a size argument (`first`, `last`, `limit`, `ids`) anywhere in the document. */
  sizeVariables: string[];
  byValues: Map<string, Measure>;
}

/** Measures kept per operation: at most this many sets of size values (then they start over). */
const MAX_MEMO_VALUES = 32;
const memos = new WeakMap<OperationDefinitionNode, MeasureMemo>();

/**
 * `measureOperation`, walked once per parsed operation and set of size values: a measure depends
 * only on the document and the variables its size arguments read (typically none, or a page size),
 * so the same query with other search words or filters is not walked again. Apollo keeps parsed
 * documents (its document store), so a client's repeated operation is the same node here. A size
 * given as a list or an object (e.g. `ids`) is measured every time.
 */
function measured(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Measure {
  let memo = memos.get(operation);
  if (!memo) {
    memo = { sizeVariables: sizeVariablesOf(document), byValues: new Map() };
    memos.set(operation, memo);
  }
  let key = '';
  for (const name of memo.sizeVariables) {
    if (!Object.prototype.hasOwnProperty.call(variables, name)) {
      key += 'absent,';
      continue;
    }
    const value = variables[name];
    if (typeof value === 'object' && value !== null)
      return measureOperation(schema, document, operation, variables);
    key += `${value === undefined ? 'undefined' : JSON.stringify(value)},`;
  }
  let measure = memo.byValues.get(key);
  if (!measure) {
    measure = measureOperation(schema, document, operation, variables);
    if (memo.byValues.size >= MAX_MEMO_VALUES) memo.byValues.clear();
    memo.byValues.set(key, measure);
  }
  return measure;
}

/** The names of the variables used (at any depth) in a size argument of any field of `document`. */
function sizeVariablesOf(document: DocumentNode): string[] {
  const names = new Set<string>();
  const fromValue = (value: ValueNode): void => {
    if (value.kind === Kind.VARIABLE) names.add(value.name.value);
    else if (value.kind === Kind.LIST) value.values.forEach(fromValue);
    else if (value.kind === Kind.OBJECT) value.fields.forEach((field) => fromValue(field.value));
  };
  const fromSelections = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        for (const argument of selection.arguments ?? []) {
          if (SIZE_ARGUMENTS.has(argument.name.value)) fromValue(argument.value);
        }
        fromSelections(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        fromSelections(selection.selectionSet);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) {
      fromSelections(definition.selectionSet);
    }
  }
  return [...names].sort();
}
