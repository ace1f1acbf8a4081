import { Select } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { useAreaT } from '../../app/area-i18n';
import { RelatedSearchQuery } from './documents';
import type { RelatedRef } from './fields';
import { editorMessages } from './messages';
import { useDebounced } from './use-debounced';

interface Props {
  id: string;
  value: RelatedRef[];
  /** The article being edited: never offered as related to itself. */
  selfId: string | undefined;
  disabled: boolean;
  onChange: (related: RelatedRef[]) => void;
}

/** Related articles: search the published articles and add them; the chosen ones show their titles. */
export function RelatedPicker({ id, value, selfId, disabled, onChange }: Props) {
  const t = useAreaT(editorMessages);
  const [typed, setTyped] = useState('');
  const query = useDebounced(typed.trim(), 250);
  const [result] = useQuery({ query: RelatedSearchQuery, variables: { query }, pause: query === '' });
  const found = (result.data?.searchArticles?.edges ?? [])
    .map((edge) => edge.node)
    .filter((node) => node.id !== selfId && !value.some((chosen) => chosen.id === node.id));
  const options = [
    ...value.map((ref) => ({ value: ref.id, label: ref.title })),
    ...found.map((node) => ({ value: node.id, label: node.title })),
  ];
  return (
    <Select
      id={id}
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
      labelInValue
      disabled={disabled}
      placeholder={t('relatedPlaceholder')}
      loading={result.fetching}
      value={value.map((ref) => ({ value: ref.id, label: ref.title }))}
      options={options}
      onChange={(chosen: Array<{ value: string; label: unknown }>) => {
        setTyped('');
        onChange(
          chosen.map(({ value: chosenId, label }) => ({
            id: chosenId,
            title:
              typeof label === 'string'
                ? label
                : (options.find((o) => o.value === chosenId)?.label ?? chosenId),
          })),
        );
      }}
    />
  );
}
