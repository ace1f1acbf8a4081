import { Kind } from 'graphql';
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects `name` directly below it (through fragments too), so a
 * resolver can skip work nobody asked for (e.g. facet counts when only `totalCount` is wanted).
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  const within = (selectionSet: SelectionSetNode | undefined): boolean =>
    (selectionSet?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return within(selection.selectionSet);
      const fragmentName = selection.name.value;
      if (seen.has(fragmentName)) return false;
      seen.add(fragmentName);
      return within(info.fragments[fragmentName]?.selectionSet);
    });
  return info.fieldNodes.some((node) => within(node.selectionSet));
}

/**
 * The field names selected on the nodes of the connection being resolved (under `edges { node }`
 * and `nodes`), through fragments, so a resolver can read only what its nodes will resolve.
 * `@skip`/`@include` are ignored: a field they may leave out still counts (reading more is safe).
 */
export function connectionNodeFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const collect = (selectionSet: SelectionSetNode | undefined, visit: (field: FieldNode) => void): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) visit(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, visit);
      else {
        const key = selection.name.value;
        const fragment = info.fragments[key];
        if (!fragment || seen.has(key)) continue;
        seen.add(key);
        collect(fragment.selectionSet, visit);
        seen.delete(key);
      }
    }
  };
  const onNode = (field: FieldNode) => names.add(field.name.value);
  for (const node of info.fieldNodes) {
    collect(node.selectionSet, (field) => {
      if (field.name.value === 'nodes') collect(field.selectionSet, onNode);
      if (field.name.value === 'edges') {
        collect(field.selectionSet, (edgeField) => {
          if (edgeField.name.value === 'node') collect(edgeField.selectionSet, onNode);
        });
      }
    });
  }
  return names;
}
