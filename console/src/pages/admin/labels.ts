import { useCallback, useMemo } from 'react';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { AdminLabelsQuery } from './documents';

export interface Option {
  value: string;
  label: string;
}

/** The API's display labels of every enum, in the console's language (one request for the area). */
export function useLabels(): {
  /** The label of one value (the value itself until the labels arrive). */
  label: (enumName: string, value: string) => string;
  /** An enum's values with their labels, in schema order. */
  options: (enumName: string) => Option[];
} {
  const { apiLocale } = useI18n();
  const [result] = useQuery({ query: AdminLabelsQuery, variables: { locale: apiLocale } });
  const byEnum = useMemo(() => {
    const map = new Map<string, Option[]>();
    for (const row of result.data?.enumLabels ?? []) {
      const list = map.get(row.enum) ?? [];
      list.push({ value: row.value, label: row.label });
      map.set(row.enum, list);
    }
    return map;
  }, [result.data]);
  const label = useCallback(
    (enumName: string, value: string) =>
      byEnum.get(enumName)?.find((option) => option.value === value)?.label ?? value,
    [byEnum],
  );
  const options = useCallback((enumName: string) => byEnum.get(enumName) ?? [], [byEnum]);
  return { label, options };
}
