import { useCallback, useState } from 'react';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { EnumLabelsQuery } from './documents';

export interface Label {
  value: string;
  label: string;
}

/** The API's labels of an enum's values in the console's language (`enumLabels`). */
export function useEnumLabels(enumName: string): Label[] {
  const { apiLocale } = useI18n();
  const [result] = useQuery({ query: EnumLabelsQuery, variables: { enum: enumName, locale: apiLocale } });
  return result.data?.enumLabels ?? [];
}

const CHANNEL_KEY = 'ckb.contactChannel';
export type UseChannelValue =
  'ACCOUNT_MANAGER' | 'APP' | 'HALL' | 'HOTLINE' | 'ONLINE_CHAT' | 'OTHER' | 'SMS' | 'SOCIAL' | 'WEB';
const CHANNELS: readonly string[] = [
  'ACCOUNT_MANAGER',
  'APP',
  'HALL',
  'HOTLINE',
  'ONLINE_CHAT',
  'OTHER',
  'SMS',
  'SOCIAL',
  'WEB',
];

/** The channel of the agent's current contact (hotline by default); kept across reloads, as an agent's seat rarely changes. */
export function useContactChannel(): [UseChannelValue, (channel: UseChannelValue) => void] {
  const [channel, setState] = useState<UseChannelValue>(() => {
    const stored = window.localStorage.getItem(CHANNEL_KEY) ?? '';
    return CHANNELS.includes(stored) ? (stored as UseChannelValue) : 'HOTLINE';
  });
  const set = useCallback((next: UseChannelValue) => {
    window.localStorage.setItem(CHANNEL_KEY, next);
    setState(next);
  }, []);
  return [channel, set];
}
