/**
 * HTTP caching of anonymous reads: how long a shared cache (a CDN, the portal's proxy) may keep
 * the answer to a query, from cache hints per root field, type and field, as Apollo's
 * `@cacheControl` hints would give them. Apollo's own cache-control plugin is not used: it hooks
 * every resolved field (about a fifth of a halls page's CPU here) and never sees graphql-jit's
 * execution. The policy is computed once per parsed operation instead, from its selection.
 *
 * The rules (documented in README "HTTP caching and compression"):
 * - a root field without a hint is not cacheable (max-age 0): only the listings below are;
 * - a field, or the type it returns, may shorten its operation's age (openNow changes by the
 *   minute); nested fields without a hint take their parent's age;
 * - the operation's age is the smallest age of all its fields (fragments expanded, @skip and
 *   @include ignored, so a field that may be asked counts);
 * - mutations, callers with a token, and answers with errors are never publicly cached
 *   (src/http/http-cache.ts decides the header).
 */
import { Kind, OperationTypeNode } from 'graphql';
import type {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { getNamedType, isCompositeType } from 'graphql';
import type { GraphQLCompositeType } from 'graphql';

/** Seconds a public answer may be reused. */
export const CACHE_HINTS = {
  /** Root fields of Query that anonymous portals read, and how long their answers may be kept. */
  rootFields: {
    halls: 60,
    hall: 60,
    nearbyHalls: 60,
    whereCanI: 60,
    coverage: 60,
    channels: 60,
    channel: 60,
    regions: 300,
    categories: 300,
    articles: 60,
    article: 60,
    mostUsedArticles: 60,
    // Anonymous searches of published articles: briefly, so that a burst of the same search is
    // served by the cache (those repeats are then not in the search log).
    searchArticles: 30,
    suggestArticles: 30,
    enumLabels: 3600,
    complaintPolicy: 3600,
    complaintDeadline: 60,
    node: 60,
    nodes: 60,
  } as Readonly<Record<string, number>>,
  /** Fields (`Type.field`) whose values change sooner than their listing's. */
  fields: {
    'Hall.openNow': 30,
    'Hall.nextChange': 30,
    'Hall.today': 30,
    'Hall.specialDatesAhead': 30,
  } as Readonly<Record<string, number>>,
  /** Types whose values change sooner (or never may be shared: 0) wherever they appear. */
  types: {
    Viewer: 0,
  } as Readonly<Record<string, number>>,
} as const;

/** What the operation's answer allows: reuse by anyone for `maxAge` seconds (0: not cacheable). */
export interface CachePolicy {
  maxAge: number;
}

const NOT_CACHEABLE: CachePolicy = { maxAge: 0 };

/** Policies computed per parsed operation (Apollo keeps parsed documents, so the same node recurs). */
const policies = new WeakMap<OperationDefinitionNode, CachePolicy>();

/**
 * The cache policy of a query operation of `schema` (`fragmentsOf`: its document's fragments, asked
 * only the first time); mutations and subscriptions are never cacheable.
 */
export function cachePolicyOf(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragmentsOf: () => Readonly<Record<string, FragmentDefinitionNode>>,
): CachePolicy {
  if (operation.operation !== OperationTypeNode.QUERY) return NOT_CACHEABLE;
  const known = policies.get(operation);
  if (known !== undefined) return known;
  const root = schema.getQueryType();
  let maxAge = Number.POSITIVE_INFINITY;
  if (root) {
    const walking = { schema, fragments: fragmentsOf(), visiting: new Set<string>() };
    maxAge = walk(walking, root, operation.selectionSet, maxAge, true);
  }
  const policy = { maxAge: Number.isFinite(maxAge) ? maxAge : 0 };
  policies.set(operation, policy);
  return policy;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  /** Fragments being walked (a cycle is a validation error, but the walk must not loop on one). */
  visiting: Set<string>;
}

/** The type a fragment's fields belong to: its type condition, else the enclosing type. */
function conditionType(walking: Walk, parent: GraphQLCompositeType, condition: string | undefined) {
  if (condition === undefined) return parent;
  const type = walking.schema.getType(condition);
  return type !== undefined && isCompositeType(type) ? type : parent;
}

function walk(
  walking: Walk,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  inherited: number,
  atRoot: boolean,
): number {
  let age = inherited;
  for (const selection of selectionSet.selections) {
    if (age === 0) return 0;
    if (selection.kind === Kind.FIELD) {
      age = Math.min(age, fieldAge(walking, parent, selection, age, atRoot));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = conditionType(walking, parent, selection.typeCondition?.name.value);
      age = Math.min(age, walk(walking, type, selection.selectionSet, age, atRoot));
    } else {
      const name = selection.name.value;
      const fragment = walking.fragments[name];
      if (fragment === undefined || walking.visiting.has(name)) continue;
      walking.visiting.add(name);
      const type = conditionType(walking, parent, fragment.typeCondition.name.value);
      age = Math.min(age, walk(walking, type, fragment.selectionSet, age, atRoot));
      walking.visiting.delete(name);
    }
  }
  return age;
}

function fieldAge(
  walking: Walk,
  parent: GraphQLCompositeType,
  field: FieldNode,
  inherited: number,
  atRoot: boolean,
): number {
  const name = field.name.value;
  if (name === '__typename') return inherited;
  // Introspection answers do not change while the service runs, but nobody needs them cached.
  if (name.startsWith('__')) return 0;
  let age = inherited;
  if (atRoot) age = Math.min(age, CACHE_HINTS.rootFields[name] ?? 0);
  const fieldHint = CACHE_HINTS.fields[`${parent.name}.${name}`];
  if (fieldHint !== undefined) age = Math.min(age, fieldHint);
  if (age === 0 || field.selectionSet === undefined) return age;
  const definition = 'getFields' in parent ? parent.getFields()[name] : undefined;
  if (definition === undefined) return age;
  const returned = getNamedType(definition.type);
  const typeHint = CACHE_HINTS.types[returned.name];
  if (typeHint !== undefined) age = Math.min(age, typeHint);
  if (age === 0 || !isCompositeType(returned)) return age;
  return walk(walking, returned, field.selectionSet, age, false);
}
