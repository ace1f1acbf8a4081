export type SeedLocale = 'zh-CN' | 'en';
export type SeedAudience = 'PUBLIC' | 'INTERNAL';
export type SeedStatus = 'DRAFT' | 'IN_REVIEW' | 'PUBLISHED' | 'ARCHIVED';

export interface SeedArticle {
  /** URL-safe and stable: [a-z0-9]+(-[a-z0-9]+)*, at most 80 chars. A translation has the SAME slug in another locale. */
  slug: string;
  locale: SeedLocale;
  /** At most 120 characters. */
  title: string;
  /** One or two sentences, at most 300 characters. */
  summary: string;
  /** Markdown, 400-2500 characters. */
  body: string;
  /** A SeedCategory key. */
  category: string;
  /** 2-6 short tags in the article's language. */
  tags: string[];
  /** Normalised error codes as digit strings; [] when none. */
  errorCodes: string[];
  audience: SeedAudience;
  status: SeedStatus;
  /** Slugs of other seed articles that exist in the same locale. */
  related: string[];
  /** An editor id. */
  owner: string;
  /** ISO dates; omitted means always valid. */
  validFrom?: string;
  validTo?: string;
}
/** What a seed article must spell out; the rest defaults to a published, public article without codes. */
type ArticleDraft = Pick<SeedArticle, 'slug' | 'title' | 'summary' | 'body' | 'category' | 'tags'> &
  Partial<Omit<SeedArticle, 'locale'>>;

function article(locale: SeedLocale, draft: ArticleDraft): SeedArticle {
  return {
    locale,
    errorCodes: [],
    audience: 'PUBLIC',
    status: 'PUBLISHED',
    related: [],
    owner: 'editor-wang',
    ...draft,
  };
}

/** A Chinese seed article (published and public unless it says otherwise). */
export const zh = (draft: ArticleDraft): SeedArticle => article('zh-CN', draft);
/** An English seed article: a translation shares its Chinese article's slug. */
export const en = (draft: ArticleDraft): SeedArticle => article('en', draft);
