/** The result types of article search and the pure helpers that shape hits and facets. */
import type { Audience, Locale } from '../articles/index.js';
import type { ArticleView } from '../articles/index.js';
import type { AnswerCard } from './answer-card.js';

/** What a search may be narrowed to. */
export interface SearchFilter {
  category?: string | null;
  tags?: string[] | null;
  audience?: Audience | null;
  locale?: Locale | null;
  errorCode?: string | null;
}

/**
 * Where a search hit's article view comes from: its index entry (`index`: no MongoDB read; enough for
 * the Article fields in INDEX_ENTRY_ARTICLE_FIELDS) or the stored article (`stored`: any field).
 */
export type HitArticles = 'index' | 'stored';

export interface SearchOptions {
  /** Where the search came from, for the search log. */
  channel?: string | null;
  /** Default `stored`. */
  articles?: HitArticles;
  /** Whether to build an answer card for a confident top hit (default true; false when not selected). */
  answerCard?: boolean;
  /**
   * Whether to count facets (default true; false when not selected): the engine is then not asked
   * for them, and `facets` holds empty lists.
   */
  facets?: boolean;
}

/** A spelling correction of a query that found nothing, and how many articles it finds. */
export interface DidYouMean {
  query: string;
  hitCount: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchHit {
  article: ArticleView;
  /** The title with matches wrapped in <mark></mark>; the rest is HTML-escaped. */
  title: string;
  /** A cropped, highlighted passage of the body (or summary), HTML-escaped except <mark>. */
  snippet: string;
  matchedErrorCodes: string[];
}

export interface SearchResult {
  query: string;
  totalHits: number;
  processingTimeMs: number;
  /** True when Meilisearch could not answer and MongoDB did (simpler matching, no typo tolerance). */
  degraded: boolean;
  facets: { categories: FacetCount[]; tags: FacetCount[] };
  hits: SearchHit[];
  /** When the query found nothing and a shorter form of it did: that form, whose results these are. */
  relaxedQuery?: string | null;
  /** When the query found nothing: a spelling correction of it that finds something. */
  didYouMean?: DidYouMean | null;
  /** On the first page, when the top hit is a confident answer: its card. */
  answerCard?: AnswerCard | null;
}

/** Highlight markers Meilisearch puts around matches (turned into <mark> by `markup`). */
export const MARK_OPEN = '\u0001';
export const MARK_CLOSE = '\u0002';

/** HTML-escapes text and turns the highlight markers into <mark> elements. */
export function markup(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replaceAll(MARK_OPEN, '<mark>')
    .replaceAll(MARK_CLOSE, '</mark>');
}

/** Facet counts, largest first, less one for each value in `minus` (dropped hits); zeros left out. */
export function facetCounts(
  distribution: Record<string, number> | undefined,
  minus: string[] = [],
): FacetCount[] {
  const counts = { ...distribution };
  for (const value of minus) if (counts[value] !== undefined) counts[value] -= 1;
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** Facet counts of the values `valuesOf` gives for each item. */
export function countValues<T>(items: T[], valuesOf: (item: T) => string[]): FacetCount[] {
  const counts = new Map<string, number>();
  for (const item of items)
    for (const value of valuesOf(item)) counts.set(value, (counts.get(value) ?? 0) + 1);
  return facetCounts(Object.fromEntries(counts));
}
