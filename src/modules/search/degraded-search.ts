import type { Principal } from '../../auth/principal.js';
import { normaliseErrorCode } from '../articles/index.js';
import type { ArticleMatchRepository, ArticleReader } from '../articles/index.js';
import { errorCodeCandidates } from '../../lib/normalise-text.js';
import { preferLocale, queryLocale } from './query-language.js';
import { countValues, markup } from './search-results.js';
import type { SearchFilter, SearchHit, SearchResult } from './search-results.js';

/**
 * The degraded path, while Meilisearch cannot answer: every term must appear in the title or summary,
 * or be a carried error code; articles carrying a code the query names come first.
 */
export async function searchMongo(
  matches: ArticleMatchRepository,
  articles: ArticleReader,
  reader: Principal,
  query: string,
  filter: SearchFilter,
  first: number,
  offset: number,
): Promise<SearchResult> {
  const started = performance.now();
  const codes = errorCodeCandidates(query);
  const matched = await matches.findReadableMatching(
    articles.readableFilter(reader, 'search'),
    {
      ...filter,
      errorCode: filter.errorCode ? normaliseErrorCode(filter.errorCode) : null,
      terms: query
        .split(' ')
        .filter((word) => word !== '')
        .map((text) => ({
          text,
          errorCode:
            codes.includes(text) || codes.includes(normaliseErrorCode(text))
              ? normaliseErrorCode(text)
              : null,
        })),
    },
    1000,
  );
  const carriers = matched.filter((doc) => doc.live?.errorCodes.some((code) => codes.includes(code)));
  const carried = [...carriers, ...matched.filter((doc) => !carriers.includes(doc))];
  const prefer = filter.locale ? null : queryLocale(query);
  const { hits: ordered, dropped } = prefer ? preferLocale(carried, prefer) : { hits: carried, dropped: [] };
  const counted = dropped.length === 0 ? matched : matched.filter((doc) => !dropped.includes(doc));
  const hits: SearchHit[] = [];
  for (const doc of ordered.slice(offset, offset + first)) {
    const view = articles.view(reader, doc, 'search');
    if (!view) continue;
    hits.push({
      article: view,
      title: markup(view.content.title),
      snippet: markup(view.content.summary),
      matchedErrorCodes: view.content.errorCodes.filter((code) => codes.includes(code)),
    });
  }
  return {
    query,
    totalHits: counted.length,
    processingTimeMs: Math.round(performance.now() - started),
    degraded: true,
    facets: {
      categories: countValues(counted, (doc) => doc.live?.categoryPath ?? []),
      tags: countValues(counted, (doc) => doc.live?.tags ?? []),
    },
    hits,
  };
}
