import { builder } from '../../schema/builder.js';
import { ROLES } from '../../auth/principal.js';
import type { Principal, Role } from '../../auth/principal.js';

export const RoleEnum = builder.enumType('Role', {
  description: 'What a staff member may do. Admins may do everything.',
  values: Object.fromEntries(ROLES.map((role) => [role.toUpperCase(), { value: role }])) as Record<
    Uppercase<Role>,
    { value: Role }
  >,
});

const Viewer = builder.objectRef<Principal>('Viewer').implement({
  description: 'The caller of this request, as the service sees it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The token subject, or "public" for anonymous callers.' }),
    roles: t.field({ type: [RoleEnum], resolve: (principal) => [...principal.roles] }),
    isPublic: t.exposeBoolean('isPublic', {
      description: 'True for anonymous callers (portals); they see only public content.',
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: Viewer,
    description: 'Who the service thinks you are. Anonymous callers get the public principal.',
    resolve: (_root, _args, context) => context.principal,
  }),
);
