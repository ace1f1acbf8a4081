import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { forbidden, unauthenticated } from '../errors.js';
import { hasRole, isStaff } from '../auth/principal.js';
import type { Role } from '../auth/principal.js';
import type { Context } from '../context.js';
import { DEFAULT_PAGE_SIZE } from './paging.js';
import {
  MAX_ALIASES,
  MAX_COST,
  MAX_DEPTH,
  MAX_DIRECTIVES,
  MAX_INTROSPECTION_DEPTH,
  MAX_QUERY_LENGTH,
  MAX_TOKENS,
} from './limits.js';

/**
 * The schema builder: plugins, scalars and auth scopes only. Domain types live in src/modules.
 *
 * Scopes: `staff` = any role; `editorial` = editor, reviewer or admin; `role: 'editor'` = that role or admin.
 */
export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: { staff: boolean; editorial: boolean; role: Role };
  DefaultFieldNullability: false;
  // Lists of non-null items: an edge or node that fails nulls its connection, never leaves holes.
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
  };
}>({
  plugins: [ScopeAuthPlugin, RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (context) => ({
      staff: isStaff(context.principal),
      editorial: hasRole(context.principal, 'editor') || hasRole(context.principal, 'reviewer'),
      role: (role: Role) => hasRole(context.principal, role),
    }),
    unauthorizedError: (_parent, context) =>
      context.principal.isPublic
        ? unauthenticated('Authentication required: send a bearer token.')
        : forbidden(),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // node/nodes are defined in system.graphql.ts: they refuse bad ids with BAD_USER_INPUT.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    nodeTypeOptions: {
      description: 'An object with a global id: fetch any of them again with `node(id:)` or `nodes(ids:)`.',
    },
    idFieldOptions: {
      description: 'The global id: opaque, stable, accepted by `node`, `nodes` and every `id` argument.',
    },
    pageInfoTypeOptions: {
      description: 'Where a page of a connection sits in the whole list (Relay cursor connections).',
    },
    hasNextPageFieldOptions: { description: 'More items follow: ask again with `after: endCursor`.' },
    hasPreviousPageFieldOptions: {
      description:
        'Items precede this page: ask again with `last` and `before: startCursor` (forward pages say true whenever `after` was given).',
    },
    startCursorFieldOptions: { description: 'The cursor of the first item on this page; null when empty.' },
    endCursorFieldOptions: { description: 'The cursor of the last item on this page; null when empty.' },
    pageInfoFieldOptions: { description: 'How to ask for the next page.' },
    edgesFieldOptions: { description: 'The items of this page with their cursors.' },
    nodesOnConnection: { description: 'The items of this page (the nodes of `edges`).' },
    cursorFieldOptions: {
      description:
        'An opaque position: pass it as `after` (items that follow) or `before` (items that precede).',
    },
    nodeFieldOptions: { description: 'The item.' },
    firstArgOptions: {
      description: `The first items of the list (after \`after\`): a forward page of this size (default ${DEFAULT_PAGE_SIZE} when neither first nor last is given; each field states its maximum).`,
    },
    afterArgOptions: { description: 'A cursor from a page: only the items after it.' },
    lastArgOptions: {
      description:
        'The last items of the list (before `before`): a backward page of this size, in list order. Not together with first.',
    },
    beforeArgOptions: { description: 'A cursor from a page: only the items before it.' },
  },
});

builder.queryType({
  description: [
    'Entry points for reading. Limits on every operation (refused before it runs, code QUERY_TOO_COMPLEX):',
    `depth ${MAX_DEPTH} fields (introspection ${MAX_INTROSPECTION_DEPTH}), ${MAX_ALIASES} aliases,`,
    `${MAX_DIRECTIVES} directives, __schema once, cost ${MAX_COST} points (each field 1, searches 50,`,
    'geo queries 20, multiplied by the page size asked for: first/last/limit or the number of ids);',
    `${MAX_TOKENS} tokens (GRAPHQL_PARSE_FAILED) and ${MAX_QUERY_LENGTH} characters per document.`,
  ].join(' '),
});
builder.mutationType({
  description:
    'Entry points for writing. Each takes one `input` and returns a payload with what changed; expected failures carry `extensions.code` (BAD_USER_INPUT with field paths, CONFLICT with the current version, FORBIDDEN, NOT_FOUND).',
});

builder.scalarType('DateTime', {
  description: 'An instant in time, as an ISO-8601 string with time zone (e.g. 2026-01-28T09:30:00.000Z).',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    if (typeof value !== 'string') throw new TypeError('DateTime must be an ISO-8601 string');
    const date = new Date(value);
    if (Number.isNaN(date.getTime()) || !/\d{4}-\d{2}-\d{2}T/.test(value)) {
      throw new TypeError(`DateTime must be an ISO-8601 date-time, got "${value}"`);
    }
    return date;
  },
});
