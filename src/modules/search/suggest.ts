/**
 * Type-ahead (输入联想): error codes, popular queries and article titles for what a reader has typed
 * so far, from Meilisearch and the in-memory popular queries: no MongoDB command per keystroke.
 */
import type { Principal } from '../../auth/principal.js';
import { badField, searchUnavailable } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { normaliseText } from '../../lib/normalise-text.js';
import type { ArticleReader } from '../articles/index.js';
import type { ArticleEngine } from './article-engine.js';
import type { PopularQueries } from './popular-queries.js';
import { preferLocale, queryLocale } from './query-language.js';
import { MARK_CLOSE, MARK_OPEN, markup } from './search-results.js';

export type SuggestionKind = 'ERROR_CODE' | 'POPULAR_QUERY' | 'TITLE';

export interface Suggestion {
  kind: SuggestionKind;
  /** What to put in the search box (plain text). */
  text: string;
  /** `text` as HTML: the typed prefix in <mark>, everything else escaped. */
  highlighted: string;
  /** The article the suggestion leads to (hex id); null for a popular query. */
  articleId: string | null;
}

export const MAX_PREFIX_LENGTH = 50;
export const MAX_SUGGESTIONS = 20;
const CODE_PREFIX = /^(0x[0-9a-f]*|[0-9]+)$/i;

/** Highlights where `text` starts with `prefix` (case-insensitive). */
function markPrefix(text: string, prefix: string): string {
  if (!text.toLowerCase().startsWith(prefix.toLowerCase())) return markup(text);
  return markup(`${MARK_OPEN}${text.slice(0, prefix.length)}${MARK_CLOSE}${text.slice(prefix.length)}`);
}

export class SuggestService {
  constructor(
    private readonly engine: ArticleEngine,
    private readonly reader: ArticleReader,
    private readonly hiddenFor: (reader: Principal) => Promise<string[]>,
    private readonly popular: PopularQueries,
    private readonly logger: Logger,
  ) {}

  /**
   * Up to `first` suggestions for `rawPrefix`: error codes starting with it, then popular queries
   * (at most half), then titles of articles the reader may read, in the prefix's language first.
   * @throws AppError BAD_USER_INPUT naming `prefix` (empty or over 50 characters) or `first` (not 1-20);
   *   SEARCH_UNAVAILABLE when Meilisearch does not answer.
   */
  async suggest(principal: Principal, rawPrefix: string, first: number): Promise<Suggestion[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_SUGGESTIONS)
      throw badField('first', `must be between 1 and ${MAX_SUGGESTIONS}`);
    if (rawPrefix.length > MAX_PREFIX_LENGTH)
      throw badField('prefix', `must be at most ${MAX_PREFIX_LENGTH} characters`);
    const prefix = normaliseText(rawPrefix);
    if (prefix === '') throw badField('prefix', 'must not be empty');

    const hidden = await this.hiddenFor(principal);
    const hits = await this.engine.suggest(principal, prefix, first * 2, hidden).catch((error: unknown) => {
      this.logger.warn({ err: error, source: 'meilisearch' }, 'Meilisearch did not answer a suggestion');
      throw searchUnavailable();
    });
    const locale = queryLocale(prefix);
    const readable = (locale ? preferLocale(hits, locale).hits : hits).filter(
      (hit) => this.reader.viewOfIndexEntry(principal, hit) !== null,
    );
    const suggestions: Suggestion[] = [];
    if (CODE_PREFIX.test(prefix)) {
      for (const hit of readable)
        for (const code of hit.errorCodes)
          if (code.toLowerCase().startsWith(prefix.toLowerCase()))
            suggestions.push({
              kind: 'ERROR_CODE',
              text: code,
              highlighted: markPrefix(code, prefix),
              articleId: hit.id,
            });
    }
    for (const query of this.popular.matching(prefix, principal.isPublic, Math.ceil(first / 2)))
      suggestions.push({
        kind: 'POPULAR_QUERY',
        text: query,
        highlighted: markPrefix(query, prefix),
        articleId: null,
      });
    for (const hit of readable) {
      const formatted = (hit._formatted ?? {}) as { title_zh?: string; title_en?: string };
      const title = hit.title_zh ?? hit.title_en ?? '';
      const marked = formatted.title_zh ?? formatted.title_en ?? title;
      suggestions.push({ kind: 'TITLE', text: title, highlighted: markup(marked), articleId: hit.id });
    }
    const seen = new Set<string>();
    return suggestions
      .filter((each) => {
        const key = each.text.toLowerCase();
        return each.text !== '' && !seen.has(key) && Boolean(seen.add(key));
      })
      .slice(0, first);
  }
}
