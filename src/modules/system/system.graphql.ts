import { decodeGlobalID } from '@pothos/plugin-relay';
import { isObjectType } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { builder } from '../../schema/builder.js';
import { labelledEnum } from '../../schema/labels.js';
import { MAX_NODE_IDS } from '../../schema/limits.js';
import { badField } from '../../errors.js';
import { ROLES } from '../../auth/principal.js';
import type { Principal, Role } from '../../auth/principal.js';

export const RoleEnum = labelledEnum('Role', {
  description: 'What a staff member may do. Admins may do everything.',
  labels: {
    AGENT: { 'zh-CN': '客服代表', en: 'Agent' },
    EDITOR: { 'zh-CN': '编辑', en: 'Editor' },
    REVIEWER: { 'zh-CN': '审核员', en: 'Reviewer' },
    ADMIN: { 'zh-CN': '管理员', en: 'Administrator' },
  } satisfies Record<Uppercase<Role>, unknown>,
  notes: {
    AGENT: 'Reads internal articles, records uses, reports problems',
    EDITOR: 'Writes articles and synonyms, resolves reports',
    REVIEWER: 'Publishes or sends back submitted articles',
    ADMIN: 'Everything, the channel directory included',
  },
  internal: Object.fromEntries(ROLES.map((role) => [role.toUpperCase(), role])) as Record<
    Uppercase<Role>,
    Role
  >,
});

const Viewer = builder.objectRef<Principal>('Viewer').implement({
  description: 'The caller of this request, as the service sees it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The token subject, or "public" for anonymous callers.' }),
    roles: t.field({
      type: [RoleEnum],
      description: 'Your roles (empty for the public).',
      resolve: (principal) => [...principal.roles],
    }),
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

/**
 * Decodes a global id for `node`/`nodes`: null when it names a type that is not a loadable Node
 * (Relay: an unknown object is null).
 * @throws AppError BAD_USER_INPUT naming `field` when it is not a global id at all.
 */
function nodeKey(schema: GraphQLSchema, id: string, field: string): { type: string; id: string } | null {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(id);
  } catch {
    throw badField(field, 'not a global id (ids are opaque strings taken from an `id` field)');
  }
  const type = schema.getType(decoded.typename);
  const isNode = isObjectType(type) && type.getInterfaces().some((iface) => iface.name === 'Node');
  return isNode && decoded.id !== '' ? { type: decoded.typename, id: decoded.id } : null;
}

builder.queryFields((t) => ({
  node: t.node({
    description: 'The object with this global id, or null when it does not exist or you may not see it.',
    args: { id: t.arg.id({ required: true, description: 'A global id.' }) },
    id: (_root, args, _context, info) => nodeKey(info.schema, String(args.id), 'id'),
  }),
  nodes: t.nodeList({
    description: `The objects with these global ids, in order (null where one does not exist or is hidden); at most ${MAX_NODE_IDS} ids.`,
    args: { ids: t.arg.idList({ required: true, description: `Global ids, at most ${MAX_NODE_IDS}.` }) },
    ids: (_root, args, _context, info) => {
      if (args.ids.length > MAX_NODE_IDS) throw badField('ids', `at most ${MAX_NODE_IDS} ids at once`);
      return args.ids.map((id, index) => nodeKey(info.schema, String(id), `ids[${index}]`));
    },
  }),
}));
