import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { useAreaT } from '../../app/area-i18n';
import { useI18n } from '../../app/i18n';
import { CategoriesQuery } from './documents';
import { editorMessages } from './messages';

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}

/** The flat category list as a tree, siblings in their order. */
export function categoryTree(
  categories: ReadonlyArray<{ key: string; parentKey: string | null; order: number; name: string }>,
): TreeNode[] {
  const sorted = [...categories].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
  const byParent = new Map<string | null, typeof sorted>();
  for (const category of sorted) {
    byParent.set(category.parentKey, [...(byParent.get(category.parentKey) ?? []), category]);
  }
  const build = (parent: string | null): TreeNode[] =>
    (byParent.get(parent) ?? []).map((c) => ({ value: c.key, title: c.name, children: build(c.key) }));
  return build(null);
}

/** The article's category, chosen from the category tree. */
export function CategoryPicker({
  id,
  value,
  disabled,
  invalid,
  onChange,
}: {
  id: string;
  value: string;
  disabled: boolean;
  invalid: boolean;
  onChange: (key: string) => void;
}) {
  const t = useAreaT(editorMessages);
  const { apiLocale } = useI18n();
  const [result] = useQuery({ query: CategoriesQuery, variables: { locale: apiLocale } });
  const tree = useMemo(() => categoryTree(result.data?.categories ?? []), [result.data]);
  return (
    <TreeSelect
      id={id}
      value={value || undefined}
      treeData={tree}
      disabled={disabled}
      status={invalid ? 'error' : undefined}
      loading={result.fetching}
      placeholder={t('categoryPlaceholder')}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      onChange={(key: string) => onChange(key)}
    />
  );
}
