/** How article search asks Meilisearch: the filter a reader's search runs under, and the multi-search. */
import type { Meilisearch, MultiSearchParams, SearchResponse } from 'meilisearch';
import type { Principal } from '../../auth/principal.js';
import { normaliseErrorCode } from '../articles/index.js';
import type { ArticleReader, Locale } from '../articles/index.js';
import type { ArticleSearchDocument } from '../indexing/index.js';
import { errorCodeCandidates, normaliseText } from '../../lib/normalise-text.js';
import { queryLocale } from './query-language.js';
import { MARK_CLOSE, MARK_OPEN } from './search-results.js';
import type { SearchFilter } from './search-results.js';

/** Meilisearch's ranking score (0-1) below which a hit of the main query is not shown. */
const MIN_RANKING_SCORE = 0.2;
/** The index entry's attributes a hit is built from (see `resultOf` and `viewOfIndexEntry`). */
const HIT_ATTRIBUTES = [
  'id',
  'slug',
  'locale',
  'category',
  'categoryPath',
  'errorCodes',
  'tags',
  'audience',
  'validFromTs',
  'validToTs',
  'version',
] satisfies Array<keyof ArticleSearchDocument>;

/** What Meilisearch answered, before the hits are viewed. */
export interface EngineAnswer {
  query: string;
  codes: string[];
  /** The locale hits are shown in, one per article (null: every hit as ranked; see query-language.ts). */
  prefer: Locale | null;
  main: SearchResponse<ArticleSearchDocument>;
  lane: SearchResponse<ArticleSearchDocument>['hits'];
}

