import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { forbidden, unauthenticated } from '../errors.js';
import { hasRole, isStaff } from '../auth/principal.js';
import type { Role } from '../auth/principal.js';
import type { Context } from '../context.js';

/**
 * The schema builder: plugins, scalars and auth scopes only. Domain types live in src/modules.
 *
 * Scopes: `staff` = any role; `editorial` = editor, reviewer or admin; `role: 'editor'` = that role or admin.
 */
export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: { staff: boolean; editorial: boolean; role: Role };
  DefaultFieldNullability: false;
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
  },
});

builder.queryType({});
builder.mutationType({});

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
