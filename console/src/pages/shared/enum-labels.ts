import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useI18n } from '../../app/i18n';

export interface Label {
  value: string;
  label: string;
}

export const EnumLabelsQuery = graphql(`
  query EnumLabels($enum: String!, $locale: Locale!) {
    enumLabels(enum: $enum, locale: $locale) {
      value
      label
    }
  }
`);

/** The API's labels of an enum's values in the console's language (`enumLabels`), for any area. */
export function useEnumLabels(enumName: string): Label[] {
  const { apiLocale } = useI18n();
  const [result] = useQuery({ query: EnumLabelsQuery, variables: { enum: enumName, locale: apiLocale } });
  return result.data?.enumLabels ?? [];
}