/** A string as a Meilisearch filter literal. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

export class ArticleEngine {
  constructor(
    private readonly meili: () => Meilisearch,
    readonly indexUid: string,
    private readonly reader: ArticleReader,
  ) {}

  /** The Meilisearch filter clauses for what this reader may find, narrowed by `filter`. */
  filterClauses(reader: Principal, filter: SearchFilter): string[] {
    const visibility = this.reader.searchableFilter(reader);
    const clauses = visibility ? [visibility] : [];
    if (filter.category) clauses.push(`categoryPath = ${quote(filter.category)}`);
    if (filter.tags?.length)
      clauses.push(`tags IN [${filter.tags.map((tag) => quote(normaliseText(tag))).join(', ')}]`);
    if (filter.audience) clauses.push(`audience = ${filter.audience}`);
    if (filter.locale) clauses.push(`locale = ${quote(filter.locale)}`);
    if (filter.errorCode) clauses.push(`errorCodes = ${quote(normaliseErrorCode(filter.errorCode))}`);
    return clauses;
  }

  /**
   * The main query and, when the query names error codes, the error-code lane, in one multi-search,
   * leaving out the `hidden` ids. Asks for the first `want` hits of each (twice as many when hits
   * are shown one per article, so that a page stays full after translations are left out, and the
   * totals and facets leave out the translations that window holds). Facet counts only when `facets`
   * (the answer's `facetDistribution` is then absent).
   */
  async ask(
    reader: Principal,
    query: string,
    filter: SearchFilter,
    want: number,
    hidden: string[],
    facets = true,
  ): Promise<EngineAnswer> {
    const clauses = this.filterClauses(reader, filter);
    if (hidden.length > 0) clauses.push(`id NOT IN [${hidden.map(quote).join(', ')}]`);
    const codes = errorCodeCandidates(query);
    const language = queryLocale(query);
    const prefer = filter.locale ? null : language;
    const locales = language === 'zh-CN' ? ['cmn'] : /[a-z]/i.test(query) ? ['eng'] : undefined;
    const display = {
      // Only what a hit is built from (the entry's view, the code chips, facets of dropped hits): the
      // titles, summaries and bodies come back highlighted or cropped in `_formatted` alone.
      attributesToRetrieve: HIT_ATTRIBUTES,
      attributesToHighlight: ['title_zh', 'title_en'],
      attributesToCrop: ['body_zh', 'body_en', 'summary_zh', 'summary_en'],
      cropLength: 36,
      highlightPreTag: MARK_OPEN,
      highlightPostTag: MARK_CLOSE,
      // The answer card's confidence reads the top hits' scores.
      showRankingScore: true,
      ...(locales ? { locales } : {}),
    };
    const limit = prefer ? want * 2 : want;
    const queries: MultiSearchParams['queries'] = [
      {
        indexUid: this.indexUid,
        q: query,
        filter: clauses.join(' AND '),
        ...(facets ? { facets: ['categoryPath', 'tags'] } : {}),
        // Hits that match the query only loosely (a stray word of it) are not answers: a query with
        // no good answer finds nothing rather than something misleading (the relevance lab's
        // no-answer queries; higher thresholds start to cost question and colloquial queries).
        rankingScoreThreshold: MIN_RANKING_SCORE,
        limit,
        offset: 0,
        ...display,
      },
    ];
    if (codes.length > 0) {
      queries.push({
        indexUid: this.indexUid,
        // The codes first, then the rest of the query, dropped from the end as needed: words no
        // article contains (`某某小区 734`) never keep a named code's article away.
        q: `${codes.join(' ')} ${query}`,
        matchingStrategy: 'last',
        filter: [...clauses, `errorCodes IN [${codes.map(quote).join(', ')}]`].join(' AND '),
        limit,
        offset: 0,
        ...display,
      });
    }
    const { results } = await this.meili().multiSearch({ queries });
    const main = results[0] as SearchResponse<ArticleSearchDocument> | undefined;
    if (!main) throw new Error('Meilisearch answered no result');
    const lane = (results[1] as SearchResponse<ArticleSearchDocument> | undefined)?.hits ?? [];
    return { query, codes, prefer, main, lane };
  }

  /**
   * Type-ahead: articles whose title or error codes start with or contain `prefix` (the engine
   * matches the last word as a prefix), under the reader's visibility, leaving out `hidden` ids.
   */
  async suggest(
    reader: Principal,
    prefix: string,
    limit: number,
    hidden: string[],
  ): Promise<SearchResponse<ArticleSearchDocument>['hits']> {
    const clauses = this.filterClauses(reader, {});
    if (hidden.length > 0) clauses.push(`id NOT IN [${hidden.map(quote).join(', ')}]`);
    const locale = queryLocale(prefix);
    const response = await this.meili()
      .index<ArticleSearchDocument>(this.indexUid)
      .search(prefix, {
        filter: clauses.join(' AND '),
        attributesToSearchOn: ['title_zh', 'title_en', 'errorCodes'],
        attributesToRetrieve: [...HIT_ATTRIBUTES, 'title_zh', 'title_en'],
        attributesToHighlight: ['title_zh', 'title_en'],
        highlightPreTag: MARK_OPEN,
        highlightPostTag: MARK_CLOSE,
        limit,
        ...(locale ? { locales: [locale === 'zh-CN' ? 'cmn' : 'eng'] } : {}),
      });
    return response.hits;
  }

  /**
   * How many articles each of `candidates` (other forms of a query: relaxed, spelt right) finds
   * under the same filter and score threshold as the main query (the engine's estimate), asked in
   * one multi-search.
   */
  async hitCounts(
    reader: Principal,
    candidates: string[],
    filter: SearchFilter,
    hidden: string[],
  ): Promise<number[]> {
    if (candidates.length === 0) return [];
    const clauses = this.filterClauses(reader, filter);
    if (hidden.length > 0) clauses.push(`id NOT IN [${hidden.map(quote).join(', ')}]`);
    const { results } = await this.meili().multiSearch({
      queries: candidates.map((q) => ({
        indexUid: this.indexUid,
        q,
        filter: clauses.join(' AND '),
        rankingScoreThreshold: MIN_RANKING_SCORE,
        attributesToRetrieve: ['id'],
        limit: 1,
      })),
    });
    return candidates.map((_, i) => {
      const result = results[i];
      if (!result || result.hits.length === 0) return 0;
      return Math.max(result.hits.length, result.estimatedTotalHits ?? result.totalHits ?? 0);
    });
  }
}
