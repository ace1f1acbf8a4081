/**
 * The query's language and the rule that shows each article once, in that language (搜索结果优先显示
 * 与查询同语言的文章). Help-centre search shows a reader one article per topic, in the reader's
 * language; the translation stays one click away (`Article.translations`).
 */
import type { Locale } from '../articles/index.js';

/**
 * The locale a query is written in: Chinese when it has a Han character, English when it has a
 * Latin word of three letters or more that is not a hex error code; null for codes alone (`691`).
 */
export function queryLocale(query: string): Locale | null {
  if (/\p{Script=Han}/u.test(query)) return 'zh-CN';
  const words = query.match(/[A-Za-z][A-Za-z0-9]*/g) ?? [];
  return words.some((word) => /^[A-Za-z]{3,}$/.test(word) && !/^0x/i.test(word)) ? 'en' : null;
}

/**
 * The hits as a reader of `locale` wants them: each article once, in `locale` when that version is
 * among the hits, in the place of the better ranked of its versions; then the articles found only
 * in the other language, in rank order. Returns the hits kept and the translations left out.
 */
export function preferLocale<T extends { slug: string; locale: string }>(
  hits: readonly T[],
  locale: Locale,
): { hits: T[]; dropped: T[] } {
  const inLocale = new Map<string, T>();
  for (const hit of hits) if (hit.locale === locale && !inLocale.has(hit.slug)) inLocale.set(hit.slug, hit);
  const shown = new Set<string>();
  const first: T[] = [];
  const dropped: T[] = [];
  const after: T[] = [];
  for (const hit of hits) {
    const preferred = inLocale.get(hit.slug);
    if (shown.has(hit.slug)) {
      if (hit !== preferred) dropped.push(hit);
      continue;
    }
    shown.add(hit.slug);
    if (preferred && preferred !== hit) dropped.push(hit);
    if (preferred) first.push(preferred);
    else after.push(hit);
  }
  return { hits: [...first, ...after], dropped };
}
