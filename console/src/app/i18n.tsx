import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { messages } from './messages';
import type { MessageKey } from './messages';

/** The console's languages: Chinese first, English as the switch. */
export type UiLocale = 'zh-CN' | 'en';
/** The API's `Locale` enum for the same language. */
export type ApiLocale = 'ZH_CN' | 'EN';

const STORAGE_KEY = 'ckb.locale';

/** The language to start in: `?lang=en` (a portal linking the finder in English), the last choice, else Chinese. */
export function initialLocale(search: string, stored: string | null): UiLocale {
  const asked = new URLSearchParams(search).get('lang');
  if (asked === 'en' || asked === 'zh-CN') return asked;
  return stored === 'en' ? 'en' : 'zh-CN';
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

interface I18n {
  locale: UiLocale;
  apiLocale: ApiLocale;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  setLocale: (locale: UiLocale) => void;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<UiLocale>(() =>
    initialLocale(window.location.search, window.localStorage.getItem(STORAGE_KEY)),
  );
  const setLocale = useCallback((next: UiLocale) => {
    window.localStorage.setItem(STORAGE_KEY, next);
    setLocaleState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(() => {
    const table = messages[locale];
    return {
      locale,
      apiLocale: locale === 'en' ? 'EN' : 'ZH_CN',
      t: (key, values) => format(table[key], values),
      setLocale,
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language, its API form, and the message lookup. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
