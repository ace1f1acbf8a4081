import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useI18n } from '../../app/i18n';

export const RegionsQuery = graphql(`
  query Regions($parentCode: String, $locale: Locale!) {
    regions(parentCode: $parentCode) {
      id
      code
      level
      name(locale: $locale)
    }
  }
`);

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

const toOption = (region: { code: string; name: string; level: string }): Option => ({
  value: region.code,
  label: region.name,
  isLeaf: region.level === 'COUNTY' || region.level === 'TOWNSHIP',
});

/**
 * Province / city / county from the API's region tree, loaded level by level; any level may be
 * chosen. `value` is the path of codes from the province down.
 */
export function RegionCascader({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string[];
  onChange: (path: string[]) => void;
}) {
  const { apiLocale } = useI18n();
  const client = useClient();
  const [provinces] = useQuery({ query: RegionsQuery, variables: { parentCode: null, locale: apiLocale } });
  const [children, setChildren] = useState<Record<string, Option[]>>({});
  const withChildren = (option: Option): Option =>
    children[option.value] ? { ...option, children: children[option.value]!.map(withChildren) } : option;
  const options = (provinces.data?.regions ?? []).map(toOption).map(withChildren);

  const loadChildren = async (code: string): Promise<void> => {
    if (children[code]) return;
    const answer = await client.query(RegionsQuery, { parentCode: code, locale: apiLocale }).toPromise();
    const found = (answer.data?.regions ?? []).filter((region) => region.level !== 'TOWNSHIP').map(toOption);
    setChildren((current) => ({ ...current, [code]: found }));
  };

  // Open the chosen path's levels again after a reload, so the cascader can show it.
  const pathKey = value.join('.');
  useEffect(() => {
    for (const code of pathKey.split('.').slice(0, -1)) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the state is set once the levels have loaded
      if (code) void loadChildren(code);
    }
    // Only when the path changes (loadChildren skips the levels already loaded).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pathKey]);

  return (
    <Cascader
      aria-label={label}
      placeholder={label}
      options={options}
      loadData={(path) => {
        const last = path[path.length - 1];
        if (last) void loadChildren(last.value);
      }}
      changeOnSelect
      value={value}
      onChange={(path) => onChange((path ?? []).map(String))}
      style={{ minWidth: 260 }}
    />
  );
}
