import { useCallback, useState } from 'react';

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
