import { useCallback } from 'react';
import { format, useI18n } from './i18n';

/**
 * A page area's own strings (the workspace's editor, review, insights and admin areas each keep a
 * table beside their pages, loaded with their lazy chunk): Chinese first, English with the same
 * keys, checked by the compiler.
 */
export interface AreaMessages<K extends string> {
  'zh-CN': Record<K, string>;
  en: Record<K, string>;
}

/** Declares an area's table; the English keys must match the Chinese ones. */
export function defineMessages<K extends string>(
  zhCN: Record<K, string>,
  en: Record<K, string>,
): AreaMessages<K> {
  return { 'zh-CN': zhCN, en };
}

/** The lookup for an area's table in the current language. */
export function useAreaT<K extends string>(
  table: AreaMessages<K>,
): (key: K, values?: Record<string, string | number>) => string {
  const { locale } = useI18n();
  return useCallback((key, values) => format(table[locale][key], values), [table, locale]);
}
